import type { JsonReport } from '../cli/formatters/json';
import type { SpecService } from '../core/service';

/** What the MCP server answers from: the workspace `specwright mcp PATH` loaded, kept current. */
export interface ServedWorkspace {
  readonly service: SpecService;
  /** Absolute path of the workspace root (the `root` of the CLI's JSON shapes). */
  readonly root: string;
  /** A file URI as a path relative to the root, with `/` (as the CLI's JSON names files). */
  relative(uri: string): string;
  /** What `specwright check PATH --format json` prints, now. */
  check(): JsonReport;
  /** Resolves once the file changes reported so far are applied: every answer reflects the files as saved. */
  settled(): Promise<void>;
}
