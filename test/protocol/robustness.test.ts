import * as assert from 'assert';
import { expectedA } from './basicFixture';
import { LspClient } from './lspClient';
import { FileChange, range, TempWorkspace } from './tempWorkspace';

const binaryFinding = {
  range: range(0, 0, 0, 0),
  severity: 1,
  code: 'yaml-syntax',
  source: 'specwright',
  message: 'file is binary, not YAML text (it contains NUL bytes)',
};

describe('protocol: robustness and lifecycle', () => {
  let ws: TempWorkspace;
  let client: LspClient | undefined;

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-basic');
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
  });

  it('reports a binary spec file found by the scan or by a watcher, and checks the rest', async () => {
    const blob = ws.write('blob.prd.yaml', Uint8Array.from([0x69, 0x64, 0x3a, 0x00, 0xff, 0xfe, 0x00]));
    client = await LspClient.start({ folders: [ws.uri()] });
    assert.deepStrictEqual((await client.waitForDiagnostics(blob)).diagnostics, [binaryFinding]);
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(ws.uri('a.prd.yaml'))).diagnostics,
      expectedA(r => ws.uri(r)),
    );

    const later = ws.write('later.epic.yaml', Uint8Array.from([0x00, 0x01, 0x02]));
    client.filesChanged({ uri: later, type: FileChange.created });
    assert.deepStrictEqual((await client.waitForDiagnostics(later)).diagnostics, [binaryFinding]);
  });

  it('answers an unknown request with MethodNotFound and keeps serving', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(ws.uri('b.prd.yaml')); // the first scan is done
    await assert.rejects(
      client.request('specwright/noSuchMethod', { x: 1 }),
      (err: { code?: number }) => err.code === -32601,
    );
    const a = ws.uri('a.prd.yaml');
    client.open(a, ws.read('a.prd.yaml'), 7);
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(a, p => p.version === 7)).diagnostics,
      expectedA(r => ws.uri(r)),
    );
  });

  it('survives malformed and out-of-order notifications', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    const a = ws.uri('a.prd.yaml');
    await client.waitForDiagnostics(a);

    client.change(ws.uri('never-opened.prd.yaml'), 2, { range: range(0, 0, 0, 0), text: 'x' });
    client.notify('textDocument/didChange', { textDocument: { uri: a }, contentChanges: [{ text: 'x' }] }); // no version
    client.notify('textDocument/didOpen', {});
    client.notify('textDocument/didClose', { textDocument: { uri: ws.uri('never-opened.prd.yaml') } });
    client.notify('workspace/didChangeWatchedFiles', {});
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: 'not a uri', type: 2 },
        { uri: 'file:///elsewhere/x.prd.yaml', type: 1 },
      ],
    });
    client.notify('specwright/noSuchNotification', {});

    client.open(a, ws.read('a.prd.yaml'), 3);
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(a, p => p.version === 3)).diagnostics,
      expectedA(r => ws.uri(r)),
    );
    assert.ok(client.running);
    assert.ok(
      client.logs.some(m => m.includes('workspace/didChangeWatchedFiles failed')),
      `logs: ${client.logs.join('\n')}`,
    );
  });

  it('shuts down and exits with code 0', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(ws.uri('a.prd.yaml'));
    assert.strictEqual(await client.shutdown(), 0);
  });

  it('exits with code 1 on exit without shutdown (LSP: the client did not shut it down cleanly)', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    client.notify('exit');
    assert.strictEqual(await client.waitForExit(), 1);
  });
});
