import { absentSegment } from './fingerprint';
import type { Stamp } from './stamps';

/**
 * How an upstream item's fingerprint moves when an ID is renamed: its
 * content names the ID in a link field (`depends_on: [REQ-101]`), so the
 * rename changes those fields' segments and nothing else.
 */
export interface Reprint {
  was: string;
  now: string;
}

/**
 * The stamps after `oldId` is renamed to `newId` (docs/format.md: renaming
 * an ID rewrites its stamps; a rename is not a content change). The ID is
 * replaced wherever a stamp names it, and where an upstream item's content
 * names it (`reprints`, by the upstream's ID before the rename), each
 * segment that matched the old content is moved to the new one; a segment
 * that already differed stays as it was, so a link suspect before the rename
 * is suspect after it, for the same fields. Undefined when no stamp changes.
 */
export function renamedStamps(
  stamps: readonly Stamp[],
  oldId: string,
  newId: string,
  reprints: ReadonlyMap<string, Reprint>,
): Stamp[] | undefined {
  let changed = false;
  const out = stamps.map(s => {
    const reprint = reprints.get(s.upstream);
    const next: Stamp = {
      downstream: s.downstream === oldId ? newId : s.downstream,
      field: s.field,
      upstream: s.upstream === oldId ? newId : s.upstream,
      fingerprint: reprint ? moved(s.fingerprint, reprint) : s.fingerprint,
    };
    if (
      next.downstream !== s.downstream ||
      next.upstream !== s.upstream ||
      next.fingerprint !== s.fingerprint
    )
      changed = true;
    return next;
  });
  return changed ? out : undefined;
}

function moved(stamp: string, { was, now }: Reprint): string {
  const segments = stamp.split('.');
  const before = was.split('.');
  const after = now.split('.');
  return segments
    .map((seg, i) => ((before[i] ?? absentSegment) === seg && after[i] !== undefined ? after[i] : seg))
    .join('.');
}

/** An item's fields with `oldId` replaced by `newId` in the given link fields (a single ID or a list of them). */
export function renamedFields(
  fields: Readonly<Record<string, unknown>>,
  linkFieldNames: Iterable<string>,
  oldId: string,
  newId: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const f of linkFieldNames) {
    const v = out[f];
    if (v === oldId) out[f] = newId;
    else if (Array.isArray(v)) out[f] = v.map((x: unknown) => (x === oldId ? newId : x));
  }
  return out;
}
