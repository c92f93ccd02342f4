import * as assert from 'assert';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { featureFiles, OpenDocument, startOn, type Session } from './featureFixture';
import { range } from './tempWorkspace';

const SymbolKind = { Namespace: 3, Interface: 11, Function: 12, Array: 18 } as const;

describe('protocol: document and workspace symbols', () => {
  let s: Session;
  let prd: string;
  let stories: string;

  beforeEach(async () => {
    s = await startOn();
    prd = s.uri(featureFiles.prd);
    stories = s.uri(featureFiles.stories);
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it('outline: the top item with its list items as children (a closed file too)', async () => {
    const outline = await s.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: prd },
    });
    assert.deepStrictEqual(outline, [
      {
        name: 'PRD-1 Express checkout',
        kind: SymbolKind.Namespace,
        range: range(0, 0, 15, 0),
        selectionRange: range(0, 4, 0, 9),
        children: [
          {
            name: 'REQ-1 Saved cards',
            detail: 'must',
            kind: SymbolKind.Interface,
            range: range(5, 4, 9, 0),
            selectionRange: range(5, 8, 5, 13),
          },
          {
            name: 'REQ-2 One page',
            detail: 'should',
            kind: SymbolKind.Interface,
            range: range(9, 4, 15, 0),
            selectionRange: range(9, 8, 9, 13),
          },
        ],
      },
    ]);
  });

  it('outline of an open document follows its edits', async () => {
    const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
    await doc.published();
    doc.set(
      doc.text
        .replace('title: One-page checkout', 'title: Single-page checkout')
        .replace('status: draft', 'status: review'),
    );
    const outline = await s.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
      textDocument: { uri: stories },
    });
    assert.deepStrictEqual(outline, [
      {
        name: 'IT-1 Sprint 1',
        kind: SymbolKind.Array,
        range: range(2, 0, 16, 0),
        selectionRange: range(2, 4, 2, 8),
        children: [
          {
            name: 'ST-1 Pay with a saved card',
            detail: 'review',
            kind: SymbolKind.Function,
            range: range(6, 4, 11, 0),
            selectionRange: range(6, 8, 6, 12),
          },
          {
            name: 'ST-2 Single-page checkout',
            kind: SymbolKind.Function,
            range: range(11, 4, 16, 0),
            selectionRange: range(11, 8, 11, 12),
          },
        ],
      },
    ]);
  });

  it('flattened to SymbolInformation for a client without hierarchical symbols', async () => {
    s.client.dispose();
    s.ws.dispose();
    s = await startOn('protocol-features', Object.values(featureFiles), {
      capabilities: c => ({ ...c, textDocument: { ...c.textDocument, documentSymbol: {} } }),
    });
    const uri = s.uri(featureFiles.prd);
    const flat = await s.client.request<SymbolInformation[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepStrictEqual(flat, [
      {
        name: 'PRD-1 Express checkout',
        kind: SymbolKind.Namespace,
        location: { uri, range: range(0, 0, 15, 0) },
      },
      {
        name: 'REQ-1 Saved cards',
        kind: SymbolKind.Interface,
        location: { uri, range: range(5, 4, 9, 0) },
        containerName: 'PRD-1 Express checkout',
      },
      {
        name: 'REQ-2 One page',
        kind: SymbolKind.Interface,
        location: { uri, range: range(9, 4, 15, 0) },
        containerName: 'PRD-1 Express checkout',
      },
    ]);
  });

  it('workspace symbols by ID and by title, across files', async () => {
    const byId = await s.client.request<SymbolInformation[]>('workspace/symbol', { query: 'req' });
    assert.deepStrictEqual(byId, [
      {
        name: 'REQ-1 Saved cards',
        kind: SymbolKind.Interface,
        location: { uri: prd, range: range(5, 8, 5, 13) },
        containerName: 'PRD-1',
      },
      {
        name: 'REQ-2 One page',
        kind: SymbolKind.Interface,
        location: { uri: prd, range: range(9, 8, 9, 13) },
        containerName: 'PRD-1',
      },
    ]);
    const byTitle = await s.client.request<SymbolInformation[]>('workspace/symbol', { query: 'saved card' });
    assert.deepStrictEqual(byTitle, [
      {
        name: 'REQ-1 Saved cards',
        kind: SymbolKind.Interface,
        location: { uri: prd, range: range(5, 8, 5, 13) },
        containerName: 'PRD-1',
      },
      {
        name: 'ST-1 Pay with a saved card',
        kind: SymbolKind.Function,
        location: { uri: stories, range: range(6, 8, 6, 12) },
        containerName: 'IT-1',
      },
    ]);
    assert.deepStrictEqual(await s.client.request('workspace/symbol', { query: 'zzz' }), []);
  });

  it('workspace symbols include what an open document just defined', async () => {
    const doc = new OpenDocument(
      s.client,
      s.uri('prds/new.prd.yaml'),
      'id: PRD-2\ntitle: Receipts\nepic: EPIC-1\nrequirements:\n  - id: REQ-7\n    title: Email receipt\n    statement: s\n    priority: could\n',
    );
    const found = await s.client.request<SymbolInformation[]>('workspace/symbol', { query: 'receipt' });
    assert.deepStrictEqual(
      found.map(f => [f.name, f.location.uri]),
      [
        ['PRD-2 Receipts', doc.uri],
        ['REQ-7 Email receipt', doc.uri],
      ],
    );
  });
});
