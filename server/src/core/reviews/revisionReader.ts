/**
 * Version history, as the core sees it: spec files at a revision and the
 * spec files that differ between two revisions. The node layer implements it
 * with git (node/git.ts); the core never runs a process.
 *
 * Paths are relative to the workspace root, with `/`, and name spec files
 * only (by suffix, outside the folders a scan skips), so that a revision is
 * read as `check` reads the working tree.
 */
export interface RevisionReader {
  /**
   * The commit a revision names (`HEAD`, `origin/main`, a tag, a hash).
   * Throws `RevisionError` when there is none.
   */
  resolve(revision: string): Promise<string>;
  /**
   * The spec files that differ between two commits, or between a commit and
   * the working tree (`to` undefined: staged, unstaged and untracked files
   * alike, ignored files not).
   */
  changedSpecFiles(from: string, to?: string): Promise<string[]>;
  /** A file's bytes at a commit; undefined when the commit has no such file. */
  readFile(commit: string, path: string): Promise<Uint8Array | undefined>;
}

/** Version history cannot be read: no repository, an unknown revision, git missing or failing. The message says which, in words. */
export class RevisionError extends Error {}
