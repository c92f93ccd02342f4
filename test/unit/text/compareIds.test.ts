import * as assert from 'node:assert/strict';
import { compareIds, compareItemIds } from '../../../server/src/core/text/compareIds';
import type { Item } from '../../../server/src/core/types';

/** The order as compareIds states it, on split runs: without case first, then with it. */
function reference(a: string, b: string): number {
  const fold = (s: string): string => s.replace(/[A-Z]/g, c => c.toLowerCase());
  return byRuns(fold(a), fold(b)) || byRuns(a, b);
}

/** Runs of digits by value (then as text), runs of non-digits as text. */
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

  it('orders letters without case first, then capitals before small letters', () => {
    assert.deepEqual(['REQ-2', 'req-10', 'Req-3', 'REQ-10', 'rEQ-1', 'EPIC-9', 'epic-10'].sort(compareIds), [
      'EPIC-9',
      'epic-10',
      'rEQ-1',
      'REQ-2',
      'Req-3',
      'REQ-10',
      'req-10',
    ]);
    assert.ok(compareIds('REQ-a', 'REQ-B') < 0, 'a before B: letters compare without case');
    assert.ok(compareIds('REQ-A', 'REQ-a') < 0, 'equal but for case: the capital first');
    assert.equal(compareIds('req-2', 'req-2'), 0);
  });

  it('puts a prefix before what extends it, and different prefixes by their letters', () => {
    assert.deepEqual(['ST-1', 'S-1', 'STORY-1', 'ST-1-2', 'ST-', 'ST'].sort(compareIds), [
      'S-1',
      'ST',
      'ST-',
      'ST-1',
      'ST-1-2',
      'STORY-1',
    ]);
  });

  it('orders items by ID, then where they are defined', () => {
    const item = (id: string, uri: string, line: number): Item =>
      ({
        id,
        uri,
        idRange: { start: { line, character: 4 }, end: { line, character: 4 + id.length } },
      }) as Item;
    const items = [
      item('REQ-10', 'file:///a.prd.yaml', 1),
      item('REQ-2', 'file:///b.prd.yaml', 9),
      item('REQ-2', 'file:///b.prd.yaml', 3),
      item('REQ-2', 'file:///a.prd.yaml', 7),
    ];
    assert.deepEqual(
      items.sort(compareItemIds).map(i => `${i.id} ${i.uri.slice(8)}:${i.idRange.start.line}`),
      ['REQ-2 a.prd.yaml:7', 'REQ-2 b.prd.yaml:3', 'REQ-2 b.prd.yaml:9', 'REQ-10 a.prd.yaml:1'],
    );
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
        Math.sign(reference(a, b)),
        `${JSON.stringify(a)} vs ${JSON.stringify(b)}`,
      );
    }
  });
});
