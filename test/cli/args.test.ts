import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, repoRoot, run } from './helpers';

const usage = 'Usage: specwright check [PATH...] [--format text|json|sarif|junit|github] [--config FILE] [--max-warnings N]';
/** Without a known command, the usage of every command. */
const allUsages = [
  usage,
  '       specwright trace ID [PATH] [--format text|json] [--config FILE]',
  '       specwright report [PATH] --format md|html|csv|json [--out FILE] [--config FILE]',
  '       specwright review ID... | --all [--root DIR] [--config FILE]',
];
const hint = 'Run "specwright --help" for details.';

/** A usage error: exit 2, nothing on stdout, the message then the usage on stderr. */
function usageError(args: string[], message: string, cwd = fixture('cli-clean'), usages = [usage]): void {
  const r = run(args, cwd);
  assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.deepEqual(linesOf(r.stderr), [`specwright: ${message}`, ...usages, hint]);
}

describe('cli: arguments', () => {
  it('--help prints the usage and the options, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const r = run(args, repoRoot);
      assert.equal(r.status, 0);
      assert.equal(r.stderr, '');
      const lines = linesOf(r.stdout);
      assert.equal(lines[0], usage);
      for (const option of ['--format FORMAT', '--config FILE', '--max-warnings N', '--help', '--version']) {
        assert.ok(lines.some(l => l.includes(option)), `help mentions ${option}`);
      }
    }
  });

  it('--version prints the version of package.json, exit 0', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const r = run(['--version'], repoRoot);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
    assert.equal(r.stderr, '');
  });

  it('--version works from any folder (the bundle carries the version)', () => {
    const r = run(['--version'], fixture('cli-clean'));
    assert.match(r.stdout, /^\d+\.\d+\.\d+/);
  });

  it('rejects an unknown flag', () => {
    usageError(['check', '--frobnicate'], 'unknown option --frobnicate');
    usageError(['check', '-x'], 'unknown option -x');
  });

  it('rejects an unknown format', () => {
    usageError(['check', '--format', 'xml'], 'unknown format "xml" (use text, json, sarif, junit or github)');
  });

  it('rejects an option without its value', () => {
    usageError(['check', '--format'], 'option -f, --format needs a value');
    usageError(['check', '--config'], 'option -c, --config needs a value');
  });

  it('rejects a --max-warnings that is not a whole number', () => {
    usageError(['check', '--max-warnings', 'many'], '--max-warnings needs a whole number of 0 or more (got "many")');
    usageError(['check', '--max-warnings=1.5'], '--max-warnings needs a whole number of 0 or more (got "1.5")');
    usageError(['check', '--max-warnings=-1'], '--max-warnings needs a whole number of 0 or more (got "-1")');
  });

  it('rejects a path that does not exist', () => {
    usageError(['check', 'no/such/folder'], 'path "no/such/folder" does not exist');
    usageError(['check', '.', 'missing.prd.yaml'], 'path "missing.prd.yaml" does not exist');
  });

  it('rejects a file that is not a spec file', () => {
    usageError(['check', '.specwright.yaml'], '".specwright.yaml" is not a spec file (its name must end in .vision, .roadmap, .epic, .prd or .stories, then .yaml or .yml)', fixture('cli-config'));
  });

  it('rejects a missing or unknown command', () => {
    usageError([], 'no command given (use check, trace, report or review)', undefined, allUsages);
    usageError(['lint'], 'unknown command "lint" (use check, trace, report or review)', undefined, allUsages);
  });
});
