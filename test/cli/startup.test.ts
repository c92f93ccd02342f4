/**
 * Starting the CLI or the server loads no ICU data: the first Intl object
 * (a collator, a number format) or locale-aware call of a process loads it,
 * ~11 ms of a start that `check --cache` and the warm start cannot spare.
 * Modules make their collators on first use instead. A preloaded probe
 * wraps Intl's constructors and the locale-aware methods and reports the
 * first one used when the process exits.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, run, tempDir } from './helpers';

const probeSource = `
let used = 'none';
const mark = name => { if (used === 'none') used = name; };
for (const name of ['Collator', 'NumberFormat', 'DateTimeFormat', 'PluralRules', 'ListFormat', 'RelativeTimeFormat', 'Segmenter', 'DisplayNames']) {
  const C = Intl[name];
  Intl[name] = function (...args) { mark('Intl.' + name); return new C(...args); };
}
for (const [proto, method] of [[String.prototype, 'localeCompare'], [Number.prototype, 'toLocaleString'], [Date.prototype, 'toLocaleString']]) {
  const f = proto[method];
  proto[method] = function (...args) { mark(method); return f.apply(this, args); };
}
process.on('exit', () => process.stderr.write('intl used: ' + used + '\\n'));
`;

describe('cli: starting loads no ICU data', () => {
  let temp: ReturnType<typeof tempDir>;
  let env: NodeJS.ProcessEnv;
  before(() => {
    temp = tempDir();
    const probe = path.join(temp.dir, 'probe.js');
    fs.writeFileSync(probe, probeSource);
    env = { NODE_OPTIONS: `--require ${JSON.stringify(probe)}` };
  });
  after(() => temp.remove());

  it('the probe sees a collator when one is made', () => {
    const r = spawnSync(process.execPath, ['-e', "new Intl.Collator('en')"], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.stderr, 'intl used: Intl.Collator\n');
  });

  it('specwright --version and --help, and the server --version', () => {
    for (const args of [['--version'], ['--help']]) {
      const r = run(args, temp.dir, env);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /intl used: none\n$/, args.join(' '));
    }
    const server = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'server.js'), '--version'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(server.status, 0, server.stderr);
    assert.equal(server.stderr, 'intl used: none\n');
  });

  it('check --cache printing a stored run again', () => {
    const ws = path.join(temp.dir, 'examples');
    fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true });
    const first = run(['check', '--cache'], ws, env);
    assert.equal(first.status, 1, first.stderr);
    const again = run(['check', '--cache'], ws, env);
    assert.equal(again.status, 1, again.stderr);
    assert.match(again.stderr, /cache: nothing changed since a check with these arguments/);
    assert.match(again.stderr, /intl used: none\n$/);
  });
});
