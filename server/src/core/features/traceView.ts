import { dependentsOf, downstream, upstream, type TraceNode } from '../graph/trace';
import type { WorkspaceView } from '../workspaceView';
import type { Item, Position } from '../types';
import { itemAt } from './roadmapTree';
import { NodeFactory, type ViewNode } from './viewNodes';
import { ticketLinksOf, type TicketLink } from '../tickets';

/**
 * The trace view: the item at the cursor, what it traces up to (story →
 * requirement → PRD → epic → release → goal) and what traces down to it
 * (an epic's PRDs, their requirements and stories; items that depend on it).
 * Sent whole, not lazily: a trace is small, and the view follows the cursor.
 */

/** A row of the trace view with its children; the same row shape as the roadmap's. */
export interface TraceViewNode extends ViewNode {
  /**
   * The field that links this row with the row above it: upstream, the field
   * of the lower item (`implements`, `epic`, `parent`, ...); downstream, the
   * field of this item, `contains` for an item of the parent's file, and
   * `depends_on` for an item that depends on the parent.
   */
  via?: string;
  children: TraceViewNode[];
}

export interface TraceResult {
  /** The item at the position (no children: they are in `upstream` and `downstream`). */
  item: ViewNode;
  /** One step up per row, each with its own chain above it. */
  upstream: TraceViewNode[];
  /** What rolls up into the item, then items that depend on it. */
  downstream: TraceViewNode[];
  /** The item's tickets (`tickets:`) with their URLs where `.specwright.yaml` links them; absent when it names none. */
  tickets?: TicketLink[];
}

/** The trace of the item at a position (see `itemAt`), or undefined where there is none. */
export function traceAt(service: WorkspaceView, uri: string, position: Position): TraceResult | undefined {
  const item = itemAt(service, uri, position);
  return item ? traceOf(service, item) : undefined;
}

/** The trace of one item. */
export function traceOf(service: WorkspaceView, item: Item): TraceResult {
  const nodes = new NodeFactory(service);
  const index = service.index;
  const up = upstream(index, item).next.map(n => toNode(nodes, n, 'up'));
  const tree = downstream(index, item);
  const down = tree.next.map(n => toNode(nodes, n, 'down'));
  const seen = new Set<Item>(flatItems(tree));
  for (const d of dependentsOf(index, item)) {
    if (seen.has(d)) continue;
    seen.add(d);
    down.push({ ...nodes.item(d, 'down', false), via: 'depends_on', children: [] });
  }
  const tickets = ticketLinksOf(item, service.ticketTemplates(item.uri));
  const focus = nodes.item(item, undefined, up.length > 0 || down.length > 0 || tickets.length > 0);
  return { item: focus, upstream: up, downstream: down, ...(tickets.length ? { tickets } : {}) };
}

function toNode(nodes: NodeFactory, t: TraceNode, parentId: string): TraceViewNode {
  const node = nodes.item(t.item, parentId, t.next.length > 0);
  return { ...node, via: t.via, children: t.next.map(n => toNode(nodes, n, node.id)) };
}

function flatItems(t: TraceNode): Item[] {
  return [t.item, ...t.next.flatMap(flatItems)];
}
