import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { itemLists } from '../model';
import { topItemKind } from '../parse/fileKind';
import { compareIds } from '../text/compareIds';
import type { DocKind, FileIndex, Item, ItemKind } from '../types';
import { Best } from './best';
import { itemTitle } from '../text/itemTitle';
import type { LinkContext, YamlContext } from './yamlContext';

/**
 * The IDs a link field may name that match what is typed (see `matcher`):
 * those whose ID or title starts with it first, then those that contain it;
 * within each, closest in the product first:
 * - a story's `implements`: requirements of a PRD the story already
 *   implements, then requirements of PRDs whose epic is in the iteration's
 *   release, then the rest;
 * - a requirement's `depends_on`: requirements of the same PRD, then of
 *   PRDs of the same epic;
 * - a story's `depends_on`: stories of the same iteration, then of
 *   iterations of the same release;
 * - an epic's `depends_on`: epics of the same release;
 * then by ID (numbers compared as numbers). IDs already in the field, and
 * the item itself, are left out; a duplicated ID is offered once, where its
 * best-placed definition would be.
 *
 * Only the best `limit` are kept while the candidates are read, so
 * the answer costs one pass over the workspace's items and its size does
 * not grow with the workspace; when more matched, the list is incomplete
 * and the editor asks again with more typed.
 */
export function linkCandidates(
  index: ReadonlyIndex,
  uri: string,
  ctx: YamlContext,
  link: LinkContext,
  limit: number,
): { isIncomplete: boolean; items: Item[] } {
  const file = index.files.get(uri);
  const top = file?.items.find(i => i.parent === undefined && isTopKind(i.kind));
  const matchOf = matcher(ctx.prefix);
  const affinity = tierOf(index, ctx.item.kind, link.field, top, link.present);
  // The IDs left out (those in the field, the item itself) and second definitions of an ID are
  // dropped from the few kept, not checked for every candidate: with nothing typed, a candidate's
  // ID string is then read only when it ties with the worst kept.
  const excluded = new Set(link.present);
  if (ctx.item.id !== undefined) excluded.add(ctx.item.id);
  const best = new Best<Item>(limit + excluded.size, (a, b) => compareIds(a.id, b.id));
  // The files' item lists directly: at 50k requirements a generator's steps cost more than the rest of the loop.
  for (const f of index.files.values()) {
    if (link.targets && !mayHold(f.kind, link.targets)) continue;
    // A file whose candidates share a parent (a PRD's requirements) share a tier: when even its
    // smallest ID at that tier would not be kept, none of its items would (best rank is the tier).
    const bound = best.cut ? candidateBound(f, link.targets) : undefined;
    if (bound && !best.wouldKeep(bound, affinity(bound, f))) continue;
    for (const item of f.items) {
      if (link.targets && !link.targets.includes(item.kind)) continue;
      const tier = affinity(item, f);
      // Once the list is cut, a candidate that could not be kept even as a best match (its rank
      // would be its tier) needs no matching: reading its ID and title is most of the cost.
      if (best.cut && !best.admits(tier)) continue;
      const match = matchOf(item);
      if (match !== undefined) best.add(item, match * tierCount + tier);
    }
  }
  const kept = best.sorted().filter(item => {
    if (excluded.has(item.id)) return false;
    excluded.add(item.id); // offered once: a later definition of the same ID is left out too
    return true;
  });
  // Anything the heap dropped, or more than the limit left after filtering, is an incomplete list.
  return { isIncomplete: best.cut || kept.length > limit, items: kept.slice(0, limit) };
}

/**
 * A file's candidate with the smallest ID, when all its candidates (items of
 * `targets`) have the same parent; undefined otherwise. Computed once per
 * version of a file (a changed file is a new FileIndex).
 */
function candidateBound(file: FileIndex, targets: readonly ItemKind[] | undefined): Item | undefined {
  const key = targets ? targets.join(',') : '*';
  let cached = bounds.get(file);
  if (!cached) bounds.set(file, (cached = new Map<string, Item | undefined>()));
  if (cached.has(key)) return cached.get(key);
  let min: Item | undefined;
  let uniform = true;
  for (const item of file.items) {
    if (targets && !targets.includes(item.kind)) continue;
    if (min && item.parent !== min.parent) {
      uniform = false;
      break;
    }
    if (!min || compareIds(item.id, min.id) < 0) min = item;
  }
  const bound = uniform ? min : undefined;
  cached.set(key, bound);
  return bound;
}
const bounds = new WeakMap<FileIndex, Map<string, Item | undefined>>();

/** Whether a document of this kind can hold an item of one of `kinds`: as its top item, or in one of its lists. */
function mayHold(docKind: DocKind, kinds: readonly ItemKind[]): boolean {
  return kinds.includes(topItemKind[docKind]) || itemLists[docKind].some(l => kinds.includes(l.kind));
}

/**
 * How an item matches what is typed, case-insensitively: 0 when its ID or
 * its title starts with it, 1 when one of them contains it, undefined when
 * neither does. With nothing typed, every item matches alike.
 */
function matcher(typed: string): (item: Item) => number | undefined {
  if (typed === '') return () => 0;
  // One case-insensitive search per string, instead of a lower-cased copy of every ID and title.
  const pattern = new RegExp(typed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  return item => {
    const inId = item.id.search(pattern);
    if (inId === 0) return 0;
    const inTitle = itemTitle(item)?.search(pattern) ?? -1;
    if (inTitle === 0) return 0;
    return inId > 0 || inTitle > 0 ? 1 : undefined;
  };
}

function isTopKind(kind: ItemKind): boolean {
  return kind === 'vision' || kind === 'roadmap' || kind === 'epic' || kind === 'prd' || kind === 'iteration';
}

/** Tiers `tierOf` gives, 0 to 2: a candidate's rank is its match times this, plus its tier. */
const tierCount = 3;

/** How close a candidate (in `file`) is to the item being edited: 0 closest. */
type Tier = (c: Item, file: FileIndex) => number;

function tierOf(
  index: ReadonlyIndex,
  holder: ItemKind,
  field: string,
  top: Item | undefined,
  present: readonly string[],
): Tier {
  const first = (id: string | undefined): Item | undefined => (id ? index.definitions(id)[0] : undefined);
  const linkOf = (item: Item | undefined, f: string): string | undefined =>
    item?.links.find(l => l.field === f)?.target;
  // Few epics, many PRDs: each epic's release is looked up once.
  const releases = new Map<string | undefined, string | undefined>();
  const releaseOfEpic = (epicId: string | undefined): string | undefined => {
    if (!releases.has(epicId)) releases.set(epicId, linkOf(first(epicId), 'release'));
    return releases.get(epicId);
  };

  if (holder === 'story' && field === 'implements') {
    const prds = new Set(present.map(id => first(id)?.parent).filter((p): p is string => !!p));
    const release = linkOf(top, 'release');
    return byParent(index, (id, prd) =>
      id && prds.has(id) ? 0 : release && releaseOfEpic(linkOf(prd, 'epic')) === release ? 1 : 2,
    );
  }
  if (holder === 'requirement' && field === 'depends_on') {
    const own = top?.kind === 'prd' ? top.id : undefined;
    const epic = linkOf(top, 'epic');
    return byParent(index, (id, prd) =>
      own && id === own ? 0 : epic && linkOf(prd, 'epic') === epic ? 1 : 2,
    );
  }
  if (holder === 'story' && field === 'depends_on') {
    const release = linkOf(top, 'release');
    return byParent(index, (id, iteration) =>
      top && id === top.id ? 0 : release && linkOf(iteration, 'release') === release ? 1 : 2,
    );
  }
  if (holder === 'epic' && field === 'depends_on') {
    const release = linkOf(top, 'release');
    return c => (release && linkOf(c, 'release') === release ? 0 : 1);
  }
  return () => 0;
}

/**
 * A tier that depends only on the candidate's parent (its ID, and its
 * definition: the top item of the candidate's file, or else the first
 * definition), computed once per run of candidates with the same parent:
 * they come file by file, so a PRD's requirements share one computation.
 */
function byParent(
  index: ReadonlyIndex,
  tier: (id: string | undefined, parent: Item | undefined) => number,
): Tier {
  let known = false;
  let last: string | undefined;
  let lastTier = 0;
  return (c, file) => {
    if (!known || c.parent !== last) {
      known = true;
      last = c.parent;
      const top = file.items[0];
      lastTier = tier(
        last,
        last === undefined ? undefined : top?.id === last ? top : index.definitions(last)[0],
      );
    }
    return lastTier;
  };
}
