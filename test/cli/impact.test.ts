import * as assert from 'node:assert/strict';
import { useSpecHistory } from './gitRepo';
import { linesOf, run, runJson, snapshot } from './helpers';

describe('cli: impact', function () {
  this.timeout(120_000);
  const t = useSpecHistory();

  it('--since REV: the items whose content changed (a commit, a moved file edited in the working tree) and all below them', () => {
    const r = run(['impact', '--since', 'HEAD~1'], t.dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    // REQ-2's status changed too, which is no content change; REQ-9 was deleted; ST-3 is in a file git does not track yet.
    assert.deepEqual(linesOf(r.stdout), [
      'Changed since HEAD~1: REQ-1 (statement), REQ-4 (title)',
      '4 items downstream of REQ-1, REQ-4:',
      'REQ-2 One page (requirement, approved) specs/checkout.prd.yaml:10',
      '  REQ-1 → REQ-2 (depends_on)',
      'ST-1 Save a card (story) specs/sprint.stories.yaml:4',
      '  REQ-1 → ST-1 (implements)',
      'ST-3 Pay by wallet (story) specs/later.stories.yaml:4',
      '  REQ-4 → ST-3 (implements)',
      'ST-2 One page (story) specs/sprint.stories.yaml:5',
      '  REQ-1 → REQ-2 (depends_on) → ST-2 (implements)',
    ]);
  });

  it('--since HEAD: only what the working tree changed', () => {
    const r = run(['impact', '--since', 'HEAD'], t.dir);
    assert.equal(r.status, 0);
    assert.deepEqual(linesOf(r.stdout), [
      'Changed since HEAD: REQ-4 (title)',
      '1 item downstream of REQ-4:',
      'ST-3 Pay by wallet (story) specs/later.stories.yaml:4',
      '  REQ-4 → ST-3 (implements)',
    ]);
  });

  it('named IDs, with and without --since', () => {
    assert.deepEqual(linesOf(run(['impact', 'REQ-2'], t.dir).stdout), [
      '1 item downstream of REQ-2:',
      'ST-2 One page (story) specs/sprint.stories.yaml:5',
      '  REQ-2 → ST-2 (implements)',
    ]);
    assert.deepEqual(linesOf(run(['impact', 'REQ-3', '--since', 'HEAD'], t.dir).stdout), [
      'Changed since HEAD: REQ-4 (title)',
      '1 item downstream of REQ-3, REQ-4:',
      'ST-3 Pay by wallet (story) specs/later.stories.yaml:4',
      '  REQ-4 → ST-3 (implements)',
    ]);
    assert.deepEqual(linesOf(run(['impact', 'ST-2'], t.dir).stdout), ['Nothing is downstream of ST-2.']);
  });

  it('--format md: the changed items, then a table of what to re-read', () => {
    const r = run(['impact', '--since', 'HEAD~1', '--format', 'md'], t.dir);
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        '## Impact of the changes since `HEAD~1`',
        '',
        'Changed:',
        '',
        '- `REQ-1`: `statement`',
        '- `REQ-4`: `title`',
        '',
        '4 items to re-read:',
        '',
        '| Item | Kind | Status | File | Reached by |',
        '| --- | --- | --- | --- | --- |',
        '| `REQ-2` One page | requirement | approved | `specs/checkout.prd.yaml:10` | `REQ-1` → `REQ-2` (depends_on) |',
        '| `ST-1` Save a card | story |  | `specs/sprint.stories.yaml:4` | `REQ-1` → `ST-1` (implements) |',
        '| `ST-3` Pay by wallet | story |  | `specs/later.stories.yaml:4` | `REQ-4` → `ST-3` (implements) |',
        '| `ST-2` One page | story |  | `specs/sprint.stories.yaml:5` | `REQ-1` → `REQ-2` (depends_on) → `ST-2` (implements) |',
        '',
      ].join('\n'),
    );
  });

  it('--format json: the revision and commit, the changed items with their fields, each item with its path', () => {
    const { status, json } = runJson(['impact', '--since', 'HEAD~1'], t.dir) as {
      status: number;
      json: unknown;
    };
    assert.equal(status, 0);
    assert.deepEqual(json, {
      version: 1,
      root: t.dir,
      changed: [
        { id: 'REQ-1', fields: ['statement'] },
        { id: 'REQ-4', fields: ['title'] },
      ],
      impacted: [
        {
          id: 'REQ-2',
          kind: 'requirement',
          title: 'One page',
          status: 'approved',
          file: 'specs/checkout.prd.yaml',
          line: 10,
          from: 'REQ-1',
          path: [{ id: 'REQ-2', via: 'depends_on' }],
        },
        {
          id: 'ST-1',
          kind: 'story',
          title: 'Save a card',
          file: 'specs/sprint.stories.yaml',
          line: 4,
          from: 'REQ-1',
          path: [{ id: 'ST-1', via: 'implements' }],
        },
        {
          id: 'ST-3',
          kind: 'story',
          title: 'Pay by wallet',
          file: 'specs/later.stories.yaml',
          line: 4,
          from: 'REQ-4',
          path: [{ id: 'ST-3', via: 'implements' }],
        },
        {
          id: 'ST-2',
          kind: 'story',
          title: 'One page',
          file: 'specs/sprint.stories.yaml',
          line: 5,
          from: 'REQ-1',
          path: [
            { id: 'REQ-2', via: 'depends_on' },
            { id: 'ST-2', via: 'implements' },
          ],
        },
      ],
      since: { revision: 'HEAD~1', commit: t.commits.first },
    });
  });

  it('only reads: neither the working tree nor .git changes', () => {
    const before = snapshot(t.dir);
    for (const format of ['text', 'json', 'md'])
      assert.equal(run(['impact', '--since', 'HEAD~1', '--format', format], t.dir).status, 0);
    assert.deepEqual(snapshot(t.dir), before);
  });

  it('an unknown ID or revision, or neither IDs nor --since, exits 2 and says why', () => {
    const id = run(['impact', 'REQ-11'], t.dir);
    assert.equal(id.status, 2);
    assert.equal(
      id.stderr,
      'specwright: no impact was listed: no item has the ID "REQ-11" in this workspace (did you mean REQ-1, REQ-2, REQ-3?)\n',
    );
    const rev = run(['impact', '--since', 'nope'], t.dir);
    assert.equal(rev.status, 2);
    assert.equal(
      rev.stderr,
      'specwright: no impact was listed: unknown revision "nope": git knows no commit by that name here\n',
    );
    const none = run(['impact'], t.dir);
    assert.equal(none.status, 2);
    assert.match(
      none.stderr,
      /^specwright: impact needs the IDs of changed items \(for example: specwright impact REQ-101\), or --since REV\n/,
    );
    const other = run(['check', '--since', 'HEAD'], t.dir);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /^specwright: option --since is only for "impact"\n/);
  });
});
