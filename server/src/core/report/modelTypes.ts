import type { SuspectLinkRow } from './changedSinceReview';
import type { Progress } from '../graph/progress';
import type { horizons } from '../model';
import type { ItemKind, Range, Severity } from '../types';
import type { FindingSummary } from './itemFindings';

/**
 * The report's data: what `specwright report` prints in every format, built
 * once from the SpecService (its index and diagnostics) and the roll-up
 * arithmetic of graph/progress.ts. Plain, JSON-ready data with no absolute
 * paths and no clock, so the same workspace always gives the same report.
 * The renderers (markdown.ts, html.ts, csv.ts, json.ts) read this and
 * nothing else.
 */
export interface ReportModel {
  /** Shape version of this model (the JSON format prints it as is). */
  version: 1;
  /** The product of the workspace's vision, else "Specwright report". */
  title: string;
  summary: ReportSummary;
  roadmap: RoadmapModel;
  /**
   * The traceability matrix: every epic once, in roadmap order, with its
   * PRDs and their requirements (positions in `requirements`), each naming
   * the goals it traces up to; PRDs without an epic last, under `epic:
   * null`. A requirement is listed once, however many goals it serves, so
   * the report grows with the workspace, not with requirements × goals.
   */
  traceability: MatrixEpic[];
  /** The goals that nothing traces up to, in source order. */
  untracedGoals: ItemRef[];
  /** Every requirement once, in roadmap order (now, next, later, unscheduled), then any the roadmap does not reach. */
  requirements: RequirementRow[];
  /** The uncovered requirements (graph/coverage.ts, each an `uncovered` finding): positions in `requirements`, in its order. */
  uncovered: number[];
  /** Every `depends_on` link: epics', then requirements', then stories', each in source order. */
  dependencies: DependencyEdge[];
  /** The suspect links, where the workspace keeps review stamps (absent where it keeps none): changedSinceReview.ts. */
  changedSinceReview?: SuspectLinkRow<ItemRef>[];
  /**
   * Where a folder of the workspace configures `trace:` (absent elsewhere):
   * per release, how many of its committed requirements are implemented and
   * verified (graph/verification.ts). Each requirement row then has `trace`.
   */
  verification?: VerificationSection;
  /** The epics, PRDs, requirements and stories that name tickets, in source order (absent where none does): ticketsSection.ts. */
  tickets?: TicketRow[];
}

/** The "Verification" summary: requirements verified / implemented / specified. */
export interface VerificationSection {
  /** Each release in roadmap order (the requirements of its epics' PRDs). */
  releases: (VerificationFigures & { release: ItemRef })[];
  /** The requirements no release reaches (absent when there are none). */
  unscheduled?: VerificationFigures;
  /** Every requirement of the workspace. */
  total: VerificationFigures;
}

/** Committed requirements (`specified`), and how many of them are implemented and verified, with their percentages. */
export interface VerificationFigures {
  specified: number;
  implemented: number;
  verified: number;
  /** `implemented / specified`, whole percent rounded down (as the `coverage:` minimums compare). */
  implementedPercent: number;
  /** `verified / specified`, whole percent rounded down. */
  verifiedPercent: number;
}

/** A requirement's code and tests (graph/verification.ts: itself, its acceptance criteria and its stories). */
export interface RequirementTrace {
  /** An `@implements` reference in code names it. */
  implemented: boolean;
  /** Code references. */
  code: number;
  /** Tests: the results' test cases that name it, else the test files' references. */
  tests: number;
  /** Test cases whose latest outcome is `passed`. */
  passing: number;
  /** Test cases whose latest outcome is `failed` or `error`. */
  failing: number;
  verified: boolean;
}

/** An item as the report names it. */
export interface ItemRef {
  id: string;
  kind: ItemKind;
  /** `title` (`name` for a persona, `product` for a vision), on one line; "" when missing. */
  title: string;
  /** With the format's default, `draft`. */
  status: string;
  /** The file that defines it, as `ReportOptions.displayPath` names it. */
  file: string;
  /** Range of its `id` value, 0-based (as in the CLI's JSON). */
  range: Range;
}

/** Story counts and estimates under an item (graph/progress.ts), with their percentages. */
export interface ReportProgress extends Progress {
  /** `done / total`, whole percent rounded down. */
  percent: number;
  /** `doneEstimate / totalEstimate`, whole percent rounded down. */
  estimatePercent: number;
}

export interface ReportSummary {
  /** Spec files in the workspace. */
  files: number;
  /** Items defined in them (duplicates counted). */
  items: number;
  /** Per kind present, in the order vision, goal, persona, roadmap, release, epic, prd, requirement, iteration, story. */
  kinds: KindCount[];
  /**
   * The workspace's coverage (graph/coverage.ts): committed requirements, and
   * those a story implements — the figures `coverage-threshold` compares with
   * `coverage.min` (`percent` rounded down as there).
   */
  coverage: { covered: number; total: number; percent: number };
  /** Findings by severity, after the workspace's rule settings. */
  findings: { error: number; warning: number; info: number };
  /** Findings by code and severity: errors first, then warnings, infos; codes in the order of docs/format.md. */
  codes: { code: string; severity: Severity; count: number }[];
}

export interface KindCount {
  kind: ItemKind;
  total: number;
  /** Every status of the format (zero included), in its order; `other` only when some item has an unknown status. */
  statuses: Record<string, number>;
}

export type Horizon = (typeof horizons)[number];

export interface RoadmapModel {
  /** Now, next and later, always, in that order; then releases whose horizon is missing or unknown (`horizon: null`), if any. */
  horizons: HorizonColumn[];
  /** Epics that name no release (or a release that does not exist). */
  unscheduled: EpicEntry[];
}

export interface HorizonColumn {
  horizon: Horizon | null;
  /** In roadmap order: by start date, then as written. */
  releases: ReleaseEntry[];
}

export interface ReleaseEntry extends ItemRef {
  horizon: string | null;
  start: string | null;
  end: string | null;
  progress: ReportProgress;
  findings: FindingSummary;
  /** By priority, then RICE score, then ID (as the Roadmap view). */
  epics: EpicEntry[];
}

export interface EpicEntry extends ItemRef {
  priority: string | null;
  owner: string | null;
  /** reach × impact × confidence / effort, when all four are given. */
  rice: number | null;
  progress: ReportProgress;
  findings: FindingSummary;
}

/** An epic with its PRDs (`epic: null`: the PRDs without an epic). */
export interface MatrixEpic {
  epic: ItemRef | null;
  /** The IDs of the goals the epic traces up to (itself, its release), in source order. */
  goals: string[];
  prds: MatrixPrd[];
}

export interface MatrixPrd {
  prd: ItemRef;
  /** The IDs of the goals the PRD, and so each of its requirements, traces up to (itself, its epic, the release), in source order. */
  goals: string[];
  /** Covered of the PRD's counted (committed) requirements (graph/progress.ts `coverageOf`). */
  coverage: { covered: number; total: number; percent: number };
  /** Its requirements, as positions in `ReportModel.requirements` (exact even when two requirements share an ID). */
  requirements: number[];
}

/** A requirement with its chain up to the goals, its stories and its findings. */
export interface RequirementRow extends ItemRef {
  priority: string | null;
  release: string | null;
  epic: string | null;
  prd: string | null;
  /** The stories that implement it, by ID. */
  stories: StoryRef[];
  /** Its stories done / total (cancelled ones left out) and the same weighted by estimate. */
  progress: ReportProgress;
  findings: FindingSummary;
  /** Its code and tests, where the report has a `verification` section (absent elsewhere). */
  trace?: RequirementTrace;
}

export interface StoryRef {
  id: string;
  title: string;
  status: string;
  estimate: number | null;
}

/** A ticket as the report shows it: `url` is null where no pattern of `.specwright.yaml` `tickets:` matches the key. */
export interface ReportTicket {
  ticket: string;
  url: string | null;
}

/** An item that names tickets (ticketsSection.ts). */
export interface TicketRow {
  item: ItemRef;
  tickets: ReportTicket[];
}

/** One `depends_on` entry. */
export interface DependencyEdge {
  /** The item that holds the link. */
  from: ItemRef;
  /** The ID it names, as written. */
  target: string;
  /** The item it names; null when no item has that ID. */
  to: ItemRef | null;
  /** The `schedule-conflict`, `priority-inversion` and `dependency-cycle` findings on this entry. */
  conflicts: { code: string; severity: Severity; message: string }[];
}

export interface ReportOptions {
  /** How the report names a file (default: its URI). The CLI passes paths relative to the workspace root. */
  displayPath?: (uri: string) => string;
  /** The title (default: the vision's product, else "Specwright report"). */
  title?: string;
}
