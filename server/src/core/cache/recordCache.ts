import type { StoredSnapshot } from './cacheFile';

/**
 * How the service reaches a persistent cache of file analyses (the host
 * implements it: node/indexCache.ts). The core hashes nothing itself: the
 * host computes a file's key from its bytes (node:crypto) and the variant
 * the service names (the team schema it is checked against).
 */
export interface RecordCache {
  /** The key of a file's bytes analysed under `variant`. */
  keyOf(bytes: Uint8Array, variant: string): string;
  /** The record stored for `uri` under `key`, if any. */
  get(uri: string, key: string): Uint8Array | undefined;
  /**
   * Resolves when the stored content is read, where the host reads it while
   * a scan reads the files: `get` and `snapshot` find nothing before.
   */
  readonly loaded?: Promise<void>;
}

/** One file's analysis as the service hands it to the host to store. */
export interface CachedFile {
  uri: string;
  key: string;
  record: Uint8Array;
}

/** A cache the host keeps on disk: looked up during a scan, then saved with what the index holds. */
export interface IndexCacheStore extends RecordCache {
  /** Lookups during this session, and those that found a record. */
  readonly lookups: number;
  readonly hits: number;
  /** Where it is kept, for messages. */
  readonly file: string;

  /** What a scan stored beside the records under the key of its inputs, when `key` is that key (findingsSnapshot.ts). */
  snapshot(key: string): Uint8Array | undefined;
  /**
   * Replace the stored records (and snapshot) with these (nothing is written when they are what it
   * holds; no snapshot given: none is kept); false when it could not be written.
   */
  save(files: readonly CachedFile[], snapshot?: StoredSnapshot): Promise<boolean>;
}
