/**
 * The index cache on disk (node/indexCache.ts), fed damaged files: cut
 * short, flipped bytes, another version, foreign JSON, empty, a folder or a
 * symbolic link where the file should be. Each is ignored with exactly one
 * log line, the scan's findings are those without a cache, and the cache is
 * written anew, so that the next session reads every file from it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { SpecService } from '../../../server/src/core/service';
import { cacheFileIn, NodeIndexCache, nodeAnalyserVersion } from '../../../server/src/node/indexCache';
import { NodeWorkspace, pathToUri } from '../../../server/src/node/nodeWorkspace';

const examples = path.resolve(__dirname, '../../../../examples');
const root = pathToUri(examples);
const version = nodeAnalyserVersion('test');

async function scan(cache?: NodeIndexCache): Promise<{ service: SpecService; findings: unknown }> {
  const service = new SpecService(new NodeWorkspace());
  service.useRecordCache(cache);
  await service.scan([root]);
  const findings = service.uris().map(uri => [uri, service.diagnostics(uri)]);
  return { service, findings };
}

/** Open the cache at `file`, scan with it, save: the log lines, the hits and the findings. */
async function session(file: string, v = version) {
  const log: string[] = [];
  const cache = await NodeIndexCache.open(file, v, line => log.push(line));
  await cache.loaded;
  const { service, findings } = await scan(cache);
  const saved = await cache.save(service.cacheRecords());
  return { log, hits: cache.hits, lookups: cache.lookups, findings, saved };
}

describe('node: the index cache on disk', () => {
  let dir: string;
  let file: string;
  let good: Buffer;
  let expected: unknown;

  before(async () => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-cache-')));
    file = cacheFileIn(path.join(dir, 'node_modules', '.cache', 'specwright'), [examples]);
    expected = (await scan()).findings;
    const first = await session(file);
    assert.deepEqual(first.log, []);
    assert.equal(first.hits, 0);
    good = fs.readFileSync(file);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates its folders, then a second session reads every file from it', async () => {
    const second = await session(file);
    assert.deepEqual(second.log, []);
    assert.equal(second.lookups, 14);
    assert.equal(second.hits, 14);
    assert.deepStrictEqual(second.findings, expected);
    // Nothing changed: the file is not written again.
    assert.deepEqual(fs.readFileSync(file), good);
  });

  /** Write `bytes` as the cache, run a session: one log line saying why, findings unchanged, rebuilt. */
  async function damaged(bytes: Uint8Array, why: RegExp, v = version): Promise<void> {
    fs.rmSync(file, { recursive: true, force: true });
    fs.writeFileSync(file, bytes);
    const s = await session(file, v);
    assert.equal(s.log.length, 1, s.log.join('\n'));
    assert.match(s.log[0], new RegExp(`^cache: ignored ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    assert.match(s.log[0], why);
    assert.match(s.log[0], /; it is written anew$/);
    assert.equal(s.hits, 0);
    assert.deepStrictEqual(s.findings, expected);
    assert.ok(s.saved);
    const next = await session(file, v);
    assert.deepEqual(next.log, []);
    assert.equal(next.hits, 14);
    assert.deepStrictEqual(next.findings, expected);
  }

  it('ignores an empty file', () => damaged(new Uint8Array(), /it is empty/));
  it('ignores foreign JSON', () =>
    damaged(
      Buffer.from(JSON.stringify({ version: 1, files: { 'a.prd.yaml': 'x'.repeat(100) } })),
      /checksum does not match/,
    ));

  it('ignores a cache written by another version, naming it', () =>
    damaged(
      good,
      /it was written by another version \(1\/test\/[0-9a-f]+\); it is written anew$/,
      `${version}-next`,
    ));

  it('ignores a cache cut short anywhere, or with any byte flipped', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.nat(good.length - 1).map(n => ({ cut: n, at: -1, x: 0 })),
          fc
            .tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }))
            .map(([at, x]) => ({ cut: -1, at, x })),
        ),
        async ({ cut, at, x }) => {
          const bytes = cut >= 0 ? good.subarray(0, cut) : Buffer.from(good);
          if (at >= 0) bytes[at] ^= x;
          await damaged(bytes, cut === 0 ? /it is empty/ : /cut short|checksum does not match/);
        },
      ),
      { numRuns: 25 },
    );
  }).timeout(300_000);

  it('reads and writes no cache through a symbolic link', async () => {
    const target = path.join(dir, 'elsewhere.bin');
    fs.writeFileSync(target, good);
    fs.rmSync(file, { force: true });
    fs.symlinkSync(target, file);
    const log: string[] = [];
    const cache = await NodeIndexCache.open(file, version, line => log.push(line));
    await cache.loaded;
    assert.equal(log.length, 1);
    assert.match(log[0], /it is a symbolic link, and no cache is read through one; it is written anew$/);
    const { service } = await scan(cache);
    assert.equal(cache.hits, 0);
    assert.equal(await cache.save(service.cacheRecords()), false);
    assert.match(log[1], /^cache: could not write .*symbolic link/);
    assert.deepEqual(fs.readFileSync(target), good, 'the link target is unchanged');
    fs.rmSync(file);
  });

  it('ignores a folder where the file should be, and says it cannot write there', async () => {
    fs.rmSync(file, { force: true });
    fs.mkdirSync(file);
    const s = await session(file);
    assert.equal(s.log.length, 2, s.log.join('\n'));
    assert.match(s.log[0], /it is not a regular file; it is written anew$/);
    assert.match(s.log[1], /^cache: could not write /);
    assert.deepStrictEqual(s.findings, expected);
    fs.rmdirSync(file);
  });
});
