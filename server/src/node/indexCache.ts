/**
 * The persistent index cache on disk (docs/performance.md, "Warm start"):
 * one file per workspace in a folder the user does not commit (the
 * extension's workspace storage; `node_modules/.cache/specwright` for
 * `specwright check --cache`). The file is core/cache/cacheFile.ts's bytes
 * followed by their SHA-256, so damage anywhere is found before a record is
 * decoded. A cache that is missing, damaged, cut short, foreign, of another
 * version or reached through a symbolic link is ignored with one log line
 * and written anew after the next scan; it never changes a finding, only
 * how fast one is found.
 */
import { createHash } from 'crypto';
import { constants, promises as fs, readFileSync } from 'fs';
import * as path from 'path';
import { analyserVersion } from '../core/cache/analyserVersion';
import {
  CacheRejected,
  decodeCache,
  encodeCache,
  type CacheContent,
  type StoredSnapshot,
} from '../core/cache/cacheFile';
import type { CachedFile, IndexCacheStore } from '../core/cache/recordCache';
import { writeFileSafely } from './safeWrite';

const digestLength = 32;

/** The cache file of a workspace (its roots) in a cache folder: one per workspace, so that two never evict each other. */
export function cacheFileIn(folder: string, roots: readonly string[]): string {
  const id = createHash('sha256')
    .update([...roots].sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  return path.join(folder, `index-${id}.spwcache`);
}

let buildId: string | undefined;

/** The analyser version of this build: the tool's version, the core's inputs and a hash of the running bundle. */
export function nodeAnalyserVersion(toolVersion: string): string {
  if (buildId === undefined) {
    try {
      buildId = createHash('sha256').update(readFileSync(__filename)).digest('hex').slice(0, 16);
    } catch {
      buildId = ''; // then the version hashes the analysis's inputs instead
    }
  }
  return analyserVersion(toolVersion, buildId);
}

export class NodeIndexCache implements IndexCacheStore {
  /** Lookups, and those that found a record. */
  lookups = 0;
  hits = 0;

  private constructor(
    readonly file: string,
    private readonly version: string,
    private readonly log: (line: string) => void,
  ) {}

  private content: CacheContent = { entries: new Map() };
  /** The key of each file the cache file holds, and of its snapshot: a save that would write the same is skipped. */
  private stored = new Map<string, string>();
  private storedSnapshot: string | undefined;

  /**
   * Open the cache at `file` (absolute): returned at once, its content read
   * in the background (`loaded`), so that a scan reads and hashes the
   * workspace's files while the cache file is read; empty when it cannot
   * be used (said in one log line).
   */
  static open(file: string, version: string, log: (line: string) => void): Promise<NodeIndexCache> {
    const cache = new NodeIndexCache(file, version, log);
    cache.loaded = cache.load();
    return Promise.resolve(cache);
  }

  /** Resolves when the content is read (or found unusable): `get` and `snapshot` find nothing before. */
  loaded: Promise<void> = Promise.resolve();

  private async load(): Promise<void> {
    const bytes = await readNoFollow(this.file).catch((err: unknown) => {
      this.log(`cache: ignored ${this.file}: ${(err as Error).message}; it is written anew`);
      return undefined;
    });
    if (!bytes) return;
    try {
      this.content = decodeCache(verified(bytes), this.version);
      this.stored = new Map([...this.content.entries].map(([uri, e]) => [uri, e.key]));
      this.storedSnapshot = this.content.snapshot?.key;
    } catch (err) {
      const why = err instanceof CacheRejected ? err.message : `it cannot be read (${String(err)})`;
      this.log(`cache: ignored ${this.file}: ${why}; it is written anew`);
    }
  }

  keyOf(bytes: Uint8Array, variant: string): string {
    const hash = createHash('sha256').update(bytes);
    if (variant) hash.update('\u0000').update(variant);
    return hash.digest('base64');
  }

  get(uri: string, key: string): Uint8Array | undefined {
    this.lookups++;
    const entry = this.content.entries.get(uri);
    if (entry?.key !== key) return undefined;
    this.hits++;
    return entry.record;
  }

  snapshot(key: string): Uint8Array | undefined {
    const stored = this.content.snapshot;
    return stored?.key === key ? stored.bytes : undefined;
  }

  /**
   * Replace the cache file with these records (what the index holds now),
   * creating its folder if needed; a failure is one log line, never an
   * error (the cache is an optimisation). After a save the cache serves no
   * record (its bytes are let go): a later scan finds the files it read
   * already indexed, and a changed file is analysed.
   */
  async save(files: readonly CachedFile[], snapshot?: StoredSnapshot): Promise<boolean> {
    // The records were read for the scan that ends here; their bytes are not kept for the life of a server.
    this.content = { entries: new Map() };
    if (
      files.length === this.stored.size &&
      files.every(f => this.stored.get(f.uri) === f.key) &&
      snapshot?.key === this.storedSnapshot
    )
      return true;
    const entries = new Map(files.map(f => [f.uri, { key: f.key, record: f.record }]));
    const body = encodeCache(this.version, entries, snapshot);
    const out = new Uint8Array(body.length + digestLength);
    out.set(body);
    out.set(createHash('sha256').update(body).digest(), body.length);
    try {
      await makeFolders(path.dirname(this.file));
      await writeFileSafely(this.file, out);
      this.stored = new Map(files.map(f => [f.uri, f.key]));
      this.storedSnapshot = snapshot?.key;
      return true;
    } catch (err) {
      this.log(`cache: could not write ${this.file}: ${(err as Error).message}`);
      return false;
    }
  }
}

/** The cache bytes without their digest, if the digest matches. */
function verified(bytes: Uint8Array): Uint8Array {
  if (bytes.length < digestLength) throw new CacheRejected(bytes.length ? 'it is cut short' : 'it is empty');
  const body = bytes.subarray(0, bytes.length - digestLength);
  const digest = createHash('sha256').update(body).digest();
  if (!digest.equals(bytes.subarray(bytes.length - digestLength)))
    throw new CacheRejected('its checksum does not match (damaged or cut short)');
  return body;
}

/** A regular file's bytes, never through a symbolic link; undefined when there is none. */
async function readNoFollow(file: string): Promise<Uint8Array | undefined> {
  let handle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP')
      throw new Error('it is a symbolic link, and no cache is read through one', { cause: err });
    throw err;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new Error('it is not a regular file');
    // One read of the whole file, not FileHandle.readFile's 512 KB at a time: each part waits for a turn of
    // the event loop, which a scan reading files keeps busy.
    const bytes = Buffer.allocUnsafe(st.size);
    let length = 0;
    while (length < st.size) {
      const { bytesRead } = await handle.read(bytes, length, st.size - length, length);
      if (!bytesRead) break;
      length += bytesRead;
    }
    return bytes.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Create the missing folders of `folder`, none through a symbolic link (writeFileSafely then checks every one). */
async function makeFolders(folder: string): Promise<void> {
  const { root } = path.parse(folder);
  let at = root;
  let creating = false;
  for (const name of folder.slice(root.length).split(path.sep).filter(Boolean)) {
    at = path.join(at, name);
    const st = creating ? undefined : await fs.lstat(at).catch(() => undefined);
    if (st?.isSymbolicLink()) throw new Error(`${at} is a symbolic link, and nothing is written through one`);
    if (st) continue;
    creating = true;
    await fs.mkdir(at);
  }
}
