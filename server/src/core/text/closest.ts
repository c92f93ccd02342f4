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
    const best = nextRow(row, prev, older, i, a, b);
    // Every later cell is at least the least of this row and the one before (a swap reaches back two rows).
    if (best > max && prevBest > max) return max + 1;
    prevBest = best;
    [older, prev, row] = [prev, row, older];
  }
  return prev[n];
}

/**
 * Row `i` (from 1) of the matrix of `a` (rows) against `b` (columns), from
 * rows i − 1 and i − 2 (a swap of neighbours reaches back two rows); its
 * least cell.
 */
function nextRow(
  row: Int32Array,
  prev: Int32Array,
  older: Int32Array,
  i: number,
  a: string,
  b: string,
): number {
  row[0] = i;
  let best = i;
  const ai = a.charCodeAt(i - 1);
  for (let j = 1; j <= b.length; j++) {
    const bj = b.charCodeAt(j - 1);
    let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
    if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
      d = Math.min(d, older[j - 2] + 1);
    row[j] = d;
    if (d < best) best = d;
  }
  return best;
}

/**
 * Candidates made ready for many lookups: lower-cased once and kept sorted,
 * so that a lookup walks them as a trie. Sorted IDs share long prefixes
 * (`req-10041`, `req-10042`, ...): the rows of the distance matrix for a
 * shared prefix are computed once, and a prefix already past the bound
 * skips every candidate that starts with it. Matching a missing ID against
 * 100,000 IDs one full matrix each took ~50 ms; this reads each prefix once.
 *
 * The index keeps one per kind filter and adds and removes the IDs a change
 * defines or leaves undefined, rather than gathering and lower-casing every
 * ID again after each edit.
 */
export class CandidateIds {
  /** Lower-cased, sorted; `ids[i]` is the candidate as written (repeats kept: a list with repeats suggests them). */
  private lower: string[] = [];
  private ids: string[] = [];
  /** How many times each candidate is held. */
  private readonly count = new Map<string, number>();

  constructor(candidates: Iterable<string>) {
    const all = [...candidates].map(id => ({ id, lower: id.toLowerCase() }));
    all.sort((x, y) => compareKeys(x.lower, x.id, y.lower, y.id));
    this.lower = all.map(c => c.lower);
    this.ids = all.map(c => c.id);
    for (const c of all) this.hold(c.id, 1);
  }

  has(id: string): boolean {
    return this.count.has(id);
  }

  /** Add a candidate (a second time too). */
  add(id: string): void {
    this.hold(id, 1);
    const lower = id.toLowerCase();
    const at = this.position(lower, id);
    this.lower.splice(at, 0, lower);
    this.ids.splice(at, 0, id);
  }

  /** Remove a candidate once, if it is there. */
  remove(id: string): void {
    if (!this.count.has(id)) return;
    this.hold(id, -1);
    const at = this.position(id.toLowerCase(), id);
    this.lower.splice(at, 1);
    this.ids.splice(at, 1);
  }

  /** Count one more (or one fewer) of a candidate. */
  private hold(id: string, step: 1 | -1): void {
    const n = (this.count.get(id) ?? 0) + step;
    if (n > 0) this.count.set(id, n);
    else this.count.delete(id);
  }

  /** The first index whose key is not before (lower, id). */
  private position(lower: string, id: string): number {
    let lo = 0,
      hi = this.lower.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeys(this.lower[mid], this.ids[mid], lower, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** See `closestMatches`. */
  closest(word: string, limit = 3): string[] {
    return this.scored(word)
      .slice(0, limit)
      .map(s => s[0]);
  }

  /**
   * Every plausible candidate for `word` with its distance, best first (see
   * `closestMatches`): what a caller keeps to follow added and removed
   * candidates with `scoreCandidate` instead of reading them all again.
   */
  scored(word: string): Scored[] {
    if (word.length > 64) return [];
    const max = boundOf(word);
    const w = word.toLowerCase();
    const n = w.length;
    // rows[i]: the matrix row for the first i characters of the candidate being read; least[i], its smallest cell.
    const rows: Int32Array[] = [Int32Array.from({ length: n + 1 }, (_, j) => j)];
    const least: number[] = [0];
    let readFor = ''; // the candidate whose rows are filled, up to its length
    const scored: Scored[] = [];
    for (let k = 0; k < this.lower.length; k++) {
      const c = this.lower[k];
      let i = commonPrefix(c, readFor);
      let past = false;
      for (; i < c.length && i < n + max; i++) {
        const row = (rows[i + 1] ??= new Int32Array(n + 1));
        const best = nextRow(row, rows[i], rows[Math.max(0, i - 1)], i + 1, c, w);
        least[i + 1] = best;
        if (best > max && least[i] > max) {
          past = true;
          i++;
          break;
        }
      }
      readFor = c.slice(0, i);
      if (past) {
        // Every candidate that starts with this prefix is past the bound too: skip them.
        while (k + 1 < this.lower.length && this.lower[k + 1].startsWith(readFor)) k++;
        continue;
      }
      if (Math.abs(c.length - n) > max) continue;
      const folded = rows[c.length][n];
      if (folded > max) continue;
      const id = this.ids[k];
      if (id === word) continue;
      const dist = finalScore(word, id, folded, max);
      if (dist !== undefined) scored.push([id, dist]);
    }
    return scored.sort(compareScored);
  }
}

/** Sort order of candidates: lower-cased, then as written. */
function compareKeys(lowerA: string, idA: string, lowerB: string, idB: string): number {
  return lowerA < lowerB ? -1 : lowerA > lowerB ? 1 : idA < idB ? -1 : idA > idB ? 1 : 0;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** A candidate and its distance to the word looked up. */
export type Scored = [id: string, distance: number];

/** Best first: by distance, then by ID. */
export function compareScored(x: Scored, y: Scored): number {
  return x[1] - y[1] || compareIds(x[0], y[0]);
}

/** The plausible-typo bound for a word: max(2, length/3) edits. */
function boundOf(word: string): number {
  return Math.max(2, Math.floor(word.length / 3));
}

/** The distance of a candidate already within the bound ignoring case; undefined when it is not a plausible typo. */
function finalScore(word: string, id: string, folded: number, max: number): number | undefined {
  if (id === word) return undefined;
  // Ignoring case never makes the distance larger: within `max` that way, the exact one is worth computing.
  const dist = Math.min(boundedDistance(word, id, max), folded + 0.5);
  return dist <= max && dist < word.length ? dist : undefined;
}

/** One candidate's distance to `word` as `CandidateIds.scored` gives it; undefined when it would not be listed. */
export function scoreCandidate(word: string, id: string): number | undefined {
  if (word.length > 64) return undefined;
  const max = boundOf(word);
  const folded = boundedDistance(id.toLowerCase(), word.toLowerCase(), max);
  return folded > max ? undefined : finalScore(word, id, folded, max);
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
