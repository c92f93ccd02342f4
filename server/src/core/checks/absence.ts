import type { ItemKind } from '../types';

/**
 * The keys whose absence a check reports, per item kind, with what is then
 * not checked ("for a release"). When such a key is written misspelled, the
 * check stays silent (the key is there, only unread) and the unknown key's
 * finding says what waits for it: `relase` is one finding, not also an orphan.
 */
export const absenceChecks: Partial<Record<ItemKind, Readonly<Record<string, string>>>> = {
  epic: { release: 'for a release' },
  prd: { epic: 'for an epic' },
  requirement: { acceptance_criteria: 'for acceptance criteria' },
  story: { acceptance_criteria: 'for acceptance criteria' },
};
