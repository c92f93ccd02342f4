import type { IWorkspace } from '../core/workspace';

/**
 * Everything the CLI needs from the machine it runs on, bound by
 * `node/cliMain.ts`. The CLI reads through this and never writes a file: its
 * only outputs are the two streams.
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
  toUri(path: string): string;
  toPath(uri: string): string;
  /** Whether stdout takes ANSI colours (a TTY, and NO_COLOR unset). */
  readonly color: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}
