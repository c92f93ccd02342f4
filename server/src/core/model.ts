import type { DocKind, ItemKind } from './types';

/**
 * The shape of format v1 that the index needs: which lists hold items and
 * which fields are links to which kinds. The JSON Schemas in schemas/ say the
 * same for validation; this table is what extraction and the checks read.
 */

/** Lists of a document that hold child items, by document kind. */
export const itemLists: Record<DocKind, readonly { key: string; kind: ItemKind }[]> = {
  vision: [
    { key: 'goals', kind: 'goal' },
    { key: 'personas', kind: 'persona' },
  ],
  roadmap: [{ key: 'releases', kind: 'release' }],
  epic: [],
  prd: [{ key: 'requirements', kind: 'requirement' }],
  stories: [{ key: 'stories', kind: 'story' }],
};

export interface LinkField {
  /** Kinds the link may name; undefined means any kind. */
  targets?: readonly ItemKind[];
  /** True for fields that hold one ID rather than a list. */
  single: boolean;
}

const related: LinkField = { single: false };

/** Link fields per item kind. Every link points upstream (or sideways for depends_on). */
export const linkFields: Record<ItemKind, Readonly<Record<string, LinkField>>> = {
  vision: { related },
  goal: { related },
  persona: { related },
  roadmap: { related },
  release: { goals: { targets: ['goal'], single: false }, related },
  epic: {
    release: { targets: ['release'], single: true },
    goals: { targets: ['goal'], single: false },
    depends_on: { targets: ['epic'], single: false },
    related,
  },
  prd: {
    epic: { targets: ['epic'], single: true },
    personas: { targets: ['persona'], single: false },
    goals: { targets: ['goal'], single: false },
    related,
  },
  requirement: { depends_on: { targets: ['requirement'], single: false }, related },
  iteration: { release: { targets: ['release'], single: true }, related },
  story: {
    as_a: { targets: ['persona'], single: true },
    implements: { targets: ['requirement'], single: false },
    depends_on: { targets: ['story'], single: false },
    related,
  },
};

/**
 * The link from a child to the parent it rolls up into, per child kind:
 * a release's epics, an epic's PRDs, a requirement's stories. Children held
 * in a list of the parent's file (a PRD's requirements) roll up by containment.
 */
export const rollupLink: Partial<Record<ItemKind, string>> = {
  epic: 'release',
  prd: 'epic',
  story: 'implements',
};

export const statuses = ['draft', 'review', 'approved', 'in-progress', 'done', 'cancelled'] as const;
export const priorities = ['must', 'should', 'could', 'wont'] as const;
export const horizons = ['now', 'next', 'later'] as const;

/** The status of an item, with the format's default. */
export function statusOf(fields: Record<string, unknown>): string {
  const s = fields.status;
  return typeof s === 'string' ? s : 'draft';
}

/** Statuses that say work has been committed to (acceptance and coverage matter). */
export function isCommitted(status: string): boolean {
  return status === 'approved' || status === 'in-progress' || status === 'done';
}

export function isClosed(status: string): boolean {
  return status === 'done' || status === 'cancelled';
}

/** ID syntax of format v1. */
export const idPattern = /^[A-Z][A-Z0-9_]*-[A-Za-z0-9][A-Za-z0-9._-]*$/;
