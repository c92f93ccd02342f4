import * as assert from 'node:assert/strict';
import { formatNumber, percentOf, withThousands } from '../../../server/src/core/text/numbers';

describe('text: the one number formatter', () => {
  it('writes thousands separators, no trailing .0, at most two decimals below 100', () => {
    assert.deepEqual([11200, 11200.0, 1234567.4, 12.5, 12, 0.25, 0.125, 99.999, 0].map(formatNumber), [
      '11,200',
      '11,200',
      '1,234,567',
      '12.5',
      '12',
      '0.25',
      '0.13',
      '100',
      '0',
    ]);
  });

  it('writes whole numbers as Intl does, without loading it', () => {
    const cases = [
      0,
      1,
      -1,
      12,
      999,
      1000,
      -1000,
      12345,
      100000,
      999999,
      1000000,
      -98765432,
      Number.MAX_SAFE_INTEGER,
    ];
    for (const n of cases) {
      assert.equal(withThousands(n), n.toLocaleString('en-US'), String(n));
      assert.equal(formatNumber(n), n.toLocaleString('en-US'), String(n));
    }
    assert.equal(formatNumber(-0), '-0');
  });

  it('rounds percentages to the nearest, 100 only when complete and 0 only when nothing is', () => {
    assert.deepEqual(
      [
        [4, 6],
        [2, 3],
        [1, 3],
        [199, 200],
        [1, 200],
        [0, 5],
        [5, 5],
        [3, 0],
      ].map(([p, w]) => percentOf(p, w)),
      [67, 67, 33, 99, 1, 0, 100, 0],
    );
  });
});
