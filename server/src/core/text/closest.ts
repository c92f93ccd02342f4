import { compareIds } from './compareIds';

/** Edit distance (optimal string alignment: insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const m = a.length,
    n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[m][n];
}

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
    const dist = Math.min(editDistance(word, c), editDistance(lower, c.toLowerCase()) + 0.5);
    if (dist <= max && dist < word.length) scored.push([c, dist]);
  }
  scored.sort((x, y) => x[1] - y[1] || compareIds(x[0], y[0]));
  return scored.slice(0, limit).map(s => s[0]);
}

/** The closest plausible candidate, if any. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  return closestMatches(word, candidates, 1)[0];
}
