import { dependentsOf, downstream, upstream, type TraceNode } from '../graph/trace';
import type { WorkspaceView } from '../workspaceView';
import { closestMatches } from '../text/closest';
import type { Item } from '../types';
import { ItemFindings, type FindingSummary } from './itemFindings';
import { itemRef, type ItemRef } from './reportModel';

/**
 * The trace of one item for `specwright trace`: the same walk as the Trace
 * view (graph/trace.ts: upstream to the goals and the vision; downstream
 * through what rolls up into it, then the items that depend on it), with each
 * node's status and its own findings.
 */
export interface TraceModel {
  /** The traced item (its `children` are empty: see `upstream` and `downstream`). */
  item: TraceEntry;
  /** One step up per entry, each with its own chain above it. */
  upstream: TraceEntry[];
  /** What rolls up into the item, then the items whose `depends_on` names it. */
  downstream: TraceEntry[];
}

export interface TraceEntry extends ItemRef {
  priority: string | null;
  /**
   * The field that links this entry with the one above it: upstream, the
   * lower item's field (`implements`, `epic`, `parent`, ...); downstream,
   * this item's field, `contains` for an item of the parent's file, and
   * `depends_on` for an item that depends on the parent. Null for the traced item.
   */
  via: string | null;
  /** The findings inside the item and not inside an item it contains. */
  findings: FindingSummary;
  children: TraceEntry[];
}

export interface TraceOptions {
  /** How a file is named (default: its URI). */
  displayPath?: (uri: string) => string;
}

export type TraceLookup =
  | {
      found: true;
      trace: TraceModel;
      /** Every definition of the ID (more than one is a duplicate-id error; the first is traced). */ definitions: readonly Item[];
    }
  | {
      found: false;
      /** The closest IDs of the workspace (plausible typos), best first. */ suggestions: string[];
    };

/** Trace the item with an ID, or say which IDs are close to it. */
export function traceById(service: WorkspaceView, id: string, options: TraceOptions = {}): TraceLookup {
  const definitions = service.index.definitions(id);
  if (!definitions.length) return { found: false, suggestions: closestMatches(id, service.index.ids()) };
  return { found: true, trace: buildTrace(service, definitions[0], options), definitions };
}

/** Trace one item. */
export function buildTrace(service: WorkspaceView, item: Item, options: TraceOptions = {}): TraceModel {
  const displayPath = options.displayPath ?? (uri => uri);
  const findings = new ItemFindings(service);
  const entry = (i: Item, via: string | null, children: TraceEntry[]): TraceEntry => {
    const p = i.fields.priority;
    return {
      ...itemRef(i, displayPath),
      priority: typeof p === 'string' ? p : null,
      via,
      findings: findings.summaryOf(i),
      children,
    };
  };
  const convert = (n: TraceNode): TraceEntry => entry(n.item, n.via ?? null, n.next.map(convert));

  const index = service.index;
  const down = downstream(index, item);
  const seen = new Set<Item>();
  const collect = (n: TraceNode): void => {
    seen.add(n.item);
    n.next.forEach(collect);
  };
  collect(down);
  const dependents: Item[] = [];
  for (const d of dependentsOf(index, item)) {
    if (!seen.has(d)) {
      seen.add(d);
      dependents.push(d);
    }
  }
  return {
    item: entry(item, null, []),
    upstream: upstream(index, item).next.map(convert),
    downstream: [...down.next.map(convert), ...dependents.map(d => entry(d, 'depends_on', []))],
  };
}
