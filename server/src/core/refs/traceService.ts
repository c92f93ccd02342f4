import { failingTestFindings } from '../checks/failingTest';
import { unverifiedFindings } from '../checks/unverified';
import type { TraceConfig } from '../config';
import type { WorkspaceIndex } from '../graph/workspaceIndex';
import type { Finding, Item } from '../types';
import type { IWorkspace, TraceRole } from '../workspace';
import type { TraceFileChange, TraceStore } from './traceStore';

/*
 * How SpecService joins the references of code and tests (format 1.1) to its
 * index, kept out of service.ts: reading a root's trace files, the files a
 * change may affect, and the findings on items and on trace files.
 */

/** Files read before the store takes them: what is held at once is their bytes (at most 16 × 2 MB), never the tree's. */
const readChunk = 16;

/**
 * Read every file a root's `trace:` globs name into the store (replacing what
 * it held under the root). Files for which `skip` is true (open in the
 * editor, whose text the caller applies) are not read. The store keeps each
 * file's references and results, not its text, so a chunk's bytes are
 * dropped once it is stored.
 */
export async function scanTraceFiles(
  ws: IWorkspace,
  rootUri: string,
  trace: TraceConfig | undefined,
  store: TraceStore,
  isUnderRoot: (uri: string) => boolean,
  skip: (uri: string, role: TraceRole) => boolean = () => false,
): Promise<Set<string>> {
  const ids = store.forgetUnder(isUnderRoot);
  if (!trace || !ws.listTraceFiles || !ws.readTraceFile) return ids;
  const listing = await ws.listTraceFiles(rootUri, trace);
  for (const s of listing.skipped) store.skip(s.uri, s.reason);
  const read = ws.readTraceFile.bind(ws);
  const files = listing.files.filter(f => !skip(f.uri, f.role));
  for (let i = 0; i < files.length; i += readChunk) {
    const chunk = files.slice(i, i + readChunk);
    const changes: TraceFileChange[] = [];
    const bytes = await Promise.all(chunk.map(f => read(f.uri)));
    chunk.forEach((f, j) => {
      const b = bytes[j];
      if (!(b instanceof Uint8Array)) store.skip(f.uri, b.error);
      else if (f.role === 'results') changes.push({ uri: f.uri, role: 'results', bytes: b, mtime: f.mtime });
      else changes.push({ uri: f.uri, role: f.role, bytes: b });
    });
    for (const id of store.set(changes)) ids.add(id);
  }
  return ids;
}

/**
 * Read some files again, each on its own (watched-file events): a file the
 * globs match is read (or found gone); one they no longer match is
 * forgotten. Returns the IDs the files named before or name now.
 */
export async function readTraceFiles(
  ws: IWorkspace,
  uris: readonly string[],
  roleOf: (uri: string) => TraceRole | undefined,
  store: TraceStore,
): Promise<Set<string>> {
  const ids = new Set<string>();
  const changes: TraceFileChange[] = [];
  for (const uri of uris) {
    const role = roleOf(uri);
    if (!role || !ws.readTraceFile) {
      if (store.knows(uri)) changes.push({ uri, deleted: true });
      continue;
    }
    const mtime = ws.traceFileTime ? await ws.traceFileTime(uri) : 0;
    const bytes = mtime === undefined ? undefined : await ws.readTraceFile(uri);
    if (bytes === undefined) changes.push({ uri, deleted: true });
    else if (!(bytes instanceof Uint8Array)) for (const id of store.skip(uri, bytes.error)) ids.add(id);
    else if (role === 'results') changes.push({ uri, role, bytes, mtime: mtime ?? 0 });
    else changes.push({ uri, role, bytes });
  }
  for (const id of store.set(changes)) ids.add(id);
  return ids;
}

/**
 * The spec files whose trace findings may change when these IDs gain or
 * lose references or test runs: where each is defined, and where the
 * requirements that a story among them implements are defined.
 */
export function filesOfIds(index: WorkspaceIndex, ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const id of ids)
    for (const item of index.definitions(id)) {
      out.add(item.uri);
      for (const l of item.links)
        if (l.field === 'implements') for (const d of index.definitions(l.target)) out.add(d.uri);
    }
  return out;
}

/** `unverified` (only where `trace.tests` or `trace.results` is set) and `failing-test` of a spec file's items. */
export function itemTraceFindings(
  items: readonly Item[],
  store: TraceStore,
  index: WorkspaceIndex,
  trace: TraceConfig | undefined,
): Finding[] {
  const out = failingTestFindings(items, id => store.testsOf(id));
  if (trace && (trace.tests.length || trace.results.length)) {
    const implementers = (id: string): string[] =>
      index
        .incoming(id)
        .filter(l => l.field === 'implements' && l.holder.kind === 'story')
        .map(l => l.from);
    out.push(...unverifiedFindings(items, { isTested: id => store.isTested(id), implementers }));
  }
  return out;
}

/**
 * The findings of a code, test or results file. The suggestion for an unknown
 * ID comes from the index's cache (`closestIds`, which follows the IDs
 * each change defines or removes): computed afresh, it was most of a check of 10,000 source files,
 * as every file's findings are asked for more than once.
 */
export function traceFileFindings(uri: string, store: TraceStore, index: WorkspaceIndex): Finding[] {
  return store.findingsOf(uri, {
    isDefined: id => index.definitions(id).length > 0,
    closest: id => index.closestIds(id, undefined)[0],
  });
}
