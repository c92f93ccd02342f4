import { allCodes, defaultSeverity } from '../../core/codes';
import type { Range, Severity } from '../../core/types';
import type { CheckReport } from '../report';
import { informationUri, toolName, toolVersion } from '../toolInfo';

/**
 * SARIF 2.1.0: one run, one rule per diagnostic code, file locations relative
 * to the `ROOT` base URI (the workspace root). Columns are UTF-16 code units,
 * as in LSP.
 */
export function formatSarif(report: CheckReport): string {
  const codes = [...allCodes];
  for (const d of report.diagnostics) if (!codes.includes(d.code)) codes.push(d.code); // e.g. internal-error
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: toolName,
          version: toolVersion,
          semanticVersion: toolVersion,
          informationUri,
          rules: codes.map(code => ({
            id: code,
            ...(ruleNames[code] ? { name: ruleNames[code] } : {}),
            shortDescription: { text: ruleDescriptions[code] ?? 'Specwright could not check a file.' },
            defaultConfiguration: { level: level(defaultSeverity[code] ?? 'error') },
          })),
        },
      },
      originalUriBaseIds: { ROOT: { uri: report.rootUri } },
      columnKind: 'utf16CodeUnits',
      results: report.diagnostics.map(d => ({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code)!,
        level: level(d.severity),
        message: { text: d.message },
        locations: [location(d.file, d.range)],
        ...(d.related ? {
          relatedLocations: d.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.range), message: { text: r.message } })),
        } : {}),
      })),
    }],
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
  'schema': 'SchemaViolation',
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
  'uncovered': 'UncoveredRequirement',
  'orphan': 'OrphanItem',
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
  'schema': 'The document violates its JSON Schema: a missing field, a wrong type, a bad enum value or an unknown key.',
  'kind-mismatch': 'The top-level kind differs from the kind that the file suffix names.',
  'duplicate-id': 'Two items share an ID.',
  'unresolved-link': 'A link names an ID that no item has.',
  'link-kind': 'A link names an item of the wrong kind.',
  'dependency-cycle': 'depends_on links form a cycle.',
  'date-order': 'The end date is before the start date.',
  'status-rollup': 'An item is done while one of its direct children is neither done nor cancelled.',
  'schedule-conflict': 'An epic depends on an epic whose release ends later than its own.',
  'priority-inversion': 'A must requirement depends on a could or wont requirement.',
  'missing-acceptance': 'A requirement or story that is approved, in-progress or done has no acceptance criteria.',
  'uncovered': 'A requirement that is approved, in-progress or done has no story implementing it.',
  'orphan': 'An epic has no release, or a PRD has no epic.',
  'suppression-reason': 'A suppression comment gives no reason after "--".',
  'unused-suppression': 'A suppression comment suppresses nothing, or names an unknown code.',
  'coverage-threshold': 'The share of committed requirements that stories implement is below the configured minimum.',
  'untrusted-workspace': 'The workspace is not trusted, so the team schemas named in .specwright.yaml are not used.',
  'suspect-link': 'The upstream item\'s content changed since this link was last reviewed.',
  'unreviewed-link': 'The workspace keeps review stamps and this link has none.',
};
