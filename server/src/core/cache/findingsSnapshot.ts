import type { Diagnostic } from '../types';
import { decodeIfValid, encodeIfExact } from './fileRecord';

/**
 * What a scan found, kept beside the file records with the key of every
 * input it read (`SpecService.readInputs`: the files' bytes, the
 * configurations, review stamps, code and test references, the analyser
 * version through the cache file). When a later scan reads inputs with the
 * same key, its findings are these: a host can show them before it has
 * indexed anything (the language server publishes them, then builds its
 * index, and sends only what differs). It cannot change a finding: any input
 * that differs gives another key, and a snapshot is only ever read under its key.
 */
export type SnapshotFiles = Array<[uri: string, diagnostics: Diagnostic[]]>;

/** The findings of each file that has any, as bytes; undefined when they cannot be stored exactly. */
export function encodeSnapshot(files: SnapshotFiles): Uint8Array | undefined {
  return encodeIfExact({ files });
}

/** The findings `encodeSnapshot` stored, or undefined when the bytes are not such a snapshot. */
export function decodeSnapshot(bytes: Uint8Array): SnapshotFiles | undefined {
  const files = (decodeIfValid(bytes) as { files?: unknown } | null | undefined)?.files;
  if (!Array.isArray(files)) return undefined;
  const ok = files.every(
    (f: unknown) => Array.isArray(f) && f.length === 2 && typeof f[0] === 'string' && Array.isArray(f[1]),
  );
  return ok ? (files as SnapshotFiles) : undefined;
}

/** The diagnostics of every file of a service that has any, in URI order: what a snapshot stores. */
export function findingsOf(service: {
  uris(): string[];
  diagnostics(uri: string): Diagnostic[];
}): SnapshotFiles {
  const out: SnapshotFiles = [];
  for (const uri of service.uris()) {
    const diagnostics = service.diagnostics(uri);
    if (diagnostics.length) out.push([uri, diagnostics]);
  }
  return out;
}
