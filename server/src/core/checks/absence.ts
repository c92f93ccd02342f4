import type { ItemKind } from '../types';

/**
 * The keys whose absence a check reports, per item kind, with what is then
 * not checked. When such a key is written misspelled, the check stays silent
 * (the key is there, only unread) and the unknown key's finding says what
 * waits for it: `relase` is one finding, not also an orphan. A story's
 * misspelled `implements` is read as IDs it may link to (parse/damaged.ts),
 * so the requirements it names are not reported uncovered either.
 */
export const absenceChecks: Partial<Record<ItemKind, Readonly<Record<string, string>>>> = {
  epic: { release: 'this epic is not checked for a release' },
  prd: { epic: 'this PRD is not checked for an epic' },
  requirement: { acceptance_criteria: 'this requirement is not checked for acceptance criteria' },
  story: {
    acceptance_criteria: 'this story is not checked for acceptance criteria',
    implements: 'the requirements it names are not checked for coverage',
  },
};
