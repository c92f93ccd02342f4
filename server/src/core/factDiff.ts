import type { FileIndex, Item } from './types';

/**
 * What changed between two analyses of a file, as other files can see it:
 * the IDs whose definitions, incoming links, depends_on edges or content
 * differ. It decides which cross-file checks run again (those that read one
 * of these IDs, see checks/readers.ts), whether cycles are searched again and
 * whether coverage is recomputed, so it must over-approximate: an ID missed
 * here is a stale finding elsewhere (test/unit/incremental.test.ts compares
 * with a full rebuild after random edits).
 */
export interface FactChanges {
  /** IDs whose definitions changed (see GraphReader). */
  definitions: Set<string>;
  /** IDs whose incoming links or contained items changed. */
  links: Set<string>;
  /** IDs whose depends_on edges changed. */
  edges: Set<string>;
  /** IDs whose content may have changed (collected only where review stamps exist). */
  contents: Set<string>;
  /** Whether an ID was added or removed, or changed kind. */
  idSet: boolean;
}

export function noFactChanges(): FactChanges {
  return { definitions: new Set(), links: new Set(), edges: new Set(), contents: new Set(), idSet: false };
}

/**
 * Compare what other files can see of a file before and after a change: IDs
 * whose definitions differ go into `batch.definitions`; IDs that gained or
 * lost a link or a contained item (or whose linking items changed kind) go
 * into `batch.links`; IDs whose depends_on edges (or their ranges) changed go
 * into `batch.edges`.
 */
export function diffFacts(
  old: FileIndex | undefined,
  next: FileIndex | undefined,
  batch: FactChanges,
  options: { contents: boolean },
): void {
  diffById(old, next, factKey, batch.definitions);
  diffLinks(old, next, batch.links);
  diffById(old, next, edgeKey, batch.edges);
  if (!batch.idSet) {
    const kinds = new Set<string>();
    diffById(old, next, item => item.kind, kinds);
    batch.idSet = kinds.size > 0;
  }
  // What a file with a syntax error may define or link to is read like definitions and links (parse/damaged.ts).
  diffList(old?.unread?.ids, next?.unread?.ids, batch.definitions);
  diffList(old?.unread?.mentions, next?.unread?.mentions, batch.links);
  // Only review findings read an item's content; without stamps nobody does.
  if (options.contents) diffById(old, next, contentFactKey, batch.contents);
}

/** Add to `out` the entries in one list and not the other. */
function diffList(
  before: readonly string[] | undefined,
  after: readonly string[] | undefined,
  out: Set<string>,
): void {
  if (!before?.length && !after?.length) return;
  const a = new Set(after);
  const b = new Set(before);
  for (const id of b) if (!a.has(id)) out.add(id);
  for (const id of a) if (!b.has(id)) out.add(id);
}

/** Add to `out` the IDs whose items' keys (all items of an ID in the file, in order) differ; `key` undefined is no entry. */
function diffById(
  old: FileIndex | undefined,
  next: FileIndex | undefined,
  key: (item: Item) => string | undefined,
  out: Set<string>,
): void {
  const before = keysById(old, key);
  const after = keysById(next, key);
  for (const [id, k] of before) if (after.get(id) !== k) out.add(id);
  for (const id of after.keys()) if (!before.has(id)) out.add(id);
}

function keysById(file: FileIndex | undefined, key: (item: Item) => string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const item of file?.items ?? []) {
    const k = key(item);
    if (k === undefined) continue;
    const e = map.get(item.id);
    map.set(item.id, e === undefined ? k : e + '\n' + k);
  }
  return map;
}

/**
 * What checks in other files may read of an item through `definitions` (and
 * the ranges their findings point at). Not its links: those are seen from
 * their targets, through `incoming` and `children` (see `diffLinks`).
 */
function factKey(item: Item): string {
  const f = item.fields;
  const r = item.fieldRanges;
  return JSON.stringify([
    item.kind,
    f.status,
    f.priority,
    f.start,
    f.end,
    f.release,
    item.idRange,
    r.status,
    r.priority,
    r.end,
    item.unread,
  ]);
}

/**
 * The IDs whose incoming links or contained items differ between the two
 * versions of a file: a link or containment seen from its target is its
 * holder's ID, field and kind (a containment has no field).
 */
function diffLinks(old: FileIndex | undefined, next: FileIndex | undefined, out: Set<string>): void {
  if (!old || !next) {
    for (const item of (old ?? next)?.items ?? []) {
      if (item.parent !== undefined) out.add(item.parent);
      for (const l of item.links) out.add(l.target);
    }
    return;
  }
  const counts = new Map<string, { target: string; n: number }>();
  const count = (file: FileIndex, step: number): void => {
    for (const item of file.items) {
      const tally = (target: string, field: string): void => {
        const key = JSON.stringify([target, item.id, field, item.kind]);
        const e = counts.get(key);
        if (e) e.n += step;
        else counts.set(key, { target, n: step });
      };
      if (item.parent !== undefined) tally(item.parent, '');
      for (const l of item.links) tally(l.target, l.field);
    }
  };
  count(old, 1);
  count(next, -1);
  for (const { target, n } of counts.values()) if (n !== 0) out.add(target);
}

/** An item's depends_on edges as findCycles reads them (targets and ranges, in order); undefined when it has none. */
function edgeKey(item: Item): string | undefined {
  const edges = [];
  for (const l of item.links) if (l.field === 'depends_on') edges.push([l.target, l.range]);
  return edges.length ? JSON.stringify(edges) : undefined;
}

/** What review findings read of an item: its kind and fields (over-approximates its content, cheaply). */
function contentFactKey(item: Item): string {
  return JSON.stringify([item.kind, item.fields]);
}
