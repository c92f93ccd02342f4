import * as assert from 'assert';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { LspClient } from './lspClient';
import { range, TempWorkspace } from './tempWorkspace';

/**
 * Workspace trust over the real server, on test/fixtures/ext-basic (whose
 * `.specwright.yaml` names a team schema for PRDs): `initializationOptions.trusted`
 * false → built-in schemas only, and one info finding on the config file.
 */
describe('protocol: workspace trust', () => {
  let ws: TempWorkspace;
  let client: LspClient | undefined;
  const flat = (p: PublishDiagnosticsParams) =>
    p.diagnostics.map((d: Diagnostic) => ({
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message as string,
    }));
  const start = (initializationOptions: unknown) =>
    LspClient.start({ folders: [ws.uri()], initializationOptions });
  const settings = { rules: {}, exclude: [] };

  beforeEach(() => {
    ws = TempWorkspace.copy('ext-basic');
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
  });

  it('untrusted: no team schema, and the config file says why (info)', async () => {
    client = await start({ settings, trusted: false });
    const config = await client.waitForDiagnostics(ws.uri('.specwright.yaml'), p => p.diagnostics.length > 0);
    assert.deepStrictEqual(flat(config), [
      {
        range: range(0, 0, 0, 7),
        severity: 3,
        code: 'untrusted-workspace',
        message:
          'this workspace is not trusted, so the team schemas named here are not read: files are checked against the built-in schemas only. Trust the workspace to use them.',
      },
    ]);
    const unreviewed = await client.waitForDiagnostics(ws.uri('prds/unreviewed.prd.yaml'));
    assert.deepStrictEqual(
      flat(unreviewed).map(d => [d.code, d.range, d.message.slice(0, 18)]),
      [['schema', range(8, 4, 8, 8), 'unknown key "risk"']],
    );
  });

  it('trusted: the team schema applies and there is no notice', async () => {
    client = await start({ settings, trusted: true });
    const unreviewed = await client.waitForDiagnostics(ws.uri('prds/unreviewed.prd.yaml'));
    assert.deepStrictEqual(
      flat(unreviewed).map(d => d.message),
      ['PRD is missing "compliance_review"', 'risk must be one of low, high (got "medium")'],
    );
    assert.deepStrictEqual(client.latest(ws.uri('.specwright.yaml'))?.diagnostics ?? [], []);
  });

  it('a client that says nothing about trust is trusted', async () => {
    client = await start(undefined);
    const unreviewed = await client.waitForDiagnostics(ws.uri('prds/unreviewed.prd.yaml'));
    assert.deepStrictEqual(
      flat(unreviewed).map(d => d.code),
      ['schema', 'schema'],
    );
  });
});
