import { absenceChecks } from '../checks/absence';
import { linkFields } from '../model';
import type { SchemaFindingData } from '../schema/validate';
import type { Finding, Item, Range } from '../types';

/**
 * What the schema's findings mean for the other checks: one problem, one
 * finding. A value that fails the schema (an impossible date, a number where
 * an ID belongs) is not used by any other check, and a key written
 * misspelled (`relase:`) is neither read nor taken as missing. Both become
 * `unread` keys of their item, and links whose value failed are marked
 * `unread`: the schema's finding names them, an unresolved-link would say it
 * twice. (They stay links, so hover and navigation still work on them.)
 *
 * The unknown key's finding then says which check waits for it. Returns
 * the IDs written under a misspelled link key (`implemnts: [REQ-1]`): the
 * file may link to them, as a damaged file may (see damaged.ts).
 */
export function applySchemaFindings(items: Item[], schema: readonly Finding[]): string[] {
  const mentions = new Set<string>();
  if (!schema.length) return [];
  const places = new ItemPlaces(items);
  for (const f of schema) {
    const data = f.data as SchemaFindingData | undefined;
    if (!data || data.keyword === 'required') continue;
    if (data.keyword === 'additionalProperties') {
      if (data.suggestion === undefined) continue;
      const item = places.keyAt(data.key, f.range);
      if (!item) continue;
      markUnread(item, data.suggestion);
      const waits = absenceChecks[item.kind]?.[data.suggestion];
      if (waits) f.message = f.message.replace(/\?\)$/, `? until it is fixed, ${waits})`);
      // The IDs written under a misspelled link key: other files must not report them unlinked.
      if (Object.hasOwn(linkFields[item.kind], data.suggestion))
        for (const id of idsIn(item.fields[data.key])) mentions.add(id);
      continue;
    }
    const item = places.valueAround(data.key, f.range) ?? places.keyAt(data.key, f.range);
    if (!item) continue;
    markUnread(item, data.key);
    for (const l of item.links) if (l.field === data.key && within(l.range, f.range)) l.unread = true;
  }
  return [...mentions].sort();
}

/**
 * Which item a schema finding is about, found by its range: the item whose
 * key `key` is at the range (an unknown key; an empty value, marked on its
 * key), or whose value of `key` contains it. Indexed once, so a file with
 * thousands of items and findings costs a lookup per finding, not a scan.
 */
class ItemPlaces {
  private readonly keys = new Map<string, Item>();
  /** Per key, the value ranges of the items that have it, in source order. */
  private readonly values = new Map<string, { range: Range; item: Item }[]>();

  constructor(items: readonly Item[]) {
    for (const item of items) {
      for (const [key, r] of Object.entries(item.keyRanges)) this.keys.set(placeKey(key, r), item);
      for (const [key, range] of Object.entries(item.fieldRanges)) {
        let list = this.values.get(key);
        if (!list) this.values.set(key, (list = []));
        list.push({ range, item });
      }
    }
    for (const list of this.values.values())
      list.sort((a, b) => (before(a.range.start, b.range.start) ? -1 : 1));
  }

  keyAt(key: string, range: Range): Item | undefined {
    return this.keys.get(placeKey(key, range));
  }

  valueAround(key: string, range: Range): Item | undefined {
    const list = this.values.get(key);
    if (!list) return undefined;
    // The last value that starts at or before the finding: values of one key do not overlap.
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(list[mid].range.start, range.start)) lo = mid + 1;
      else hi = mid;
    }
    const found = list[lo - 1];
    return found && within(range, found.range) ? found.item : undefined;
  }
}

function placeKey(key: string, r: Range): string {
  return `${r.start.line}:${r.start.character}:${r.end.line}:${r.end.character}\u0000${key}`;
}

/** The strings of a value written under a misspelled link key (an ID, or a list of them). */
function idsIn(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

/** Whether the checks may read an item's key: false when its value failed the schema or it is written misspelled. */
export function isRead(item: Item, key: string): boolean {
  return !item.unread?.includes(key);
}

function markUnread(item: Item, key: string): void {
  if (!item.unread) item.unread = [key];
  else if (!item.unread.includes(key)) item.unread.push(key);
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Whether `inner` lies within `outer`. */
function within(inner: Range, outer: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
