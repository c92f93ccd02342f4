import type { IWorkspace } from '../core';

/**
 * What the host gives the language server: the I/O the core needs and a few
 * tunables. The Node entry point (node/serverMain.ts) binds it to `fs`; a
 * browser or test host can bind it to anything else.
 */
export interface ServerRuntime {
  /** Lists and reads spec files; the server never touches a disk any other way. */
  workspace: IWorkspace;
  /** Edits of one document that arrive within this many milliseconds are checked once (default 30). */
  editDelayMs?: number;
}
