import type { Severity } from './types';

/*
 * The table of diagnostic codes: the one place a code's name, default
 * severity, wording and SARIF rule are written. Everything else derives from
 * it: `DiagnosticCode`, `defaultSeverity`, the codes `.specwright.yaml`'s
 * `rules:` and suppression comments accept, SARIF's rules
 * (cli/formatters/sarif.ts), the `specwright.rules` setting in package.json
 * and the codes table of docs/format.md (both rewritten by
 * `npm run gen:codes`, both checked by test/unit/codes.test.ts).
 *
 * To add a code:
 * 1. add one entry below, keyed by the code's name in camelCase, after the
 *    last public code (before `internalError`). Codes are public interface:
 *    never rename one that has shipped; keep the order too, which the docs
 *    table, SARIF's rule indexes and the reports' code lists follow;
 * 2. write its check, with `code: DiagnosticCode.yourCode`;
 * 3. run `npm run gen:codes` (package.json's setting, docs/format.md's table)
 *    and write the code's section in docs/format.md ("### `your-code`
 *    (severity)", in table order).
 */

/** What one diagnostic code is. */
export interface CodeInfo {
  /** The public name, as findings, `rules:`, suppressions and SARIF carry it. Never renamed. */
  readonly code: string;
  /** Its severity where no `rules:` or setting changes it. */
  readonly severity: Severity;
  /** A short phrase, Markdown: docs/format.md's "in short" column, the setting's description. */
  readonly summary: string;
  /** One or two plain sentences: what the finding means and what to do about it (SARIF's rule help). */
  readonly help: string;
  /** The SARIF rule (reportingDescriptor; its id is `code`). */
  readonly sarif: {
    /** SARIF's "friendly name": Pascal case, and not the id with its case changed. */
    readonly name: string;
    /** One sentence. */
    readonly shortDescription: string;
    /** A page about the rule; none while the project has no public home (see the SARIF test). */
    readonly helpUri?: string;
  };
  /**
   * A failure of Specwright itself, not a finding about the specs: no
   * `rules:` entry or setting can change it and no comment can suppress it.
   */
  readonly internal?: true;
}

const table = {
  yamlSyntax: {
    code: 'yaml-syntax',
    severity: 'error',
    summary: 'the file is not valid YAML',
    help: 'The file could not be read as YAML, so only the parts that did parse are checked. Fix the syntax at the marked place: an unclosed quote, bad indentation, a tab, a key written twice.',
    sarif: { name: 'YamlSyntax', shortDescription: 'The file is not valid YAML.' },
  },
  schema: {
    code: 'schema',
    severity: 'error',
    summary: 'a field is missing, unknown or of the wrong type or value',
    help: 'A field is missing, unknown, or has a value of the wrong type or outside the values allowed. Correct the field as the message says; docs/format.md lists the fields of every kind.',
    sarif: {
      name: 'SchemaViolation',
      shortDescription:
        'The document violates its JSON Schema: a missing field, a wrong type, a bad enum value or an unknown key.',
    },
  },
  kindMismatch: {
    code: 'kind-mismatch',
    severity: 'error',
    summary: '`kind:` disagrees with the file suffix',
    help: "The document's kind: names another kind than its file suffix (.prd.yaml, .epic.yaml, ...). Rename the file, or correct or remove kind: (the suffix already says it).",
    sarif: {
      name: 'KindMismatch',
      shortDescription: 'The top-level kind differs from the kind that the file suffix names.',
    },
  },
  duplicateId: {
    code: 'duplicate-id',
    severity: 'error',
    summary: 'two items have the same ID',
    help: 'Two items define the same ID, so a link to it is ambiguous. Give one of them a new, unused ID.',
    sarif: { name: 'DuplicateId', shortDescription: 'Two items share an ID.' },
  },
  unresolvedLink: {
    code: 'unresolved-link',
    severity: 'error',
    summary: 'a link names an ID that no item has',
    help: 'A link names an ID that no item in the workspace defines. Correct the ID (the message suggests the closest one), or write the item it names.',
    sarif: { name: 'UnresolvedLink', shortDescription: 'A link names an ID that no item has.' },
  },
  linkKind: {
    code: 'link-kind',
    severity: 'error',
    summary: 'a link names an item of the wrong kind',
    help: 'A link names an item of the wrong kind, for example a story that implements an epic. Link to an item of the kind the field expects (a story implements a requirement).',
    sarif: { name: 'LinkKind', shortDescription: 'A link names an item of the wrong kind.' },
  },
  dependencyCycle: {
    code: 'dependency-cycle',
    severity: 'error',
    summary: '`depends_on` links go round in a circle',
    help: 'depends_on links lead back to where they started, so no item on the cycle can be delivered first. Remove one depends_on entry of the cycle.',
    sarif: { name: 'DependencyCycle', shortDescription: 'depends_on links form a cycle.' },
  },
  dateOrder: {
    code: 'date-order',
    severity: 'error',
    summary: '`end` is before `start`',
    help: 'An end date is earlier than its start date. Correct one of the two dates.',
    sarif: { name: 'DateOrder', shortDescription: 'The end date is before the start date.' },
  },
  statusRollup: {
    code: 'status-rollup',
    severity: 'warning',
    summary: 'an item is `done` but one of its children is still open',
    help: 'An item is done while one of its direct children is neither done nor cancelled. Close the child, or set the item back to in-progress.',
    sarif: {
      name: 'StatusRollup',
      shortDescription: 'An item is done while one of its direct children is neither done nor cancelled.',
    },
  },
  scheduleConflict: {
    code: 'schedule-conflict',
    severity: 'warning',
    summary: 'an epic depends on an epic that ships in a later-ending release',
    help: 'An epic depends on an epic whose release ends later than its own, so it cannot ship on time. Move one of the epics to another release, or drop the dependency.',
    sarif: {
      name: 'ScheduleConflict',
      shortDescription: 'An epic depends on an epic whose release ends later than its own.',
    },
  },
  priorityInversion: {
    code: 'priority-inversion',
    severity: 'warning',
    summary: 'a `must` requirement depends on a `could` or `wont` requirement',
    help: 'A must requirement depends on a could or wont requirement, which may never be built. Raise the priority of the dependency, or drop the dependency.',
    sarif: {
      name: 'PriorityInversion',
      shortDescription: 'A must requirement depends on a could or wont requirement.',
    },
  },
  missingAcceptance: {
    code: 'missing-acceptance',
    severity: 'warning',
    summary:
      "a committed requirement or story has no acceptance criteria (the quick fix's placeholder `Given …, when …, then …`, left as it is, counts as none)",
    help: 'A requirement or story that is approved, in-progress or done has no acceptance criteria, or only the placeholder the quick fix inserts. Write acceptance_criteria that say how to tell it is done.',
    sarif: {
      name: 'MissingAcceptance',
      shortDescription:
        'A requirement or story that is approved, in-progress or done has no acceptance criteria.',
    },
  },
  uncovered: {
    code: 'uncovered',
    severity: 'info',
    summary: 'a committed requirement has no story implementing it',
    help: 'A requirement that is approved, in-progress or done has no story that implements it. Write a story whose implements: names it, or set the requirement back to draft.',
    sarif: {
      name: 'UncoveredRequirement',
      shortDescription: 'A requirement that is approved, in-progress or done has no story implementing it.',
    },
  },
  orphan: {
    code: 'orphan',
    severity: 'info',
    summary: 'an epic has no release, or a PRD has no epic',
    help: 'An epic names no release, or a PRD names no epic, so no plan shows it. Add the release: or epic: link.',
    sarif: { name: 'OrphanItem', shortDescription: 'An epic has no release, or a PRD has no epic.' },
  },
  suppressionReason: {
    code: 'suppression-reason',
    severity: 'warning',
    summary: 'a suppression comment gives no reason',
    help: 'A specwright-disable comment gives no reason after "--"; it still suppresses. Add the reason, so that the next reader knows why the finding is accepted.',
    sarif: {
      name: 'SuppressionWithoutReason',
      shortDescription: 'A suppression comment gives no reason after "--".',
    },
  },
  unusedSuppression: {
    code: 'unused-suppression',
    severity: 'warning',
    summary: 'a suppression comment suppresses nothing, or names an unknown code',
    help: 'A specwright-disable comment hides no finding, or names a code that does not exist or cannot be suppressed. Remove the comment, or correct the code it names.',
    sarif: {
      name: 'UnusedSuppression',
      shortDescription: 'A suppression comment suppresses nothing, or names an unknown code.',
    },
  },
  coverageThreshold: {
    code: 'coverage-threshold',
    severity: 'error',
    summary: 'coverage is below a minimum set in `.specwright.yaml`',
    help: 'The share of committed requirements that stories implement is below the minimum set under coverage: in .specwright.yaml, or a release named there does not exist. Write stories for the uncovered requirements, or change the minimum.',
    sarif: {
      name: 'CoverageBelowThreshold',
      shortDescription:
        'The share of committed requirements that stories implement is below the configured minimum.',
    },
  },
  untrustedWorkspace: {
    code: 'untrusted-workspace',
    severity: 'info',
    summary: 'the workspace is not trusted, so team schemas are not read',
    help: 'The workspace is not trusted, so the team schemas that .specwright.yaml names are not read and files are checked against the built-in schemas only. Trust the workspace to use them.',
    sarif: {
      name: 'UntrustedWorkspace',
      shortDescription:
        'The workspace is not trusted, so the team schemas named in .specwright.yaml are not used.',
    },
  },
  // 1.1: review stamps (reviews/, checks/suspectLink.ts)
  suspectLink: {
    code: 'suspect-link',
    severity: 'warning',
    summary: "the upstream item's content changed since this link was last reviewed",
    help: 'The item this link names changed since the link was last reviewed (the message says which fields). Check that the link still holds, then run specwright review with either ID.',
    sarif: {
      name: 'SuspectLink',
      shortDescription: "The upstream item's content changed since this link was last reviewed.",
    },
  },
  unreviewedLink: {
    code: 'unreviewed-link',
    severity: 'info',
    summary: 'the workspace keeps review stamps and this link has none',
    help: 'The workspace keeps review stamps (specwright.reviews) and this link has none. Review the link, then run specwright review with either ID to stamp it.',
    sarif: {
      name: 'UnreviewedLink',
      shortDescription: 'The workspace keeps review stamps and this link has none.',
    },
  },
  // 1.1: references from code and tests (refs/, checks/unverified.ts, checks/failingTest.ts)
  unverified: {
    code: 'unverified',
    severity: 'info',
    summary: 'a `done` requirement has no test that verifies it',
    help: 'A requirement is done but no test verifies it, nor one of its acceptance criteria, nor a story that implements it (reported only where trace.tests or trace.results is set). Tag a test with @verifies and its ID, or name it in square brackets in the test name.',
    sarif: {
      name: 'UnverifiedRequirement',
      shortDescription: 'A requirement that is done has no test that verifies it.',
    },
  },
  failingTest: {
    code: 'failing-test',
    severity: 'warning',
    summary: 'a test that verifies this item failed in the latest results',
    help: 'A test that names this requirement or story failed (or ended in an error) in the latest JUnit results that trace.results names. Fix the code or the test, then run the tests again.',
    sarif: {
      name: 'FailingTest',
      shortDescription: 'A test that verifies this item failed in the latest results.',
    },
  },
  internalError: {
    code: 'internal-error',
    severity: 'error',
    summary: 'Specwright failed while checking the file (please report it)',
    help: "Specwright itself failed while checking this file; the file's other findings and all other files are still checked. Please report it, with the message and, if you can, the file.",
    sarif: { name: 'InternalError', shortDescription: 'Specwright could not check a file.' },
    internal: true,
  },
} as const satisfies Record<string, CodeInfo>;

type Table = typeof table;

/** Every code's name, by its camelCase key: `DiagnosticCode.unresolvedLink` is `'unresolved-link'`. */
export const DiagnosticCode = Object.fromEntries(
  Object.entries(table).map(([key, info]) => [key, info.code]),
) as {
  readonly [K in keyof Table]: Table[K]['code'];
};

export type DiagnosticCodeName = Table[keyof Table]['code'];

/** Every code, in the order of the table (docs/format.md's table, SARIF's rules). */
export const codeTable: readonly CodeInfo[] = Object.values(table);

const byName = new Map<string, CodeInfo>(codeTable.map(c => [c.code, c]));

/** The table's entry of a code, if it has one. */
export function codeInfo(code: string): CodeInfo | undefined {
  return byName.get(code);
}

export const defaultSeverity: Readonly<Record<string, Severity>> = Object.fromEntries(
  codeTable.map(c => [c.code, c.severity]),
);

/**
 * The codes a workspace configures: the keys `rules:` (and the
 * `specwright.rules` setting) accept and the codes a suppression may name,
 * in table order. Every code but the internal ones.
 */
export const allCodes: readonly string[] = codeTable.filter(c => !c.internal).map(c => c.code);

/** What a rule may be set to: a severity, or `off` (no finding at all). */
export const ruleSettings = ['error', 'warning', 'info', 'off'] as const;
