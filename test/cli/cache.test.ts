/**
 * `specwright check --cache[=DIR]`: the second run reads every unchanged
 * file from the cache and prints exactly what the first printed (and what a
 * run without the cache prints); a changed file is analysed again; a
 * damaged cache is ignored with one line and written anew. A run with the
 * same arguments over the same inputs prints the stored output again
 * without analysing anything; any changed input (a spec file, a code file,
 * a results file's time) or argument analyses again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { git, initRepo } from './gitRepo';
import { repoRoot, run, tempDir } from './helpers';

const cacheLine = (hits: number, of: number) => `specwright: cache: ${hits} of ${of} files from the cache`;
const replayed =
  'specwright: cache: nothing changed since a check with these arguments; its output is printed again\n';

describe('cli: check --cache', () => {
  let tmp: { dir: string; remove: () => void };
  let ws: string;
  let plain: ReturnType<typeof run>;

  beforeEach(() => {
    tmp = tempDir();
    ws = path.join(tmp.dir, 'ws');
    fs.cpSync(path.join(repoRoot, 'examples'), ws, { recursive: true });
    plain = run(['check', '.'], ws);
    assert.equal(plain.status, 1);
  });
  afterEach(() => tmp.remove());

  const cacheFiles = (dir: string) => fs.readdirSync(dir).filter(f => f.endsWith('.spwcache'));

  it('--cache=DIR twice: identical output, the second run reads all 14 files from the cache', () => {
    const dir = path.join(tmp.dir, 'cache');
    const first = run(['check', '--cache=../cache', '.'], ws);
    assert.equal(first.status, plain.status);
    assert.equal(first.stdout, plain.stdout);
    assert.equal(first.stderr, `${cacheLine(0, 14)}\n`);
    assert.equal(cacheFiles(dir).length, 1);
    const second = run(['check', '--cache=../cache', '.'], ws);
    assert.equal(second.status, plain.status);
    assert.equal(second.stdout, plain.stdout);
    assert.equal(second.stderr, replayed);
    assert.match(plain.stdout, /1 error, 5 warnings, 1 info in 14 files \(62 items\)/);
    // Other arguments are another run: the files come from the cache, the output is analysed anew.
    const json = run(['check', '--cache=../cache', '--format', 'json', '.'], ws);
    assert.equal(json.stdout, run(['check', '--format', 'json', '.'], ws).stdout);
    assert.equal(json.stderr, `${cacheLine(14, 14)}\n`);
    const again = run(['check', '--cache=../cache', '--format', 'json', '.'], ws);
    assert.deepEqual([again.status, again.stdout, again.stderr], [json.status, json.stdout, replayed]);
  });

  it('replays the exit code and stderr of a run; a changed code file, or a results file touched, is analysed again', () => {
    const args = ['check', '--cache', '--max-warnings', '0', '--format', 'github', '.'];
    const first = run(args, ws);
    assert.equal(first.status, 1);
    assert.equal(first.stderr, `${cacheLine(0, 14)}\n`);
    const second = run(args, ws);
    assert.deepEqual(
      [second.status, second.stdout, second.stderr],
      [1, first.stdout, first.stderr.replace(/specwright: cache: .*\n$/, replayed)],
    );
    // A code file that now implements an unknown ID: a finding more.
    const code = path.join(ws, 'src', 'checkout', fs.readdirSync(path.join(ws, 'src', 'checkout'))[0]);
    fs.appendFileSync(code, '\n// @implements REQ-999\n');
    const changed = run(args, ws);
    assert.equal(changed.stderr.endsWith(`${cacheLine(14, 14)}\n`), true, changed.stderr);
    assert.match(changed.stdout, /REQ-999/);
    assert.equal(changed.stdout, run(['check', '--max-warnings', '0', '--format', 'github', '.'], ws).stdout);
    // The newest run of a test wins across results files, so a results file's time is an input too.
    const junit = path.join(ws, 'test-results', 'junit.xml');
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(junit, later, later);
    const touched = run(args, ws);
    assert.equal(touched.stderr.endsWith(`${cacheLine(14, 14)}\n`), true, touched.stderr);
    assert.equal(touched.stdout, changed.stdout);
  });

  it('a PATH that the scan of its root leaves out is read after it: such a run is never replayed', () => {
    fs.mkdirSync(path.join(ws, 'dist'));
    fs.copyFileSync(
      path.join(ws, 'prds', 'express-checkout.prd.yaml'),
      path.join(ws, 'dist', 'copy.prd.yaml'),
    );
    const first = run(['check', '--cache', 'dist'], ws);
    const second = run(['check', '--cache', 'dist'], ws);
    assert.equal(second.stdout, first.stdout);
    assert.match(first.stdout, /copy\.prd\.yaml/);
    assert.equal(second.stderr, `${cacheLine(15, 15)}\n`);
  });

  it('bare --cache keeps it in node_modules/.cache/specwright under the workspace root, which no scan reads', () => {
    assert.equal(run(['check', '--cache'], ws).stderr, `${cacheLine(0, 14)}\n`);
    const dir = path.join(ws, 'node_modules', '.cache', 'specwright');
    assert.equal(cacheFiles(dir).length, 1);
    const again = run(['check', '--cache', 'prds'], ws);
    assert.equal(again.stderr, `${cacheLine(14, 14)}\n`);
    assert.equal(again.stdout, run(['check', 'prds'], ws).stdout);
  });

  it('a changed file is analysed again; the others come from the cache', () => {
    run(['check', '--cache'], ws);
    const prd = path.join(ws, 'prds', 'express-checkout.prd.yaml');
    fs.writeFileSync(prd, fs.readFileSync(prd, 'utf8').replace(/priority: must/, 'priority: nonsense'));
    const after = run(['check', '--cache'], ws);
    assert.equal(after.stderr, `${cacheLine(13, 14)}\n`);
    const fresh = run(['check', '.'], ws);
    assert.equal(after.stdout, fresh.stdout);
    assert.notEqual(fresh.stdout, plain.stdout);
    assert.equal(run(['check', '--cache'], ws).stderr, replayed);
  });

  it('a damaged cache is ignored with one line and written anew; output unchanged', () => {
    run(['check', '--cache'], ws);
    const dir = path.join(ws, 'node_modules', '.cache', 'specwright');
    const file = path.join(dir, cacheFiles(dir)[0]);
    const bytes = fs.readFileSync(file);
    bytes[Math.floor(bytes.length / 2)] ^= 0x5a;
    fs.writeFileSync(file, bytes);
    const damaged = run(['check', '--cache'], ws);
    assert.equal(damaged.stdout, plain.stdout);
    assert.equal(
      damaged.stderr,
      `specwright: cache: ignored ${file}: its checksum does not match (damaged or cut short); it is written anew\n${cacheLine(0, 14)}\n`,
    );
    assert.equal(run(['check', '--cache'], ws).stderr, replayed);
    fs.writeFileSync(file, bytes.subarray(0, 100));
    const cut = run(['check', '--cache'], ws);
    assert.equal(cut.stdout, plain.stdout);
    assert.match(
      cut.stderr,
      /^specwright: cache: ignored .*: its checksum does not match \(damaged or cut short\); it is written anew\n/,
    );
  });

  it('never reads a cache that git tracks: a pull request could commit one with findings of its choosing', () => {
    initRepo(ws);
    run(['check', '--cache'], ws);
    const dir = path.join(ws, 'node_modules', '.cache', 'specwright');
    // The committed cache claims a clean run with exit code 0 (what a hostile pull request would commit).
    git(ws, 'add', '-A');
    git(ws, 'add', '-f', 'node_modules/.cache/specwright');
    git(ws, 'commit', '-q', '-m', 'a cache from elsewhere');
    const refused = run(['check', '--cache'], ws);
    assert.equal(refused.status, plain.status);
    assert.equal(refused.stdout, plain.stdout);
    assert.equal(
      refused.stderr,
      `specwright: cache: not used: git tracks files in ${dir}, and no cache is read from a repository\n`,
    );
    // Untracked again, it is used again.
    git(ws, 'rm', '-r', '-q', '--cached', 'node_modules/.cache/specwright');
    assert.equal(run(['check', '--cache'], ws).stderr, replayed);
  });

  it('--cache is only for check', () => {
    const r = run(['trace', 'REQ-1', '--cache'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /option --cache is only for "check"/);
  });
});
