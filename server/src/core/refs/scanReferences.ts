import type { Range } from '../types';

/** What a reference says of the item it names: code implements it, a test verifies it. */
export type RefRelation = 'implements' | 'verifies';

/** Which glob of `trace:` matched a file: in `tests` files both tags mean "verifies". */
export type SourceRole = 'code' | 'tests';

/** One ID after `@implements` / `@verifies` in a code or test file. */
export interface CodeReference {
  /** The item's ID, without the `#N` of an acceptance criterion. */
  id: string;
  /** The 1-based acceptance criterion `REQ-101#2` names, if any. */
  ac?: number;
  relation: RefRelation;
  /** The range of the reference as written, `#N` included. */
  range: Range;
}

// The tag, then one or more IDs separated by commas or blanks. An ID is format v1's
// (model.ts idPattern) with an optional `#N`; a sentence's full stop after the last ID
// is not part of it (`@implements REQ-1.`), so trailing `.`, `-`, `_` are left out.
const tag = /@(implements|verifies)\b:?/g;
const separator = /[ \t]*,?[ \t]*/y;
const idAt = /([A-Z][A-Z0-9_]*-[A-Za-z0-9][A-Za-z0-9._-]*)(#[0-9]+)?/y;

/**
 * The references of a source or test file, in source order, with exact
 * ranges (0-based lines, UTF-16 characters). Comment syntax does not matter:
 * a tag counts anywhere on a line.
 */
export function scanReferences(text: string, role: SourceRole): CodeReference[] {
  const out: CodeReference[] = [];
  if (!text.includes('@')) return out;
  const lines = text.split(/\r\n|\r|\n/);
  for (let line = 0; line < lines.length; line++) {
    const s = lines[line];
    if (!s.includes('@')) continue;
    tag.lastIndex = 0;
    for (let m = tag.exec(s); m; m = tag.exec(s)) {
      const relation: RefRelation = role === 'tests' ? 'verifies' : (m[1] as RefRelation);
      let at = m.index + m[0].length;
      for (let first = true; ; first = false) {
        separator.lastIndex = at;
        separator.exec(s);
        const gap = s.slice(at, separator.lastIndex);
        // The first ID is set off from the tag by a blank; the next ones by a blank or a comma.
        if (first ? !/^[ \t]/.test(gap) || gap.includes(',') : gap === '') break;
        const start = separator.lastIndex;
        idAt.lastIndex = start;
        const found = idAt.exec(s);
        if (!found) break;
        const ac = found[2];
        const id = ac === undefined ? found[1].replace(/[._-]+$/, '') : found[1];
        const end = start + id.length + (ac?.length ?? 0);
        if (/[A-Za-z0-9#]/.test(s.charAt(end))) break; // `REQ-1#x`: not an ID as format v1 writes one
        out.push({
          id,
          ...(ac !== undefined ? { ac: Number(ac.slice(1)) } : {}),
          relation,
          range: { start: { line, character: start }, end: { line, character: end } },
        });
        at = end;
      }
      tag.lastIndex = Math.max(tag.lastIndex, at);
    }
  }
  return out;
}
