import * as assert from 'node:assert/strict';
import { fixture, linesOf, run, runJson } from './helpers';

/**
 * test/fixtures/trace-thresholds: four committed requirements of R-1, three
 * implemented in code (REQ-1 and REQ-2 directly, REQ-3 through ST-3), two
 * verified (REQ-1 passes, REQ-2 fails, REQ-3's story passes). Its
 * `.specwright.yaml` asks for 80% implemented and verified, and 100%
 * verified for R-1; configs/relaxed.yaml for 75%, 50% and 50%;
 * configs/untraced.yaml sets a verified minimum without trace globs.
 */
describe('cli: coverage thresholds on implemented and verified', () => {
  const failing =
    'cart.prd.yaml:6:10 warning failing-test a test of REQ-2 failed in the latest results: "cart removes an item [REQ-2]" failed';

  it('check fails (exit 1) below a minimum on implemented or verified, workspace-wide and per release', () => {
    const r = run(['check'], fixture('trace-thresholds'));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      '.specwright.yaml:6:16 error coverage-threshold implemented coverage 75% is below the minimum 80% (3 of 4 committed requirements are implemented in code)',
      '.specwright.yaml:7:13 error coverage-threshold verified coverage 50% is below the minimum 80% (2 of 4 committed requirements are verified by passing tests)',
      failing,
      'product.roadmap.yaml:4:9 error coverage-threshold R-1 verified coverage 50% is below the minimum 100% (2 of 4 committed requirements are verified by passing tests)',
      '3 errors, 1 warning, 0 info in 4 files (13 items)',
    ]);
  });

  it('json: the three findings, on the config file and the roadmap', () => {
    const r = runJson(['check'], fixture('trace-thresholds'));
    assert.equal(r.status, 1);
    assert.deepEqual(
      r.json.diagnostics
        .filter((d: { code: string }) => d.code === 'coverage-threshold')
        .map((d: { file: string; message: string }) => d.file),
      ['.specwright.yaml', '.specwright.yaml', 'product.roadmap.yaml'],
    );
  });

  it('check passes (exit 0) when the minimums are met (--config)', () => {
    const r = run(['check', '--config', 'configs/relaxed.yaml'], fixture('trace-thresholds'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [failing, '0 errors, 1 warning, 0 info in 4 files (13 items)']);
  });

  it('refuses (exit 2) a verified minimum where no trace glob names tests or results, saying why', () => {
    const r = run(['check', '--config', 'configs/untraced.yaml'], fixture('trace-thresholds'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: invalid configuration, nothing was checked:',
      '  configs/untraced.yaml:2:13: a minimum on verified needs trace.tests or trace.results in this file: without them no requirement counts as verified',
    ]);
  });

  it('report shows the Verification figures the minimums compare, and the matrix columns', () => {
    const r = run(['report', '--format', 'md'], fixture('trace-thresholds'));
    assert.equal(r.status, 0, r.stderr);
    const md = linesOf(r.stdout);
    const at = md.indexOf('| Release | Specified | Implemented | Verified |');
    assert.deepEqual(md.slice(at, at + 4), [
      '| Release | Specified | Implemented | Verified |',
      '| --- | ---: | ---: | ---: |',
      '| `R-1` First | 4 | 3/4 (75%) | 2/4 (50%) |',
      '| **All** | 4 | 3/4 (75%) | 2/4 (50%) |',
    ]);
    assert.ok(
      md.includes(
        '| `PRD-1` | 4/4 (100%) | `REQ-2` Remove | must | approved | `ST-2` draft | 0/1 (0%) | yes | 1 | 0 (1 failing) |',
      ),
      md.join('\n'),
    );
    const csv = run(['report', '--format', 'csv'], fixture('trace-thresholds')).stdout.split('\r\n');
    assert.deepEqual(csv.slice(1, 5), [
      ',R-1,EPIC-1,PRD-1,REQ-1,Add,approved,must,0,1,0,0,ST-1,yes,1,1,cart.prd.yaml,5',
      ',R-1,EPIC-1,PRD-1,REQ-2,Remove,approved,must,0,1,0,0,ST-2,yes,1,0,cart.prd.yaml,6',
      ',R-1,EPIC-1,PRD-1,REQ-3,Total,approved,must,0,1,0,0,ST-3,yes,1,1,cart.prd.yaml,7',
      ',R-1,EPIC-1,PRD-1,REQ-4,Share,approved,could,0,1,0,0,ST-4,no,0,0,cart.prd.yaml,8',
    ]);
  });
});
