/**
 * A cache can never change a finding. A random workspace (PRDs, epics,
 * stories, a roadmap; links that resolve or not, duplicates, syntax errors,
 * suppression comments, unicode, a lone surrogate that no record can hold,
 * a team schema switched on and off) goes through a random sequence of disk
 * edits, deletions, config changes and documents opened with other text;
 * after every step:
 *  - a service restarted from the cache the previous step wrote (a fresh
 *    SpecService, the same open documents, a scan) and
 *  - a service that lives through the steps with the cache
 * give every file exactly the diagnostics of a service that never had a
 * cache, and so do the findings a restart finds stored under the key of the
 * inputs it read (findingsSnapshot.ts), before it analyses anything. The
 * cache goes through its file encoding (cacheFile.ts) each time.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CacheRejected,
  decodeCache,
  encodeCache,
  type CacheContent,
  type StoredSnapshot,
} from '../../../server/src/core/cache/cacheFile';
import {
  decodeSnapshot,
  encodeSnapshot,
  findingsOf,
  type SnapshotFiles,
} from '../../../server/src/core/cache/findingsSnapshot';
import type { CachedFile, RecordCache } from '../../../server/src/core/cache/recordCache';
import { SpecService } from '../../../server/src/core/service';
import type { Diagnostic } from '../../../server/src/core/types';
import { lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = `${ROOT}/.specwright.yaml`;
const SCHEMA = `${ROOT}/conventions/prd.schema.json`;
const teamConfig = lines('schemas:', '  prd: ./conventions/prd.schema.json');
const teamSchema = JSON.stringify({
  type: 'object',
  properties: { requirements: { type: 'array', items: { type: 'object', required: ['risk'] } } },
});
const version = 'test-version';

/** An in-memory cache whose keys are the bytes themselves (no hash, so no collision), stored as cache-file bytes. */
class MemoryCache implements RecordCache {
  bytes = encodeCache(version, new Map());
  private content: CacheContent = { entries: new Map() };
  hits = 0;

  keyOf(bytes: Uint8Array, variant: string): string {
    return `${Buffer.from(bytes).toString('base64')}|${variant}`;
  }

  get(uri: string, key: string): Uint8Array | undefined {
    const e = this.content.entries.get(uri);
    if (e?.key !== key) return undefined;
    this.hits++;
    return e.record;
  }

  snapshot(key: string): Uint8Array | undefined {
    return this.content.snapshot?.key === key ? this.content.snapshot.bytes : undefined;
  }

  /** Write, then read back as a new session would. */
  save(files: readonly CachedFile[], snapshot?: StoredSnapshot): void {
    const entries = new Map(files.map(f => [f.uri, { key: f.key, record: f.record }]));
    this.bytes = encodeCache(version, entries, snapshot);
    this.content = decodeCache(this.bytes, version);
  }
}

// ---- documents ------------------------------------------------------------------

const uris = [
  `${ROOT}/product.roadmap.yaml`,
  `${ROOT}/epics/a.epic.yaml`,
  `${ROOT}/epics/b.epic.yaml`,
  `${ROOT}/prds/a.prd.yaml`,
  `${ROOT}/prds/b.prd.yaml`,
  `${ROOT}/prds/c.prd.yaml`,
  `${ROOT}/it/1.stories.yaml`,
  `${ROOT}/it/2.stories.yaml`,
];
const n = (max: number) => fc.integer({ min: 1, max });
const status = fc.constantFrom('done', 'in-progress', 'approved', 'draft', 'bogus');
const title = fc.constantFrom('Alpha', 'Ünïcödé 🚀', '"\\ud800 lone"', 'Gamma');
const maybe = (arb: fc.Arbitrary<string[]>) => fc.option(arb, { nil: [], freq: 3 });
const damage = fc.constantFrom('ok', 'ok', 'ok', 'ok', 'syntax', 'list');

const roadmap = fc
  .record({
    s: status,
    r1: status,
    r2: status,
    end: fc.constantFrom('2025-01-01', '2025-12-31', '2025-02-30'),
  })
  .map(({ s, r1, r2, end }) =>
    lines(
      'id: RM-1',
      'title: Plan',
      `status: ${s}`,
      'releases:',
      '  - id: R-1',
      '    title: One',
      '    horizon: now',
      `    status: ${r1}`,
      `    end: ${end}`,
      '  - id: R-2',
      '    title: Two',
      '    horizon: next',
      `    status: ${r2}`,
    ),
  );
const epic = fc
  .record({ id: n(3), title, status, release: n(3), dep: fc.option(n(3)) })
  .map(e =>
    lines(
      `id: EPIC-${e.id}`,
      `title: ${e.title}`,
      `status: ${e.status}`,
      `release: R-${e.release}`,
      ...(e.dep ? [`depends_on: [EPIC-${e.dep}]`] : []),
    ),
  );
const requirement = fc
  .record({ id: n(5), title, status, priority: fc.constantFrom('must', 'wont', 'could'), ac: fc.boolean() })
  .map(r => [
    ...(r.ac ? [] : ['  # specwright-disable-next-line missing-acceptance -- later']),
    `  - id: REQ-${r.id}`,
    `    title: ${r.title}`,
    '    statement: s',
    `    priority: ${r.priority}`,
    `    status: ${r.status}`,
    ...(r.ac ? ['    acceptance_criteria: [It works]'] : []),
  ]);
const prd = fc
  .record({
    id: n(3),
    title,
    status,
    epic: n(4),
    reqs: fc.array(requirement, { maxLength: 3 }),
    fileOff: maybe(fc.constant(['# specwright-disable orphan'])),
    typo: maybe(fc.constant(['implemnts: [REQ-9]'])),
  })
  .map(p =>
    lines(
      ...p.fileOff,
      `id: PRD-${p.id}`,
      `title: ${p.title}`,
      `status: ${p.status}`,
      `epic: EPIC-${p.epic}`,
      ...p.typo,
      ...(p.reqs.length ? ['requirements:', ...p.reqs.flat()] : ['requirements: []']),
    ),
  );
const stories = fc
  .record({
    id: n(2),
    list: fc.array(fc.record({ id: n(4), impl: fc.array(n(6), { maxLength: 2 }), status }), { maxLength: 3 }),
  })
  .map(s =>
    lines(
      `id: IT-${s.id}`,
      'title: Sprint',
      'release: R-1',
      ...(s.list.length
        ? [
            'stories:',
            ...s.list.flatMap(st => [
              `  - id: ST-${st.id}`,
              '    title: Do',
              `    implements: [${st.impl.map(i => `REQ-${i}`).join(', ')}]`,
              `    status: ${st.status}`,
            ]),
          ]
        : ['stories: []']),
    ),
  );

function documentFor(uri: string): fc.Arbitrary<string> {
  const body = uri.endsWith('.roadmap.yaml')
    ? roadmap
    : uri.endsWith('.epic.yaml')
      ? epic
      : uri.endsWith('.prd.yaml')
        ? prd
        : stories;
  return fc
    .tuple(body, damage)
    .map(([text, d]) => (d === 'syntax' ? `${text}broken: [\n` : d === 'list' ? lines('- id: X-1') : text));
}

type Op =
  | { op: 'write'; uri: string; text: string }
  | { op: 'delete'; uri: string }
  | { op: 'team'; on: boolean }
  | { op: 'open'; uri: string; text: string }
  | { op: 'close'; uri: string };

const anyUri = fc.constantFrom(...uris);
const operation: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: anyUri.chain(uri => documentFor(uri).map((text): Op => ({ op: 'write', uri, text }))),
  },
  { weight: 1, arbitrary: anyUri.map((uri): Op => ({ op: 'delete', uri })) },
  { weight: 1, arbitrary: fc.boolean().map((on): Op => ({ op: 'team', on })) },
  {
    weight: 1,
    arbitrary: anyUri.chain(uri => documentFor(uri).map((text): Op => ({ op: 'open', uri, text }))),
  },
  { weight: 1, arbitrary: anyUri.map((uri): Op => ({ op: 'close', uri })) },
);
const initial = fc.tuple(...uris.map(u => fc.option(documentFor(u), { freq: 5 })), fc.boolean());

// ---- the run ------------------------------------------------------------------------

/** Every URI's diagnostics, for comparison. */
function allDiagnostics(s: SpecService): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const uri of s.uris()) out[uri] = { shown: s.diagnostics(uri), suppressed: s.suppressed(uri) };
  return out;
}

/** A started service, and what it stores in the cache: its records and, when its scan was keyed, its findings. */
interface Started {
  s: SpecService;
  /** The findings the cache held under the key of the scan's inputs, read before anything was analysed. */
  stored?: SnapshotFiles;
  save(cache: MemoryCache): void;
}

async function started(
  ws: MemoryWorkspace,
  open: Map<string, string>,
  cache?: MemoryCache,
): Promise<Started> {
  const s = new SpecService(ws);
  s.useRecordCache(cache);
  if (open.size) s.openDocuments([...open].map(([uri, text]) => ({ uri, text })));
  const inputs = await s.readInputs([ROOT]);
  const bytes = inputs.key !== undefined ? cache?.snapshot(inputs.key) : undefined;
  await s.analyse(inputs);
  let snapshot: StoredSnapshot | undefined;
  if (inputs.key !== undefined) {
    const encoded = encodeSnapshot(findingsOf(s));
    if (encoded) snapshot = { key: inputs.key, bytes: encoded };
  }
  return {
    s,
    stored: bytes && decodeSnapshot(bytes),
    save: c => c.save(s.cacheRecords(), snapshot),
  };
}

/** Every URI's shown diagnostics where it has any: what a snapshot holds. */
function shownOf(all: Record<string, unknown>): SnapshotFiles {
  return Object.entries(all)
    .map(([uri, d]): [string, Diagnostic[]] => [uri, (d as { shown: Diagnostic[] }).shown])
    .filter(([, d]) => d.length);
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('cache: a cache never changes a finding', () => {
  it('random disk edits, config changes and open documents: restarted from the cache, and living with it, as without', async () => {
    let hits = 0;
    let snapshots = 0;
    await fc.assert(
      fc.asyncProperty(initial, fc.array(operation, { minLength: 1, maxLength: 12 }), async (start, ops) => {
        const ws = new MemoryWorkspace();
        const team = start[uris.length] as boolean;
        uris.forEach((u, i) => {
          const text = start[i];
          if (typeof text === 'string') ws.set(u, text);
        });
        ws.set(SCHEMA, teamSchema);
        if (team) ws.set(CONFIG, teamConfig);
        const open = new Map<string, string>();
        const cache = new MemoryCache();
        const plain = (await started(ws, open)).s;
        const first = await started(ws, open, cache);
        const living = first.s;
        first.save(cache);
        assert.deepStrictEqual(allDiagnostics(living), allDiagnostics(plain));
        for (const [step, op] of ops.entries()) {
          // The editor's buffer wins: a server applies no disk change of an open document (it reads the disk at close).
          const toDisk = op.op === 'write' || op.op === 'delete';
          for (const s of toDisk && open.has(op.uri) ? [] : [plain, living]) {
            switch (op.op) {
              case 'write':
                s.apply([{ uri: op.uri, bytes: bytesOf(op.text) }]);
                break;
              case 'delete':
                s.apply([{ uri: op.uri, deleted: true }]);
                break;
              case 'team':
                await s.loadConfig(ROOT, op.on ? teamConfig : undefined);
                break;
              case 'open':
                s.openDocument(op.uri, op.text);
                break;
              case 'close': {
                s.closeDocument(op.uri);
                const disk = ws.files.get(op.uri);
                s.apply([
                  disk === undefined ? { uri: op.uri, deleted: true } : { uri: op.uri, bytes: bytesOf(disk) },
                ]);
                break;
              }
            }
          }
          if (op.op === 'write') ws.set(op.uri, op.text);
          if (op.op === 'delete') ws.set(op.uri, undefined);
          if (op.op === 'team') ws.set(CONFIG, op.on ? teamConfig : undefined);
          if (op.op === 'open') open.set(op.uri, op.text);
          if (op.op === 'close') open.delete(op.uri);
          const expected = allDiagnostics(plain);
          assert.deepStrictEqual(allDiagnostics(living), expected, `living, step ${step}: ${op.op}`);
          const restarted = await started(ws, open, cache);
          assert.deepStrictEqual(allDiagnostics(restarted.s), expected, `restarted, step ${step}: ${op.op}`);
          if (restarted.stored) {
            snapshots++;
            assert.deepStrictEqual(
              restarted.stored,
              shownOf(expected),
              `stored findings, step ${step}: ${op.op}`,
            );
          }
          restarted.save(cache);
        }
        hits += cache.hits;
      }),
      { numRuns: 60 },
    );
    // The cache was used (not only written): most files of a restart come from it, and a restart with
    // nothing changed since the last (a close of a document that was never open, a team switch to what
    // it was) found its findings stored.
    assert.ok(hits > 500, `only ${hits} files came from the cache`);
    assert.ok(snapshots > 20, `only ${snapshots} restarts found their findings stored`);
  });

  it('a restart with every file cached parses none, and gives the same findings', async () => {
    const ws = new MemoryWorkspace();
    ws.set(
      uris[3],
      lines('id: PRD-1', 'title: A', 'epic: EPIC-9', 'requirements:', '  - id: REQ-1', '    title: x'),
    );
    ws.set(uris[4], lines('id: PRD-1', 'title: "\\ud800"', 'requirements: []'));
    const cache = new MemoryCache();
    const first = (await started(ws, new Map(), cache)).s;
    const records = first.cacheRecords();
    // The file with a lone surrogate cannot be stored exactly: it is left out, and analysed again next time.
    assert.deepEqual(
      records.map(r => r.uri),
      [uris[3]],
    );
    cache.save(records);
    const second = (await started(ws, new Map(), cache)).s;
    assert.equal(cache.hits, 1);
    assert.deepStrictEqual(allDiagnostics(second), allDiagnostics(first));
    assert.ok(second.diagnostics(uris[3]).some(d => d.code === 'unresolved-link'));
  });

  it('a cache of another version, or not a cache, is refused as a whole', () => {
    const bytes = encodeCache(
      'v1',
      new Map([['file:///a.prd.yaml', { key: 'k', record: Uint8Array.of(1) }]]),
    );
    assert.equal(decodeCache(bytes, 'v1').entries.size, 1);
    assert.equal(decodeCache(bytes, 'v1').snapshot, undefined);
    assert.throws(
      () => decodeCache(bytes, 'v2'),
      (e: Error) => e instanceof CacheRejected && /another version \(v1\)/.test(e.message),
    );
    assert.throws(() => decodeCache(bytesOf('{"a": 1}'), 'v1'), /not a Specwright cache/);
    for (let cut = 0; cut < bytes.length; cut++)
      assert.throws(() => decodeCache(bytes.subarray(0, cut), 'v1'), CacheRejected);
  });
});
