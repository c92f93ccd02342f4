import { allCodes, defaultSeverity } from '../../core/codes';
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
  const codes = [...allCodes];
  for (const d of results) if (!codes.includes(d.code)) codes.push(d.code); // e.g. internal-error
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
            rules: codes.map(code => ({
              id: code,
              ...(ruleNames[code] ? { name: ruleNames[code] } : {}),
              shortDescription: { text: ruleDescriptions[code] ?? 'Specwright could not check a file.' },
              defaultConfiguration: { level: level(defaultSeverity[code] ?? 'error') },
            })),
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

/** SARIF's "friendly name" of each rule: Pascal case, and not the id with its case changed. */
const ruleNames: Record<string, string> = {
  'yaml-syntax': 'YamlSyntax',
  schema: 'SchemaViolation',
  'kind-mismatch': 'KindMismatch',
  'duplicate-id': 'DuplicateId',
  'unresolved-link': 'UnresolvedLink',
  'link-kind': 'LinkKind',
  'dependency-cycle': 'DependencyCycle',
  'date-order': 'DateOrder',
  'status-rollup': 'StatusRollup',
  'schedule-conflict': 'ScheduleConflict',
  'priority-inversion': 'PriorityInversion',
  'missing-acceptance': 'MissingAcceptance',
  uncovered: 'UncoveredRequirement',
  orphan: 'OrphanItem',
  'suppression-reason': 'SuppressionWithoutReason',
  'unused-suppression': 'UnusedSuppression',
  'coverage-threshold': 'CoverageBelowThreshold',
  'untrusted-workspace': 'UntrustedWorkspace',
  'suspect-link': 'SuspectLink',
  'unreviewed-link': 'UnreviewedLink',
};

/** One sentence per code, from the table in docs/format.md. */
const ruleDescriptions: Record<string, string> = {
  'yaml-syntax': 'The file is not valid YAML.',
  schema:
    'The document violates its JSON Schema: a missing field, a wrong type, a bad enum value or an unknown key.',
  'kind-mismatch': 'The top-level kind differs from the kind that the file suffix names.',
  'duplicate-id': 'Two items share an ID.',
  'unresolved-link': 'A link names an ID that no item has.',
  'link-kind': 'A link names an item of the wrong kind.',
  'dependency-cycle': 'depends_on links form a cycle.',
  'date-order': 'The end date is before the start date.',
  'status-rollup': 'An item is done while one of its direct children is neither done nor cancelled.',
  'schedule-conflict': 'An epic depends on an epic whose release ends later than its own.',
  'priority-inversion': 'A must requirement depends on a could or wont requirement.',
  'missing-acceptance':
    'A requirement or story that is approved, in-progress or done has no acceptance criteria.',
  uncovered: 'A requirement that is approved, in-progress or done has no story implementing it.',
  orphan: 'An epic has no release, or a PRD has no epic.',
  'suppression-reason': 'A suppression comment gives no reason after "--".',
  'unused-suppression': 'A suppression comment suppresses nothing, or names an unknown code.',
  'coverage-threshold':
    'The share of committed requirements that stories implement is below the configured minimum.',
  'untrusted-workspace':
    'The workspace is not trusted, so the team schemas named in .specwright.yaml are not used.',
  'suspect-link': "The upstream item's content changed since this link was last reviewed.",
  'unreviewed-link': 'The workspace keeps review stamps and this link has none.',
};
