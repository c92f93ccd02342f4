import type { WorkspaceIndex } from '../graph/workspaceIndex';
import type { Item } from '../types';
import type { ContentPrint } from './fingerprint';
import { compareFingerprints } from './fingerprint';
import { compareIds } from '../text/compareIds';
import { reviewedLinkFields } from './reviewedLinks';

/** One step of the way from a changed item down to an impacted one. */
export interface ImpactStep {
  id: string;
  /** How this item hangs below the previous one: the link field it holds (`implements`, `depends_on`, ...), or `contains`. */
  via: string;
}

/** An item downstream of a changed one, and the shortest way it is reached. */
export interface ImpactedItem {
  item: Item;
  /** The changed item it is reached from. */
  from: string;
  /** The steps below `from`, the last one this item's. */
  path: ImpactStep[];
}

/**
 * The items one step downstream of an ID: the holders of a reviewed link to
 * it (every link field but `related`: the links `specwright review` stamps)
 * and the items it contains (a PRD's requirements, an iteration's stories,
 * a vision's goals). Ordered by ID, then field, so the walk is the same on
 * every run.
 */
export function downstreamOf(index: WorkspaceIndex, id: string): { item: Item; via: string }[] {
  const out: { item: Item; via: string }[] = [];
  for (const l of index.incoming(id))
    if (reviewedLinkFields.has(l.field)) out.push({ item: l.holder, via: l.field });
  for (const c of index.containedIn(id)) out.push({ item: c, via: 'contains' });
  return out.sort((a, b) => compareIds(a.item.id, b.item.id) || (a.via < b.via ? -1 : a.via > b.via ? 1 : 0));
}

/**
 * Every item downstream of the `changed` IDs, transitively, each once, with
 * the shortest path from a changed item (breadth first; among paths of one
 * length, the first changed item given, then IDs in order). The changed
 * items themselves are not listed, even when one lies below another: each is
 * named as changed already. Links may form cycles; every item is visited once.
 */
export function impactOf(index: WorkspaceIndex, changed: readonly string[]): ImpactedItem[] {
  const starts = new Set(changed);
  const reached = new Set<string>(changed);
  const out: ImpactedItem[] = [];
  let frontier: { id: string; from: string; path: ImpactStep[] }[] = changed.map(id => ({
    id,
    from: id,
    path: [],
  }));
  while (frontier.length) {
    const next: typeof frontier = [];
    for (const node of frontier) {
      for (const { item, via } of downstreamOf(index, node.id)) {
        if (reached.has(item.id)) continue;
        reached.add(item.id);
        const path = [...node.path, { id: item.id, via }];
        if (!starts.has(item.id)) out.push({ item, from: node.from, path });
        next.push({ id: item.id, from: node.from, path });
      }
    }
    frontier = next;
  }
  return out;
}

/** An item whose content differs between an earlier revision and now. */
export interface ChangedItem {
  id: string;
  /** The content fields whose values differ, in the kind's field order. */
  fields: string[];
}

/**
 * The items defined both before and now whose fingerprints differ, by ID
 * order, each with the content fields that changed; an ID that now names
 * another kind of item (a requirement made a story) is changed in its
 * `kind`, whatever its fields. Items added since have
 * no earlier content anyone reviewed against, and removed ones have nothing
 * below them now (the links to them are unresolved-link findings): neither
 * is a change here. Both sides are fingerprinted under today's
 * `reviews.content` (`print`), so a change of that list alone changes nothing.
 */
export function changedItems(
  before: ReadonlyMap<string, Item>,
  now: (id: string) => Item | undefined,
  print: (item: Item) => ContentPrint,
): ChangedItem[] {
  const out: ChangedItem[] = [];
  for (const [id, old] of before) {
    const current = now(id);
    if (!current) continue;
    if (current.kind !== old.kind) {
      out.push({ id, fields: ['kind'] });
      continue;
    }
    const was = print(old);
    const is = print(current);
    const change = compareFingerprints(was.fingerprint, is.fingerprint, is.fields, is.builtin);
    if (change) out.push({ id, fields: change.fields });
  }
  return out.sort((a, b) => compareIds(a.id, b.id));
}
