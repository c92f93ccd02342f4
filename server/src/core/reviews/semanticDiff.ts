import { diffArrays, diffWords } from 'diff';
import type { Item, ItemKind } from '../types';
import { canonicalValue } from './fingerprint';
import { compareIds } from '../text/compareIds';
import { readRevision, type PlacedItem, type RevisionFile, type UnreadableFile } from './revisionItems';

/** An item as the changelog names it. */
export interface DiffItem {
  id: string;
  kind: ItemKind;
  title?: string;
  /** Its file, relative to the workspace root (after the change; before it for a removed item). */
  path: string;
}

/** A piece of a word-level diff: text both sides share (`=`), that was removed (`-`) or added (`+`). */
export interface WordChange {
  op: '=' | '-' | '+';
  text: string;
}

/** One entry of a list field (acceptance criteria, depends_on, ...) that changed. */
export type ListEntryChange =
  | { op: '-' | '+'; text: string }
  /** An entry edited in place: its words. */
  | { op: 'edited'; words: WordChange[] };

/** How one field of an item changed. */
export type FieldChange =
  /** A short value (or one side absent: undefined): shown whole, old → new. */
  | { field: string; change: 'value'; before?: string; after?: string }
  /** Text: a word-level diff. */
  | { field: string; change: 'text'; words: WordChange[] }
  /** A list of short values: the entries removed, added or edited. */
  | { field: string; change: 'list'; entries: ListEntryChange[] };

/** An item defined on both sides whose fields differ. */
export interface ChangedItem extends DiffItem {
  fields: FieldChange[];
}

/** A status or priority that changed: listed apart, as the transitions a reviewer looks for first. */
export interface Transition extends DiffItem {
  field: 'status' | 'priority';
  before?: string;
  after?: string;
}

/** The semantic changelog of a spec between two revisions. */
export interface SpecDiff {
  added: DiffItem[];
  removed: DiffItem[];
  /** Items defined in another file than before (`from`); their field changes, if any, are under `changed`. */
  moved: (DiffItem & { from: string })[];
  /** Items whose fields (or kind: a field `kind`) differ. */
  changed: ChangedItem[];
  transitions: Transition[];
  /**
   * Files that cannot be read as YAML at one revision (`side`): their items
   * there are unknown, so those of the other side are neither removed nor
   * added (an item found in another file is compared as usual).
   */
  unreadable: (UnreadableFile & { side: 'before' | 'after' })[];
}

/** Fields listed apart, as transitions. */
const transitionFields = ['status', 'priority'] as const;
/** The longest value shown whole, old → new; longer text gets a word-level diff. */
export const shortValueLength = 40;
/** The most edits a word diff looks for before it shows the old and new text whole (a bound on time for huge values). */
const maxEdits = 1000;

/**
 * What changed in a spec between two sets of files (each the changed spec
 * files of one revision, paths relative to the workspace root): items added,
 * removed and moved to another file, and for each item defined on both
 * sides the fields that changed. Each side is read by the same analysis as
 * `check` (`readRevision`), under the workspace's configuration text. Pure.
 */
export function semanticDiff(
  before: readonly RevisionFile[],
  after: readonly RevisionFile[],
  config?: string,
): SpecDiff {
  const was = readRevision(before, config);
  const now = readRevision(after, config);
  const unreadBefore = new Set(was.unreadable.map(u => u.path));
  const unreadAfter = new Set(now.unreadable.map(u => u.path));
  const b = new Map(was.items);
  const a = new Map(now.items);
  // An item of a file that cannot be read on the other side, found nowhere else there: removed or added, nobody can tell.
  for (const [id, p] of b) if (!a.has(id) && unreadAfter.has(p.path)) b.delete(id);
  for (const [id, p] of a) if (!b.has(id) && unreadBefore.has(p.path)) a.delete(id);
  return {
    ...diffItems(b, a),
    unreadable: [
      ...was.unreadable.map(u => ({ ...u, side: 'before' as const })),
      ...now.unreadable.map(u => ({ ...u, side: 'after' as const })),
    ],
  };
}

/** The changelog between two sets of items by ID. */
export function diffItems(
  before: ReadonlyMap<string, PlacedItem>,
  after: ReadonlyMap<string, PlacedItem>,
): SpecDiff {
  const out: SpecDiff = { added: [], removed: [], moved: [], changed: [], transitions: [], unreadable: [] };
  for (const [id, was] of before) if (!after.has(id)) out.removed.push(diffItem(was));
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) {
      out.added.push(diffItem(now));
      continue;
    }
    if (was.path !== now.path) out.moved.push({ ...diffItem(now), from: was.path });
    for (const field of transitionFields) {
      const a = shortText(was.item.fields[field]);
      const b = shortText(now.item.fields[field]);
      if (a !== b) out.transitions.push({ ...diffItem(now), field, before: a, after: b });
    }
    // An ID that now names another kind of item (a requirement made a story): its kind is its first change.
    const kind: FieldChange[] =
      was.item.kind !== now.item.kind
        ? [{ field: 'kind', change: 'value', before: was.item.kind, after: now.item.kind }]
        : [];
    const fields = [...kind, ...fieldChanges(was.item, now.item)];
    if (fields.length) out.changed.push({ ...diffItem(now), fields });
  }
  for (const list of [out.added, out.removed, out.moved, out.changed, out.transitions])
    list.sort((a, b) => compareIds(a.id, b.id));
  return out;
}

/** The fields of an item that differ (but status and priority), in the order the new item writes them, removed ones last. */
export function fieldChanges(was: Item, now: Item): FieldChange[] {
  const names = [
    ...Object.keys(now.fields),
    ...Object.keys(was.fields).filter(k => !Object.hasOwn(now.fields, k)),
  ];
  const out: FieldChange[] = [];
  for (const field of names) {
    if (field === 'id' || (transitionFields as readonly string[]).includes(field)) continue;
    const a = Object.hasOwn(was.fields, field) ? was.fields[field] : undefined;
    const b = Object.hasOwn(now.fields, field) ? now.fields[field] : undefined;
    if (canonicalValue(a ?? null) === canonicalValue(b ?? null)) continue;
    out.push(fieldChange(field, a, b));
  }
  return out;
}

function fieldChange(field: string, a: unknown, b: unknown): FieldChange {
  if (isScalarList(a) && isScalarList(b))
    return { field, change: 'list', entries: listChanges(a ?? [], b ?? []) };
  const x = displayText(a);
  const y = displayText(b);
  if (x === undefined || y === undefined || (isShort(x) && isShort(y)))
    return { field, change: 'value', before: x, after: y };
  return { field, change: 'text', words: wordChanges(x, y) };
}

/** The entries of a list removed and added, an entry replaced by one other read as edited (a word diff). */
function listChanges(a: readonly unknown[], b: readonly unknown[]): ListEntryChange[] {
  const x = a.map(v => displayText(v) ?? '');
  const y = b.map(v => displayText(v) ?? '');
  const parts = diffArrays(x, y, { maxEditLength: maxEdits }) ?? [
    { value: x, removed: true, added: false, count: x.length },
    { value: y, removed: false, added: true, count: y.length },
  ];
  const out: ListEntryChange[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const next = parts[i + 1];
    if (p.removed && next?.added) {
      // Removed entries then added ones: pair them in order, the rest stay removed or added.
      const n = Math.min(p.value.length, next.value.length);
      for (let k = 0; k < n; k++) {
        const words = wordChanges(p.value[k], next.value[k]);
        if (words.some(w => w.op === '=' && /\S/.test(w.text))) out.push({ op: 'edited', words });
        else out.push({ op: '-', text: p.value[k] }, { op: '+', text: next.value[k] });
      }
      for (const text of p.value.slice(n)) out.push({ op: '-', text });
      for (const text of next.value.slice(n)) out.push({ op: '+', text });
      i++;
    } else if (p.removed || p.added) {
      for (const text of p.value) out.push({ op: p.removed ? '-' : '+', text });
    }
  }
  return out;
}

/** A word-level diff of two texts; past `maxEdits`, the old text removed and the new one added. */
export function wordChanges(a: string, b: string): WordChange[] {
  const parts = diffWords(a, b, { maxEditLength: maxEdits }) ?? [
    { value: a, removed: true, added: false, count: 1 },
    { value: b, removed: false, added: true, count: 1 },
  ];
  return parts
    .filter(p => p.value !== '')
    .map(p => ({ op: p.added ? '+' : p.removed ? '-' : '=', text: p.value }));
}

function diffItem({ item, path }: PlacedItem): DiffItem {
  const title = shortText(item.fields.title ?? item.fields.name ?? item.fields.product);
  return { id: item.id, kind: item.kind, ...(title !== undefined ? { title } : {}), path };
}

/** A value as text: strings as written (line ends normalized), other values as canonical JSON; undefined for absent or null. */
function displayText(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v.replace(/\r\n?/g, '\n').trimEnd();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return canonicalValue(v);
}

function shortText(v: unknown): string | undefined {
  return v === undefined || v === null || typeof v === 'object' ? undefined : displayText(v);
}

function isShort(s: string): boolean {
  return s.length <= shortValueLength && !s.includes('\n');
}

/** A list of strings, numbers or booleans (or absent). */
function isScalarList(v: unknown): v is readonly unknown[] | undefined | null {
  if (v === undefined || v === null) return true;
  return Array.isArray(v) && v.every(e => e === null || typeof e !== 'object');
}
