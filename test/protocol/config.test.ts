import * as assert from 'assert';
import { LspClient } from './lspClient';
import { FileChange, range, TempWorkspace } from './tempWorkspace';

/** test/fixtures/protocol-config: loose.epic.yaml names no release (orphan, info by default). */
describe('protocol: .specwright.yaml', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let loose: string;
  let config: string;

  const orphan = (severity: number) => ({
    range: range(0, 4, 0, 10),
    severity,
    code: 'orphan',
    source: 'specwright',
    message: 'EPIC-9 is not scheduled: it names no release',
  });
  const severities = (p: { diagnostics: { severity?: number }[] }) => p.diagnostics.map(d => d.severity);

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-config');
    loose = ws.uri('loose.epic.yaml');
    config = ws.uri('.specwright.yaml');
  });
  afterEach(() => {
    client?.dispose();
    ws.dispose();
  });

  it('changes severities and turns codes off as the config changes on disk', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, [orphan(3)]);

    ws.write('.specwright.yaml', 'rules:\n  orphan: error\n');
    client.filesChanged({ uri: config, type: FileChange.created });
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(loose, p => severities(p)[0] === 1)).diagnostics,
      [orphan(1)],
    );

    ws.write('.specwright.yaml', 'rules:\n  orphan: off\n');
    client.filesChanged({ uri: config, type: FileChange.changed });
    await client.waitForDiagnostics(loose, p => p.diagnostics.length === 0);

    ws.remove('.specwright.yaml');
    client.filesChanged({ uri: config, type: FileChange.deleted });
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(loose, p => p.diagnostics.length === 1)).diagnostics,
      [orphan(3)],
    );
  });

  it('reads the config in the first scan', async () => {
    ws.write('.specwright.yaml', 'rules:\n  orphan: warning\n');
    client = await LspClient.start({ folders: [ws.uri()] });
    assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, [orphan(2)]);
  });

  it('reports problems in the config on the config file, and applies the default meanwhile', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(loose);

    ws.write('.specwright.yaml', 'rules:\n  orphan: loud\n');
    const since = client.mark(config); // the scan may have published [] for the absent config
    client.filesChanged({ uri: config, type: FileChange.created });
    const problems = await client.waitForDiagnostics(config, () => true, { since });
    assert.deepStrictEqual(problems.diagnostics, [
      {
        range: range(1, 10, 1, 14),
        severity: 1,
        code: 'schema',
        source: 'specwright',
        message: 'rule orphan must be one of error, warning, info, off (got "loud")',
      },
    ]);
    assert.deepStrictEqual(client.latest(loose)!.diagnostics, [orphan(3)]);

    ws.write('.specwright.yaml', 'rules:\n  orphan: warning\n');
    client.filesChanged({ uri: config, type: FileChange.changed });
    await client.waitForDiagnostics(config, p => p.diagnostics.length === 0);
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(loose, p => severities(p)[0] === 2)).diagnostics,
      [orphan(2)],
    );
  });

  it('re-publishes open documents with their version when the config changes', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(loose);
    client.open(loose, ws.read('loose.epic.yaml'), 4);
    await client.waitForDiagnostics(loose, p => p.version === 4);

    ws.write('.specwright.yaml', 'rules:\n  orphan: error\n');
    client.filesChanged({ uri: config, type: FileChange.created });
    const p = await client.waitForDiagnostics(loose, p => severities(p)[0] === 1);
    assert.strictEqual(p.version, 4);
  });

  it('ignores a .specwright.yaml that is not at the root of a workspace folder', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(loose);
    const sinceLoose = client.mark(loose);
    const nested = ws.write('sub/.specwright.yaml', 'rules:\n  orphan: off\n');
    const marker = ws.write('marker.epic.yaml', 'id: EPIC-M\ntitle: Marker\nrelease: R-1\n');
    client.filesChanged({ uri: nested, type: FileChange.created }, { uri: marker, type: FileChange.created });
    await client.waitForDiagnostics(marker);
    assert.strictEqual(client.mark(loose), sinceLoose);
    assert.deepStrictEqual(client.history(nested), []);
  });
});
