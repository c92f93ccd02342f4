import * as assert from 'assert';
import { LspClient } from './lspClient';
import { range, TempWorkspace } from './tempWorkspace';

/**
 * test/fixtures/protocol-multiroot: roadmap/ defines release R-1, and
 * delivery/tracking.epic.yaml names it. Each subfolder is a workspace folder.
 */
describe('protocol: multi-root workspaces', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let roadmap: string;
  let delivery: string;
  let epic: string;
  let releases: string;

  const unresolved = {
    range: range(2, 9, 2, 12),
    severity: 1,
    code: 'unresolved-link',
    source: 'specwright',
    message: 'R-1 is not defined in this workspace',
    data: { target: 'R-1', field: 'release', from: 'EPIC-7', kinds: ['release'] },
  };

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-multiroot');
    roadmap = ws.uri('roadmap');
    delivery = ws.uri('delivery');
    epic = ws.uri('delivery/tracking.epic.yaml');
    releases = ws.uri('roadmap/product.roadmap.yaml');
  });
  afterEach(() => {
    client?.dispose();
    ws.dispose();
  });

  it('resolves a link from one folder to an item in another', async () => {
    client = await LspClient.start({ folders: [roadmap, delivery] });
    assert.deepStrictEqual((await client.waitForDiagnostics(epic)).diagnostics, []);
    assert.deepStrictEqual((await client.waitForDiagnostics(releases)).diagnostics, []);
  });

  it('scans a folder added later and forgets a folder removed', async () => {
    client = await LspClient.start({ folders: [delivery] });
    assert.deepStrictEqual((await client.waitForDiagnostics(epic)).diagnostics, [unresolved]);
    assert.deepStrictEqual(client.history(releases), []);

    client.foldersChanged([roadmap], []);
    await client.waitForDiagnostics(epic, p => p.diagnostics.length === 0);
    assert.deepStrictEqual((await client.waitForDiagnostics(releases)).diagnostics, []);

    const sinceReleases = client.mark(releases);
    client.foldersChanged([], [roadmap]);
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(epic, p => p.diagnostics.length === 1)).diagnostics,
      [unresolved],
    );
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(releases, () => true, { since: sinceReleases })).diagnostics,
      [],
    );
  });

  it('keeps an open document of a removed folder', async () => {
    client = await LspClient.start({ folders: [roadmap, delivery] });
    await client.waitForDiagnostics(epic);
    client.open(releases, ws.read('roadmap/product.roadmap.yaml'), 1);
    await client.waitForDiagnostics(releases, p => p.version === 1);

    const sinceEpic = client.mark(epic);
    client.foldersChanged([], [roadmap]);
    // The editor still holds R-1, so the link keeps resolving; a marker edit shows the removal was handled.
    client.change(releases, 2, { range: range(0, 4, 0, 8), text: 'RM-2' });
    await client.waitForDiagnostics(releases, p => p.version === 2);
    assert.ok(
      client
        .history(epic)
        .slice(sinceEpic)
        .every(p => p.diagnostics.length === 0),
    );
  });
});
