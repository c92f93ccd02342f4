import type { Item } from '../types';

/**
 * What a file with a syntax error may hold beyond what was read of it.
 *
 * The parser keeps every item it could read; but an unclosed quote or
 * bracket can swallow the items after it. Other files must not fill with
 * findings because of that: a link to an ID that the damaged file may define
 * is not an unresolved link, and a requirement that the damaged file may
 * implement is not uncovered. Until the syntax error is fixed, only the
 * damaged file's own yaml-syntax finding is reported.
 *
 * "May define" is read from the text: an ID written after `id:` (in a block
 * or a flow mapping) that is not among the file's items. "May link" is any
 * other ID written in the text that is not among the links read.
 */
export interface Unread {
  /** IDs written after `id:` that were not read as items. */
  ids: string[];
  /** Other IDs written in the text that were not read as links. */
  mentions: string[];
}

const idToken = /[A-Z][A-Z0-9_]*-[A-Za-z0-9][A-Za-z0-9._-]*/g;
const afterIdKey = /(?:^|[\s{,-])["']?id["']?[ \t]*:[ \t]*["']?$/;
/** The same, on a window that does not start at the start of its line. */
const afterIdKeyInLine = /[\s{,-]["']?id["']?[ \t]*:[ \t]*["']?$/;
/** What is looked at before an ID: `id: "` and what comes before it fit in far less. */
const lookBack = 32;

/** The IDs a damaged file may define or link to beyond its items and links; undefined when there are none. */
export function unreadOf(text: string, items: readonly Item[]): Unread | undefined {
  const defined = new Set(items.map(i => i.id));
  const linked = new Set<string>();
  for (const item of items) for (const l of item.links) linked.add(l.target);
  const ids = new Set<string>();
  const mentions = new Set<string>();
  // The start of the current line, found moving forward only (a one-line file of IDs stays linear).
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  for (const m of text.matchAll(idToken)) {
    const id = m[0].replace(/[.-]+$/, ''); // a sentence's full stop is not part of the ID
    const at = m.index;
    // Part of a longer word (`xREQ-1`) is not an ID.
    if (at > 0 && /[A-Za-z0-9_]/.test(text[at - 1])) continue;
    while (nextBreak >= 0 && nextBreak < at) {
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    const from = Math.max(lineStart, at - lookBack);
    if ((from === lineStart ? afterIdKey : afterIdKeyInLine).test(text.slice(from, at))) {
      if (!defined.has(id)) ids.add(id);
    } else if (!linked.has(id) && !defined.has(id)) {
      mentions.add(id);
    }
  }
  return ids.size || mentions.size ? { ids: [...ids].sort(), mentions: [...mentions].sort() } : undefined;
}
