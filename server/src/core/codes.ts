import type { Severity } from './types';

/**
 * The diagnostic codes of format v1 (docs/format.md). They are public
 * interface: tests and CI pipelines outside the project match on them.
 */
export const DiagnosticCode = {
  yamlSyntax: 'yaml-syntax',
  schema: 'schema',
  kindMismatch: 'kind-mismatch',
  duplicateId: 'duplicate-id',
  unresolvedLink: 'unresolved-link',
  linkKind: 'link-kind',
  dependencyCycle: 'dependency-cycle',
  dateOrder: 'date-order',
  statusRollup: 'status-rollup',
  scheduleConflict: 'schedule-conflict',
  priorityInversion: 'priority-inversion',
  missingAcceptance: 'missing-acceptance',
  uncovered: 'uncovered',
  orphan: 'orphan',
  suppressionReason: 'suppression-reason',
  unusedSuppression: 'unused-suppression',
  coverageThreshold: 'coverage-threshold',
  untrustedWorkspace: 'untrusted-workspace',
  // 1.1: review stamps (reviews/, checks/suspectLink.ts)
  suspectLink: 'suspect-link',
  unreviewedLink: 'unreviewed-link',
} as const;

export type DiagnosticCodeName = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export const defaultSeverity: Record<string, Severity> = {
  'yaml-syntax': 'error',
  schema: 'error',
  'kind-mismatch': 'error',
  'duplicate-id': 'error',
  'unresolved-link': 'error',
  'link-kind': 'error',
  'dependency-cycle': 'error',
  'date-order': 'error',
  'status-rollup': 'warning',
  'schedule-conflict': 'warning',
  'priority-inversion': 'warning',
  'missing-acceptance': 'warning',
  uncovered: 'info',
  orphan: 'info',
  'suppression-reason': 'warning',
  'unused-suppression': 'warning',
  'coverage-threshold': 'error',
  'untrusted-workspace': 'info',
  'suspect-link': 'warning',
  'unreviewed-link': 'info',
};

export const allCodes: readonly string[] = Object.keys(defaultSeverity);
