import type { Item } from '../types';
import type { ReadonlyIndex } from './workspaceIndex';

/** One node of a trace: an item and the nodes above (or below) it. */
export interface TraceNode {
  item: Item;
  /** The field that leads from the previous node to this one (`implements`, `epic`, ...). */
  via?: string;
  next: TraceNode[];
}

/**
 * Fields that lead upstream, per item kind, in the order of the product
 * chain: story → requirement → PRD → epic → release → goal. `parent` is the
 * containing item (a requirement's PRD, a goal's vision).
 */
const upstreamFields: Record<string, readonly string[]> = {
  story: ['implements'],
  requirement: ['parent'],
  prd: ['epic', 'goals'],
  epic: ['release', 'goals'],
  release: ['goals'],
  iteration: ['release'],
  goal: ['parent'],
  persona: ['parent'],
};

/** Items one step upstream of an item, with the field that leads there. */
export function parentsOf(index: ReadonlyIndex, item: Item): { item: Item; via: string }[] {
  const out: { item: Item; via: string }[] = [];
  for (const field of upstreamFields[item.kind] ?? []) {
    const targets =
      field === 'parent'
        ? item.parent
          ? [item.parent]
          : []
        : item.links.filter(l => l.field === field).map(l => l.target);
    for (const id of targets) {
      const def = index.definitions(id)[0];
      if (def) out.push({ item: def, via: field });
    }
  }
  return out;
}

/**
 * Links that lead downstream without making a roll-up child (docs/format.md,
 * "Computed reverse links"): the items that name a goal or a persona, and a
 * release's iterations. A release's status rolls up from its epics only, so
 * an iteration is no roll-up child of its release; a trace still lists it.
 */
const computedBelow: Record<string, readonly string[]> = {
  goal: ['goals'],
  persona: ['personas', 'as_a'],
  release: ['release'],
};

/**
 * Items one step downstream: what rolls up into the item (a release's epics,
 * an epic's PRDs, a PRD's requirements, a requirement's stories), then the
 * holders of the links in `computedBelow` that are not already among them.
 */
export function childrenOf(index: ReadonlyIndex, item: Item): { item: Item; via: string }[] {
  const out = index
    .children(item.id)
    .map(c => ({ item: c, via: c.parent === item.id ? 'contains' : viaField(c, item.id) }));
  const fields = computedBelow[item.kind] ?? [];
  for (const l of index.incoming(item.id)) {
    if (fields.includes(l.field) && !out.some(o => o.item === l.holder)) {
      out.push({ item: l.holder, via: l.field });
    }
  }
  return out;
}

/** Items whose `depends_on` names this item. */
export function dependentsOf(index: ReadonlyIndex, item: Item): Item[] {
  return index
    .incoming(item.id)
    .filter(l => l.field === 'depends_on')
    .map(l => l.holder);
}

/** The upstream tree of an item, each item at most once (links may form cycles). */
export function upstream(index: ReadonlyIndex, item: Item, maxNodes = 500): TraceNode {
  return walk(item, undefined, new Set([item]), { left: maxNodes }, i => parentsOf(index, i));
}

/** The downstream tree of an item, each item at most once. */
export function downstream(index: ReadonlyIndex, item: Item, maxNodes = 2000): TraceNode {
  return walk(item, undefined, new Set([item]), { left: maxNodes }, i => childrenOf(index, i));
}

function walk(
  item: Item,
  via: string | undefined,
  seen: Set<Item>,
  budget: { left: number },
  step: (i: Item) => { item: Item; via: string }[],
): TraceNode {
  const node: TraceNode = { item, via, next: [] };
  for (const s of step(item)) {
    if (seen.has(s.item) || budget.left <= 0) continue;
    seen.add(s.item);
    budget.left--;
    node.next.push(walk(s.item, s.via, seen, budget, step));
  }
  return node;
}

function viaField(child: Item, parentId: string): string {
  return child.links.find(l => l.target === parentId)?.field ?? 'contains';
}
