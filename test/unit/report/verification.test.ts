/**
 * The report where `trace:` is configured (issue 16 point 5): the matrix and
 * the CSV gain Implemented, Tests and Passing, and a Verification section
 * counts per release the committed requirements verified / implemented /
 * specified — in every format; without `trace:` nothing changes.
 */
import * as assert from 'node:assert/strict';
import { renderCsv } from '../../../server/src/core/report/csv';
import { renderHtml } from '../../../server/src/core/report/html';
import { renderMarkdown } from '../../../server/src/core/report/markdown';
import { renderReport } from '../../../server/src/core/report/render';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { ROOT, tracedWorkspace } from '../graph/tracedWorkspace';

const displayPath = (uri: string) => uri.slice(ROOT.length + 1);
const model = () => buildReportModel(tracedWorkspace(), { displayPath });

describe('report: implemented, tests, passing and verification', () => {
  it('the model: a trace per requirement row and the Verification figures per release (JSON)', () => {
    const m = JSON.parse(renderReport(model(), 'json')) as ReturnType<typeof model>;
    assert.deepEqual(
      m.requirements.map(r => [r.id, r.trace]),
      [
        ['REQ-1', { implemented: true, code: 1, tests: 1, passing: 1, failing: 0, verified: true }],
        ['REQ-2', { implemented: true, code: 1, tests: 1, passing: 1, failing: 0, verified: true }],
        ['REQ-3', { implemented: true, code: 1, tests: 1, passing: 0, failing: 0, verified: true }],
        ['REQ-4', { implemented: true, code: 1, tests: 2, passing: 1, failing: 1, verified: false }],
        ['REQ-5', { implemented: false, code: 0, tests: 1, passing: 0, failing: 0, verified: false }],
        ['REQ-6', { implemented: false, code: 0, tests: 0, passing: 0, failing: 0, verified: false }],
        ['REQ-7', { implemented: false, code: 0, tests: 1, passing: 1, failing: 0, verified: true }],
      ],
    );
    const figures = {
      specified: 6,
      implemented: 4,
      verified: 3,
      implementedPercent: 66,
      verifiedPercent: 50,
    };
    assert.deepEqual(m.verification, {
      releases: [
        {
          release: {
            id: 'R-1',
            kind: 'release',
            title: 'First',
            status: 'draft',
            file: 'product.roadmap.yaml',
            range: { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } },
          },
          ...figures,
        },
      ],
      total: figures,
    });
  });

  it('Markdown: three more matrix columns and a Verification section', () => {
    const md = renderMarkdown(model()).split('\n');
    const at = md.indexOf(
      '| PRD | Coverage | Requirement | Priority | Status | Stories | Stories done | Implemented | Tests | Passing |',
    );
    assert.ok(at > 0, md.join('\n'));
    assert.deepEqual(md.slice(at + 1, at + 6), [
      '| --- | ---: | --- | --- | --- | --- | ---: | --- | ---: | ---: |',
      '| `PRD-1` Cart | 2/6 (33%) | `REQ-1` REQ-1 title | must | approved | none |  | yes | 1 | 1 |',
      '| `PRD-1` | 2/6 (33%) | `REQ-2` REQ-2 title | must | in-progress | `ST-1` done | 1/1 (100%) | yes | 1 | 1 |',
      '| `PRD-1` | 2/6 (33%) | `REQ-3` REQ-3 title | must | done | none |  | yes | 1 | 0 |',
      '| `PRD-1` | 2/6 (33%) | `REQ-4` REQ-4 title | must | done | none |  | yes | 2 | 1 (1 failing) |',
    ]);
    const v = md.indexOf('## Verification');
    assert.deepEqual(md.slice(v, v + 8), [
      '## Verification',
      '',
      'Committed requirements (approved, in-progress, done) per release: implemented when code references them, one of their acceptance criteria or a story that implements them; verified when a test of the same passed and none failed (with no test result, when a test file references them).',
      '',
      '| Release | Specified | Implemented | Verified |',
      '| --- | ---: | ---: | ---: |',
      '| `R-1` First | 6 | 4/6 (66%) | 3/6 (50%) |',
      '| **All** | 6 | 4/6 (66%) | 3/6 (50%) |',
    ]);
  });

  it('HTML: the matrix columns, a failing count marked, and the Verification section in the table of contents', () => {
    const html = renderHtml(model());
    assert.ok(
      html.includes(
        '<th scope="col" class="sw-num">Done</th><th scope="col">Implemented</th><th scope="col" class="sw-num">Tests</th><th scope="col" class="sw-num">Passing</th></tr></thead>',
      ),
    );
    assert.ok(
      html.includes(
        '<td>yes</td><td class="sw-num">2</td><td class="sw-num sw-uncovered">1 (1 failing)</td>',
      ),
    );
    assert.ok(html.includes('<td>no</td><td class="sw-num">0</td><td class="sw-num">0</td>'));
    assert.ok(html.includes(' <a href="#verification">Verification</a>'));
    assert.ok(
      html.includes(
        '<tr><th scope="row"><span class="sw-id">R-1</span> First <span class="sw-status sw-status-draft">draft</span></th><td class="sw-num">6</td><td class="sw-num">4/6 (66%)</td><td class="sw-num">3/6 (50%)</td></tr>\n<tr><th scope="row">All</th>',
      ),
      html.slice(html.indexOf('<section id="verification">')),
    );
  });

  it('CSV: Implemented, Tests and Passing after Stories (exact text)', () => {
    const csv = renderCsv(model()).split('\r\n');
    assert.deepEqual(csv.slice(0, 5), [
      '\uFEFFGoal,Release,Epic,PRD,Requirement,Title,Status,Priority,Stories done,Stories total,Estimate done,Estimate total,Stories,Implemented,Tests,Passing,File,Line',
      ',R-1,EPIC-1,PRD-1,REQ-1,REQ-1 title,approved,must,0,0,0,0,,yes,1,1,cart.prd.yaml,5',
      ',R-1,EPIC-1,PRD-1,REQ-2,REQ-2 title,in-progress,must,1,1,0,0,ST-1,yes,1,1,cart.prd.yaml,6',
      ',R-1,EPIC-1,PRD-1,REQ-3,REQ-3 title,done,must,0,0,0,0,,yes,1,0,cart.prd.yaml,7',
      ',R-1,EPIC-1,PRD-1,REQ-4,REQ-4 title,done,must,0,0,0,0,,yes,2,1,cart.prd.yaml,8',
    ]);
  });

  it('without trace: no columns, no section, no trace in the model', () => {
    const m = buildReportModel(tracedWorkspace({ config: 'rules: {}\n' }), { displayPath });
    assert.equal(m.verification, undefined);
    assert.ok(m.requirements.every(r => r.trace === undefined));
    assert.ok(!renderMarkdown(m).includes('Verification'));
    assert.ok(!renderHtml(m).includes('Implemented'));
    assert.ok(
      renderCsv(m).startsWith(
        '\uFEFFGoal,Release,Epic,PRD,Requirement,Title,Status,Priority,Stories done,Stories total,Estimate done,Estimate total,Stories,File,Line\r\n',
      ),
    );
  });
});
