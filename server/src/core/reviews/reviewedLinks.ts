import { linkFields } from '../model';
import type { Item, ItemKind, Link } from '../types';

/**
 * The link fields whose links are reviewed: every link field but `related`,
 * which is a cross-reference between items of any kind, not a judgement
 * that one item is written against another.
 */
export const reviewedLinkFields: ReadonlySet<string> = new Set(
  Object.values(linkFields)
    .flatMap(fields => Object.keys(fields))
    .filter(f => f !== 'related'),
);

/** A link that takes a review, and the upstream item it is reviewed against. */
export interface ReviewableLink {
  link: Link;
  /** The kind of the item that holds the link. */
  holderKind: ItemKind;
  /** The first definition of the target that has a kind the field accepts. */
  target: Item;
}

/**
 * The upstream item a link is reviewed against: the first definition of its
 * target of a kind the field accepts. None for a `related` link, a link to
 * an undefined ID (unresolved-link) or to an item of the wrong kind
 * (link-kind): those are other findings, and there is nothing to review.
 */
export function reviewTarget(
  holderKind: ItemKind,
  link: Link,
  definitions: readonly Item[],
): Item | undefined {
  if (!reviewedLinkFields.has(link.field)) return undefined;
  const targets = linkFields[holderKind][link.field]?.targets;
  if (!targets) return undefined;
  return definitions.find(d => targets.includes(d.kind));
}

/** Every link of `items` that takes a review, in item and link order. */
export function reviewableLinks(
  items: Iterable<Item>,
  definitions: (id: string) => readonly Item[],
): ReviewableLink[] {
  const out: ReviewableLink[] = [];
  for (const item of items) {
    for (const link of item.links) {
      const target = reviewTarget(item.kind, link, definitions(link.target));
      if (target) out.push({ link, holderKind: item.kind, target });
    }
  }
  return out;
}
