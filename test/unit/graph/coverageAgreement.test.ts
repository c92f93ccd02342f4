/**
 * One coverage rule (graph/coverage.ts) behind every surface: on a workspace
 * with requirements of every status, with and without stories
 * (test/fixtures/coverage-statuses), the `uncovered` findings, the status
 * bar's count, the coverage-threshold figures, the PRD coverage and the
 * report's uncovered table and summary name the same requirements.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceStatusTracker } from '../../../server/src/core/features/workspaceStatus';
import { coverageOf } from '../../../server/src/core/graph/progress';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { renderReport } from '../../../server/src/core/report/render';
import type { SpecService } from '../../../server/src/core/service';
import { findings, workspace } from '../helpers';

const folder = path.resolve(__dirname, '../../../../test/fixtures/coverage-statuses');
const ROOT = 'file:///w';

function load(): SpecService {
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(folder))
    if (name.endsWith('.yaml') && !name.startsWith('.'))
      files[`${ROOT}/${name}`] = fs.readFileSync(path.join(folder, name), 'utf8');
  return workspace(files, { [ROOT]: fs.readFileSync(path.join(folder, '.specwright.yaml'), 'utf8') });
}

/** Approved, in progress and done without a story; drafts, reviews and cancelled ones never count. */
const uncovered = ['REQ-6', 'REQ-8', 'REQ-10'];

describe('graph/coverage: every surface agrees', () => {
  const s = load();
  const prd = `${ROOT}/statuses.prd.yaml`;

  it('the uncovered findings', () => {
    assert.deepEqual(
      findings(s, prd, 'uncovered').map(f => f.message),
      [
        'REQ-6 is approved but no story implements it',
        'REQ-8 is in-progress but no story implements it',
        'REQ-10 is done but no story implements it',
      ],
    );
  });

  it("the status bar's count and the current release's coverage", () => {
    const status = new WorkspaceStatusTracker(s).current();
    assert.equal(status.uncovered, uncovered.length);
    assert.deepEqual(status.currentRelease?.requirements, { covered: 3, total: 6, percent: 50 });
  });

  it('the coverage-threshold figures and the PRD coverage', () => {
    assert.deepEqual(
      findings(s, `${ROOT}/.specwright.yaml`, 'coverage-threshold').map(f => f.message),
      ['coverage 50% is below the minimum 90% (3 of 6 committed requirements have stories)'],
    );
    const c = coverageOf(s.index, 'PRD-1');
    assert.deepEqual(
      [c.covered.map(r => r.id), c.uncovered.map(r => r.id), c.total],
      [['REQ-7', 'REQ-9', 'REQ-11'], uncovered, 6],
    );
  });

  it("the report's uncovered table (model, JSON, Markdown) and its summary", () => {
    const m = buildReportModel(s);
    assert.deepEqual(
      m.uncovered.map(i => m.requirements[i].id),
      uncovered,
    );
    assert.deepEqual(m.summary.coverage, { covered: 3, total: 6, percent: 50 });
    assert.deepEqual(m.traceability[0].prds[0].coverage, { covered: 3, total: 6, percent: 50 });

    const json = JSON.parse(renderReport(m, 'json')) as typeof m;
    assert.deepEqual(
      json.uncovered.map(i => json.requirements[i].id),
      uncovered,
    );

    const md = renderReport(m, 'md');
    const section = md.slice(md.indexOf('## Uncovered requirements'), md.indexOf('## Dependencies'));
    assert.deepEqual(
      section.split('\n').filter(l => l.startsWith('| `REQ-')),
      [
        '| `REQ-6` Approved alone | approved | must | `PRD-1` | `EPIC-1` | `file:///w/statuses.prd.yaml:10` |',
        '| `REQ-8` In progress alone | in-progress | must | `PRD-1` | `EPIC-1` | `file:///w/statuses.prd.yaml:12` |',
        '| `REQ-10` Done alone | done | must | `PRD-1` | `EPIC-1` | `file:///w/statuses.prd.yaml:14` |',
      ],
    );
    assert.ok(section.includes('Coverage 50%: 3 of 6 committed requirements have a story'), section);
  });
});
