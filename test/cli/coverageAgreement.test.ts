import * as assert from 'node:assert/strict';
import { fixture, linesOf, run, runJson } from './helpers';

/**
 * test/fixtures/coverage-statuses: requirements of every status, with and
 * without stories. `check` and `report` (Markdown and JSON) name the same
 * uncovered requirements and the same coverage (graph/coverage.ts).
 */
describe('cli: check and report agree on coverage', () => {
  const dir = fixture('coverage-statuses');
  const uncovered = ['REQ-6', 'REQ-8', 'REQ-10'];

  it('check: the uncovered findings and the coverage-threshold figures', () => {
    const r = runJson(['check'], dir);
    assert.equal(r.status, 1, r.stderr);
    const byCode = (code: string) =>
      (r.json as { diagnostics: { code: string; message: string }[] }).diagnostics.filter(
        d => d.code === code,
      );
    assert.deepEqual(
      byCode('uncovered').map(d => d.message.split(' ')[0]),
      uncovered,
    );
    assert.deepEqual(
      byCode('coverage-threshold').map(d => d.message),
      ['coverage 50% is below the minimum 90% (3 of 6 committed requirements have stories)'],
    );
  });

  it('report --format json: the uncovered table and the summary', () => {
    const r = runJson(['report'], dir);
    assert.equal(r.status, 0, r.stderr);
    const m = r.json as {
      uncovered: number[];
      requirements: { id: string }[];
      summary: { coverage: unknown };
    };
    assert.deepEqual(
      m.uncovered.map(i => m.requirements[i].id),
      uncovered,
    );
    assert.deepEqual(m.summary.coverage, { covered: 3, total: 6, percent: 50 });
  });

  it('report --format md: the uncovered table', () => {
    const r = run(['report', '--format', 'md'], dir);
    assert.equal(r.status, 0, r.stderr);
    const out = linesOf(r.stdout);
    const from = out.indexOf('## Uncovered requirements');
    assert.deepEqual(out.slice(from, out.indexOf('## Dependencies')), [
      '## Uncovered requirements',
      '',
      'Coverage 50%: 3 of 6 committed requirements have a story (approved, in-progress and done requirements count).',
      '',
      '| Requirement | Status | Priority | PRD | Epic | Where |',
      '| --- | --- | --- | --- | --- | --- |',
      '| `REQ-6` Approved alone | approved | must | `PRD-1` | `EPIC-1` | `statuses.prd.yaml:10` |',
      '| `REQ-8` In progress alone | in-progress | must | `PRD-1` | `EPIC-1` | `statuses.prd.yaml:12` |',
      '| `REQ-10` Done alone | done | must | `PRD-1` | `EPIC-1` | `statuses.prd.yaml:14` |',
      '',
    ]);
  });
});
