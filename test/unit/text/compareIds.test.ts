import * as assert from 'node:assert/strict';
import { compareIds } from '../../../server/src/core/text/compareIds';

/** The ordering as the format page states it, on split runs: the reading compareIds must agree with. */
function byRuns(a: string, b: string): number {
  const pa = a.split(/(\d+)/),
    pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const na = Number(pa[i]),
      nb = Number(pb[i]);
    if (i % 2 === 1 && na !== nb) return na - nb;
    return pa[i] < pb[i] ? -1 : 1;
  }
  return pa.length - pb.length;
}

describe('text/compareIds', () => {
  it('compares IDs with numbers as numbers', () => {
    assert.deepEqual(['REQ-10', 'REQ-9', 'EPIC-2', 'REQ-101', 'R-2026.10', 'R-2026.9'].sort(compareIds), [
      'EPIC-2',
      'R-2026.9',
      'R-2026.10',
      'REQ-9',
      'REQ-10',
      'REQ-101',
    ]);
  });

  it('at equal value, compares digits as text; a shorter ID that is a prefix goes first', () => {
    assert.deepEqual(['REQ-7', 'REQ-07', 'REQ', 'REQ-7a', 'REQ-', 'REQ-7.1'].sort(compareIds), [
      'REQ',
      'REQ-',
      'REQ-07',
      'REQ-7',
      'REQ-7.1',
      'REQ-7a',
    ]);
    assert.equal(compareIds('REQ-12', 'REQ-12'), 0);
  });

  it('agrees with the reading on split runs, on random IDs', () => {
    const pieces = ['A', 'a', 'Q', 'É', '-', '.', ' ', '_', '0', '00', '07', '1', '7', '9', '10', '100'];
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const id = (): string => Array.from({ length: next(7) }, () => pieces[next(pieces.length)]).join('');
    for (let k = 0; k < 20000; k++) {
      const a = id(),
        b = id();
      assert.equal(
        Math.sign(compareIds(a, b)),
        Math.sign(byRuns(a, b)),
        `${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
      );
    }
  });
});
