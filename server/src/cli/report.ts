import type { Range, Severity } from '../core/types';

/** A related location of a finding, with its file relative to the report's root. */
export interface ReportRelated {
  file: string;
  range: Range;
  message: string;
}

/** One diagnostic as the CLI prints it: the file is relative to the root, with `/`. */
export interface ReportDiagnostic {
  file: string;
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  related?: ReportRelated[];
}

/** A finding that a suppression comment hides, with the comment's reason ('' when it gives none). */
export interface ReportSuppressed extends ReportDiagnostic {
  reason: string;
}

/**
 * What one `specwright check` found, independent of the output format. Every
 * formatter reads this and nothing else; diagnostics are sorted by file, then
 * position, then code and message.
 */
export interface CheckReport {
  /** Absolute path of the workspace root. */
  root: string;
  /** The root as a file URI ending in `/` (SARIF's base URI). */
  rootUri: string;
  /** Spec files checked (the ones whose diagnostics are reported). */
  files: number;
  /** Their names, relative to the root with `/`, sorted (absent in reports built by hand: formatters then use the files of the diagnostics). */
  paths?: string[];
  /** Items defined in those files. */
  items: number;
  diagnostics: ReportDiagnostic[];
  summary: Record<Severity, number>;
  /** How many findings suppression comments hide (not in `diagnostics`, not in `summary`). */
  suppressedCount?: number;
  /** Those findings, sorted like `diagnostics`: only with `--show-suppressed`. */
  suppressed?: ReportSuppressed[];
  /** Every one of them, whatever `--show-suppressed` says: SARIF keeps them as results with a suppression. */
  suppressions?: ReportSuppressed[];
  /**
   * The codes the configuration switches off (`rules: CODE: off`), in the
   * order of docs/format.md: checks that were not run, which every format
   * says, so that "no problems" never hides them.
   */
  switchedOff?: string[];
}

/** The order of diagnostics in every format. */
export function compareDiagnostics(a: ReportDiagnostic, b: ReportDiagnostic): number {
  return (
    cmp(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
