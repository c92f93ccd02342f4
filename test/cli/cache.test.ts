/**
 * `specwright check --cache[=DIR]`: the second run reads every unchanged
 * file from the cache and prints exactly what the first printed (and what a
 * run without the cache prints); a changed file is analysed again; a
 * damaged cache is ignored with one line and written anew.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, run, tempDir } from './helpers';

const cacheLine = (hits: number, of: number) => `specwright: cache: ${hits} of ${of} files from the cache`;

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
    assert.equal(second.stderr, `${cacheLine(14, 14)}\n`);
    assert.match(plain.stdout, /1 error, 5 warnings, 1 info in 14 files \(62 items\)/);
    // Other formats read the same index.
    assert.equal(
      run(['check', '--cache=../cache', '--format', 'json', '.'], ws).stdout,
      run(['check', '--format', 'json', '.'], ws).stdout,
    );
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
    assert.equal(run(['check', '--cache'], ws).stderr, `${cacheLine(14, 14)}\n`);
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
    assert.equal(run(['check', '--cache'], ws).stderr, `${cacheLine(14, 14)}\n`);
    fs.writeFileSync(file, bytes.subarray(0, 100));
    const cut = run(['check', '--cache'], ws);
    assert.equal(cut.stdout, plain.stdout);
    assert.match(
      cut.stderr,
      /^specwright: cache: ignored .*: its checksum does not match \(damaged or cut short\); it is written anew\n/,
    );
  });

  it('--cache is only for check', () => {
    const r = run(['trace', 'REQ-1', '--cache'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /option --cache is only for "check"/);
  });
});
