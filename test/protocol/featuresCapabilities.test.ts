import * as assert from 'assert';
import { LspClient } from './lspClient';
import { TempWorkspace } from './tempWorkspace';

describe('protocol: feature capabilities', () => {
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-features');
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
  });

  it('announces every feature to a client like VS Code', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    const { textDocumentSync, workspace, ...features } = client.initializeResult.capabilities;
    assert.ok(textDocumentSync && workspace);
    assert.deepStrictEqual(features, {
      hoverProvider: true,
      completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-', '#'], resolveProvider: true },
      definitionProvider: true,
      referencesProvider: true,
      documentHighlightProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: true },
      foldingRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      selectionRangeProvider: true,
      semanticTokensProvider: {
        legend: { tokenTypes: ['variable'], tokenModifiers: ['declaration', 'unresolved'] },
        full: true,
      },
    });
  });

  it('offers no prepareRename and no code action kinds to a client that cannot take them', async () => {
    client = await LspClient.start({
      folders: [ws.uri()],
      capabilities: c => ({ ...c, textDocument: { synchronization: {} } }),
    });
    const caps = client.initializeResult.capabilities;
    assert.strictEqual(caps.renameProvider, true);
    assert.strictEqual(caps.codeActionProvider, true);
  });
});
