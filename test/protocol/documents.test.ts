import * as assert from 'assert';
import { isDeepStrictEqual } from 'util';
import { codes, duplicateInA, expectedA, unresolvedInA } from './basicFixture';
import { LspClient, messageOf } from './lspClient';
import { range, TempWorkspace } from './tempWorkspace';

/** Where a.prd.yaml's `depends_on: [REQ-999]` names its target (line 8). */
const linkInA = range(8, 17, 8, 24);

describe('protocol: a document opened during the first scan', () => {
  it('ends with the findings of the whole workspace, under its version', async () => {
    const ws = TempWorkspace.copy('protocol-basic');
    const client = await LspClient.start({ folders: [ws.uri()] });
    try {
      const a = ws.uri('a.prd.yaml');
      client.open(a, ws.read('a.prd.yaml'), 5); // right after initialized: the scan is (most likely) still running
      // Early publishes may miss what the scan had not read yet; the last word must be complete.
      await client.waitForDiagnostics(
        a,
        p =>
          p.version === 5 &&
          isDeepStrictEqual(
            p.diagnostics,
            expectedA(r => ws.uri(r)),
          ),
      );
      assert.ok(client.history(a).every(p => p.version === undefined || p.version === 5));
    } finally {
      client.dispose();
      ws.dispose();
    }
  });
});

describe('protocol: open documents and incremental edits', () => {
  let ws: TempWorkspace;
  let client: LspClient;
  let a: string;

  beforeEach(async () => {
    ws = TempWorkspace.copy('protocol-basic');
    a = ws.uri('a.prd.yaml');
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(a); // the first scan is done
  });
  afterEach(() => {
    client.dispose();
    ws.dispose();
  });

  it('publishes an open document with its version', async () => {
    client.open(a, ws.read('a.prd.yaml'), 1);
    const p = await client.waitForDiagnostics(a, p => p.version === 1);
    assert.deepStrictEqual(
      p.diagnostics,
      expectedA(r => ws.uri(r)),
    );
  });

  it('applies range-based changes and publishes the new findings with the new version', async () => {
    client.open(a, ws.read('a.prd.yaml'), 1);
    await client.waitForDiagnostics(a, p => p.version === 1);

    // REQ-999 → REQ-DUP: the link resolves, but a must now depends on a could.
    client.change(a, 2, { range: linkInA, text: 'REQ-DUP' });
    const v2 = await client.waitForDiagnostics(a, p => p.version === 2);
    assert.deepStrictEqual(v2.diagnostics[0], {
      range: linkInA,
      severity: 2,
      code: 'priority-inversion',
      source: 'specwright',
      message: 'REQ-1 is a must but depends on REQ-DUP, which is only a could',
      relatedInformation: [
        { location: { uri: a, range: range(12, 14, 12, 19) }, message: 'REQ-DUP is a could' },
      ],
      data: { id: 'REQ-1', dependsOn: 'REQ-DUP' },
    });
    assert.deepStrictEqual(codes(v2), ['priority-inversion', 'duplicate-id']);

    // A line inserted at the top moves every finding down by one.
    client.change(a, 3, { range: range(0, 0, 0, 0), text: '# payments\n' });
    const v3 = await client.waitForDiagnostics(a, p => p.version === 3);
    assert.deepStrictEqual(
      v3.diagnostics.map(d => [d.code, d.range]),
      [
        ['priority-inversion', range(9, 17, 9, 24)],
        ['duplicate-id', range(10, 8, 10, 15)],
      ],
    );
  });

  it('coalesces a burst of edits and never publishes findings of another version', async () => {
    client.open(a, ws.read('a.prd.yaml'), 1);
    await client.waitForDiagnostics(a, p => p.version === 1);
    const since = client.mark(a);
    // Even versions name REQ-DUP (priority-inversion), odd ones REQ-999 (unresolved-link).
    for (let v = 2; v <= 11; v++)
      client.change(a, v, { range: linkInA, text: v % 2 === 0 ? 'REQ-DUP' : 'REQ-999' });
    await client.waitForDiagnostics(a, p => p.version === 11, { since });

    const publishes = client.history(a).slice(since);
    for (const p of publishes) {
      assert.ok(
        typeof p.version === 'number' && p.version >= 2 && p.version <= 11,
        `unexpected version ${p.version}`,
      );
      assert.strictEqual(
        codes(p)[0],
        p.version % 2 === 0 ? 'priority-inversion' : 'unresolved-link',
        `findings of version ${p.version}`,
      );
    }
    assert.ok(publishes.length < 10, `10 edits in one burst were checked ${publishes.length} times`);
  });

  it('on close, the file on disk counts again', async () => {
    client.open(a, ws.read('a.prd.yaml'), 1);
    client.change(a, 2, { range: linkInA, text: 'REQ-DUP' });
    await client.waitForDiagnostics(a, p => p.version === 2);
    const since = client.mark(a);
    client.close(a);
    const closed = await client.waitForDiagnostics(a, () => true, { since });
    assert.strictEqual(closed.version, undefined);
    assert.deepStrictEqual(
      closed.diagnostics,
      expectedA(r => ws.uri(r)),
    );
  });

  it('on close of a document whose file was deleted, its findings go and so do the duplicates it caused', async () => {
    const b = ws.uri('b.prd.yaml');
    client.open(b, ws.read('b.prd.yaml'), 1);
    await client.waitForDiagnostics(b, p => p.version === 1);
    ws.remove('b.prd.yaml');
    client.close(b);
    const gone = await client.waitForDiagnostics(
      b,
      p => p.version === undefined && p.diagnostics.length === 0,
    );
    assert.deepStrictEqual(gone.diagnostics, []);
    const aNow = await client.waitForDiagnostics(a, p => !codes(p).includes('duplicate-id'));
    assert.deepStrictEqual(aNow.diagnostics, [unresolvedInA]);
  });

  it('a document with a syntax error still gets its other findings', async () => {
    const s = ws.uri('syntax.prd.yaml'); // exists only in the editor
    const text = [
      'id: PRD-S',
      'title: Syntax',
      'epic: EPIC-404',
      'requirements:',
      '  - id: REQ-S1',
      '    title: One',
      '    statement: x',
      '    priority: must',
      '    status: "draft',
      '',
    ].join('\n');
    client.open(s, text, 1);
    const p = await client.waitForDiagnostics(s, p => p.version === 1);
    assert.deepStrictEqual(
      p.diagnostics.map(d => [d.code, d.range, d.severity]),
      [
        ['unresolved-link', range(2, 6, 2, 14), 1],
        ['yaml-syntax', range(9, 0, 9, 0), 1],
      ],
    );
    assert.strictEqual(p.diagnostics[0].message, 'EPIC-404 is not defined in this workspace');
    assert.match(messageOf(p.diagnostics[1]), /closing "quote/);

    // Closed without ever being saved: the file does not exist, so nothing remains.
    const since = client.mark(s);
    client.close(s);
    const closed = await client.waitForDiagnostics(s, () => true, { since });
    assert.deepStrictEqual([closed.version, closed.diagnostics], [undefined, []]);
  });

  it('keeps other files in step with an open document (duplicate-id appears and clears)', async () => {
    const b = ws.uri('b.prd.yaml');
    client.open(a, ws.read('a.prd.yaml'), 1);
    await client.waitForDiagnostics(a, p => p.version === 1);
    // Rename a's REQ-DUP to REQ-3: b's duplicate-id clears, in b (closed) too.
    client.change(a, 2, { range: range(9, 8, 9, 15), text: 'REQ-3' });
    assert.deepStrictEqual(
      (await client.waitForDiagnostics(b, p => p.diagnostics.length === 0)).version,
      undefined,
    );
    assert.deepStrictEqual((await client.waitForDiagnostics(a, p => p.version === 2)).diagnostics, [
      unresolvedInA,
    ]);
    client.change(a, 3, { range: range(9, 8, 9, 13), text: 'REQ-DUP' });
    await client.waitForDiagnostics(b, p => codes(p).includes('duplicate-id'));
    assert.deepStrictEqual((await client.waitForDiagnostics(a, p => p.version === 3)).diagnostics, [
      unresolvedInA,
      duplicateInA(r => ws.uri(r)),
    ]);
  });
});
