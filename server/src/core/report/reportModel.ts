import {
  coverageOf,
  implementersOf,
  percent,
  percentDown,
  progressOf,
  riceScore,
  estimateOf,
} from '../graph/progress';
import { countCoverage, isUncovered } from '../graph/coverage';
import { countVerification, verificationOf, type VerificationCount } from '../graph/verification';
import { requirementsUnder } from '../graph/progress';
import { tracesConfigured } from '../features/traceEvidence';
import { itemTree, type Branch, type ItemForest } from '../graph/itemTree';
import { upstream, type TraceNode } from '../graph/trace';
import { horizons, statuses, statusOf } from '../model';
import type { WorkspaceView } from '../workspaceView';
import type { Item, ItemKind, Severity } from '../types';
import { compareCodes, ItemFindings, summarize } from './itemFindings';
import { oneLine } from '../text/oneLine';
import { changedSinceReview, type SuspectLinkRow } from './changedSinceReview';
import { ticketRows } from './ticketsSection';
import { compareItemIds, compareSource } from '../text/compareIds';
import { itemTitle } from '../text/itemTitle';

import type {
  DependencyEdge,
  EpicEntry,
  HorizonColumn,
  ItemRef,
  KindCount,
  MatrixEpic,
  MatrixPrd,
  ReportModel,
  ReportOptions,
  ReportProgress,
  ReportSummary,
  RequirementRow,
  RoadmapModel,
  VerificationFigures,
  VerificationSection,
  TicketRow,
} from './modelTypes';

/**
 * Builds the report's data (report/modelTypes.ts) from the SpecService: the
 * item tree (graph/itemTree.ts, the one the Roadmap view shows) for the
 * order of releases, epics, PRDs and requirements, the roll-up arithmetic of
 * graph/progress.ts and the coverage rule of graph/coverage.ts.
 */
export type * from './modelTypes';

/** Codes that the dependency list shows on a `depends_on` entry. */
export const conflictCodes: readonly string[] = [
  'schedule-conflict',
  'priority-inversion',
  'dependency-cycle',
];

/** Build the report of a whole workspace. */
export function buildReportModel(service: WorkspaceView, options: ReportOptions = {}): ReportModel {
  const traced = [...service.index.files.keys()].some(uri => tracesConfigured(service, uri));
  const b = new ModelBuilder(service, options, traced);
  const tree = itemTree(service.index, ['release', 'epic', 'prd']);
  const requirements = b.requirementRows(tree); // before the matrix, which points into it
  return {
    version: 1,
    title: options.title ?? b.defaultTitle(),
    summary: b.summary(),
    roadmap: b.roadmap(tree),
    traceability: b.matrix(tree),
    untracedGoals: b.untracedGoals(),
    requirements,
    uncovered: b.uncovered(),
    dependencies: b.dependencies(),
    ...changedSinceReviewOf(service, options),
    ...(traced ? { verification: b.verification(tree) } : {}),
    ...ticketsOf(service, options),
  };
}

/** The "Tickets" section, as a property only where some item names a ticket. */
function ticketsOf(service: WorkspaceView, options: ReportOptions): { tickets?: TicketRow[] } {
  const display = options.displayPath ?? ((uri: string) => uri);
  const rows = ticketRows(service, item => itemRef(item, display));
  return rows ? { tickets: rows } : {};
}

/** The "Changed since review" section, as a property only where the workspace keeps stamps. */
function changedSinceReviewOf(
  service: WorkspaceView,
  options: ReportOptions,
): { changedSinceReview?: SuspectLinkRow<ItemRef>[] } {
  const display = options.displayPath ?? ((uri: string) => uri);
  const rows = changedSinceReview(service, item => itemRef(item, display), display);
  return rows ? { changedSinceReview: rows } : {};
}

/**
 * Only the roadmap (for the Roadmap Board webview, which needs no matrix):
 * `renderRoadmapBoard` takes this as well as a whole ReportModel.
 */
export function buildRoadmapModel(
  service: WorkspaceView,
  options: ReportOptions = {},
): { roadmap: RoadmapModel } {
  const b = new ModelBuilder(service, options);
  return { roadmap: b.roadmap(itemTree(service.index, ['release'])) };
}

// ---- building ----------------------------------------------------------------------

const kindOrder: readonly ItemKind[] = [
  'vision',
  'goal',
  'persona',
  'roadmap',
  'release',
  'epic',
  'prd',
  'requirement',
  'iteration',
  'story',
];
const severityOrder: readonly Severity[] = ['error', 'warning', 'info'];

class ModelBuilder {
  private readonly findings: ItemFindings;
  private readonly displayPath: (uri: string) => string;
  /** Each requirement's position in the model's `requirements`. */
  private readonly rowIndex = new Map<Item, number>();

  constructor(
    private readonly service: WorkspaceView,
    options: ReportOptions,
    /** Some folder configures `trace:`: requirement rows carry `trace`. */
    private readonly traced = false,
  ) {
    this.findings = new ItemFindings(service);
    this.displayPath = options.displayPath ?? (uri => uri);
  }

  private get index() {
    return this.service.index;
  }

  defaultTitle(): string {
    const products = this.sorted(i => i.kind === 'vision')
      .map(v => v.fields.product)
      .filter((p): p is string => typeof p === 'string' && p.trim() !== '');
    return products.length === 1 ? oneLine(products[0]) : 'Specwright report';
  }

  // ---- sections ----

  summary(): ReportSummary {
    const kinds: KindCount[] = [];
    let items = 0;
    for (const kind of kindOrder) {
      const all = [...this.index.items()].filter(i => i.kind === kind);
      items += all.length;
      if (!all.length) continue;
      const counts: Record<string, number> = Object.fromEntries(statuses.map(s => [s, 0]));
      let other = 0;
      for (const i of all) {
        const s = statusOf(i.fields);
        if ((statuses as readonly string[]).includes(s)) counts[s]++;
        else other++;
      }
      if (other) counts.other = other;
      kinds.push({ kind, total: all.length, statuses: counts });
    }
    const diagnostics = [...this.index.files.keys()].flatMap(uri => this.service.diagnostics(uri));
    const all = summarize(diagnostics);
    const byCode = new Map<string, { code: string; severity: Severity; count: number }>();
    for (const d of diagnostics) {
      const key = `${d.severity} ${d.code}`;
      const c = byCode.get(key);
      if (c) c.count++;
      else byCode.set(key, { code: d.code, severity: d.severity, count: 1 });
    }
    const codes = [...byCode.values()].sort(
      (a, b) =>
        severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) || compareCodes(a.code, b.code),
    );
    const coverage = countCoverage(this.index, this.index.items());
    return {
      files: this.index.files.size,
      items,
      kinds,
      coverage: { ...coverage, percent: percentDown(coverage.covered, coverage.total) },
      findings: { error: all.error, warning: all.warning, info: all.info },
      codes,
    };
  }

  roadmap(tree: ItemForest): RoadmapModel {
    const columns: HorizonColumn[] = horizons.map(h => ({ horizon: h, releases: [] }));
    let other: HorizonColumn | undefined;
    for (const r of tree.releases) {
      const horizon = text(r.item.fields.horizon);
      const column = columns.find(c => c.horizon === horizon) ?? (other ??= { horizon: null, releases: [] });
      column.releases.push({
        ...this.ref(r.item),
        horizon,
        start: text(r.item.fields.start),
        end: text(r.item.fields.end),
        progress: this.progress(r.item),
        findings: this.findings.summaryOf(r.item),
        epics: r.children.filter(e => e.item.kind === 'epic').map(e => this.epicEntry(e.item)),
      });
    }
    if (other) columns.push(other);
    return {
      horizons: columns,
      unscheduled: tree.unscheduled.filter(b => b.item.kind === 'epic').map(b => this.epicEntry(b.item)),
    };
  }

  private epicEntry(epic: Item): EpicEntry {
    const f = epic.fields;
    return {
      ...this.ref(epic),
      priority: text(f.priority),
      owner: text(f.owner),
      rice: riceScore(f) ?? null,
      progress: this.progress(epic),
      findings: this.findings.summaryOf(epic),
    };
  }

  /** The matrix: every epic once (releases' in roadmap order, then the unscheduled), then the PRDs without an epic. */
  matrix(tree: ItemForest): MatrixEpic[] {
    const epics = [...tree.releases.flatMap(r => r.children), ...tree.unscheduled].filter(
      b => b.item.kind === 'epic',
    );
    const out: MatrixEpic[] = epics.map(e => ({
      epic: this.ref(e.item),
      goals: this.goalIds(e.item),
      prds: e.children.filter(p => p.item.kind === 'prd').map(p => this.matrixPrd(p)),
    }));
    const loose = tree.unscheduled.filter(b => b.item.kind === 'prd');
    if (loose.length) out.push({ epic: null, goals: [], prds: loose.map(p => this.matrixPrd(p)) });
    return out;
  }

  /** Goals (first definitions, in source order) that no release, epic or PRD traces up to. */
  untracedGoals(): ItemRef[] {
    const reached = new Set<Item>();
    for (const item of this.index.items()) {
      if (item.kind === 'release' || item.kind === 'epic' || item.kind === 'prd')
        for (const g of chainOf(this.index, item).goals) reached.add(g);
    }
    return this.sorted(
      i => i.kind === 'goal' && this.index.definitions(i.id)[0] === i && !reached.has(i),
    ).map(g => this.ref(g));
  }

  private goalIds(item: Item): string[] {
    return [...new Set(chainOf(this.index, item).goals.map(g => g.id))];
  }

  private matrixPrd(p: Branch): MatrixPrd {
    const c = coverageOf(this.index, p.item.id);
    return {
      prd: this.ref(p.item),
      goals: this.goalIds(p.item),
      coverage: { covered: c.covered.length, total: c.total, percent: percent(c.covered.length, c.total) },
      requirements: p.children
        .filter(r => r.item.kind === 'requirement')
        .map(r => this.rowIndex.get(r.item)!),
    };
  }

  /** The positions of the uncovered requirements in the rows (after `requirementRows`), in row order. */
  uncovered(): number[] {
    const out: number[] = [];
    for (const [req, i] of this.rowIndex) if (isUncovered(this.index, req)) out.push(i);
    return out.sort((a, b) => a - b);
  }

  /** Every requirement once: as the roadmap reaches them, then the rest in source order. */
  requirementRows(tree: ItemForest): RequirementRow[] {
    const out: RequirementRow[] = [];
    const add = (req: Item): void => {
      if (this.rowIndex.has(req)) return;
      this.rowIndex.set(req, out.length);
      out.push(this.requirementRow(req));
    };
    const visit = (b: Branch): void => {
      if (b.item.kind === 'requirement') add(b.item);
      else b.children.forEach(visit);
    };
    tree.releases.forEach(visit);
    tree.unscheduled.forEach(visit);
    this.sorted(i => i.kind === 'requirement').forEach(add);
    return out;
  }

  private requirementRow(req: Item): RequirementRow {
    const chain = chainOf(this.index, req);
    return {
      ...this.ref(req),
      priority: text(req.fields.priority),
      release: chain.release?.id ?? null,
      epic: chain.epic?.id ?? null,
      prd: chain.prd?.id ?? null,
      stories: implementersOf(this.index, req.id)
        .sort(compareItemIds)
        .map(s => ({
          id: s.id,
          title: itemTitle(s),
          status: statusOf(s.fields),
          estimate: s.fields.estimate === undefined ? null : estimateOf(s),
        })),
      progress: this.progress(req),
      findings: this.findings.summaryOf(req),
      ...(this.traced ? { trace: this.requirementTrace(req) } : {}),
    };
  }

  private requirementTrace(req: Item): RequirementRow['trace'] {
    const v = verificationOf(this.index, this.service.traces, req);
    return {
      implemented: v.implemented,
      code: v.code.length,
      tests: v.tests,
      passing: v.passing,
      failing: v.failing,
      verified: v.verified,
    };
  }

  /** The "Verification" summary: per release in roadmap order, the unscheduled requirements, the workspace. */
  verification(tree: ItemForest): VerificationSection {
    const figures = (items: Iterable<Item>): VerificationFigures =>
      withPercents(countVerification(this.index, this.service.traces, items));
    const scheduled = new Set<Item>();
    const releases = tree.releases.map(r => {
      const reqs = requirementsUnder(this.index, r.item.id);
      for (const q of reqs) scheduled.add(q);
      return { release: this.ref(r.item), ...figures(reqs) };
    });
    const all = [...this.index.items()].filter(i => i.kind === 'requirement');
    const loose = figures(all.filter(i => !scheduled.has(i)));
    return { releases, ...(loose.specified ? { unscheduled: loose } : {}), total: figures(all) };
  }

  dependencies(): DependencyEdge[] {
    const rank = (k: ItemKind): number => {
      const r = ['epic', 'requirement', 'story'].indexOf(k);
      return r < 0 ? 3 : r;
    };
    const holders = this.sorted(i => i.links.some(l => l.field === 'depends_on')).sort(
      (a, b) => rank(a.kind) - rank(b.kind),
    );
    const out: DependencyEdge[] = [];
    for (const item of holders) {
      const findings = this.findings.diagnosticsOf(item).filter(d => conflictCodes.includes(d.code));
      for (const link of item.links.filter(l => l.field === 'depends_on')) {
        const target = this.index.definitions(link.target)[0];
        out.push({
          from: this.ref(item),
          target: link.target,
          to: target ? this.ref(target) : null,
          conflicts: findings
            .filter(
              d =>
                d.range.start.line === link.range.start.line &&
                d.range.start.character === link.range.start.character,
            )
            .map(d => ({ code: d.code, severity: d.severity, message: d.message })),
        });
      }
    }
    return out;
  }

  // ---- small pieces ----

  private ref(item: Item): ItemRef {
    return itemRef(item, this.displayPath);
  }

  private progress(item: Item): ReportProgress {
    const p = progressOf(this.index, item.id);
    return {
      ...p,
      percent: percent(p.done, p.total),
      estimatePercent: percent(p.doneEstimate, p.totalEstimate),
    };
  }

  /** Items that pass `keep`, in source order (by file, then position). */
  private sorted(keep: (i: Item) => boolean): Item[] {
    return [...this.index.items()].filter(keep).sort(compareSource);
  }
}

/** How the report names an item; `displayPath` names its file. */
export function itemRef(item: Item, displayPath: (uri: string) => string): ItemRef {
  const r = item.idRange;
  return {
    id: item.id,
    kind: item.kind,
    title: itemTitle(item),
    status: statusOf(item.fields),
    file: displayPath(item.uri),
    range: {
      start: { line: r.start.line, character: r.start.character },
      end: { line: r.end.line, character: r.end.character },
    },
  };
}

/** The first PRD, epic and release, and every goal, that an item traces up to (graph/trace.ts `upstream`). */
export function chainOf(
  index: WorkspaceView['index'],
  item: Item,
): { goals: Item[]; release?: Item; epic?: Item; prd?: Item } {
  const out: { goals: Item[]; release?: Item; epic?: Item; prd?: Item } = { goals: [] };
  const walk = (n: TraceNode): void => {
    for (const next of n.next) {
      const i = next.item;
      if (i.kind === 'goal') out.goals.push(i);
      else if (i.kind === 'release') out.release ??= i;
      else if (i.kind === 'epic') out.epic ??= i;
      else if (i.kind === 'prd') out.prd ??= i;
      walk(next);
    }
  };
  walk(upstream(index, item));
  out.goals.sort(compareSource);
  return out;
}

function withPercents(c: VerificationCount): VerificationFigures {
  return {
    ...c,
    implementedPercent: percentDown(c.implemented, c.specified),
    verifiedPercent: percentDown(c.verified, c.specified),
  };
}

/** A scalar field as text, or null. */
function text(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}
