import { linkFields, rollupLink } from '../model';
import { CandidateIds, compareScored, scoreCandidate, type Scored } from '../text/closest';
import type { FileIndex, Item, ItemKind, Link, Range } from '../types';

/** A link together with the item and file that hold it. */
export interface IncomingLink extends Link {
  uri: string;
  holder: Item;
}

/** What a value the index keeps (`kept`) may read of it; every read is recorded. */
export type IndexReader = Pick<
  WorkspaceIndex,
  'definitions' | 'children' | 'containedIn' | 'incoming' | 'mayLink'
>;

/**
 * The index as its readers see it (checks, features, reports): every query,
 * and not `set`, so that only the service changes it.
 */
export type ReadonlyIndex = Omit<WorkspaceIndex, 'set' | 'files'> & {
  readonly files: ReadonlyMap<string, FileIndex>;
};

/** Kinds that roll up into the item whose file list contains them (a PRD's requirements, an iteration's stories). */
const containedRollup: ReadonlySet<ItemKind> = new Set<ItemKind>(['requirement', 'story']);

/**
 * The workspace's items, by file and by ID, with reverse links. Updated one
 * file at a time; nothing here re-reads a file or walks the whole workspace.
 *
 * Every list (definitions, incoming links, contained items) is kept in source
 * order — by URI, then by position — so what the checks report (which
 * definition comes first, the order of related information) depends only on
 * the files, never on the order in which they were added or edited.
 */
export class WorkspaceIndex {
  readonly files = new Map<string, FileIndex>();
  private readonly defs = new Map<string, Item[]>();
  private readonly incomingLinks = new Map<string, IncomingLink[]>();
  private readonly contained = new Map<string, Item[]>();
  /** Files with a syntax error that may define (ids) or link to (mentions) an ID, counted by ID. */
  private readonly unreadIds = new Map<string, number>();
  private readonly unreadMentions = new Map<string, number>();
  /**
   * Suggestions for unknown IDs: by kind filter, then word, every plausible
   * candidate with its distance, best first. Kept across `set`, which scores
   * each candidate it adds against the words kept and drops those it removes:
   * an edit that defines or removes one ID used to make every unresolved link
   * of the workspace match its target against all IDs again (~30 ms at
   * 50,000 requirements, on every cross-file edit).
   */
  private readonly similar = new Map<string, Map<string, Scored[]>>();
  private similarWords = 0;
  /** The IDs suggestions are chosen from, by kinds; `set` adds and removes the IDs it changes. */
  private readonly candidates = new Map<
    string,
    { kinds: readonly ItemKind[] | undefined; ids: CandidateIds }
  >();
  private itemTotal = 0;
  private sets = 0;
  /**
   * Values derived from the index (a release's stories: `kept`), each with
   * every ID its computation read; `set` drops those that read an ID whose
   * definitions, contained items or incoming links it changes.
   */
  private readonly derived = new Map<string, { read: ReadonlySet<string>; value: unknown }>();

  /** Replace (or with undefined, remove) what the index holds for one file. */
  set(uri: string, file: FileIndex | undefined): void {
    this.sets++;
    const old = this.files.get(uri);
    if (this.derived.size) this.dropDerived([old, file]);
    if (old) this.unlink(old);
    if (file) {
      this.files.set(uri, file);
      this.link(file);
    } else {
      this.files.delete(uri);
    }
    if (this.candidates.size)
      for (const id of new Set([...(old?.items ?? []), ...(file?.items ?? [])].map(i => i.id)))
        for (const [kindsKey, c] of this.candidates) {
          // Only an ID that starts or stops being a candidate is touched (a binary search and a splice).
          const want = this.isCandidate(id, c.kinds);
          if (want && !c.ids.has(id)) {
            c.ids.add(id);
            for (const [word, list] of this.similar.get(kindsKey) ?? []) {
              const distance = scoreCandidate(word, id);
              if (distance !== undefined) insertSorted(list, [id, distance], compareScored);
            }
          } else if (!want && c.ids.has(id)) {
            c.ids.remove(id);
            for (const list of this.similar.get(kindsKey)?.values() ?? []) {
              const at = list.findIndex(x => x[0] === id);
              if (at >= 0) list.splice(at, 1);
            }
          }
        }
  }

  /** Whether suggestions for a link whose field takes `kinds` (any kind when undefined) may name the ID. */
  private isCandidate(id: string, kinds: readonly ItemKind[] | undefined): boolean {
    const defs = this.defs.get(id);
    return !!defs && (!kinds || defs.some(d => kinds.includes(d.kind)));
  }

  /**
   * Changes with every `set`: what is derived from the whole index (counts,
   * coverage) can be kept until it moves.
   */
  get generation(): number {
    return this.sets;
  }

  /** How many items the files hold, duplicates included. */
  get itemCount(): number {
    return this.itemTotal;
  }

  /** Every definition of an ID (more than one is a duplicate). */
  definitions(id: string): readonly Item[] {
    return this.defs.get(id) ?? none;
  }

  /** The links that name an ID, from any file. */
  incoming(id: string): readonly IncomingLink[] {
    return this.incomingLinks.get(id) ?? none;
  }

  /** Items contained in an item's file lists (a PRD's requirements, an iteration's stories). */
  containedIn(id: string): readonly Item[] {
    return this.contained.get(id) ?? none;
  }

  /**
   * The children an item rolls up: contained items, plus items whose roll-up
   * link names it (a release's epics, an epic's PRDs, a requirement's stories).
   */
  children(id: string): Item[] {
    // Only requirements and stories roll up by containment: a roadmap's
    // releases and a vision's goals and personas are not roll-up children.
    // Roll-ups walk thousands of IDs per call (a release's stories), so this
    // allocates the list and nothing else unless a holder can repeat.
    const out: Item[] = [];
    for (const c of this.containedIn(id)) if (containedRollup.has(c.kind)) out.push(c);
    const links = this.incoming(id);
    if (!links.length) return out;
    const defs = this.definitions(id);
    let seen: Set<Item> | undefined;
    for (const l of links) {
      if (rollupLink[l.holder.kind] !== l.field || !namesAcceptedKind(l, defs)) continue;
      // A holder is listed once: it may also be contained, or link twice.
      if (out.length) {
        seen ??= new Set(out);
        if (seen.has(l.holder)) continue;
        seen.add(l.holder);
      }
      out.push(l.holder);
    }
    return out;
  }

  /**
   * A value derived from the index by `compute`, which reads it only through
   * the reader it is given, kept under `key` until a change touches an ID it
   * read. A release's hover card and lens walk thousands of IDs (~5 ms at
   * 50,000 requirements; graph/progress.ts `progressOf`), and hovers, lenses
   * and views ask for the same releases again and again between edits.
   */
  kept<T>(key: string, compute: (reader: IndexReader) => T): T {
    let kept = this.derived.get(key);
    if (!kept) {
      const read = new Set<string>();
      const reader: IndexReader = {
        definitions: x => (read.add(x), this.definitions(x)),
        // `children` reads the ID's definitions, contained items and incoming links: all under its ID.
        children: x => (read.add(x), this.children(x)),
        containedIn: x => (read.add(x), this.containedIn(x)),
        incoming: x => (read.add(x), this.incoming(x)),
        mayLink: x => (read.add(x), this.mayLink(x)),
      };
      kept = { read, value: compute(reader) };
      // Every `set` checks each kept value: a views' tree of thousands of epics must not make each edit slower.
      if (this.derived.size >= maxDerived) this.derived.clear();
      this.derived.set(key, kept);
    }
    return kept.value as T;
  }

  /**
   * Forget the derived values that read an ID whose lists a file's change
   * moves: the IDs its items define (their facts, and their kinds as
   * `children` reads them), contain and link to, before and after. An item
   * a value holds is read through its own ID, so a changed item is dropped too.
   */
  private dropDerived(files: readonly (FileIndex | undefined)[]): void {
    const touched = new Set<string>();
    for (const f of files)
      for (const item of f?.items ?? []) {
        touched.add(item.id);
        if (item.parent !== undefined) touched.add(item.parent);
        for (const l of item.links) touched.add(l.target);
      }
    for (const [key, kept] of this.derived)
      for (const t of touched)
        if (kept.read.has(t)) {
          this.derived.delete(key);
          break;
        }
  }

  ids(): IterableIterator<string> {
    return this.defs.keys();
  }

  /** Whether a file with a syntax error may define the ID, though it was not read as an item (parse/damaged.ts). */
  mayDefine(id: string): boolean {
    return this.unreadIds.has(id);
  }

  /** Whether a file with a syntax error may link to the ID, though no link to it was read. */
  mayLink(id: string): boolean {
    return this.unreadMentions.has(id);
  }

  /**
   * The defined IDs closest to `id` (plausible typos, best first) among items
   * of the given kinds (any kind when undefined). The links to one missing
   * ID in many files are matched once: the candidates of one kind filter are
   * gathered once, and both they and the suggestions kept for each word
   * follow the IDs each `set` defines or leaves undefined.
   */
  closestIds(id: string, kinds: readonly ItemKind[] | undefined, limit = 3): string[] {
    const kindsKey = kinds?.join(',') ?? '*';
    let candidates = this.candidates.get(kindsKey);
    if (!candidates) {
      const ids: string[] = [];
      for (const other of this.defs.keys()) if (this.isCandidate(other, kinds)) ids.push(other);
      candidates = { kinds, ids: new CandidateIds(ids) };
      this.candidates.set(kindsKey, candidates);
    }
    let byWord = this.similar.get(kindsKey);
    if (!byWord) this.similar.set(kindsKey, (byWord = new Map<string, Scored[]>()));
    let found = byWord.get(id);
    if (!found) {
      // Words come from links people type; a bound keeps a long session's cache from growing without end.
      if (this.similarWords >= maxSimilarWords) {
        for (const m of this.similar.values()) m.clear();
        this.similarWords = 0;
      }
      found = candidates.ids.scored(id);
      byWord.set(id, found);
      this.similarWords++;
    }
    return found.slice(0, limit).map(s => s[0]);
  }

  *items(): IterableIterator<Item> {
    for (const f of this.files.values()) yield* f.items;
  }

  private link(file: FileIndex): void {
    this.itemTotal += file.items.length;
    for (const id of file.unread?.ids ?? []) count(this.unreadIds, id, 1);
    for (const id of file.unread?.mentions ?? []) count(this.unreadMentions, id, 1);
    for (const item of file.items) {
      insert(this.defs, item.id, item, compareItems);
      if (item.parent) insert(this.contained, item.parent, item, compareItems);
      for (const l of item.links)
        insert(this.incomingLinks, l.target, { ...l, uri: file.uri, holder: item }, compareLinks);
    }
  }

  /**
   * Lists are sorted by URI first, so a file's entries in each list are one
   * run: found by binary search and cut out with one splice, without reading
   * the rest of the list. A persona that 10,000 stories name loses one file's
   * links in O(log n) comparisons, not n filter calls; a PRD with 10,000
   * requirements leaves its contained list in one cut. (Items carry their
   * file's URI, like the links.)
   */
  private unlink(file: FileIndex): void {
    this.itemTotal -= file.items.length;
    for (const id of file.unread?.ids ?? []) count(this.unreadIds, id, -1);
    for (const id of file.unread?.mentions ?? []) count(this.unreadMentions, id, -1);
    const ids = new Set<string>();
    const parents = new Set<string>();
    const targets = new Set<string>();
    for (const item of file.items) {
      ids.add(item.id);
      if (item.parent) parents.add(item.parent);
      for (const l of item.links) targets.add(l.target);
    }
    for (const id of ids) cut(this.defs, id, file.uri, itemUri);
    for (const id of parents) cut(this.contained, id, file.uri, itemUri);
    for (const id of targets) cut(this.incomingLinks, id, file.uri, linkUri);
  }
}

const none: readonly never[] = [];

/** Words whose suggestions are kept, at most (see `similar`). */
const maxSimilarWords = 10_000;

/** Derived values kept at most (see `kept`): past it, they are computed again as asked. */
const maxDerived = 1_000;

function count(map: Map<string, number>, id: string, step: number): void {
  const n = (map.get(id) ?? 0) + step;
  if (n > 0) map.set(id, n);
  else map.delete(id);
}

/**
 * Whether a link names an item of a kind its field accepts, as the
 * link-kind check judges it: a story whose `implements` names an epic is a
 * link-kind finding, not one of the epic's stories. An ID no file defines
 * is unresolved-link's concern; its links still roll up.
 */
function namesAcceptedKind(l: IncomingLink, targets: readonly Item[]): boolean {
  const accepted = linkFields[l.holder.kind][l.field]?.targets;
  return !accepted || targets.length === 0 || targets.some(t => accepted.includes(t.kind));
}

/** Insert into the list of a key, kept sorted by `cmp` (see `insertSorted`). */
function insert<T>(map: Map<string, T[]>, key: string, value: T, cmp: (a: T, b: T) => number): void {
  const list = map.get(key);
  if (list) insertSorted(list, value, cmp);
  else map.set(key, [value]);
}

/** Insert into a list kept sorted by `cmp` (after equal elements); appending is the common case. */
function insertSorted<T>(list: T[], value: T, cmp: (a: T, b: T) => number): void {
  if (!list.length || cmp(list[list.length - 1], value) <= 0) {
    list.push(value);
    return;
  }
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cmp(list[mid], value) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, value);
}

function compareAt(uriA: string, a: Range, uriB: string, b: Range): number {
  return (
    (uriA < uriB ? -1 : uriA > uriB ? 1 : 0) ||
    a.start.line - b.start.line ||
    a.start.character - b.start.character
  );
}

function compareItems(a: Item, b: Item): number {
  return compareAt(a.uri, a.idRange, b.uri, b.idRange);
}

function compareLinks(a: IncomingLink, b: IncomingLink): number {
  return compareAt(a.uri, a.range, b.uri, b.range);
}

const itemUri = (i: Item): string => i.uri;
const linkUri = (l: IncomingLink): string => l.uri;

/** Remove the run of entries of one URI from a list sorted by URI first. */
function cut<T>(map: Map<string, T[]>, key: string, uri: string, uriOf: (v: T) => string): void {
  const list = map.get(key);
  if (!list) return;
  const start = firstAtOrAfter(list, uri, uriOf);
  let end = start;
  while (end < list.length && uriOf(list[end]) === uri) end++;
  if (end === start) return;
  if (end - start === list.length) map.delete(key);
  else list.splice(start, end - start);
}

/** The index of the first entry whose URI is not before `uri`. */
function firstAtOrAfter<T>(list: readonly T[], uri: string, uriOf: (v: T) => string): number {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (uriOf(list[mid]) < uri) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
