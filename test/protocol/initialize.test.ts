import * as assert from 'assert';
import { LspClient, messageOf } from './lspClient';
import { expectedA } from './basicFixture';
import { range, TempWorkspace } from './tempWorkspace';

describe('protocol: initialize and the first scan', () => {
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

  it('announces incremental sync and workspace folders', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    const caps = client.initializeResult.capabilities;
    assert.deepStrictEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.deepStrictEqual(caps.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    assert.strictEqual(client.initializeResult.serverInfo?.name, 'specwright');
  });

  it('registers watchers for spec files, .specwright.yaml, specwright.reviews, and folders created or deleted', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    const reg = await client.waitForRegistration('workspace/didChangeWatchedFiles');
    assert.deepStrictEqual(reg.registerOptions, {
      watchers: [
        { globPattern: '**/*.{vision,roadmap,epic,prd,stories}.{yaml,yml}' },
        { globPattern: '**/.specwright.yaml' },
        { globPattern: '**/specwright.reviews' },
        // WatchKind.Create | WatchKind.Delete: a folder removed or moved is one event, none for its files.
        { globPattern: '**/*', kind: 5 },
      ],
    });
  });

  it('does not register watchers when the client cannot register dynamically', async () => {
    client = await LspClient.start({ folders: [ws.uri()], dynamicWatchers: false });
    // The registration would be sent in `initialized`, before the scan publishes anything.
    await client.waitForDiagnostics(ws.uri('a.prd.yaml'));
    assert.deepStrictEqual(client.registrations, []);
  });

  it('publishes every closed file after the scan: codes, ranges, severities, related information, data', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    const a = await client.waitForDiagnostics(ws.uri('a.prd.yaml'));
    assert.strictEqual(a.version, undefined, 'a closed file is published without a version');
    assert.deepStrictEqual(
      a.diagnostics,
      expectedA(r => ws.uri(r)),
    );

    const b = await client.waitForDiagnostics(ws.uri('b.prd.yaml'));
    assert.deepStrictEqual(
      b.diagnostics.map(d => [d.code, d.range, d.severity, d.relatedInformation]),
      [
        [
          'duplicate-id',
          range(8, 8, 8, 15),
          1,
          [
            {
              location: { uri: ws.uri('a.prd.yaml'), range: range(9, 8, 9, 15) },
              message: 'another definition of REQ-DUP',
            },
          ],
        ],
      ],
    );

    const broken = await client.waitForDiagnostics(ws.uri('broken.epic.yaml'));
    assert.strictEqual(broken.diagnostics.length, 1);
    const schema = broken.diagnostics[0];
    assert.deepStrictEqual(
      [schema.code, schema.range, schema.severity, schema.source],
      ['schema', range(3, 8, 3, 16), 1, 'specwright'],
    );
    assert.match(
      messageOf(schema),
      /status must be one of draft, review, approved, in-progress, done, cancelled/,
    );
    assert.match(messageOf(schema), /"finished"/);
    const data = schema.data as Record<string, unknown>;
    assert.deepStrictEqual([data.keyword, data.key, data.value], ['enum', 'status', 'finished']);

    // Files without findings are published too, with [] (clears anything a previous session left).
    for (const clean of ['checkout.epic.yaml', 'product.roadmap.yaml']) {
      assert.deepStrictEqual((await client.waitForDiagnostics(ws.uri(clean))).diagnostics, [], clean);
    }
  });

  it('scans rootUri when the client sends no workspace folders', async () => {
    client = await LspClient.start({ folders: [ws.uri()], rootUriOnly: true });
    const a = await client.waitForDiagnostics(ws.uri('a.prd.yaml'));
    assert.deepStrictEqual(
      a.diagnostics.map(d => d.code),
      ['unresolved-link', 'duplicate-id'],
    );
  });

  it('works over node-ipc as well as stdio', async () => {
    client = await LspClient.start({ folders: [ws.uri()], transport: 'ipc' });
    const a = await client.waitForDiagnostics(ws.uri('a.prd.yaml'));
    assert.deepStrictEqual(
      a.diagnostics,
      expectedA(r => ws.uri(r)),
    );
    assert.strictEqual(await client.shutdown(), 0);
  });
});
