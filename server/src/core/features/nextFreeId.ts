import type { ReadonlyIndex } from '../graph/workspaceIndex';
import type { ItemKind } from '../types';

/** An ID that ends in a number: its prefix and the number. */
export const numbered = /^(.*?)(\d+)$/;

/** ID prefixes used when a workspace has no item of a kind yet (completion, new documents). */
export const defaultPrefixes: Readonly<Record<ItemKind, string>> = {
  vision: 'V-',
  goal: 'G-',
  persona: 'P-',
  roadmap: 'RM-',
  release: 'R-',
  epic: 'EPIC-',
  prd: 'PRD-',
  requirement: 'REQ-',
  iteration: 'IT-',
  story: 'ST-',
};

/**
 * The next ID after `siblings`: the prefix most of them use (the last one's
 * on a tie), and one more than the highest number with that prefix, keeping
 * its zero padding; skipped forward past IDs defined anywhere.
 */
export function nextFreeId(
  index: ReadonlyIndex,
  siblings: readonly string[],
  fallbackPrefix: string,
): string {
  const counts = new Map<string, number>();
  let last: string | undefined;
  for (const id of siblings) {
    const m = numbered.exec(id);
    if (!m) continue;
    counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    last = m[1];
  }
  let prefix = fallbackPrefix;
  let best = 0;
  for (const [p, n] of counts)
    if (n > best || (n === best && p === last)) {
      prefix = p;
      best = n;
    }
  let max = 0;
  let width = 1;
  for (const id of siblings) {
    const m = numbered.exec(id);
    if (!m || m[1] !== prefix) continue;
    const n = Number(m[2]);
    if (n >= max) {
      max = n;
      width = m[2].length;
    }
  }
  let n = max + 1;
  const make = (k: number): string => prefix + String(k).padStart(width, '0');
  while (index.definitions(make(n)).length > 0) n++;
  return make(n);
}
