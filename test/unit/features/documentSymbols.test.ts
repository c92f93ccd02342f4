import * as assert from 'assert';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { documentSymbols } from '../../../server/src/core/features/documentSymbols';
import { lines, span } from '../helpers';
import { BROKEN, brokenText, EPIC, PRD, ROADMAP, STORIES, VISION, service, texts } from './featureHelpers';

interface Flat {
  name: string;
  detail?: string;
  kind: number;
  range: number[];
  selection: number[];
  children?: Flat[];
}

function flat(symbols: DocumentSymbol[]): Flat[] {
  return symbols.map(s => ({
    name: s.name,
    ...(s.detail !== undefined ? { detail: s.detail } : {}),
    kind: s.kind,
    range: span(s.range),
    selection: span(s.selectionRange),
    ...(s.children ? { children: flat(s.children) } : {}),
  }));
}

describe('features/documentSymbols', () => {
  const svc = service(texts, [PRD]);

  it('outlines a PRD as its requirements, with status/priority as detail', () => {
    assert.deepStrictEqual(flat(documentSymbols(svc, PRD)), [
      {
        name: 'PRD-1 Express checkout',
        kind: SymbolKind.Namespace,
        range: [0, 0, 19, 0],
        selection: [0, 4, 0, 9],
        children: [
          {
            name: 'REQ-1 Saved cards',
            detail: 'must',
            kind: SymbolKind.Interface,
            range: [5, 4, 9, 0],
            selection: [5, 8, 5, 13],
          },
          {
            name: 'REQ-2 One page',
            detail: 'should',
            kind: SymbolKind.Interface,
            range: [9, 4, 15, 0],
            selection: [9, 8, 9, 15],
          },
          {
            name: 'REQ-3 Wallet',
            detail: 'could',
            kind: SymbolKind.Interface,
            range: [15, 4, 19, 0],
            selection: [15, 8, 15, 13],
          },
        ],
      },
    ]);
  });

  it('outlines a closed iteration as its stories', () => {
    assert.deepStrictEqual(flat(documentSymbols(svc, STORIES)), [
      {
        name: 'IT-1 Sprint 1',
        kind: SymbolKind.Array,
        range: [0, 0, 19, 0],
        selection: [0, 4, 0, 8],
        children: [
          {
            name: 'ST-1 Save a card',
            detail: 'done',
            kind: SymbolKind.Function,
            range: [4, 4, 10, 0],
            selection: [4, 8, 4, 12],
          },
          {
            name: 'ST-2 Single-screen layout',
            kind: SymbolKind.Function,
            range: [10, 4, 15, 0],
            selection: [10, 8, 10, 12],
          },
          {
            name: 'ST-3 Card scanner',
            detail: 'cancelled',
            kind: SymbolKind.Function,
            range: [15, 4, 19, 0],
            selection: [15, 8, 15, 12],
          },
        ],
      },
    ]);
  });

  it('outlines a roadmap as releases, a vision as goals and personas, an epic as itself', () => {
    assert.deepStrictEqual(flat(documentSymbols(svc, ROADMAP)), [
      {
        name: 'RM-1 Basket roadmap',
        kind: SymbolKind.Module,
        range: [0, 0, 8, 0],
        selection: [0, 4, 0, 8],
        children: [
          {
            name: 'R-1 Checkout that converts',
            detail: 'now · in-progress',
            kind: SymbolKind.Event,
            range: [3, 4, 8, 0],
            selection: [3, 8, 3, 11],
          },
        ],
      },
    ]);
    assert.deepStrictEqual(flat(documentSymbols(svc, VISION)), [
      {
        name: 'V-1 Basket',
        kind: SymbolKind.Package,
        range: [0, 0, 9, 0],
        selection: [0, 4, 0, 7],
        children: [
          {
            name: 'G-CONV Checkout conversion',
            kind: SymbolKind.Constant,
            range: [4, 4, 6, 0],
            selection: [4, 8, 4, 14],
          },
          {
            name: 'P-PARENT Busy parent',
            kind: SymbolKind.Object,
            range: [7, 4, 9, 0],
            selection: [7, 8, 7, 16],
          },
        ],
      },
    ]);
    assert.deepStrictEqual(flat(documentSymbols(svc, EPIC)), [
      {
        name: 'EPIC-1 Express checkout',
        detail: 'in-progress · must',
        kind: SymbolKind.Class,
        range: [0, 0, 11, 0],
        selection: [0, 4, 0, 10],
        children: [],
      },
    ]);
  });

  it('lists the items when the top item has no ID, and nothing for unknown files', () => {
    const uri = 'file:///w/noid.prd.yaml';
    const s = service({ [uri]: lines('title: No id', 'requirements:', '  - id: REQ-1', '    title: A') });
    assert.deepStrictEqual(flat(documentSymbols(s, uri)), [
      { name: 'REQ-1 A', kind: SymbolKind.Interface, range: [2, 4, 4, 0], selection: [2, 8, 2, 13] },
    ]);
    assert.deepStrictEqual(documentSymbols(s, 'file:///w/none.prd.yaml'), []);
  });

  it('outlines what parsed of a document with a syntax error', () => {
    const s = service({ ...texts, [BROKEN]: brokenText }, [BROKEN]);
    assert.deepStrictEqual(
      flat(documentSymbols(s, BROKEN))[0].children?.map(c => c.name),
      ['ST-8', 'ST-9'],
    );
  });

  it('keeps every selectionRange inside its range (VS Code rejects others)', () => {
    const inside = (s: DocumentSymbol): boolean =>
      (s.range.start.line < s.selectionRange.start.line ||
        (s.range.start.line === s.selectionRange.start.line &&
          s.range.start.character <= s.selectionRange.start.character)) &&
      (s.selectionRange.end.line < s.range.end.line ||
        (s.selectionRange.end.line === s.range.end.line &&
          s.selectionRange.end.character <= s.range.end.character)) &&
      (s.children ?? []).every(inside);
    for (const uri of Object.keys(texts)) assert.ok(documentSymbols(svc, uri).every(inside), uri);
  });
});
