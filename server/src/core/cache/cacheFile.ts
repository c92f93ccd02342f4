/**
 * The cache of one workspace as bytes: the analyser version it was written
 * under, then for each file its URI, the key of the content it was analysed
 * from (content hash and team schema, computed by the host) and its record
 * (fileRecord.ts); then the findings of the last scan with the key of its
 * inputs, if it left them (findingsSnapshot.ts). Pure: the host adds a
 * checksum around these bytes, reads and writes them (node/indexCache.ts).
 *
 *   file  = "SPWCACHE", format u8, version, count, (uri, key, record)*, snapshot key, snapshot
 *   each string and record: varint byte length, bytes ("" and no bytes: no snapshot)
 */

import { ByteReader, ByteWriter } from './bytes';

/** One file's entry. */
export interface CacheEntry {
  key: string;
  record: Uint8Array;
}

/** What a scan found, stored with the key of everything it read (findingsSnapshot.ts), as bytes. */
export interface StoredSnapshot {
  key: string;
  bytes: Uint8Array;
}

/** A whole cache file's content. */
export interface CacheContent {
  entries: Map<string, CacheEntry>;
  snapshot?: StoredSnapshot;
}

/** Why a cache file is not used: said in its one log line. */
export class CacheRejected extends Error {}

const magic = new TextEncoder().encode('SPWCACHE');
const containerFormat = 2;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeCache(
  version: string,
  entries: ReadonlyMap<string, CacheEntry>,
  snapshot?: StoredSnapshot,
): Uint8Array {
  const w = new ByteWriter();
  const blob = (b: Uint8Array): void => {
    w.uint(b.length);
    w.raw(b);
  };
  w.raw(magic);
  w.byte(containerFormat);
  blob(encoder.encode(version));
  w.uint(entries.size);
  for (const [uri, e] of entries) {
    blob(encoder.encode(uri));
    blob(encoder.encode(e.key));
    blob(e.record);
  }
  blob(encoder.encode(snapshot?.key ?? ''));
  blob(snapshot?.bytes ?? new Uint8Array());
  return w.result();
}

/**
 * The entries (and snapshot) of a cache written under `version`. Throws
 * CacheRejected naming why not: another program's file, another version,
 * cut short. The records are views into `bytes`, decoded when their file is looked up.
 */
export function decodeCache(bytes: Uint8Array, version: string): CacheContent {
  if (bytes.length < magic.length + 1 || magic.some((b, i) => bytes[i] !== b))
    throw new CacheRejected('it is not a Specwright cache');
  const r = new ByteReader(bytes, () => new CacheRejected('it is cut short or damaged'));
  r.raw(magic.length);
  if (r.byte() !== containerFormat) throw new CacheRejected('it is of another format');
  const blob = (): Uint8Array => r.raw(r.uint());
  const text = (): string => {
    try {
      return decoder.decode(blob());
    } catch (err) {
      if (err instanceof CacheRejected) throw err;
      throw new CacheRejected('it is damaged');
    }
  };
  const written = text();
  if (written !== version) throw new CacheRejected(`it was written by another version (${written})`);
  const count = r.count();
  const entries = new Map<string, CacheEntry>();
  for (let i = 0; i < count; i++) {
    const uri = text();
    const key = text();
    entries.set(uri, { key, record: blob() });
  }
  const key = text();
  const snapshot = blob();
  if (r.at !== bytes.length) throw new CacheRejected('it is damaged');
  return key ? { entries, snapshot: { key, bytes: snapshot } } : { entries };
}
