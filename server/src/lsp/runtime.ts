import type { IndexCacheStore } from '../core/cache/recordCache';
import type { IWorkspace } from '../core/workspace';
import type { FileHistory } from '../core/reviews/reviewedVersion';

/**
 * What the host gives the language server: the I/O the core needs and a few
 * tunables. The Node entry point (node/serverMain.ts) binds it to `fs`; a
 * browser or test host can bind it to anything else.
 */
export interface ServerRuntime {
  /** Lists and reads spec files; the server never touches a disk any other way. */
  workspace: IWorkspace;
  /** The server's version, for its first line in the log and `serverInfo`. */
  version?: string;
  /** Edits of one document that arrive within this many milliseconds are checked once (default 30). */
  editDelayMs?: number;
  /**
   * Apply the user's `specwright.exclude` (globs relative to each workspace
   * folder) to the workspace's later listings. Without it the setting is ignored.
   */
  setExclude?(globs: readonly string[]): void;
  /**
   * True when the workspace's listing of the folder `rootUri` leaves `uri`
   * out (folders it never scans, excluded globs): watched-file events for
   * such files are ignored. Without it nothing is left out.
   */
  ignores?: (uri: string, rootUri: string) => boolean;
  /**
   * The version history of the folder `rootUri` (git, from node/git.ts):
   * where the hover and Review Changes find the version of an item a link
   * was reviewed against. Without it they name the changed fields only.
   */
  history?: (rootUri: string) => FileHistory | undefined;
  /**
   * The persistent index cache in the client's storage folder (an absolute
   * path; node/indexCache.ts). A cache that cannot be used is said in one
   * `log` line and starts empty. Without it nothing is cached.
   */
  openCache?(folder: string, log: (line: string) => void): Promise<IndexCacheStore>;
}
