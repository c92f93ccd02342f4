import * as assert from 'assert';
import { codes, duplicateInA, expectedA, req999 } from './basicFixture';
import { LspClient, messageOf } from './lspClient';
import { FileChange, range, TempWorkspace } from './tempWorkspace';

/** The end of b.prd.yaml (after its last line), where a requirement can be appended. */
const endOfB = range(12, 0, 12, 0);

function prd(id: string, requirement: string): string {
  return `id: ${id}\ntitle: Extra\nepic: EPIC-1\nrequirements:\n  - id: ${requirement}\n    title: Extra requirement\n    statement: Defined in another file.\n    priority: should\n`;
}

describe('protocol: findings across files', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let a: string;
  const hasUnresolved = (p: { diagnostics: { code?: unknown }[] }) =>
    codes(p as never).includes('unresolved-link');

  beforeEach(async () => {
    ws = TempWorkspace.copy('protocol-basic');
    a = ws.uri('a.prd.yaml');
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(a, hasUnresolved);
  });
  afterEach(() => {
    client.dispose();
    ws.dispose();
  });

  it('an unresolved link in a closed file follows a definition typed in an open one', async () => {
    const b = ws.uri('b.prd.yaml');
    client.open(b, ws.read('b.prd.yaml'), 1);
    await client.waitForDiagnostics(b, p => p.version === 1);

    client.change(b, 2, { range: endOfB, text: req999 });
    const cleared = await client.waitForDiagnostics(a, p => !hasUnresolved(p), { since: client.mark(a) });
    assert.strictEqual(cleared.version, undefined);
    assert.deepStrictEqual(cleared.diagnostics, [duplicateInA(r => ws.uri(r))]);

    client.change(b, 3, { range: range(12, 0, 16, 0), text: '' });
    const back = await client.waitForDiagnostics(a, hasUnresolved, { since: client.mark(a) });
    assert.deepStrictEqual(
      back.diagnostics,
      expectedA(r => ws.uri(r)),
    );
  });

  it('follows files created, changed, renamed and deleted on disk (watched-file events)', async () => {
    const c = ws.write('c.prd.yaml', prd('PRD-C', 'REQ-999'));
    client.filesChanged({ uri: c, type: FileChange.created });
    assert.deepStrictEqual((await client.waitForDiagnostics(a, p => !hasUnresolved(p))).diagnostics, [
      duplicateInA(r => ws.uri(r)),
    ]);
    assert.deepStrictEqual((await client.waitForDiagnostics(c)).diagnostics, []);

    ws.write('c.prd.yaml', prd('PRD-C', 'REQ-998'));
    client.filesChanged({ uri: c, type: FileChange.changed });
    // REQ-998 is now the closest ID, so the finding suggests it.
    const suggested = expectedA(r => ws.uri(r)).map(d =>
      d.code === 'unresolved-link' ? { ...d, message: `${messageOf(d)} (did you mean REQ-998?)` } : d,
    );
    assert.deepStrictEqual((await client.waitForDiagnostics(a, hasUnresolved)).diagnostics, suggested);

    // A rename arrives as delete + create.
    ws.remove('c.prd.yaml');
    const d = ws.write('renamed.prd.yaml', prd('PRD-C', 'REQ-999'));
    const sinceC = client.mark(c);
    client.filesChanged({ uri: c, type: FileChange.deleted }, { uri: d, type: FileChange.created });
    await client.waitForDiagnostics(a, p => !hasUnresolved(p));
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(c, () => true, { since: sinceC })).diagnostics,
      [],
    );
    assert.deepStrictEqual((await client.waitForDiagnostics(d)).diagnostics, []);

    ws.remove('renamed.prd.yaml');
    client.filesChanged({ uri: d, type: FileChange.deleted });
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(a, hasUnresolved)).diagnostics,
      expectedA(r => ws.uri(r)),
    );
  });

  it('ignores disk changes to an open document until it is closed', async () => {
    const b = ws.uri('b.prd.yaml');
    client.open(b, ws.read('b.prd.yaml'), 1);
    await client.waitForDiagnostics(b, p => p.version === 1);
    const sinceB = client.mark(b);

    ws.write('b.prd.yaml', ws.read('b.prd.yaml') + req999);
    const marker = ws.write('marker.epic.yaml', 'id: EPIC-M\ntitle: Marker\nrelease: R-1\n');
    client.filesChanged({ uri: b, type: FileChange.changed }, { uri: marker, type: FileChange.created });
    // Both events are handled together: once the marker is published, b's event was handled too.
    assert.deepStrictEqual((await client.waitForDiagnostics(marker)).diagnostics, []);
    assert.strictEqual(client.mark(b), sinceB, 'the open document b was not re-published from disk');
    assert.ok(hasUnresolved(client.latest(a)!), 'REQ-999 on disk in an open document does not count');

    client.close(b);
    const closed = await client.waitForDiagnostics(b, () => true, { since: sinceB });
    assert.strictEqual(closed.version, undefined);
    assert.deepStrictEqual((await client.waitForDiagnostics(a, p => !hasUnresolved(p))).diagnostics, [
      duplicateInA(r => ws.uri(r)),
    ]);
  });
});
