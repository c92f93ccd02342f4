import { compareFingerprints, type ContentPrint } from './fingerprint';
import type { ReviewableLink } from './reviewedLinks';
import { compareStamps, linkKey, serializeStamps, StampIndex, stampFor, type Stamp } from './stamps';
import type { Item } from '../types';

/**
 * Which links a review stamps: every link, every link from or to one of the
 * IDs, or the links a predicate picks (the editor's quick fixes: one link,
 * or every link to one item).
 */
export type ReviewSelection =
  | { all: true }
  | { ids: readonly string[] }
  | { links: (from: string, field: string, target: string) => boolean };

/** A link a review stamps, with what it was before. */
export interface ReviewedLink extends Stamp {
  /** No stamp, a stamp of other content (`changed` names the fields), or a stamp of the current content. */
  was: 'unreviewed' | 'suspect' | 'current';
  changed: string[];
}

/** The outcome of a review, before anything is written. */
export interface ReviewPlan {
  /** The new text of `specwright.reviews`. */
  text: string;
  /** The links stamped, in stamp order (one per link, however often it is written). */
  reviewed: ReviewedLink[];
  /** Links that had stamps and no longer exist (their item, their target or the link itself is gone): their stamps are dropped. */
  dropped: number;
}

/**
 * Stamp the selected links with their upstream items' current fingerprints
 * and keep one stamp for every other link that still exists (the one that
 * counts, see `stampFor`); stamps of links that no longer exist are
 * dropped. Pure: the caller writes `text`.
 */
export function planReview(
  links: readonly ReviewableLink[],
  existing: readonly Stamp[],
  selection: ReviewSelection,
  print: (item: Item) => ContentPrint,
): ReviewPlan {
  const old = new StampIndex(existing);
  const wanted = selected(selection);
  const next = new Map<string, Stamp>();
  const reviewed = new Map<string, ReviewedLink>();
  for (const { link, target } of links) {
    const key = linkKey(link.from, link.field, link.target);
    if (next.has(key)) continue; // the same link written twice in one list
    const now = print(target);
    const stamps = old.get(link.from, link.field, link.target);
    const stamp: Stamp = {
      downstream: link.from,
      field: link.field,
      upstream: link.target,
      fingerprint: now.fingerprint,
    };
    if (wanted(link.from, link.field, link.target)) {
      next.set(key, stamp);
      const before = stamps ? stampFor(stamps, now.fingerprint) : undefined;
      const change =
        before === undefined
          ? undefined
          : compareFingerprints(before, now.fingerprint, now.fields, now.builtin);
      reviewed.set(key, {
        ...stamp,
        was: before === undefined ? 'unreviewed' : change ? 'suspect' : 'current',
        changed: change?.fields ?? [],
      });
    } else if (stamps) {
      next.set(key, { ...stamp, fingerprint: stampFor(stamps, now.fingerprint) });
    }
  }
  const gone = new Set<string>();
  for (const s of existing) {
    const key = linkKey(s.downstream, s.field, s.upstream);
    if (!next.has(key)) gone.add(key);
  }
  return {
    text: serializeStamps(next.values()),
    reviewed: [...reviewed.values()].sort(compareStamps),
    dropped: gone.size,
  };
}

function selected(selection: ReviewSelection): (from: string, field: string, target: string) => boolean {
  if ('all' in selection) return () => true;
  if ('links' in selection) return selection.links;
  const ids = new Set(selection.ids);
  return (from, _field, target) => ids.has(from) || ids.has(target);
}
