import * as assert from 'node:assert/strict';
import {
  CandidateIds,
  closestMatches,
  compareScored,
  editDistance,
  scoreCandidate,
  type Scored,
} from '../../../server/src/core/text/closest';
import { compareIds } from '../../../server/src/core/text/compareIds';

/** Optimal string alignment distance, the textbook full matrix: what the bounded rows must agree with. */
function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/** closestMatches as stated: distance ≤ max(2, length/3), not a rewrite, case alone half an edit. */
function referenceMatches(word: string, candidates: string[], limit = 3): string[] {
  const max = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .filter(c => c !== word)
    .map(
      c => [c, Math.min(reference(word, c), reference(word.toLowerCase(), c.toLowerCase()) + 0.5)] as const,
    )
    .filter(([, d]) => d <= max && d < word.length)
    .sort((x, y) => x[1] - y[1] || compareIds(x[0], y[0]))
    .slice(0, limit)
    .map(([c]) => c);
}

/** A small seeded generator, so a failure names the strings that broke it. */
function strings(seed: number, count: number): string[] {
  let x = seed;
  const next = (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
  const alphabet = 'REQ-1230rq';
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + next(9) }, () => alphabet[next(alphabet.length)]).join(''),
  );
}

describe('text/closest: edit distance and plausible typos', () => {
  it('measures insertions, deletions, substitutions and adjacent swaps', () => {
    assert.equal(editDistance('', 'REQ-1'), 5);
    assert.equal(editDistance('REQ-12', 'REQ-12'), 0);
    assert.equal(editDistance('REQ-12', 'REQ-21'), 1);
    assert.equal(editDistance('REQ-12', 'REQ-123'), 1);
    assert.equal(editDistance('REQ-12', 'RQ-12'), 1);
    assert.equal(editDistance('REQ-12', 'ST-12'), 3);
  });

  it('agrees with the full matrix on every pair of 300 random IDs', () => {
    const words = strings(7, 300);
    for (const a of words.slice(0, 60))
      for (const b of words) assert.equal(editDistance(a, b), reference(a, b), `${a} / ${b}`);
  });

  it('suggests what the full distances suggest, though it stops counting past the bound', () => {
    const words = strings(11, 400);
    for (const w of [...words.slice(0, 80), 'REQ-101', 'req-101', 'REQ-1O1'])
      assert.deepEqual(closestMatches(w, words), referenceMatches(w, words), w);
    assert.deepEqual(closestMatches('REQ-150', ['REQ-105', 'REQ-15', 'ST-150', 'req-150', 'REQ-999']), [
      'req-150',
      'REQ-15',
      'REQ-105',
    ]);
  });

  it('answers the same from candidates prepared once and asked many times', () => {
    const words = strings(13, 500);
    const prepared = new CandidateIds(words);
    for (const w of [...words.slice(0, 100), 'REQ-101', 'req-101', '', 'R'.repeat(65)])
      for (const limit of [1, 3, 5])
        assert.deepEqual(prepared.closest(w, limit), referenceMatches(w, words, limit).slice(0, limit), w);
    assert.deepEqual(new CandidateIds([]).closest('REQ-1'), []);
  });

  it('answers as if prepared anew after IDs are removed and added (the index follows each change this way)', () => {
    const words = [...new Set(strings(17, 400))];
    const kept = new Set(words);
    const prepared = new CandidateIds(words);
    const extra = strings(19, 60);
    for (let step = 0; step < 60; step++) {
      const gone = words[(step * 7) % words.length];
      prepared.remove(gone);
      kept.delete(gone);
      prepared.remove(extra[step]); // the index removes, then adds what is still a candidate: no repeats
      prepared.add(extra[step]);
      kept.add(extra[step]);
      prepared.remove('not a candidate'); // nothing happens
      for (const w of [extra[(step + 1) % extra.length], gone, 'REQ-10'])
        for (const limit of [1, 3])
          assert.deepEqual(
            prepared.closest(w, limit),
            referenceMatches(w, [...kept], limit),
            `step ${step}: ${w}`,
          );
    }
  });

  it('scores one candidate as the prepared candidates score it (what the index adds to the suggestions it keeps)', () => {
    const words = strings(23, 400);
    const prepared = new CandidateIds(words);
    for (const w of [...words.slice(0, 80), 'REQ-101', 'req-101', 'REQ-1O1', '', 'R'.repeat(65)]) {
      const one: Scored[] = [];
      for (const c of words) {
        const d = scoreCandidate(w, c);
        if (d !== undefined) one.push([c, d]);
      }
      assert.deepEqual(one.sort(compareScored), prepared.scored(w), w);
    }
    assert.equal(scoreCandidate('REQ-150', 'req-150'), 0.5);
    assert.equal(scoreCandidate('REQ-150', 'REQ-15'), 1);
    assert.equal(scoreCandidate('REQ-150', 'REQ-150'), undefined);
    assert.equal(scoreCandidate('REQ-150', 'ST-999'), undefined);
  });
});
