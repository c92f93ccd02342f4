import { DiagnosticSeverity, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core';

/** The `source` of every diagnostic the server publishes. */
export const diagnosticSource = 'specwright';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A core diagnostic as LSP sends it. Core positions already are 0-based
 * UTF-16 line/character pairs, so ranges pass through unchanged. `data`
 * carries the finding's facts for code actions.
 */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: severities[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: diagnosticSource,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map(r => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
  }
  if (d.data !== undefined) out.data = d.data;
  return out;
}
