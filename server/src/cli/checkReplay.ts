import type { StoredSnapshot } from '../core/cache/cacheFile';
import { decodeIfValid, encodeIfExact } from '../core/cache/fileRecord';
import type { IndexCacheStore } from '../core/cache/recordCache';
import { isUnder } from '../core/workspace';
import type { CliHost } from './host';
import type { OpenedWorkspace } from './workspace';

/**
 * `check --cache` stores what it printed with the key of everything the
 * output depends on: the scan's inputs (every spec file's bytes, the
 * configurations, review stamps, code and test references:
 * `SpecService.readInputs`), the command line, the working folder, colour,
 * what could not be read, and (through the cache file) the analyser version.
 * A run with the same key prints it again without analysing anything, as
 * ESLint's cache skips unchanged files — here the whole run is one unit,
 * because cross-file findings depend on every file. Any change to an input
 * gives another key; a stored run is only ever read under its key.
 */
export interface CheckRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** What a replayed run says on stderr after the stored output. */
export const replayLine =
  'cache: nothing changed since a check with these arguments; its output is printed again';

/**
 * The key of a `check` run (`options`: its CheckOptions), or undefined when it cannot be replayed: no key
 * of the inputs, or a PATH that the scan of its root leaves out (read after
 * the scan, so outside the inputs' key).
 */
export function runKey(opened: OpenedWorkspace, options: object, host: CliHost): string | undefined {
  const { inputs, cache } = opened;
  if (!cache || inputs.key === undefined) return undefined;
  const read = inputs.changes.map(c => c.uri);
  const readSet = new Set(read);
  for (const t of opened.targets) {
    const uri = host.toUri(t.path);
    if (
      t.kind === 'file'
        ? !readSet.has(uri)
        : !opened.roots.includes(t.path) && !read.some(u => isUnder(u, uri))
    )
      return undefined;
  }
  const run = {
    inputs: inputs.key,
    options: { ...options, paths: undefined },
    targets: opened.targets,
    cwd: host.cwd,
    color: host.color,
    unmarkedRoots: opened.unmarkedRoots,
    readProblems: opened.rootUris.map(r => host.workspace.readProblems?.(r) ?? []),
  };
  return cache.keyOf(new TextEncoder().encode(JSON.stringify(run)), 'check run');
}

/** The run stored under `key`, if the cache holds one. */
export function storedRun(cache: IndexCacheStore, key: string): CheckRun | undefined {
  const bytes = cache.snapshot(key);
  if (!bytes) return undefined;
  const run = decodeIfValid(bytes) as Partial<CheckRun> | null | undefined;
  return typeof run?.stdout === 'string' && typeof run.stderr === 'string' && typeof run.code === 'number'
    ? (run as CheckRun)
    : undefined;
}

/** A run as the cache stores it; undefined when its text cannot be stored exactly. */
export function runSnapshot(key: string, run: CheckRun): StoredSnapshot | undefined {
  const bytes = encodeIfExact({ stdout: run.stdout, stderr: run.stderr, code: run.code });
  return bytes && { key, bytes };
}

/** A host that also keeps what is written to stdout and stderr. */
export function recording(host: CliHost): { host: CliHost; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const recorder = Object.create(host) as CliHost;
  recorder.stdout = text => {
    out.stdout += text;
    host.stdout(text);
  };
  recorder.stderr = text => {
    out.stderr += text;
    host.stderr(text);
  };
  return { host: recorder, out };
}
