import type { TraceConfig } from './config';

/**
 * The I/O the core needs, injected by whoever runs it (the Node CLI and
 * server bind it to `fs`; tests use memory). The core never reads a file any
 * other way.
 */
export interface IWorkspace {
  /** URIs of the spec files (by suffix) under a root folder, excluding ignored folders. */
  listSpecFiles(rootUri: string): Promise<string[]>;
  /** A file's bytes, or undefined when it does not exist or cannot be read. */
  readFile(uri: string): Promise<Uint8Array | undefined>;
  /**
   * The text of a file that a root's `.specwright.yaml` names (a team's
   * extension schema), by a path relative to the root. Must refuse, with a
   * reason for the user, anything that is not a regular file inside the
   * root: absolute paths, `..` that leaves it, symbolic links (and real paths
   * outside it). Without it such files are never read.
   */
  readConfigFile?(rootUri: string, relativePath: string): Promise<{ text: string } | { error: string }>;
  /**
   * What the latest listing of a root, and the reads of its files since,
   * met but could not read: a folder it may not enter, a spec file it cannot
   * open or that is not a regular file. The CLI refuses to pass a check that
   * skipped them; the server warns. Without it such problems go unseen.
   */
  readProblems?(rootUri: string): ReadProblem[];
  /**
   * The code, test and results files under a root that `trace:` globs
   * (relative to the root) match, skipping what `listSpecFiles` skips.
   * Without it no such file is read.
   */
  listTraceFiles?(rootUri: string, globs: TraceConfig): Promise<TraceListing>;
  /** A file `listTraceFiles` found: its bytes, or why it cannot be read (never recorded as a read problem). */
  readTraceFile?(uri: string): Promise<Uint8Array | { error: string }>;
  /**
   * The test for one file that `listTraceFiles` runs on a listing: which
   * glob kind matches a path relative to the root (`results`, then `tests`,
   * then `code`), or undefined. Without it a single changed or opened file
   * is never recognised as a trace file (only a full listing finds them).
   */
  traceMatcher?(globs: TraceConfig): (relativePath: string) => TraceRole | undefined;
  /** A trace file's modification time (ms), or undefined when it does not exist (a watched file deleted). */
  traceFileTime?(uri: string): Promise<number | undefined>;
}

/** A file or folder that a listing or a read could not read, and why, in words. */
export interface ReadProblem {
  uri: string;
  /** For example "permission denied" or "not a regular file (a FIFO)". */
  reason: string;
}

/** Join a root URI and a relative path with `/`. */
export function joinUri(root: string, relative: string): string {
  return root.replace(/\/+$/, '') + '/' + relative.replace(/^\/+/, '');
}

/** True when `uri` lies inside the folder `root`. */
export function isUnder(uri: string, root: string): boolean {
  const r = root.endsWith('/') ? root : root + '/';
  return uri.startsWith(r);
}

/** Which glob kind of `trace:` matches a file. */
export type TraceRole = 'code' | 'tests' | 'results';

/** What `IWorkspace.listTraceFiles` found under a root for the `trace:` globs. */
export interface TraceListing {
  /**
   * The matched files, each with the glob kind that matched it (`tests`
   * before `code`); a results file with its modification time (ms: the
   * newest run of a test wins), a code or test file with 0 (its size is
   * checked when it is read).
   */
  files: { uri: string; role: TraceRole; mtime: number }[];
  /** Matched files that are not read, and why (not a regular file; a results file larger than 2 MB or unreadable). */
  skipped: ReadProblem[];
}
