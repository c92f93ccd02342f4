import { dependentsOf, downstream, upstream, type TraceNode } from '../graph/trace';
import type { WorkspaceView } from '../workspaceView';
import type { Item, Position } from '../types';
import { itemAt } from './roadmapTree';
import { evidenceOf, tracesConfigured, type EvidenceEntry } from './traceEvidence';
import { join, NodeFactory, type ViewNode } from './viewNodes';
import { ticketLinksOf, type TicketLink } from '../tickets';

/**
 * The trace view: the item at the cursor, what it traces up to (story →
 * requirement → PRD → epic → release → goal) and what traces down to it
 * (an epic's PRDs, their requirements and stories; items that depend on it),
 * and, where `trace:` is configured, its code references and tests.
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
  /**
   * Where `trace:` is configured: a `Code` row with the item's code
   * references (`src/cart.py:3`) and a `Tests` row with its tests (name and
   * outcome, then test files' references), each opening its place
   * (traceEvidence.ts); else empty.
   */
  evidence: TraceViewNode[];
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
  const evidence = evidenceRows(service, item);
  const tickets = ticketLinksOf(item, service.ticketTemplates(item.uri));
  const focus = nodes.item(
    item,
    undefined,
    up.length > 0 || down.length > 0 || evidence.length > 0 || tickets.length > 0,
  );
  return { item: focus, upstream: up, downstream: down, evidence, ...(tickets.length ? { tickets } : {}) };
}

/** The `Code` and `Tests` rows of an item, where its folder configures `trace:`. */
function evidenceRows(service: WorkspaceView, item: Item): TraceViewNode[] {
  if (!tracesConfigured(service, item.uri)) return [];
  const e = evidenceOf(service, item);
  const v = e.verification;
  const group = (
    segment: string,
    label: string,
    description: string,
    entries: EvidenceEntry[],
  ): TraceViewNode => {
    const id = `g:${segment}`;
    return {
      id,
      label,
      description,
      kind: 'group',
      hasChildren: entries.length > 0,
      findings: { errors: 0, warnings: 0, infos: 0 },
      children: entries.map((x, n) => ({
        id: join(id, `${segment}:${n}`),
        label: x.label,
        description: x.description,
        kind: x.kind,
        ...(x.outcome ? { outcome: x.outcome } : {}),
        location: x.location,
        hasChildren: false,
        findings: { errors: 0, warnings: 0, infos: 0 },
        children: [],
      })),
    };
  };
  return [
    group('code', 'Code', String(e.code.length), e.code),
    group('tests', 'Tests', `${v.tests}${v.failing ? ` (${v.failing} failing)` : ''}`, e.tests),
  ];
}

function toNode(nodes: NodeFactory, t: TraceNode, parentId: string): TraceViewNode {
  const node = nodes.item(t.item, parentId, t.next.length > 0);
  return { ...node, via: t.via, children: t.next.map(n => toNode(nodes, n, node.id)) };
}

function flatItems(t: TraceNode): Item[] {
  return [t.item, ...t.next.flatMap(flatItems)];
}
