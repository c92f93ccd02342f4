import * as assert from 'assert';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { OpenDocument } from './featureFixture';
import { LspClient } from './lspClient';
import { FileChange, range, TempWorkspace } from './tempWorkspace';

/**
 * test/fixtures/protocol-features-settings: loose.epic.yaml (EPIC-9) names
 * no release (orphan, info by default); archive/old.epic.yaml is an old copy
 * that defines EPIC-9 again (duplicate-id unless it is excluded).
 */
describe('protocol: settings (specwright.rules, specwright.exclude)', () => {
  let ws: TempWorkspace;
  let client: LspClient | undefined;
  let loose: string;
  let archived: string;
  let roadmap: string;

  const orphan = (severity: number) => ({
    range: range(0, 4, 0, 10),
    severity,
    code: 'orphan',
    source: 'specwright',
    message: 'EPIC-9 is not scheduled: it names no release',
  });
  const summary = (p: PublishDiagnosticsParams) => p.diagnostics.map(d => [d.code, d.severity]);
  const start = (settings?: unknown) =>
    LspClient.start({
      folders: [ws.uri()],
      initializationOptions: settings === undefined ? undefined : { settings },
    });
  const configure = (specwright: unknown) =>
    client!.notify('workspace/didChangeConfiguration', { settings: { specwright } });

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-features-settings');
    loose = ws.uri('loose.epic.yaml');
    archived = ws.uri('archive/old.epic.yaml');
    roadmap = ws.uri('product.roadmap.yaml');
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
  });

  describe('rules', () => {
    it('settings alone: `orphan: off` turns the code off', async () => {
      client = await start({ rules: { orphan: 'off' }, exclude: ['archive/**'] });
      assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, []);
    });

    it('.specwright.yaml wins over the settings for the codes it names', async () => {
      ws.write('.specwright.yaml', 'rules:\n  orphan: warning\n');
      client = await start({ rules: { orphan: 'off' }, exclude: ['archive/**'] });
      assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, [orphan(2)]);

      // Without the file, the settings apply again.
      ws.remove('.specwright.yaml');
      client.filesChanged({ uri: ws.uri('.specwright.yaml'), type: FileChange.deleted });
      await client.waitForDiagnostics(loose, p => p.diagnostics.length === 0);
    });

    it('the file overrides only the codes it names; the settings fill in the rest', async () => {
      ws.write('.specwright.yaml', 'rules:\n  duplicate-id: warning\n');
      client = await start({ rules: { orphan: 'error', 'duplicate-id': 'off' } });
      // archive/ is read (no exclude): EPIC-9 is defined twice.
      assert.deepStrictEqual(summary(await client.waitForDiagnostics(loose)), [
        ['duplicate-id', 2],
        ['orphan', 1],
      ]);
    });

    it('workspace/didChangeConfiguration republishes every file whose severities changed; a notification without settings is ignored', async () => {
      client = await start({ rules: {}, exclude: ['archive/**'] });
      assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, [orphan(3)]);
      await client.waitForDiagnostics(roadmap);
      const sinceLoose = client.mark(loose);
      const sinceRoadmap = client.mark(roadmap);

      client.notify('workspace/didChangeConfiguration', { settings: null });
      client.notify('workspace/didChangeConfiguration', { settings: { other: { x: 1 } } });
      configure({ rules: { orphan: 'error' }, exclude: ['archive/**'] });
      assert.deepStrictEqual(
        (await client.waitForDiagnostics(loose, () => true, { since: sinceLoose })).diagnostics,
        [orphan(1)],
      );
      // A request answered after the change: every publish of that change has arrived before its answer.
      await client.request('workspace/symbol', { query: '' });
      assert.strictEqual(
        client.mark(roadmap),
        sinceRoadmap,
        'the roadmap, whose findings are the same, is not sent again',
      );
      assert.strictEqual(
        client.mark(loose),
        sinceLoose + 1,
        'the notifications without settings changed nothing',
      );

      // Unknown severities are dropped: the default comes back.
      configure({ rules: { orphan: 'loud' }, exclude: ['archive/**'] });
      assert.deepStrictEqual(
        (await client.waitForDiagnostics(loose, p => p.diagnostics[0]?.severity === 3)).diagnostics,
        [orphan(3)],
      );
    });

    it('refuses internal-error and unknown codes as .specwright.yaml does, and tells the user once about each', async () => {
      client = await start({
        rules: { 'internal-error': 'off', orphan: 'warning' },
        exclude: ['archive/**'],
      });
      // The rest of the setting applies.
      assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, [orphan(2)]);
      const internal =
        'Specwright: ignored in specwright.rules: rule "internal-error" cannot be set: Specwright\'s own failures are always reported.';
      assert.deepStrictEqual(client.shown, [internal]);
      assert.ok(client.logMessages.some(m => m.type === 2 && m.message === internal));

      configure({
        rules: { 'internal-error': 'info', orphn: 'off', orphan: 'error' },
        exclude: ['archive/**'],
      });
      await client.waitForDiagnostics(loose, p => p.diagnostics[0]?.severity === 1);
      configure({ rules: { 'internal-error': 'off', orphn: 'off' }, exclude: ['archive/**'] });
      await client.waitForDiagnostics(loose, p => p.diagnostics[0]?.severity === 3);
      assert.deepStrictEqual(client.shown, [
        internal,
        'Specwright: ignored in specwright.rules: unknown rule "orphn" (did you mean "orphan"?).',
      ]);
    });

    it('re-publishes open documents with their version', async () => {
      client = await start({ rules: {}, exclude: ['archive/**'] });
      await client.waitForDiagnostics(loose);
      const doc = new OpenDocument(client, loose, ws.read('loose.epic.yaml'), 3);
      await doc.published();
      configure({ rules: { orphan: 'warning' }, exclude: ['archive/**'] });
      const p = await client.waitForDiagnostics(loose, p => p.diagnostics[0]?.severity === 2);
      assert.strictEqual(p.version, 3);
    });
  });

  describe('exclude', () => {
    it('leaves excluded files out of the scan; a change of the setting rescans and forgets what is now excluded', async () => {
      client = await start({ rules: {}, exclude: ['archive/**'] });
      assert.deepStrictEqual((await client.waitForDiagnostics(loose)).diagnostics, [orphan(3)]);
      assert.deepStrictEqual(client.history(archived), []);

      configure({ rules: {}, exclude: [] });
      assert.deepStrictEqual(summary(await client.waitForDiagnostics(archived)), [['duplicate-id', 1]]);
      assert.deepStrictEqual(
        summary(await client.waitForDiagnostics(loose, p => p.diagnostics.length === 2)),
        [
          ['duplicate-id', 1],
          ['orphan', 3],
        ],
      );

      // A folder pattern excludes what is in it.
      configure({ rules: {}, exclude: ['archive'] });
      assert.deepStrictEqual(
        (await client.waitForDiagnostics(archived, p => p.diagnostics.length === 0)).diagnostics,
        [],
      );
      assert.deepStrictEqual(
        (await client.waitForDiagnostics(loose, p => p.diagnostics.length === 1)).diagnostics,
        [orphan(3)],
      );
    });

    it('watched-file events for excluded files and for folders the scan skips are ignored', async () => {
      client = await start({ rules: {}, exclude: ['archive/**', '**/*.draft.epic.yaml'] });
      await client.waitForDiagnostics(loose);
      const sinceLoose = client.mark(loose);
      const twin = (name: string) => ws.write(name, 'id: EPIC-9\ntitle: Twin\nrelease: R-1\n');
      const ignored = [
        twin('node_modules/pkg/twin.epic.yaml'),
        twin('.git/twin.epic.yaml'),
        twin('dist/twin.epic.yaml'),
        twin('out/twin.epic.yaml'),
        twin('sub/node_modules/twin.epic.yaml'),
        twin('archive/new.epic.yaml'),
        twin('plans/twin.draft.epic.yaml'),
      ];
      ws.write('archive/old.epic.yaml', ws.read('archive/old.epic.yaml') + 'status: done\n');
      const marker = ws.write('marker.epic.yaml', 'id: EPIC-M\ntitle: Marker\nrelease: R-1\n');
      client.filesChanged(
        ...ignored.map(uri => ({ uri, type: FileChange.created })),
        { uri: archived, type: FileChange.changed },
        { uri: marker, type: FileChange.created },
      );
      // The events arrive together: once the marker is published, the others were handled (and left out).
      assert.deepStrictEqual((await client.waitForDiagnostics(marker)).diagnostics, []);
      for (const uri of [...ignored, archived]) assert.deepStrictEqual(client.history(uri), [], uri);
      assert.strictEqual(client.mark(loose), sinceLoose, 'no twin of EPIC-9 was read');
    });

    it('an excluded document counts while it is open, and is forgotten when closed', async () => {
      client = await start({ rules: {}, exclude: ['archive/**'] });
      await client.waitForDiagnostics(loose);
      const doc = new OpenDocument(client, archived, ws.read('archive/old.epic.yaml'));
      assert.deepStrictEqual(summary(await doc.published()), [['duplicate-id', 1]]);
      await client.waitForDiagnostics(loose, p => p.diagnostics.length === 2);

      client.close(archived);
      await client.waitForDiagnostics(archived, p => p.version === undefined && p.diagnostics.length === 0);
      assert.deepStrictEqual(
        (await client.waitForDiagnostics(loose, p => p.diagnostics.length === 1)).diagnostics,
        [orphan(3)],
      );
    });
  });
});
