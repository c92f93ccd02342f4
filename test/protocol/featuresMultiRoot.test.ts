import * as assert from 'assert';
import type {
  Hover,
  Location,
  LocationLink,
  SymbolInformation,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyWorkspaceEdit, at, startOn, type Session } from './featureFixture';
import { range } from './tempWorkspace';

/**
 * test/fixtures/protocol-multiroot as two workspace folders: roadmap/
 * defines release R-1, delivery/tracking.epic.yaml names it (line 2).
 */
describe('protocol: features across two workspace folders', () => {
  let s: Session;
  let epic: string;
  let releases: string;
  const files = ['delivery/tracking.epic.yaml', 'roadmap/product.roadmap.yaml'];

  beforeEach(async () => {
    s = await startOn('protocol-multiroot', files, {
      folders: ws => [ws.uri('roadmap'), ws.uri('delivery')],
    });
    epic = s.uri(files[0]);
    releases = s.uri(files[1]);
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it('hover, definition and references go from one folder to the other', async () => {
    const hover = await s.client.request<Hover>('textDocument/hover', at(epic, 2, 10));
    assert.match((hover.contents as { value: string }).value, /^\*\*Release R-1\*\* — First release/);
    const links = await s.client.request<LocationLink[]>('textDocument/definition', at(epic, 2, 10));
    assert.deepStrictEqual(links, [
      {
        originSelectionRange: range(2, 9, 2, 12),
        targetUri: releases,
        targetRange: range(3, 4, 6, 0),
        targetSelectionRange: range(3, 8, 3, 11),
      },
    ]);
    const refs = await s.client.request<Location[]>('textDocument/references', {
      ...at(releases, 3, 9),
      context: { includeDeclaration: true },
    });
    assert.deepStrictEqual(refs, [
      { uri: epic, range: range(2, 9, 2, 12) },
      { uri: releases, range: range(3, 8, 3, 11) },
    ]);
  });

  it('workspace symbols list the items of both folders', async () => {
    const symbols = await s.client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.deepStrictEqual(
      symbols.map(x => [x.name, x.location.uri]),
      [
        ['EPIC-7 Live order tracking', epic],
        ['R-1 First release', releases],
        ['RM-1 Product roadmap', releases],
      ],
    );
  });

  it('rename edits both folders; applied, nothing new is found', async () => {
    const edit = await s.client.request<WorkspaceEdit>('textDocument/rename', {
      ...at(epic, 2, 10),
      newName: 'R-2026.1',
    });
    assert.deepStrictEqual(edit, {
      documentChanges: [
        {
          textDocument: { uri: epic, version: null },
          edits: [{ range: range(2, 9, 2, 12), newText: 'R-2026.1' }],
        },
        {
          textDocument: { uri: releases, version: null },
          edits: [{ range: range(3, 8, 3, 11), newText: 'R-2026.1' }],
        },
      ],
    });
    await applyWorkspaceEdit(s, edit, []);
    for (const uri of [epic, releases]) assert.deepStrictEqual(s.client.latest(uri)?.diagnostics, [], uri);
    assert.deepStrictEqual(
      (await s.client.request<LocationLink[]>('textDocument/definition', at(epic, 2, 10))).map(
        l => l.targetSelectionRange,
      ),
      [range(3, 8, 3, 16)],
    );
  });
});
