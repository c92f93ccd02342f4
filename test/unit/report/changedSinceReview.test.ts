import * as assert from 'node:assert/strict';
import { renderCsv } from '../../../server/src/core/report/csv';
import { renderHtml } from '../../../server/src/core/report/html';
import { renderJson } from '../../../server/src/core/report/json';
import { renderMarkdown } from '../../../server/src/core/report/markdown';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { planReview } from '../../../server/src/core/reviews/review';
import type { SpecService } from '../../../server/src/core/service';
import { lines, workspace } from '../helpers';

const ROOT = 'file:///w';
const PRD = 'file:///w/checkout.prd.yaml';
const ST = 'file:///w/sprint.stories.yaml';
const displayPath = (uri: string) => uri.slice('file:///w/'.length);

const prd = (statement: string, criteria: string) =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-1',
    '    title: Saved cards',
    `    statement: ${statement}`,
    '    priority: must',
    `    acceptance_criteria: [${criteria}]`,
    '  - {id: REQ-2, title: One page, statement: One page., priority: must, depends_on: [REQ-1]}',
  );
const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - {id: ST-1, title: Save a card, implements: [REQ-1]}',
  '  - {id: ST-2, title: One page, implements: [REQ-2]}',
);

/** A workspace whose every link was reviewed, then REQ-1's statement and criteria were changed. */
function changedAfterReview(): SpecService {
  const s = workspace({ [PRD]: prd('Save a card.', 'Default next time'), [ST]: stories });
  const stamps = planReview(s.reviewableLinks(ROOT), [], { all: true }, item =>
    s.contentPrint(item, ROOT),
  ).text;
  s.apply([{ uri: PRD, text: prd('Store a card.', 'Default the next time') }]);
  s.setReviews(ROOT, stamps);
  return s;
}

describe('report: changed since review', () => {
  it('lists each suspect link: the item, the link, the changed item, the fields, where the link is', () => {
    const model = buildReportModel(changedAfterReview(), { displayPath });
    assert.deepEqual(
      model.changedSinceReview?.map(r => [r.item.id, r.field, r.upstream.id, r.changed, r.file, r.line]),
      [
        ['REQ-2', 'depends_on', 'REQ-1', ['statement', 'acceptance_criteria'], 'checkout.prd.yaml', 9],
        ['ST-1', 'implements', 'REQ-1', ['statement', 'acceptance_criteria'], 'sprint.stories.yaml', 4],
      ],
    );
    assert.deepEqual(
      (JSON.parse(renderJson(model)) as { changedSinceReview: unknown[] }).changedSinceReview[1],
      {
        item: {
          id: 'ST-1',
          kind: 'story',
          title: 'Save a card',
          status: 'draft',
          file: 'sprint.stories.yaml',
          range: { start: { line: 3, character: 9 }, end: { line: 3, character: 13 } },
        },
        field: 'implements',
        upstream: {
          id: 'REQ-1',
          kind: 'requirement',
          title: 'Saved cards',
          status: 'draft',
          file: 'checkout.prd.yaml',
          range: { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } },
        },
        changed: ['statement', 'acceptance_criteria'],
        fieldListChanged: false,
        file: 'sprint.stories.yaml',
        line: 4,
      },
    );
  });

  it('Markdown: a section at the end with one row per link', () => {
    const md = renderMarkdown(buildReportModel(changedAfterReview(), { displayPath }));
    assert.equal(
      md.slice(md.indexOf('## Changed since review')),
      [
        '## Changed since review',
        '',
        '2 links to re-read: each points at an item whose content changed since the link was reviewed. Re-read the item, then run `specwright review ID` to stamp the link again.',
        '',
        '| Item | Link | Changed item | Fields changed | Where |',
        '| --- | --- | --- | --- | --- |',
        '| `REQ-2` One page | depends\\_on | `REQ-1` Saved cards | statement, acceptance\\_criteria | `checkout.prd.yaml:9` |',
        '| `ST-1` Save a card | implements | `REQ-1` Saved cards | statement, acceptance\\_criteria | `sprint.stories.yaml:4` |',
        '',
      ].join('\n'),
    );
  });

  it('HTML: a section with its table and an entry in the table of contents', () => {
    const html = renderHtml(buildReportModel(changedAfterReview(), { displayPath }));
    assert.ok(html.includes(' <a href="#changed-since-review">Changed since review (2)</a></nav>'));
    assert.ok(html.includes('<section id="changed-since-review">\n<h2>Changed since review</h2>\n'));
    assert.ok(
      html.includes(
        '<tr><td><span class="sw-id">ST-1</span> Save a card</td><td>implements</td><td><span class="sw-id">REQ-1</span> Saved cards</td><td>statement, acceptance_criteria</td><td><code>sprint.stories.yaml:4</code></td></tr>',
      ),
    );
  });

  it('CSV: a column that names, for each requirement, the suspect links it holds or that point at it', () => {
    const csv = renderCsv(buildReportModel(changedAfterReview(), { displayPath })).split('\r\n');
    assert.ok(csv[0].endsWith(',File,Line,Changed since review'));
    assert.ok(
      csv[1].endsWith(
        ',"REQ-2 depends_on REQ-1 (statement, acceptance_criteria); ST-1 implements REQ-1 (statement, acceptance_criteria)"',
      ),
      csv[1],
    );
    assert.ok(csv[2].endsWith(',"REQ-2 depends_on REQ-1 (statement, acceptance_criteria)"'), csv[2]);
  });

  it('with stamps and nothing changed: the section says so; without stamps there is no section at all', () => {
    const s = workspace({ [PRD]: prd('Save a card.', 'Default'), [ST]: stories });
    const plain = buildReportModel(s, { displayPath });
    assert.equal('changedSinceReview' in plain, false);
    assert.equal(renderMarkdown(plain).includes('Changed since review'), false);
    assert.equal(renderHtml(plain).includes('changed-since-review'), false);
    assert.equal(renderCsv(plain).includes('Changed since review'), false);

    s.setReviews(
      ROOT,
      planReview(s.reviewableLinks(ROOT), [], { all: true }, i => s.contentPrint(i, ROOT)).text,
    );
    const current = buildReportModel(s, { displayPath });
    assert.deepEqual(current.changedSinceReview, []);
    assert.ok(
      renderMarkdown(current).endsWith('## Changed since review\n\nNo link changed since its review.\n'),
    );
    assert.ok(renderHtml(current).includes('<p class="sw-empty">No link changed since its review.</p>'));
  });

  it('follows the workspace rules: suspect-link switched off leaves the section empty', () => {
    const s = changedAfterReview();
    s.setConfig(ROOT, 'rules:\n  suspect-link: off\n');
    assert.deepEqual(buildReportModel(s, { displayPath }).changedSinceReview, []);
  });
});
