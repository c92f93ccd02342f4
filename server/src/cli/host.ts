import type { RevisionReader } from '../core/reviews/revisionReader';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { IndexCacheStore } from '../core/cache/recordCache';
import type { IWorkspace } from '../core/workspace';

/**
 * Everything the CLI needs from the machine it runs on, bound by
 * `node/cliMain.ts`. The CLI reads through this; its outputs are the two
 * streams and, for `report --out FILE` only, that one file (for `review`,
 * the workspace's `specwright.reviews`).
 */
export interface CliHost {
  /** Absolute path of the current working directory. */
  readonly cwd: string;
  /** The same file access the language server gets. */
  readonly workspace: IWorkspace;
  /**
   * What is at an absolute path (symbolic links followed): undefined when
   * nothing is, `{ error }` with the reason in words when it cannot be told
   * (a link loop, a folder on the way that may not be entered).
   */
  stat(path: string): Promise<'file' | 'folder' | 'other' | undefined | { error: string }>;
  /** A file's text (UTF-8), or undefined when it cannot be read. */
  readText(path: string): Promise<string | undefined>;
  /**
   * Create or replace the regular file at an absolute path with `text`
   * (UTF-8), through a temporary file and a rename, following no symbolic
   * link. Rejects with an error whose `code` says why (ELINK: a link on the
   * path, `at` naming it; ENOENT, ENOTDIR, EISDIR, ENOTREG: not a regular
   * file; EACCES, ... from the system).
   */
  writeText(path: string, text: string): Promise<void>;
  /**
   * check --cache: the persistent index cache of the workspace of `roots`
   * (absolute paths) in `folder` (node/indexCache.ts). A cache that cannot
   * be used is said in one `log` line and starts empty; none at all (one
   * line) when git tracks files in `folder`: anyone who can open a pull
   * request can commit a cache there, with findings of their choosing.
   */
  openCache?(
    folder: string,
    roots: readonly string[],
    log: (line: string) => void,
  ): Promise<IndexCacheStore | undefined>;
  /** The version history of the folder at an absolute path (git), for `impact --since` and `diff`. */
  revisions(root: string): RevisionReader;
  toUri(path: string): string;
  toPath(uri: string): string;
  /** Whether stdout takes ANSI colours (a TTY, and NO_COLOR unset). */
  readonly color: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * mcp: the MCP server's transport (stdio on Node, which then belongs to
   * MCP: nothing else may write to stdout). It closes when its input ends.
   * A promise, so that the SDK is loaded only for `mcp`.
   */
  mcpTransport?(): Promise<Transport>;
  /**
   * mcp: watch a folder and everything under it; `changed` receives the
   * absolute paths that changed (files, or a folder when a whole folder was
   * moved or removed), gathered while they keep coming.
   */
  watch?(folder: string, changed: (paths: string[]) => void): { close(): void };
}

/**
 * The command could not run for a reason that is not the command line (exit
 * 2). Several reasons (one per PATH that cannot be read) print one line each.
 */
export class CommandFailure extends Error {
  readonly lines: readonly string[];
  constructor(message: string | readonly string[]) {
    super(typeof message === 'string' ? message : message.join('\n'));
    this.lines = typeof message === 'string' ? [message] : message;
  }
}
