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
  for (const f of schema) {
    const data = f.data as SchemaFindingData | undefined;
    if (!data || data.keyword === 'required') continue;
    if (data.keyword === 'additionalProperties') {
      if (data.suggestion === undefined) continue;
      const item = items.find(i => Object.hasOwn(i.keyRanges, data.key) && sameRange(i.keyRanges[data.key], f.range));
      if (!item) continue;
      markUnread(item, data.suggestion);
      const waits = absenceChecks[item.kind]?.[data.suggestion];
      if (waits) f.message = f.message.replace(/\?\)$/, `? until it is fixed, ${waits})`);
      // The IDs written under a misspelled link key: other files must not report them unlinked.
      if (Object.hasOwn(linkFields[item.kind], data.suggestion)) for (const id of idsIn(item.fields[data.key])) mentions.add(id);
      continue;
    }
    const item = items.find(i => Object.hasOwn(i.fieldRanges, data.key) && (within(f.range, i.fieldRanges[data.key]) || sameRange(i.keyRanges[data.key], f.range)));
    if (!item) continue;
    markUnread(item, data.key);
    for (const l of item.links) if (l.field === data.key && within(l.range, f.range)) l.unread = true;
  }
  return [...mentions].sort();
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

function sameRange(a: Range | undefined, b: Range): boolean {
  return !!a && a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Whether `inner` lies within `outer`. */
function within(inner: Range, outer: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}
