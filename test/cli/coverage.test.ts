import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, range, run, runJson, tempDir } from './helpers';

/**
 * test/fixtures/coverage-basic: 8 committed requirements, 5 with stories
 * (62%); R-2026.1 has 4, 3 with stories (75%). `.specwright.yaml` asks for
 * 80% overall and 90% for R-2026.1; configs/relaxed.yaml for 60% and 75%.
 */
describe('cli: coverage thresholds', () => {
  const uncovered = [
    'checkout.prd.yaml:8:10 info uncovered REQ-4 is approved but no story implements it',
    'substitutions.prd.yaml:7:10 info uncovered REQ-7 is done but no story implements it',
    'substitutions.prd.yaml:8:10 info uncovered REQ-8 is in-progress but no story implements it',
  ];

  it('fails (exit 1) below a threshold: workspace-wide on the config file, per release on the roadmap', () => {
    const r = run(['check'], fixture('coverage-basic'));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      '.specwright.yaml:2:8 error coverage-threshold coverage 62% is below the minimum 80% (5 of 8 committed requirements have stories)',
      uncovered[0],
      'product.roadmap.yaml:4:9 error coverage-threshold R-2026.1 coverage 75% is below the minimum 90% (3 of 4 committed requirements have stories)',
      uncovered[1],
      uncovered[2],
      '2 errors, 0 warnings, 3 info in 6 files (20 items)',
    ]);
  });

  it('json: the findings with their files and ranges; `files` counts spec files only', () => {
    const r = runJson(['check'], fixture('coverage-basic'));
    assert.equal(r.status, 1);
    assert.equal(r.json.files, 6);
    const coverage = r.json.diagnostics.filter((d: { code: string }) => d.code === 'coverage-threshold');
    assert.deepEqual(
      coverage.map((d: { file: string; range: unknown }) => [d.file, d.range]),
      [
        ['.specwright.yaml', range([1, 7, 1, 10])],
        ['product.roadmap.yaml', range([3, 8, 3, 16])],
      ],
    );
    assert.deepEqual(r.json.summary, { error: 2, warning: 0, info: 3 });
  });

  it('passes (exit 0) when the thresholds are met (--config)', () => {
    const r = run(['check', '--config', 'configs/relaxed.yaml'], fixture('coverage-basic'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [...uncovered, '0 errors, 0 warnings, 3 info in 6 files (20 items)']);
  });

  it('names a --config file as given when it reports on it', () => {
    const tmp = tempDir();
    try {
      fs.cpSync(fixture('coverage-basic'), tmp.dir, { recursive: true });
      fs.writeFileSync(path.join(tmp.dir, 'configs', 'strict.yaml'), 'coverage: {min: 1}\n');
      const r = run(['check', '--config', 'configs/strict.yaml'], tmp.dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(
        linesOf(r.stdout)[1],
        'configs/strict.yaml:1:17 error coverage-threshold coverage 62% is below the minimum 100% (5 of 8 committed requirements have stories)',
      );
    } finally {
      tmp.remove();
    }
  });

  it('severities come from rules: a warning does not fail the check', () => {
    const tmp = tempDir();
    try {
      fs.cpSync(fixture('coverage-basic'), tmp.dir, { recursive: true });
      fs.appendFileSync(path.join(tmp.dir, '.specwright.yaml'), 'rules:\n  coverage-threshold: warning\n');
      const r = run(['check'], tmp.dir);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^\.specwright\.yaml:2:8 warning coverage-threshold /);
      assert.equal(run(['check', '--max-warnings', '1'], tmp.dir).status, 1);
    } finally {
      tmp.remove();
    }
  });

  it('refuses (exit 2) an invalid coverage configuration', () => {
    const tmp = tempDir();
    try {
      fs.cpSync(fixture('coverage-basic'), tmp.dir, { recursive: true });
      fs.writeFileSync(
        path.join(tmp.dir, '.specwright.yaml'),
        'coverage:\n  min: 80\n  releases:\n    spring: 0.9\n',
      );
      const r = run(['check'], tmp.dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: invalid configuration, nothing was checked:',
        '  .specwright.yaml:2:8: coverage min must be a number from 0 to 1, such as 0.8 for 80% (got 80)',
        '  .specwright.yaml:4:5: "spring" is not a release ID (IDs look like R-2026.1)',
      ]);
    } finally {
      tmp.remove();
    }
  });
});
