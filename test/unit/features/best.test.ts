import * as assert from 'node:assert/strict';
import { Best } from '../../../server/src/core/features/best';

describe('features/best', () => {
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

  it('keeps the lowest ranks, then by order; says whether anything was left out and which ranks could still get in', () => {
    const best = new Best<string>(3, byText);
    for (const [value, rank] of [
      ['d', 1],
      ['a', 2],
      ['c', 0],
      ['b', 1],
      ['e', 1],
    ] as const)
      best.add(value, rank);
    assert.deepEqual([best.sorted(), best.cut], [['c', 'b', 'd'], true]);
    assert.deepEqual(
      [best.admits(0), best.admits(1), best.admits(2)],
      [true, true, false],
      'rank 1 may still win on order',
    );
    const room = new Best<string>(3, byText);
    room.add('x', 0);
    room.add('w', 0);
    assert.deepEqual([room.sorted(), room.cut, room.admits(9)], [['w', 'x'], false, true]);
  });

  it('agrees with sorting everything and taking the first, on random streams, also when values that cannot get in are skipped', () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 200; run++) {
      const limit = next(8);
      const stream = Array.from({ length: next(30) }, (_, i) => ({
        value: `v${String(next(50)).padStart(2, '0')}-${i}`,
        rank: next(3),
      }));
      const best = new Best<string>(limit, byText);
      // What completion does: once something was cut, skip values whose rank cannot get in.
      const skipping = new Best<string>(limit, byText);
      for (const { value, rank } of stream) {
        best.add(value, rank);
        if (!skipping.cut || skipping.admits(rank)) skipping.add(value, rank);
      }
      const expected = [...stream]
        .sort((a, b) => a.rank - b.rank || byText(a.value, b.value))
        .slice(0, limit)
        .map(e => e.value);
      assert.deepEqual([best.sorted(), best.cut], [expected, stream.length > limit]);
      assert.deepEqual([skipping.sorted(), skipping.cut], [expected, stream.length > limit]);
    }
  });
});

describe('Best.wouldKeep', () => {
  it('says whether a value would be kept: room left, a better rank, or the same rank and a better order', () => {
    const best = new Best<number>(2, (a, b) => a - b);
    assert.equal(best.wouldKeep(99, 9), true, 'room left');
    best.add(5, 1);
    best.add(7, 1);
    assert.equal(best.wouldKeep(99, 0), true, 'better rank');
    assert.equal(best.wouldKeep(6, 1), true, 'same rank, before the worst kept (7)');
    assert.equal(best.wouldKeep(7, 1), false, 'a tie with the worst is not kept');
    assert.equal(best.wouldKeep(1, 2), false, 'worse rank');
  });
});
