import type { JsonReport } from '../cli/formatters/json';
import type { SpecService } from '../core/service';

/** What the MCP server answers from: the workspace `specwright mcp PATH` loaded, kept current. */
export interface ServedWorkspace {
  readonly service: SpecService;
  /** Absolute path of the workspace root (the `root` of the CLI's JSON shapes). */
  readonly root: string;
  /** The workspace root as a URI: nothing outside it is ever written. */
  readonly rootUri: string;
  /** A file URI as a path relative to the root, with `/` (as the CLI's JSON names files). */
  relative(uri: string): string;
  /** The URI of a path relative to the root (`/` or `\`), or undefined when it leads outside the root. */
  uriOf(relative: string): string | undefined;
  /** What `specwright check PATH --format json` prints, now. */
  check(): JsonReport;
  /**
   * What `specwright impact IDS [--since REV] --format json` prints, as an
   * object; rejects with the CLI's message (an unknown ID, no git
   * repository, an unknown revision).
   */
  impact(ids: readonly string[], since: string | undefined): Promise<Record<string, unknown>>;
  /** What `specwright diff [FROM [TO]] --format json` prints, as an object; rejects as impact does. */
  diff(from: string | undefined, to: string | undefined): Promise<Record<string, unknown>>;
  /** Resolves once the file changes reported so far are applied: every answer reflects the files as saved. */
  settled(): Promise<void>;
  /** With `--allow-edits` only: how spec files are read and written. */
  readonly files?: SpecFiles;
}

/** The spec files' text, for the editing tools. */
export interface SpecFiles {
  /** A file's text as saved, or undefined when it cannot be read. */
  read(uri: string): Promise<string | undefined>;
  /**
   * Replace a regular file inside the workspace (through a temporary file and
   * a rename, following no symbolic link); rejects with the reason in words.
   */
  write(uri: string, text: string): Promise<void>;
}
