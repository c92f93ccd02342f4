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
  /** What is at an absolute path (symbolic links followed), or undefined when nothing is. */
  stat(path: string): Promise<'file' | 'folder' | 'other' | undefined>;
  /** A file's text (UTF-8), or undefined when it cannot be read. */
  readText(path: string): Promise<string | undefined>;
  /**
   * Create or replace the file at an absolute path with `text` (UTF-8).
   * Rejects with the system's error (its `code`: ENOENT, EISDIR, EACCES, ...).
   */
  writeText(path: string, text: string): Promise<void>;
  /**
   * Replace the file at an absolute path with `text` (UTF-8) through a
   * temporary file and a rename; refuses a symbolic link there (code
   * ESYMLINK) instead of writing through it. For `review`'s stamps file.
   */
  replaceFile(path: string, text: string): Promise<void>;
  toUri(path: string): string;
  toPath(uri: string): string;
  /** Whether stdout takes ANSI colours (a TTY, and NO_COLOR unset). */
  readonly color: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The command could not run for a reason that is not the command line (exit 2). */
export class CommandFailure extends Error {}
