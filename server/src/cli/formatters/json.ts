import type { Range } from '../../core/types';
import type { CheckReport, ReportDiagnostic } from '../report';

/**
 * The CLI's JSON shape (docs/format.md, "CLI JSON shape"): public interface,
 * so fields may be added but never renamed. `relatedInformation` is an
 * addition, present only when a diagnostic has related locations.
 */
export function formatJson(report: CheckReport): string {
  return JSON.stringify(jsonReport(report), null, 2) + '\n';
}

/** The CLI's JSON shape as data (`specwright mcp`'s check tool answers with it). */
export type JsonReport = ReturnType<typeof jsonReport>;

/** The object that `formatJson` prints. */
export function jsonReport(report: CheckReport) {
  const diagnostic = (d: ReportDiagnostic) => ({
    file: d.file,
    range: range(d.range),
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.related
      ? {
          relatedInformation: d.related.map(r => ({
            file: r.file,
            range: range(r.range),
            message: r.message,
          })),
        }
      : {}),
  });
  // With --show-suppressed: the hidden findings (each with its reason) and their count; additions, so only then.
  const shown = report.suppressed !== undefined;
  const out = {
    version: 1,
    root: report.root,
    files: report.files,
    items: report.items,
    diagnostics: report.diagnostics.map(diagnostic),
    ...(shown ? { suppressed: report.suppressed!.map(d => ({ ...diagnostic(d), reason: d.reason })) } : {}),
    // An addition, present when the configuration switches a check off: the codes that were not checked.
    ...(report.switchedOff?.length ? { switchedOff: report.switchedOff } : {}),
    summary: {
      error: report.summary.error,
      warning: report.summary.warning,
      info: report.summary.info,
      ...(shown ? { suppressed: report.suppressed!.length } : {}),
    },
  };
  return out;
}

/** Exactly `{ start: { line, character }, end: { line, character } }`, 0-based. */
function range(r: Range): Range {
  return {
    start: { line: r.start.line, character: r.start.character },
    end: { line: r.end.line, character: r.end.character },
  };
}
