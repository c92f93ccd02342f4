import { codeInfo, codeTable, type CodeInfo } from '../../core/codes';
import type { Range, Severity } from '../../core/types';
import { compareDiagnostics, type CheckReport, type ReportDiagnostic } from '../report';
import { toolName, toolVersion } from '../toolInfo';

/**
 * SARIF 2.1.0: one run, one rule per diagnostic code, file locations relative
 * to the `ROOT` base URI (the workspace root). Columns are UTF-16 code units,
 * as in LSP.
 */
export function formatSarif(report: CheckReport): string {
  // Suppressed findings stay in the log, marked (SARIF §3.27.23): a viewer shows them as suppressed, with the comment's reason.
  const hidden: (ReportDiagnostic & { reason?: string })[] = report.suppressions ?? [];
  const results: (ReportDiagnostic & { reason?: string })[] = [...report.diagnostics, ...hidden].sort(
    compareDiagnostics,
  );
  // Every code of the table, so that a rule's index is the same in every log; a code outside it (a bug) still gets a rule.
  const codes = codeTable.map(c => c.code);
  for (const d of results) if (!codes.includes(d.code)) codes.push(d.code);
  for (const c of report.switchedOff ?? []) if (!codes.includes(c)) codes.push(c);
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  // Checks the configuration switches off: rules disabled for this run (SARIF §3.20.5).
  const off = report.switchedOff ?? [];

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: toolName,
            version: toolVersion,
            semanticVersion: toolVersion,
            // No informationUri (optional) while package.json names no repository.
            rules: codes.map(rule),
          },
        },
        ...(off.length
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  ruleConfigurationOverrides: off.map(code => ({
                    descriptor: { id: code, index: ruleIndex.get(code)! },
                    configuration: { enabled: false },
                  })),
                },
              ],
            }
          : {}),
        originalUriBaseIds: { ROOT: { uri: report.rootUri } },
        columnKind: 'utf16CodeUnits',
        results: results.map(d => ({
          ruleId: d.code,
          ruleIndex: ruleIndex.get(d.code)!,
          level: level(d.severity),
          message: { text: d.message },
          locations: [location(d.file, d.range)],
          ...(d.related
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i + 1,
                  ...location(r.file, r.range),
                  message: { text: r.message },
                })),
              }
            : {}),
          ...(d.reason !== undefined
            ? { suppressions: [{ kind: 'inSource', ...(d.reason ? { justification: d.reason } : {}) }] }
            : {}),
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function location(file: string, range: Range) {
  return {
    physicalLocation: {
      artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: 'ROOT' },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  };
}

function level(severity: Severity): 'error' | 'warning' | 'note' {
  return severity === 'info' ? 'note' : severity;
}

/** A code's SARIF rule (reportingDescriptor), from the table of codes (core/codes.ts). */
function rule(code: string) {
  const info: CodeInfo | undefined = codeInfo(code);
  if (!info) {
    return {
      id: code,
      shortDescription: { text: `Findings of code ${code}.` },
      defaultConfiguration: { level: 'error' },
    };
  }
  return {
    id: code,
    name: info.sarif.name,
    shortDescription: { text: info.sarif.shortDescription },
    help: { text: info.help },
    ...(info.sarif.helpUri ? { helpUri: info.sarif.helpUri } : {}),
    defaultConfiguration: { level: level(info.severity) },
  };
}
