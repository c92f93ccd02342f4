import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, repoRoot, run } from './helpers';

const usage =
  'Usage: specwright check [PATH...] [--format text|json|sarif|junit|github] [--config FILE] [--root DIR] [--max-warnings N] [--show-suppressed] [--allow-empty] [--cache[=DIR]]';
/** Without a known command, the usage of every command. */
const allUsages = [
  usage,
  '       specwright trace ID [PATH] [--format text|json] [--config FILE] [--root DIR]',
  '       specwright report [PATH] --format md|html|csv|json [--out FILE] [--config FILE] [--root DIR]',
  '       specwright review ID... | --all [--root DIR] [--config FILE]',
  '       specwright impact [ID...] [--since REV] [--format text|json|md] [--config FILE] [--root DIR]',
  '       specwright diff [REV_A [REV_B]] [--format text|json|md] [--config FILE] [--root DIR]',
  '       specwright mcp [PATH] [--config FILE] [--root DIR] [--allow-edits]',
  '       specwright export [PATH] --format jira-csv|linear-csv|github-json [--release ID] [--requirements] [--all] [--out FILE] [--config FILE] [--root DIR]',
];
/** Every option the CLI takes, as the help writes it. */
const everyOption = [
  '-f, --format FORMAT',
  '-o, --out FILE',
  '-c, --config FILE',
  '--root DIR',
  '--max-warnings N',
  '--show-suppressed',
  '--allow-empty',
  '--all',
  '--since REV',
  '--release ID',
  '--requirements',
  '-h, --help',
  '--version',
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
      for (const option of everyOption) {
        assert.ok(
          lines.some(l => l.startsWith(`  ${option}`) || l.startsWith(`      ${option}`)),
          `help lists ${option}`,
        );
      }
    }
  });

  it('the synopsis names every option of each command', () => {
    const lines = linesOf(run(['--help'], repoRoot).stdout);
    assert.deepEqual(lines.slice(0, allUsages.length), allUsages);
    for (const option of [
      '--format',
      '--config',
      '--root',
      '--max-warnings N',
      '--show-suppressed',
      '--allow-empty',
    ]) {
      assert.ok(usage.includes(`[${option}`), `check's synopsis names ${option}`);
    }
    assert.ok(allUsages[2].includes('[--out FILE]'));
  });

  it('--version prints the version of package.json, exit 0', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
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
    usageError(
      ['check', '--max-warnings', 'many'],
      '--max-warnings needs a whole number of 0 or more (got "many")',
    );
    usageError(
      ['check', '--max-warnings=1.5'],
      '--max-warnings needs a whole number of 0 or more (got "1.5")',
    );
    usageError(['check', '--max-warnings=-1'], '--max-warnings needs a whole number of 0 or more (got "-1")');
  });

  it('names a negative value given after a space, instead of saying it is missing', () => {
    usageError(
      ['check', '--max-warnings', '-1'],
      '--max-warnings needs a whole number of 0 or more (got "-1")',
    );
    usageError(
      ['check', '--max-warnings', '-3', '.'],
      '--max-warnings needs a whole number of 0 or more (got "-3")',
    );
    usageError(['check', '--format', '-1'], 'unknown format "-1" (use text, json, sarif, junit or github)');
  });

  it('an option followed by another option: names what followed it and how to pass it as the value', () => {
    usageError(
      ['check', '--config', '--root', 'x'],
      'option --config needs a value, but "--root" after it looks like an option (if it is the value, write --config=--root)',
    );
    usageError(
      ['check', '-f', '-x'],
      'option -f needs a value, but "-x" after it looks like an option (if it is the value, write -f-x)',
    );
  });

  it('--allow-empty and --max-warnings belong to check only; --root needs a folder', () => {
    usageError(
      ['report', '--format', 'md', '--allow-empty'],
      'option --allow-empty is only for "check"',
      undefined,
      ['Usage: specwright report [PATH] --format md|html|csv|json [--out FILE] [--config FILE] [--root DIR]'],
    );
    usageError(['check', '--root='], '--root needs a folder');
    usageError(['check', '--root', 'nowhere'], '--root "nowhere" does not exist');
    usageError(['check', '--root', 'product.vision.yaml'], '--root "product.vision.yaml" is not a folder');
  });

  /** A PATH that cannot be checked: exit 2, nothing on stdout, one line per such PATH and no usage (the command line itself is fine). */
  function pathError(args: string[], lines: string[], cwd = fixture('cli-clean')): void {
    const r = run(args, cwd);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), lines);
  }

  it('rejects a path that does not exist, naming each one', () => {
    pathError(['check', 'no/such/folder'], ['specwright: path "no/such/folder" does not exist']);
    pathError(
      ['check', 'gone', '.', 'missing.prd.yaml'],
      ['specwright: path "gone" does not exist', 'specwright: path "missing.prd.yaml" does not exist'],
    );
  });

  it('rejects a file that is not a spec file', () => {
    pathError(
      ['check', '.specwright.yaml'],
      [
        'specwright: ".specwright.yaml" is not a spec file (its name must end in .vision, .roadmap, .epic, .prd or .stories, then .yaml or .yml)',
      ],
      fixture('cli-config'),
    );
  });

  it('rejects a missing or unknown command', () => {
    usageError(
      [],
      'no command given (use check, trace, report, review, impact, diff, mcp or export)',
      undefined,
      allUsages,
    );
    usageError(
      ['lint'],
      'unknown command "lint" (use check, trace, report, review, impact, diff, mcp or export)',
      undefined,
      allUsages,
    );
  });
});
