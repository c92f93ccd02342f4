import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/config';
import { documentLinks } from '../../../server/src/core/features/documentLinks';
import { hover } from '../../../server/src/core/features/hover';
import { traceOf } from '../../../server/src/core/features/traceView';
import { renderCsv } from '../../../server/src/core/report/csv';
import { renderHtml } from '../../../server/src/core/report/html';
import { renderMarkdown } from '../../../server/src/core/report/markdown';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { contentPrintOf } from '../../../server/src/core/reviews/fingerprint';
import { SpecService } from '../../../server/src/core/service';
import { ticketLink, ticketsOf } from '../../../server/src/core/tickets';
import { findings, lines, span, workspace } from '../helpers';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const EPIC = 'file:///w/a.epic.yaml';
const PRD = 'file:///w/a.prd.yaml';
const STORIES = 'file:///w/s.stories.yaml';

const jira = '"[A-Z]+-[0-9]+": "https://acme.atlassian.net/browse/{ticket}"';
const config = lines(
  'tickets:',
  `  ${jira}`,
  '  "[a-z]+/[a-z]+#[0-9]+": https://tracker.example/gh?key={ticket}',
);
const templates = parseConfig(config).config.tickets!;

const epic = lines('id: EPIC-1', 'title: Pay', 'tickets: [PAY-1]');
const prd = lines(
  'id: PRD-1', // 0
  'title: Pay fast', // 1
  'epic: EPIC-1', // 2
  'tickets: [\'PAY-12\', "acme/shop#42", notes]', // 3
  'requirements:', // 4
  '  - id: REQ-1', // 5
  '    title: One tap', // 6
  '    statement: The shopper pays with one tap.', // 7
  '    priority: must', // 8
  '    tickets:', // 9
  '      - PAY-13', // 10
);
const stories = lines(
  'id: IT-1',
  'title: Sprint 1',
  'stories:',
  '  - id: ST-1',
  '    title: Tap',
  '    implements: [REQ-1]',
  '    tickets: [PAY-14]',
);

function opened(files: Record<string, string>, configText = config): SpecService {
  const s = new SpecService();
  s.setConfig(ROOT, configText);
  for (const [uri, text] of Object.entries(files)) s.openDocument(uri, text, 1);
  return s;
}

describe('tickets: .specwright.yaml tickets:', () => {
  it('reads patterns and URL templates in the order written', () => {
    const { config: c, problems } = parseConfig(config);
    assert.deepEqual(problems, []);
    assert.deepEqual(c.tickets, [
      { pattern: '[A-Z]+-[0-9]+', template: 'https://acme.atlassian.net/browse/{ticket}' },
      { pattern: '[a-z]+/[a-z]+#[0-9]+', template: 'https://tracker.example/gh?key={ticket}' },
    ]);
  });

  it('reports a bad pattern on its key and a bad template on its value, exactly, and keeps the good entries', () => {
    const text = lines(
      'tickets:', // 0
      `  ${jira}`, // 1
      '  "(PAY-[0-9]+": "https://x.example/{ticket}"', // 2
      '  "(a)\\\\1": "https://x.example/{ticket}"', // 3
      '  "LIN-[0-9]+": "https://linear.app/acme/issue"', // 4
      '  "GH-[0-9]+": "javascript:alert({ticket})"', // 5
      '  "X-[0-9]+": [a]', // 6
      '  "Y-[0-9]+":', // 7
    );
    const s = workspace({}, { [ROOT]: text });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [2, 2, 2, 15],
        message: 'tickets: the pattern "(PAY-[0-9]+" is not a valid regular expression: Unterminated group',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [3, 2, 3, 10],
        message:
          'tickets: the pattern "(a)\\\\1" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [4, 16, 4, 47],
        message:
          'the URL template of "LIN-[0-9]+" must contain {ticket}, where the ticket key goes (got "https://linear.app/acme/issue")',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [5, 15, 5, 43],
        message:
          'the URL template of "GH-[0-9]+" must be an http or https URL (got "javascript:alert({ticket})")',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [6, 14, 6, 17],
        message:
          'the URL template of "X-[0-9]+" must be a text such as "https://acme.atlassian.net/browse/{ticket}" (got a list)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [7, 2, 7, 12],
        message:
          'the URL template of "Y-[0-9]+" must be a text such as "https://acme.atlassian.net/browse/{ticket}" (got null)',
      },
    ]);
    assert.deepEqual(parseConfig(text).config.tickets, [
      { pattern: '[A-Z]+-[0-9]+', template: 'https://acme.atlassian.net/browse/{ticket}' },
    ]);
  });

  it('refuses tickets that is not a mapping, at its value', () => {
    const s = workspace({}, { [ROOT]: lines('tickets: [a]') });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [0, 9, 0, 12],
        message: `tickets must be a mapping of pattern: URL template (${jira})`,
      },
    ]);
  });

  it('runs patterns on the linear-time engine: a backtracking pattern matches a long key at once', () => {
    const t = parseConfig(lines('tickets:', '  "(a+)+b": "https://x.example/{ticket}"')).config.tickets!;
    const started = Date.now();
    assert.deepEqual(ticketLink(`${'a'.repeat(5000)}c`, t), { ticket: `${'a'.repeat(5000)}c` });
    // A hang guard (backtracking takes longer than the universe's age), not a time budget.
    assert.ok(Date.now() - started < 30_000);
    assert.deepEqual(ticketLink('aab', t), { ticket: 'aab', url: 'https://x.example/aab' });
  });
});

describe('tickets: keys and URLs', () => {
  it('matches a whole key with the first pattern that fits, the key percent-encoded', () => {
    assert.deepEqual(ticketLink('PAY-12', templates), {
      ticket: 'PAY-12',
      url: 'https://acme.atlassian.net/browse/PAY-12',
    });
    assert.deepEqual(ticketLink('acme/shop#42', templates), {
      ticket: 'acme/shop#42',
      url: 'https://tracker.example/gh?key=acme%2Fshop%2342',
    });
    // Only whole keys: a pattern found inside a longer key does not link it.
    assert.deepEqual(ticketLink('xPAY-12', templates), { ticket: 'xPAY-12' });
    assert.deepEqual(ticketLink('PAY-12', []), { ticket: 'PAY-12' });
  });

  it("reads an item's tickets, strings only, in the order written", () => {
    const s = workspace({ [PRD]: prd });
    assert.deepEqual(ticketsOf(s.index.definitions('PRD-1')[0]), ['PAY-12', 'acme/shop#42', 'notes']);
    assert.deepEqual(ticketsOf(s.index.definitions('REQ-1')[0]), ['PAY-13']);
  });

  it('is never content: adding a ticket leaves the fingerprint as it was', () => {
    const without = workspace({ [PRD]: prd.replace(/ {4}tickets:\n {6}- PAY-13\n/, '') });
    const withTickets = workspace({ [PRD]: prd });
    const print = (s: SpecService) => contentPrintOf(s.index.definitions('REQ-1')[0], undefined).fingerprint;
    assert.equal(print(withTickets), print(without));
    const refused = workspace({}, { [ROOT]: lines('reviews:', '  content:', '    story: [tickets]') });
    assert.deepEqual(
      findings(refused, CONFIG).map(f => f.message),
      ['tickets is never content: a change to it does not make links suspect'],
    );
  });

  it('gives the usual schema findings for wrong types, on epics, PRDs, requirements and stories alike', () => {
    const s = workspace({
      [EPIC]: lines('id: EPIC-1', 'title: Pay', 'tickets: PAY-1'),
      [PRD]: prd.replace('      - PAY-13', '      - 13'),
      [STORIES]: stories.replace('[PAY-14]', '["PAY 14"]'),
    });
    assert.deepEqual(findings(s, EPIC, 'schema'), [
      {
        code: 'schema',
        severity: 'error',
        range: [2, 9, 2, 14],
        message: 'tickets must be a list of strings (got a string)',
      },
    ]);
    assert.deepEqual(findings(s, PRD, 'schema'), [
      {
        code: 'schema',
        severity: 'error',
        range: [10, 8, 10, 10],
        message: 'each entry of tickets must be a string (got a number)',
      },
    ]);
    assert.deepEqual(findings(s, STORIES, 'schema'), [
      {
        code: 'schema',
        severity: 'error',
        range: [6, 14, 6, 22],
        message: 'each entry of tickets does not have the expected form (got "PAY 14")',
      },
    ]);
    // Tickets on a release are no field of the format.
    const r = workspace({
      'file:///w/p.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-1',
        '    title: r',
        '    horizon: now',
        '    tickets: [PAY-1]',
      ),
    });
    assert.deepEqual(
      findings(r, 'file:///w/p.roadmap.yaml', 'schema').map(f => f.message),
      [
        'unknown key "tickets" (allowed here: id, title, horizon, start, end, status, goals, priority, owner, description, related)',
      ],
    );
  });
});

describe('tickets: document links', () => {
  it('links each key a pattern matches, its range inside the quotes, and skips the others', () => {
    const s = opened({ [PRD]: prd, [STORIES]: stories, [EPIC]: epic });
    assert.deepEqual(
      documentLinks(s, PRD).map(l => ({ range: span(l.range), target: l.target, tooltip: l.tooltip })),
      [
        {
          range: [3, 11, 3, 17],
          target: 'https://acme.atlassian.net/browse/PAY-12',
          tooltip: 'Open PAY-12 in the tracker',
        },
        {
          range: [3, 21, 3, 33],
          target: 'https://tracker.example/gh?key=acme%2Fshop%2342',
          tooltip: 'Open acme/shop#42 in the tracker',
        },
        {
          range: [10, 8, 10, 14],
          target: 'https://acme.atlassian.net/browse/PAY-13',
          tooltip: 'Open PAY-13 in the tracker',
        },
      ],
    );
    assert.deepEqual(
      documentLinks(s, STORIES).map(l => [span(l.range), l.target]),
      [[[6, 14, 6, 20], 'https://acme.atlassian.net/browse/PAY-14']],
    );
    assert.deepEqual(
      documentLinks(s, EPIC).map(l => [span(l.range), l.target]),
      [[[2, 10, 2, 15], 'https://acme.atlassian.net/browse/PAY-1']],
    );
  });

  it('has none without a tickets: configuration, for a closed file, or for a key on the iteration', () => {
    assert.deepEqual(documentLinks(opened({ [PRD]: prd }, ''), PRD), []);
    assert.deepEqual(documentLinks(workspace({ [PRD]: prd }, { [ROOT]: config }), PRD), []);
    assert.deepEqual(
      documentLinks(
        opened({ [STORIES]: stories.replace('title: Sprint 1', 'tickets: [PAY-9]') }),
        STORIES,
      ).map(l => l.target),
      ['https://acme.atlassian.net/browse/PAY-14'],
    );
  });
});

describe('tickets: hover, trace and reports', () => {
  it('shows the tickets on the hover card, as links where a pattern matches', () => {
    const s = opened({ [PRD]: prd, [EPIC]: epic });
    const h = hover(s, PRD, { line: 0, character: 5 });
    assert.ok(h);
    const lineOf = h.contents.value.split('\n\n').find(p => p.startsWith('Tickets:'));
    assert.equal(
      lineOf,
      'Tickets: [PAY-12](https://acme.atlassian.net/browse/PAY-12) · [acme/shop\\#42](https://tracker.example/gh?key=acme%2Fshop%2342) · notes',
    );
    const card = hover(s, PRD, { line: 2, character: 8 })!.contents.value;
    assert.ok(card.includes('\n\nTickets: [PAY-1](https://acme.atlassian.net/browse/PAY-1)\n\n'), card);
  });

  it("gives the Trace view the focused item's tickets, and none where it names none", () => {
    const s = opened({ [PRD]: prd, [EPIC]: epic, [STORIES]: stories });
    assert.deepEqual(traceOf(s, s.index.definitions('REQ-1')[0]).tickets, [
      { ticket: 'PAY-13', url: 'https://acme.atlassian.net/browse/PAY-13' },
    ]);
    const bare = opened({ [PRD]: prd.replace(/ {4}tickets:\n {6}- PAY-13\n/, '') });
    assert.equal('tickets' in traceOf(bare, bare.index.definitions('REQ-1')[0]), false);
  });

  it('lists tickets per item in every report format, and adds nothing where no item names one', () => {
    const s = workspace({ [PRD]: prd, [EPIC]: epic, [STORIES]: stories }, { [ROOT]: config });
    const model = buildReportModel(s, { displayPath: u => u.slice('file:///w/'.length) });
    assert.deepEqual(
      model.tickets?.map(r => [r.item.id, r.item.file, r.tickets]),
      [
        ['EPIC-1', 'a.epic.yaml', [{ ticket: 'PAY-1', url: 'https://acme.atlassian.net/browse/PAY-1' }]],
        [
          'PRD-1',
          'a.prd.yaml',
          [
            { ticket: 'PAY-12', url: 'https://acme.atlassian.net/browse/PAY-12' },
            { ticket: 'acme/shop#42', url: 'https://tracker.example/gh?key=acme%2Fshop%2342' },
            { ticket: 'notes', url: null },
          ],
        ],
        ['REQ-1', 'a.prd.yaml', [{ ticket: 'PAY-13', url: 'https://acme.atlassian.net/browse/PAY-13' }]],
        ['ST-1', 's.stories.yaml', [{ ticket: 'PAY-14', url: 'https://acme.atlassian.net/browse/PAY-14' }]],
      ],
    );
    const md = renderMarkdown(model);
    assert.ok(
      md.endsWith(
        lines(
          '## Tickets',
          '',
          '| Item | Tickets | Where |',
          '| --- | --- | --- |',
          '| `EPIC-1` Pay | [PAY-1](https://acme.atlassian.net/browse/PAY-1) | `a.epic.yaml:1` |',
          '| `PRD-1` Pay fast | [PAY-12](https://acme.atlassian.net/browse/PAY-12), [acme/shop\\#42](https://tracker.example/gh?key=acme%2Fshop%2342), notes | `a.prd.yaml:1` |',
          '| `REQ-1` One tap | [PAY-13](https://acme.atlassian.net/browse/PAY-13) | `a.prd.yaml:6` |',
          '| `ST-1` Tap | [PAY-14](https://acme.atlassian.net/browse/PAY-14) | `s.stories.yaml:4` |',
        ),
      ),
      md,
    );
    const html = renderHtml(model);
    assert.ok(html.includes(' <a href="#tickets">Tickets (4)</a></nav>'));
    assert.ok(
      html.includes(
        '<tr><td><span class="sw-id">PRD-1</span> Pay fast</td><td><a href="https://acme.atlassian.net/browse/PAY-12" rel="noopener noreferrer">PAY-12</a>, <a href="https://tracker.example/gh?key=acme%2Fshop%2342" rel="noopener noreferrer">acme/shop#42</a>, notes</td><td><code>a.prd.yaml:1</code></td></tr>',
      ),
      html,
    );
    const csv = renderCsv(model).split('\r\n');
    assert.ok(csv[0].endsWith(',File,Line,Tickets'), csv[0]);
    assert.ok(csv[1].endsWith(',a.prd.yaml,6,PAY-13'), csv[1]);

    const none = buildReportModel(
      workspace({ [PRD]: prd.replace(/tickets.*\n/g, '').replace(/ {6}- PAY-13\n/, '') }),
    );
    assert.equal('tickets' in none, false);
    assert.ok(!renderMarkdown(none).includes('## Tickets'));
    assert.ok(!renderHtml(none).includes('id="tickets"'));
    assert.ok(!renderCsv(none).includes('Tickets'));
  });
});

describe('tickets: repository text stays text', () => {
  it('escapes a hostile key in the hover card and the reports, and encodes it in the URL', () => {
    const key = '![x](https://evil.example/p.png)<b>PAY-1';
    const text = lines('id: EPIC-1', 'title: Pay', `tickets: ['${key}']`);
    const s = opened({ [EPIC]: text }, lines('tickets:', '  ".*": "https://acme.example/browse/{ticket}"'));
    const url = `https://acme.example/browse/${encodeURIComponent(key)}`;
    const card = hover(s, EPIC, { line: 0, character: 5 })!.contents.value;
    const line = card.split('\n\n').find(p => p.startsWith('Tickets:'))!;
    assert.ok(!line.includes('![x]('), line);
    // The link target has parentheses percent-encoded too (mdLinkTarget), so nothing ends it early.
    assert.equal(
      line,
      'Tickets: [\\!\\[x\\](https\\://evil.example/p.png)\\<b\\>PAY-1](https://acme.example/browse/!%5Bx%5D%28https%3A%2F%2Fevil.example%2Fp.png%29%3Cb%3EPAY-1)',
    );
    const model = buildReportModel(s);
    assert.ok(
      renderHtml(model).includes(
        `<a href="${url}" rel="noopener noreferrer">![x](https://evil.example/p.png)&lt;b&gt;PAY-1</a>`,
      ),
    );
    assert.ok(!renderMarkdown(model).includes('![x]('));
  });
});
