import * as assert from 'assert';
import { SymbolKind } from 'vscode-languageserver-types';
import { workspaceSymbols } from '../../../server/src/core/features/workspaceSymbols';
import { lines, span } from '../helpers';
import { PRD, STORIES, service, texts } from './featureHelpers';

describe('features/workspaceSymbols', () => {
  const svc = service(texts, [PRD]);
  const names = (q: string, limit?: number) => workspaceSymbols(svc, q, limit).map(s => s.name);

  it('gives location (the ID), kind and container (the top item of the file)', () => {
    const [req2] = workspaceSymbols(svc, 'REQ-2');
    assert.deepStrictEqual(
      { ...req2, location: { uri: req2.location.uri, range: span(req2.location.range) } },
      {
        name: 'REQ-2 One page',
        kind: SymbolKind.Interface,
        containerName: 'PRD-1',
        location: { uri: PRD, range: [9, 9, 9, 14] },
      },
    );
    const [it1] = workspaceSymbols(svc, 'IT-1');
    assert.deepStrictEqual(
      [it1.name, it1.containerName, it1.location.uri, span(it1.location.range)],
      ['IT-1 Sprint 1', undefined, STORIES, [0, 4, 0, 8]],
    );
  });

  it('matches case-insensitively, ID prefixes first, then IDs containing, then titles, then subsequences', () => {
    assert.deepStrictEqual(names('req'), ['REQ-1 Saved cards', 'REQ-2 One page', 'REQ-3 Wallet']);
    assert.deepStrictEqual(names('card'), ['REQ-1 Saved cards', 'ST-1 Save a card', 'ST-3 Card scanner']);
    // `r` starts R-1, REQ-* and RM-1; it is inside P-PARENT and PRD-1; then come titles with an r
    assert.deepStrictEqual(names('r'), [
      'R-1 Checkout that converts',
      'REQ-1 Saved cards',
      'REQ-2 One page',
      'REQ-3 Wallet',
      'RM-1 Basket roadmap',
      'P-PARENT Busy parent',
      'PRD-1 Express checkout',
      'EPIC-1 Express checkout',
      'G-CONV Checkout conversion',
      'IT-1 Sprint 1',
      'ST-1 Save a card',
      'ST-2 Single-screen layout',
      'ST-3 Card scanner',
    ]);
    assert.deepStrictEqual(names('-1'), [
      'EPIC-1 Express checkout',
      'IT-1 Sprint 1',
      'PRD-1 Express checkout',
      'R-1 Checkout that converts',
      'REQ-1 Saved cards',
      'RM-1 Basket roadmap',
      'ST-1 Save a card',
      'V-1 Basket',
    ]);
    assert.deepStrictEqual(names('wllt'), ['REQ-3 Wallet']);
    assert.deepStrictEqual(names('st3'), ['ST-3 Card scanner']);
    assert.deepStrictEqual(names('zzz'), []);
  });

  it('sorts IDs with numbers as numbers, and lists everything for an empty query', () => {
    const uri = 'file:///w/many.stories.yaml';
    const text = lines(
      'id: IT-7',
      'stories:',
      ...[10, 9, 100, 2].flatMap(n => [`  - id: ST-${n}`, `    title: S${n}`]),
    );
    const s = service({ ...texts, [uri]: text });
    assert.deepStrictEqual(
      workspaceSymbols(s, 'st-').map(x => x.name),
      [
        'ST-1 Save a card',
        'ST-2 Single-screen layout',
        'ST-2 S2',
        'ST-3 Card scanner',
        'ST-9 S9',
        'ST-10 S10',
        'ST-100 S100',
      ],
    );
    assert.strictEqual(workspaceSymbols(s, '').length, [...s.index.items()].length);
  });

  it('caps the results', () => {
    assert.deepStrictEqual(names('', 3), [
      'EPIC-1 Express checkout',
      'G-CONV Checkout conversion',
      'IT-1 Sprint 1',
    ]);
    const uri = 'file:///w/big.stories.yaml';
    const text = lines(
      'id: IT-8',
      'stories:',
      ...Array.from({ length: 300 }, (_, n) => `  - id: ST-${n + 1000}\n    title: S`),
    );
    assert.strictEqual(workspaceSymbols(service({ [uri]: text }), 'st').length, 200);
  });
});
