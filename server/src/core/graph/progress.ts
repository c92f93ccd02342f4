import { statusOf } from '../model';
import { countsForCoverage, isUncovered } from './coverage';
import { percentOf } from '../text/numbers';
import type { Item } from '../types';
import type { IndexReader, ReadonlyIndex } from './workspaceIndex';

/**
 * Roll-up arithmetic over the trace graph: which stories sit under an item,
 * how far they are, how much of a PRD is covered, an epic's RICE score.
 * Code lenses, hovers, tree views and reports all read these, so each
 * surface shows the same numbers.
 */

/** Story counts and estimates under an item. Cancelled stories are counted apart and left out of `total`. */
export interface Progress {
  /** Every story under the item, cancelled ones included. */
  stories: number;
  /** Stories that are `done`. */
  done: number;
  /** Stories that are `cancelled`. */
  cancelled: number;
  /** Stories that still count as work: `stories - cancelled`. */
  total: number;
  /** Sum of the estimates of done stories. */
  doneEstimate: number;
  /** Sum of the estimates of the stories in `total` (a missing estimate counts 0). */
  totalEstimate: number;
}

/**
 * What the roll-ups read of the graph: the index itself, its recording
 * reader for a value it keeps (`WorkspaceIndex.kept`), or a check's recording
 * GraphReader (features/currentRelease.ts).
 */
export type RollupReader = IndexReader;

/**
 * The stories an item rolls up, found by following roll-up children down
 * (release → epics → PRDs → requirements → stories; an iteration's stories).
 * Each story once, even when it implements several requirements of the item;
 * a story ID names itself.
 */
export function storiesUnder(index: RollupReader, id: string): Item[] {
  const out = new Set<Item>();
  for (const d of index.definitions(id)) if (d.kind === 'story') out.add(d);
  walkStories(index, [id], new Set([id]), out);
  return [...out];
}

/**
 * The stories an item rolls up through one of its children (`child`, one of
 * `children(parentId)`): the child itself when it is a story, and what the
 * child's subtree rolls up, never walking back into the parent. The union of
 * these over the children of an ID, with the stories defined as the ID, is
 * `storiesUnder` the ID: whatever the walk from the parent reaches, it
 * reaches through one of its children. A caller that keeps one part per
 * child walks again only the parts a change touches (features/currentRelease.ts).
 */
export function storiesThrough(index: RollupReader, parentId: string, child: Item, out: Set<Item>): void {
  if (child.kind === 'story') out.add(child);
  if (child.id !== parentId) walkStories(index, [child.id], new Set([parentId, child.id]), out);
}

/** Breadth first from `queue`, each ID expanded once (`seenIds`): the stories among the children met. */
function walkStories(index: RollupReader, queue: string[], seenIds: Set<string>, out: Set<Item>): void {
  // A read position, not shift(): a release's queue holds thousands of IDs.
  for (let next = 0; next < queue.length; next++) {
    for (const child of index.children(queue[next])) {
      if (child.kind === 'story') out.add(child);
      if (!seenIds.has(child.id)) {
        seenIds.add(child.id);
        queue.push(child.id);
      }
    }
  }
}

/**
 * The requirements an item rolls up (release → epics → PRDs → requirements),
 * each once; a requirement ID names itself. The verified progress of an item
 * is graph/verification.ts's count over these.
 */
export function requirementsUnder(index: RollupReader, id: string): Item[] {
  const out = new Set<Item>();
  for (const d of index.definitions(id)) if (d.kind === 'requirement') out.add(d);
  const seen = new Set<string>([id]);
  const queue = out.size ? [] : [id];
  for (let next = 0; next < queue.length; next++) {
    for (const child of index.children(queue[next])) {
      if (child.kind === 'requirement') out.add(child);
      else if (child.kind !== 'story' && !seen.has(child.id)) {
        seen.add(child.id);
        queue.push(child.id);
      }
    }
  }
  return [...out];
}

/** Progress of a list of stories. */
export function progressOfStories(stories: readonly Item[]): Progress {
  const p: Progress = {
    stories: stories.length,
    done: 0,
    cancelled: 0,
    total: 0,
    doneEstimate: 0,
    totalEstimate: 0,
  };
  for (const s of stories) {
    const status = statusOf(s.fields);
    if (status === 'cancelled') {
      p.cancelled++;
      continue;
    }
    const estimate = estimateOf(s);
    p.total++;
    p.totalEstimate += estimate;
    if (status === 'done') {
      p.done++;
      p.doneEstimate += estimate;
    }
  }
  return p;
}

/**
 * Progress of the stories under an item (see `storiesUnder`). From the
 * workspace index, the stories it keeps (`keptStoriesUnder`); a recording
 * reader walks, so that what it read is recorded.
 */
export function progressOf(index: RollupReader | ReadonlyIndex, id: string): Progress {
  return progressOfStories('kept' in index ? keptStoriesUnder(index, id) : storiesUnder(index, id));
}

/** `storiesUnder` as the index keeps it until a change touches what the walk read. */
export function keptStoriesUnder(index: ReadonlyIndex, id: string): readonly Item[] {
  return index.kept(`stories\u0000${id}`, reader => storiesUnder(reader, id));
}

/** A story's estimate: a number ≥ 0, else 0. */
export function estimateOf(story: Item): number {
  const e = story.fields.estimate;
  return typeof e === 'number' && Number.isFinite(e) && e >= 0 ? e : 0;
}

/**
 * `part / whole` as a whole percentage (text/numbers.ts: rounded to the
 * nearest, 100 only when complete). The progress of an item is this of its
 * stories: done ones of those that count (cancelled ones left out).
 */
export function percent(part: number, whole: number): number {
  return percentOf(part, whole);
}

/**
 * `part / whole` as a whole percentage rounded down: for a share compared
 * with a minimum, which must not read as reaching it (79.6 % of 80 % is 79).
 */
export function percentDown(part: number, whole: number): number {
  if (!(whole > 0)) return 0;
  return Math.min(100, Math.floor((part / whole) * 100 + 1e-9));
}

/** The requirements of a PRD (the items of its `requirements` list). */
export function requirementsOf(index: RollupReader, prdId: string): Item[] {
  return index.containedIn(prdId).filter(i => i.kind === 'requirement');
}

/** The stories that name a requirement in `implements`. */
export function implementersOf(index: RollupReader, requirementId: string): Item[] {
  const out: Item[] = [];
  for (const l of index.incoming(requirementId)) {
    if (l.field === 'implements' && l.holder.kind === 'story' && !out.includes(l.holder)) out.push(l.holder);
  }
  return out;
}

export interface Coverage {
  /** Counted requirements that are covered (graph/coverage.ts, as the `uncovered` check sees them). */
  covered: Item[];
  /** Counted requirements that are uncovered (each one an `uncovered` finding). */
  uncovered: Item[];
  /** Counted requirements: the committed ones (approved, in progress, done). */
  total: number;
}

/** The coverage of a PRD's requirements (graph/coverage.ts): drafts, reviews and cancelled ones do not count. */
export function coverageOf(index: RollupReader, prdId: string): Coverage {
  const covered: Item[] = [];
  const uncovered: Item[] = [];
  for (const req of requirementsOf(index, prdId)) {
    if (countsForCoverage(req)) (isUncovered(index, req) ? uncovered : covered).push(req);
  }
  return { covered, uncovered, total: covered.length + uncovered.length };
}

/**
 * An epic's RICE score, reach × impact × confidence / effort, from its
 * `rice` field; undefined unless all four are finite numbers and effort > 0.
 */
export function riceScore(fields: Record<string, unknown>): number | undefined {
  const rice = fields.rice;
  if (!rice || typeof rice !== 'object') return undefined;
  const r = rice as Record<string, unknown>;
  const num = (v: unknown): number | undefined =>
    typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  const reach = num(r.reach),
    impact = num(r.impact),
    confidence = num(r.confidence),
    effort = num(r.effort);
  if (
    reach === undefined ||
    impact === undefined ||
    confidence === undefined ||
    effort === undefined ||
    effort <= 0
  )
    return undefined;
  return (reach * impact * confidence) / effort;
}
