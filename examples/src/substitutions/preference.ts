// The shopper's substitution preference for one basket item.
// @implements ST-104

export type Preference = { kind: 'none' } | { kind: 'pickers-choice' } | { kind: 'product'; sku: string };

export const defaultPreference: Preference = { kind: 'pickers-choice' };

/** A specific alternative is chosen from at most five suggestions. */
export function suggestions(candidates: readonly string[]): string[] {
  return candidates.slice(0, 5);
}
