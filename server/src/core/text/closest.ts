import { compareIds } from './compareIds';

/** Edit distance (optimal string alignment: insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  return boundedDistance(a, b, Infinity);
}

/** Three rows of the distance matrix, reused from call to call (grown as needed). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(65), new Int32Array(65), new Int32Array(65)];

/**
 * `editDistance`, or `max + 1` as soon as it is sure to exceed `max`. Three
 * rows instead of a matrix, and a stop once two rows in a row are past `max`:
 * a missing ID is matched against every ID of the workspace (tens of
 * thousands) when a file with many definitions is deleted, and almost all are
 * far off.
 */
function boundedDistance(a: string, b: string, max: number): number {
  const m = a.length,
    n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (rows[0].length <= n) rows = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  let [older, prev, row] = rows; // rows i - 2, i - 1 and i
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevBest = 0;
  for (let i = 1; i <= m; i++) {
    row[0] = i;
    let best = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        d = Math.min(d, older[j - 2] + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    // Every later cell is at least the least of this row and the one before (a swap reaches back two rows).
    if (best > max && prevBest > max) return max + 1;
    prevBest = best;
    [older, prev, row] = [prev, row, older];
  }
  return prev[n];
}

/**
 * Candidates made ready for many lookups: lower-cased once and grouped by
 * length, so that a lookup reads only the groups within its bound. The
 * index keeps one per kind filter until it changes: a workspace with
 * thousands of links to missing IDs matches each against the same ~20,000
 * IDs, and rebuilding the list and lower-casing every ID for each took most
 * of the time.
 */
export class CandidateIds {
  /** By length: the candidates, and the same lower-cased. */
  private readonly byLength: { ids: string[]; lower: string[] }[] = [];

  constructor(candidates: Iterable<string>) {
    for (const c of candidates) {
      const group = (this.byLength[c.length] ??= { ids: [], lower: [] });
      group.ids.push(c);
      group.lower.push(c.toLowerCase());
    }
  }

  /** See `closestMatches`. */
  closest(word: string, limit = 3): string[] {
    if (word.length > 64) return [];
    const max = Math.max(2, Math.floor(word.length / 3));
    const lower = word.toLowerCase();
    const scored: [string, number][] = [];
    const last = Math.min(word.length + max, this.byLength.length - 1);
    for (let length = Math.max(0, word.length - max); length <= last; length++) {
      const group = this.byLength[length];
      if (!group) continue;
      for (let i = 0; i < group.ids.length; i++) {
        const c = group.ids[i];
        if (c === word) continue;
        // Ignoring case never makes the distance larger: past `max` that way, it is past `max` either way.
        const folded = boundedDistance(lower, group.lower[i], max);
        if (folded > max) continue;
        const dist = Math.min(boundedDistance(word, c, max), folded + 0.5);
        if (dist <= max && dist < word.length) scored.push([c, dist]);
      }
    }
    scored.sort((x, y) => x[1] - y[1] || compareIds(x[0], y[0]));
    return scored.slice(0, limit).map(s => s[0]);
  }
}

/**
 * Candidates ordered by closeness to `word`, keeping only plausible typos:
 * distance ≤ max(2, length/3) and not a complete rewrite. A difference in
 * case alone costs half an edit.
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  return new CandidateIds(candidates).closest(word, limit);
}

/** The closest plausible candidate, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestMatches(word, candidates, 1)[0];
}
