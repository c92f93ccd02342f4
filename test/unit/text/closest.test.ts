import * as assert from 'assert';
import { closest, closestMatches, editDistance } from '../../../server/src/core/text/closest';

/** The textbook table of optimal string alignment, one table per pair: what editDistance must equal. */
function tableDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
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

describe('text/closest', () => {
  it('editDistance: insertions, deletions, substitutions and adjacent swaps cost one each', () => {
    assert.equal(editDistance('REQ-105', 'REQ-150'), 1);
    assert.equal(editDistance('REQ-105', 'REQ-1050'), 1);
    assert.equal(editDistance('REQ-105', 'REQ-10'), 1);
    assert.equal(editDistance('REQ-105', 'REQ-106'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('ca', 'abc'), 3); // optimal string alignment, not full Damerau
  });

  it('editDistance equals the one-table computation on random words (and max + 1 past a bound), whatever was compared before', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from({ length: Math.floor(next() * 80) }, () => 'AB-12x'[Math.floor(next() * 6)]).join('');
    for (let k = 0; k < 2000; k++) {
      const a = word(),
        b = word();
      const exact = tableDistance(a, b);
      assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
      const max = Math.floor(next() * 6);
      assert.equal(editDistance(a, b, max), Math.min(exact, max + 1), `${a} / ${b} within ${max}`);
    }
  });

  it('closestMatches keeps plausible typos, best first; closest is the first', () => {
    const ids = ['REQ-105', 'REQ-150', 'REQ-15', 'ST-105', 'EPIC-1'];
    assert.deepEqual(closestMatches('REQ-1050', ids), ['REQ-105', 'REQ-150', 'REQ-15']);
    assert.equal(closest('req-105', ids), 'REQ-105');
    assert.equal(closest('GONE-77', ids), undefined);
  });
});
