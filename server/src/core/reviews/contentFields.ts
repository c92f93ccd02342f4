import type { ItemKind } from '../types';

/**
 * The content fields of each kind of item (docs/format.md, "Review stamps
 * and suspect links"): what a review is a review *of*. A change to one of
 * them makes the links to the item suspect; a change to anything else
 * (status, owner, estimate, rice, related, x- keys, formatting) does not.
 *
 * The order is part of the fingerprint encoding (one segment per field, in
 * this order), so a field is only ever appended here, never moved.
 */
export const builtinContentFields: Readonly<Record<ItemKind, readonly string[]>> = {
  requirement: ['title', 'statement', 'priority', 'acceptance_criteria', 'depends_on'],
  story: ['title', 'as_a', 'i_want', 'so_that', 'acceptance_criteria', 'depends_on'],
  epic: ['title', 'summary', 'problem', 'outcome', 'release', 'goals', 'depends_on'],
  prd: ['title', 'problem', 'non_goals', 'epic', 'goals', 'personas'],
  release: ['title', 'horizon', 'start', 'end', 'goals'],
  iteration: ['title', 'release', 'start', 'end'],
  goal: ['title', 'metric', 'baseline', 'target', 'by'],
  persona: ['name', 'description', 'needs'],
  vision: ['product', 'statement', 'non_goals'],
  // No link field names a roadmap: it is never the upstream side of a reviewed link.
  roadmap: [],
};

/**
 * Fields that are never content, whatever `.specwright.yaml` says: a status
 * change, a new owner or a ticket filed in a tracker is not a change of what
 * was agreed, and `id` is what a stamp is keyed by.
 */
export const neverContent: readonly string[] = [
  'id',
  'status',
  'owner',
  'estimate',
  'rice',
  'related',
  'tickets',
];

/** `reviews.content` of `.specwright.yaml`: fields a team adds, per kind of item. */
export type ExtraContentFields = Partial<Record<ItemKind, readonly string[]>>;

/**
 * The content fields of a kind: the built-in ones, then the fields the
 * workspace adds, in the order written (those already built in are not
 * repeated).
 */
export function contentFieldsOf(kind: ItemKind, extra: ExtraContentFields | undefined): readonly string[] {
  const added = extra?.[kind];
  const builtin = builtinContentFields[kind];
  if (!added?.length) return builtin;
  const out = [...builtin];
  for (const f of added) if (!out.includes(f)) out.push(f);
  return out;
}

export const itemKinds: readonly ItemKind[] = Object.keys(builtinContentFields) as ItemKind[];
