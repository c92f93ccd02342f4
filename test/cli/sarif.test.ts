import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { codeTable } from '../../server/src/core/codes';
import { fixture, run, tempDir } from './helpers';

/** The Sarif.Multitool executable (self-contained: it needs no .NET runtime). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multitool: string = require('@microsoft/sarif-multitool');

/**
 * Validate a SARIF text with `sarif-multitool validate`. The multitool exits
 * 0 even when the log is invalid, so its report lines are read instead:
 * `<file>(line,col): error|warning <RULE>: <message>`; warnings count as
 * failures too.
 */
function validate(sarif: string): { status: number | null; problems: string[]; output: string } {
  const tmp = tempDir();
  try {
    const file = path.join(tmp.dir, 'check.sarif');
    fs.writeFileSync(file, sarif);
    const r = spawnSync(multitool, ['validate', file], { encoding: 'utf8', timeout: 120_000 });
    if (r.error) throw r.error;
    const output = r.stdout + r.stderr;
    // A clean run prints only "Analyzing...", "THREADS: n", "Done. ..." and "Analysis completed successfully."
    // Except SARIF2005 (no informationUri): the project has no public home yet, and a false one is worse.
    const problems = output
      .split('\n')
      .filter(l => /\b(error|warning)\b/i.test(l) && !/ warning SARIF2005: .* 'informationUri'/.test(l));
    return { status: r.status, problems, output };
  } finally {
    tmp.remove();
  }
}

/** The table's codes, in its order (test/unit/codes.test.ts holds the table to the format). */
const codes = codeTable.map(c => c.code);

describe('cli: sarif format', function () {
  this.timeout(120_000);

  // suppress-basic: suppressed results; cli-config: a rule switched off (an invocation's ruleConfigurationOverrides).
  for (const name of ['cli-findings', 'cli-clean', 'cli-config', 'cli-warnings', 'suppress-basic']) {
    it(`is valid SARIF 2.1.0 for ${name} (sarif-multitool validate)`, () => {
      const r = run(['check', '--format', 'sarif'], fixture(name));
      assert.equal(r.stderr, '');
      const v = validate(r.stdout);
      assert.equal(v.status, 0, v.output);
      assert.match(v.output, /Analysis completed successfully/);
      assert.deepEqual(v.problems, [], v.output);
    });
  }

  it('fails the validation test when the log is broken (the check above can fail)', () => {
    const r = run(['check', '--format', 'sarif'], fixture('cli-findings'));
    const log = JSON.parse(r.stdout);
    log.version = '2.1.1';
    log.runs[0].results[0].ruleIndex = 99;
    const v = validate(JSON.stringify(log));
    assert.equal(v.problems.filter(l => /: error (JSON1019|SARIF1009):/.test(l)).length, 2, v.output);
  });

  it('describes the tool, all 23 rules, and each result with a region relative to ROOT', () => {
    const r = run(['check', '--format', 'sarif'], fixture('cli-findings'));
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const run0 = log.runs[0];
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
    assert.equal(run0.tool.driver.name, 'specwright');
    assert.equal(run0.tool.driver.version, pkg.version);
    assert.equal(pkg.repository, undefined, 'package.json names no repository yet');
    assert.equal(
      'informationUri' in run0.tool.driver,
      false,
      'so SARIF names no informationUri (it is optional), rather than a false one',
    );
    assert.deepEqual(
      run0.tool.driver.rules.map((x: { id: string }) => x.id),
      codes,
    );
    const levels = Object.fromEntries(
      run0.tool.driver.rules.map((x: any) => [x.id, x.defaultConfiguration.level]),
    );
    assert.deepEqual(levels, {
      'yaml-syntax': 'error',
      schema: 'error',
      'kind-mismatch': 'error',
      'duplicate-id': 'error',
      'unresolved-link': 'error',
      'link-kind': 'error',
      'dependency-cycle': 'error',
      'date-order': 'error',
      'status-rollup': 'warning',
      'schedule-conflict': 'warning',
      'priority-inversion': 'warning',
      'missing-acceptance': 'warning',
      uncovered: 'note',
      orphan: 'note',
      'suppression-reason': 'warning',
      'unused-suppression': 'warning',
      'coverage-threshold': 'error',
      'untrusted-workspace': 'note',
      'suspect-link': 'warning',
      'unreviewed-link': 'note',
      unverified: 'note',
      'failing-test': 'warning',
      'internal-error': 'error',
    });
    for (const rule of run0.tool.driver.rules) assert.ok(rule.shortDescription.text.length > 10, rule.id);
    assert.deepEqual(run0.originalUriBaseIds, {
      ROOT: { uri: pathToFileURL(fixture('cli-findings')).href + '/' },
    });
    assert.equal(run0.results.length, 19);
    for (const res of run0.results) assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);

    const link = run0.results.find((x: any) => x.ruleId === 'link-kind');
    assert.deepEqual(link, {
      ruleId: 'link-kind',
      ruleIndex: 5,
      level: 'error',
      message: { text: 'implements must name a requirement, but EPIC-1 is an epic' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'iterations/s1.stories.yaml', uriBaseId: 'ROOT' },
            region: { startLine: 17, startColumn: 18, endLine: 17, endColumn: 24 },
          },
        },
      ],
      relatedLocations: [
        {
          id: 1,
          physicalLocation: {
            artifactLocation: { uri: 'epics/pay.epic.yaml', uriBaseId: 'ROOT' },
            region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 11 },
          },
          message: { text: 'EPIC-1 is defined here as an epic' },
        },
      ],
    });
    const levelsSeen = new Set(run0.results.map((x: any) => x.level));
    assert.deepEqual([...levelsSeen].sort(), ['error', 'note', 'warning']);
  });

  it("takes each rule's name, description, help and level from the table of codes (core/codes.ts)", () => {
    const r = run(['check', '--format', 'sarif'], fixture('cli-findings'));
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: unknown[] } } }[] };
    const rules = log.runs[0].tool.driver.rules;
    assert.deepEqual(
      rules,
      codeTable.map(c => ({
        id: c.code,
        name: c.sarif.name,
        shortDescription: { text: c.sarif.shortDescription },
        help: { text: c.help },
        defaultConfiguration: { level: c.severity === 'info' ? 'note' : c.severity },
      })),
    );
    assert.deepEqual(rules[4], {
      id: 'unresolved-link',
      name: 'UnresolvedLink',
      shortDescription: { text: 'A link names an ID that no item has.' },
      help: {
        text: 'A link names an ID that no item in the workspace defines. Correct the ID (the message suggests the closest one), or write the item it names.',
      },
      defaultConfiguration: { level: 'error' },
    });
  });

  it('reports the workspace severities (from .specwright.yaml) as result levels', () => {
    const r = run(['check', '--format', 'sarif'], fixture('cli-config'));
    const results = JSON.parse(r.stdout).runs[0].results.map((x: any) => [x.ruleId, x.level]);
    assert.deepEqual(results, [
      ['orphan', 'error'],
      ['uncovered', 'warning'],
    ]);
  });
});
