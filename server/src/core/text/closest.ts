import { compareIds } from './compareIds';

/**
 * Edit distance (optimal string alignment: insertions, deletions,
 * substitutions, adjacent swaps). Three rolling rows, reused between calls:
 * a suggestion for one unknown ID compares it with every ID of the
 * workspace, and a table allocated per pair made that the bulk of checking a
 * repository's code references. With `max`, any distance over it is given
 * as `max + 1`, found as soon as two rows in a row exceed it (a swap reaches
 * back two rows).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const m = a.length,
    n = b.length;
  if (rows[0].length < n + 1) rows = [0, 1, 2].map(() => new Int32Array(2 * (n + 1)));
  let [before, prev, cur] = rows;
  for (let j = 0; j <= n; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max && prevMin > max) return max + 1;
    prevMin = rowMin;
    [before, prev, cur] = [prev, cur, before];
  }
  return Math.min(prev[n], max + 1);
}

/** The rows editDistance reuses (grown to the longest word seen). */
let rows = [0, 1, 2].map(() => new Int32Array(66));

/**
 * Candidates ordered by closeness to `word`, keeping only plausible typos:
 * distance ≤ max(2, length/3) and not a complete rewrite. A difference in
 * case alone costs half an edit.
 */
export function closestMatches(word: string, candidates: Iterable<string>, limit = 3): string[] {
  if (word.length > 64) return [];
  const max = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word || Math.abs(c.length - word.length) > max) continue;
    // Ignoring case never makes the distance larger: past `max` that way, the word is no typo of it.
    const folded = editDistance(lower, c.toLowerCase(), max);
    if (folded > max) continue;
    const dist = Math.min(editDistance(word, c, max), folded + 0.5);
    if (dist <= max && dist < word.length) scored.push([c, dist]);
  }
  scored.sort((x, y) => x[1] - y[1] || compareIds(x[0], y[0]));
  return scored.slice(0, limit).map(s => s[0]);
}

/** The closest plausible candidate, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestMatches(word, candidates, 1)[0];
}
