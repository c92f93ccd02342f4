/**
 * Issue #12, reports stay proportional: the matrix lists a requirement once
 * whatever the number of goals, and a report over the stated limit is
 * refused with a message, never a crash.
 */
import * as assert from 'node:assert/strict';
import { maxReportLength, renderReport, ReportTooLarge } from '../../../server/src/core/report/render';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { lines, workspace } from '../helpers';

function wideWorkspace(goals: number, requirements: number) {
  const ids = Array.from({ length: goals }, (_, i) => `G-${i + 1}`);
  return workspace({
    'file:///w/p.vision.yaml': lines(
      'id: V-1',
      'product: P',
      'statement: S',
      'goals:',
      ...ids.flatMap(id => [`  - id: ${id}`, `    title: Goal ${id}`]),
    ),
    'file:///w/p.roadmap.yaml': lines(
      'id: RM-1',
      'title: R',
      'releases:',
      '  - id: R-1',
      '    title: R',
      '    horizon: now',
      `    goals: [${ids.join(', ')}]`,
    ),
    'file:///w/e.epic.yaml': lines('id: EPIC-1', 'title: E', 'release: R-1'),
    'file:///w/p.prd.yaml': lines(
      'id: PRD-1',
      'title: P',
      'epic: EPIC-1',
      'requirements:',
      ...Array.from({ length: requirements }, (_, i) => [
        `  - id: REQ-${i + 1}`,
        `    title: R ${i + 1}`,
        // Committed, so that each is uncovered (graph/coverage.ts) and listed as such.
        '    status: approved',
      ]).flat(),
    ),
  });
}

describe('security: reports stay proportional', function () {
  this.timeout(60_000);
  it('the matrix names each requirement once and the goals once per epic, however many goals there are', () => {
    const m = buildReportModel(wideWorkspace(50, 20));
    assert.equal(m.traceability.length, 1);
    assert.equal(m.traceability[0].goals.length, 50);
    assert.deepEqual(
      m.traceability[0].prds.map(p => p.requirements.length),
      [20],
    );
    const md = renderReport(m, 'md');
    // Once in the matrix, once among the uncovered requirements: not once per goal.
    assert.equal(md.split('\n').filter(l => l.includes('`REQ-7`')).length, 2);
    assert.equal(md.split('\n').filter(l => l.includes('`G-50`')).length, 1);
  });

  it('a CSV row names at most 10 goals and counts the rest, however many goals there are', () => {
    const rows = renderReport(buildReportModel(wideWorkspace(50, 2)), 'csv').split('\r\n');
    const goals = Array.from({ length: 10 }, (_, i) => `G-${i + 1}`).join('; ');
    assert.deepEqual(
      rows.filter(r => r.includes(',REQ-')).map(r => r.slice(0, r.indexOf(',R-1,'))),
      [`"${goals}; … and 40 more"`, `"${goals}; … and 40 more"`],
    );
    const few = renderReport(buildReportModel(wideWorkspace(3, 1)), 'csv').split('\r\n');
    assert.ok(
      few.some(r => r.startsWith('"G-1; G-2; G-3",R-1,')),
      few[1],
    );
  });

  it('a report over the limit is refused with a message that says how large it would be', () => {
    const m = buildReportModel(wideWorkspace(3, 1200));
    const md = renderReport(m, 'md');
    assert.ok(md.length > 100_000);
    assert.throws(
      () => renderReport(m, 'md', 100_000),
      (err: unknown) => {
        assert.ok(err instanceof ReportTooLarge);
        assert.match(
          err.message,
          /^the md report would be 0\.\d MB, over the limit of 0\.1 MB for a report; report a smaller folder$/,
        );
        return true;
      },
    );
    assert.equal(maxReportLength, 64 * 1024 * 1024);
  });
});
