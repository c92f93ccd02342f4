import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, run, runJson, tempDir } from './helpers';

/** test/fixtures/protocol-tickets: EPIC-1 names PAY-1; PRD-1 "PAY-10" and acme/shop#42; REQ-1 PAY-11 and notes-only. */
const tickets = fixture('protocol-tickets');

describe('cli: tickets', () => {
  it('report --format json lists each item that names tickets, with their URLs', () => {
    const r = runJson(['report', '--format', 'json'], tickets);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      (r.json.tickets as { item: { id: string; file: string }; tickets: unknown[] }[]).map(t => [
        t.item.id,
        t.item.file,
        t.tickets,
      ]),
      [
        ['EPIC-1', 'pay.epic.yaml', [{ ticket: 'PAY-1', url: 'https://acme.atlassian.net/browse/PAY-1' }]],
        [
          'PRD-1',
          'pay.prd.yaml',
          [
            { ticket: 'PAY-10', url: 'https://acme.atlassian.net/browse/PAY-10' },
            { ticket: 'acme/shop#42', url: 'https://tracker.example.com/github?key=acme%2Fshop%2342' },
          ],
        ],
        [
          'REQ-1',
          'pay.prd.yaml',
          [
            { ticket: 'PAY-11', url: 'https://acme.atlassian.net/browse/PAY-11' },
            { ticket: 'notes-only', url: null },
          ],
        ],
      ],
    );
  });

  it('report --format md and csv show the tickets per item', () => {
    const md = run(['report', '--format', 'md'], tickets);
    assert.equal(md.status, 0, md.stderr);
    const lines = linesOf(md.stdout);
    assert.deepEqual(lines.slice(lines.indexOf('## Tickets')), [
      '## Tickets',
      '',
      '| Item | Tickets | Where |',
      '| --- | --- | --- |',
      '| `EPIC-1` One-tap pay | [PAY-1](https://acme.atlassian.net/browse/PAY-1) | `pay.epic.yaml:1` |',
      '| `PRD-1` One-tap pay | [PAY-10](https://acme.atlassian.net/browse/PAY-10), [acme/shop\\#42](https://tracker.example.com/github?key=acme%2Fshop%2342) | `pay.prd.yaml:1` |',
      '| `REQ-1` Saved cards | [PAY-11](https://acme.atlassian.net/browse/PAY-11), notes-only | `pay.prd.yaml:6` |',
    ]);
    const csv = run(['report', '--format', 'csv'], tickets);
    assert.equal(csv.status, 0, csv.stderr);
    assert.deepEqual(csv.stdout.split('\r\n').slice(0, 2), [
      '\uFEFFGoal,Release,Epic,PRD,Requirement,Title,Status,Priority,Stories done,Stories total,Estimate done,Estimate total,Stories,File,Line,Tickets',
      ',,EPIC-1,PRD-1,REQ-1,Saved cards,draft,must,0,0,0,0,,pay.prd.yaml,6,"PAY-11; notes-only"',
    ]);
  });

  it('check refuses a bad tickets: configuration with its exact place, exit 2', () => {
    const t = tempDir();
    try {
      fs.cpSync(tickets, t.dir, { recursive: true });
      fs.writeFileSync(
        path.join(t.dir, '.specwright.yaml'),
        'tickets:\n  "[A-Z]+-[0-9]+": "file:///etc/{ticket}"\n  "(a|b": "https://x.example/{ticket}"\n',
      );
      const r = run(['check'], t.dir);
      assert.equal(r.status, 2);
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: invalid configuration, nothing was checked:',
        '  .specwright.yaml:2:20: the URL template of "[A-Z]+-[0-9]+" must be an http or https URL (got "file:///etc/{ticket}")',
        '  .specwright.yaml:3:3: tickets: the pattern "(a|b" is not a valid regular expression: Unterminated group',
      ]);
    } finally {
      t.remove();
    }
  });
});
