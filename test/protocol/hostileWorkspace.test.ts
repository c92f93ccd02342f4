/**
 * Hostile situations for the running server that involve more than one file
 * or more than one message: typing in a 2 MB spec, typing in a 50 MiB open
 * document, BOM, CRLF and emoji from disk and from the editor, a merge conflict that
 * must not flood other files, a 2,000-file checkout switch announced one
 * watched-file event at a time, a 100,000-node dependency cycle, and requests
 * (and cancellations) while a large workspace is being read.
 *
 * Their time budgets are measured by the benchmark (bench/hostile.ts,
 * bench/run.ts); a test asserts what is published and waits for it up to a
 * hang guard (test/unit/reliability/timing.ts).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import {
  bigCycle,
  bigPrd,
  conflictMarkers,
  conflicted,
  emojiFindings,
  emojiText,
  hugeScalar,
  Scratch,
  tooLarge,
} from '../unit/reliability/hostileCorpus';
import { hangGuard } from '../unit/reliability/timing';
import { LspClient, messageOf } from './lspClient';
import { FileChange, range } from './tempWorkspace';

const RequestCancelled = -32800;
const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const codes = (p: PublishDiagnosticsParams | undefined): string[] =>
  (p?.diagnostics ?? []).map(d => String(d.code));
/** Print measured figures (for docs/reliability.md) when SPECWRIGHT_FIGURES is set. */
const figure = (what: string, value: string): void => {
  if (process.env.SPECWRIGHT_FIGURES) console.log(`      figure: ${what}: ${value}`);
};

/** The position of an offset in a text. */
function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

describe('protocol: hostile workspaces', function () {
  this.timeout(300_000);
  let ws: Scratch;
  let client: LspClient | undefined;
  beforeEach(() => {
    ws = new Scratch();
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
  });

  it('a 2 MB spec file while typing in it: every edit is published, requests are answered meanwhile', async () => {
    const { text, requirements } = bigPrd();
    const uri = ws.write('big.prd.yaml', text);
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(uri, () => true, { timeoutMs: 20_000 });
    let current = text;
    let version = 1;
    client.open(uri, current, version);
    await client.waitForDiagnostics(uri, p => p.version === version, { timeoutMs: 20_000 });
    /** One incremental change: replace `find` (first occurrence) with `by`. */
    const edit = async (find: string, by: string): Promise<Diagnostic[]> => {
      const at = current.indexOf(find);
      assert.ok(at >= 0, find);
      const change = {
        range: { start: positionAt(current, at), end: positionAt(current, at + find.length) },
        text: by,
      };
      current = current.slice(0, at) + by + current.slice(at + find.length);
      version++;
      client!.change(uri, version, change);
      return (
        await client!.waitForDiagnostics(uri, q => q.version === version, { timeoutMs: hangGuard(1000) })
      ).diagnostics;
    };
    const steps: [string, string][] = [
      ['title: Checkout, end to end', 'title: Checkout, end to end!'],
      ['status: draft', 'status: done'],
      ['  - id: REQ-500\n', '  - id: REQ-500\n    owner: Bob\n'],
      ['depends_on: [REQ-700]', 'depends_on: [REQ-7000]'],
      ['priority: must', 'priority: [must'],
      ['priority: [must', 'priority: must'],
      ['  - id: REQ-900\n', ''],
    ];
    for (const [find, by] of steps) {
      const diagnostics = await edit(find, by);
      assert.ok(!diagnostics.some(d => d.code === 'internal-error'));
    }
    const final = client.latest(uri)!.diagnostics;
    assert.ok(final.some(d => messageOf(d).startsWith('REQ-7000 is not defined in this workspace')));
    // A hover right after a keystroke: answered from the new text, quickly.
    current = current.replace('title: Requirement 5 of', 'title: Requirement 5 of');
    const hoverAt = positionAt(current, current.indexOf('REQ-5\n') + 1);
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: hoverAt,
    });
    assert.ok(requirements > 900);
    assert.ok(hover && JSON.stringify(hover).includes('REQ-5'));
  });

  it('a 50 MiB open document, typed in: refused by the size limit at each edit; cut back under it, checked again', async () => {
    const ok = ws.write('ok.epic.yaml', lines('id: EPIC-OK', 'title: Fine', 'release: R-404'));
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(ok);
    const uri = ws.uri('huge.epic.yaml'); // never on disk: only the editor has it
    let text = hugeScalar();
    let version = 1;
    client.open(uri, text, version);
    const opened = await client.waitForDiagnostics(uri, q => q.version === 1, { timeoutMs: hangGuard(1000) });
    assert.deepEqual(
      opened.diagnostics.map(d => [d.range, d.message]),
      [[range(0, 0, 0, 0), tooLarge(50)]],
    );
    for (let k = 0; k < 4; k++) {
      const v = ++version;
      const at = k % 2 ? positionAt(text, text.length) : { line: 1, character: 7 };
      text = k % 2 ? text + 'b' : text.slice(0, 17) + 'x' + text.slice(17);
      client.change(uri, v, { range: { start: at, end: at }, text: k % 2 ? 'b' : 'x' });
      const p = await client.waitForDiagnostics(uri, q => q.version === v, { timeoutMs: hangGuard(1000) });
      assert.deepEqual(
        p.diagnostics.map(d => [d.range, d.message]),
        [[range(0, 0, 0, 0), tooLarge(50)]],
        `edit ${k + 1}`,
      );
      // The other documents are served meanwhile.
      assert.ok(
        await client.request<Hover | null>('textDocument/hover', {
          textDocument: { uri: ok },
          position: { line: 0, character: 5 },
        }),
      );
    }
    const end = positionAt(text, text.length);
    const last = version + 1;
    client.change(uri, last, {
      range: { start: { line: 0, character: 0 }, end },
      text: lines('id: EPIC-1', 'title: Small again', 'release: R-404'),
    });
    const small = await client.waitForDiagnostics(uri, p => p.version === last);
    assert.deepEqual(codes(small), ['unresolved-link']);
  });

  it('BOM, CRLF and emoji: published ranges are exact in UTF-16 units, from UTF-8 and UTF-16 bytes with a BOM on disk and from didOpen text with and without one', async () => {
    const expected = emojiFindings.map(([code, [sl, sc, el, ec], message]) => [
      code,
      range(sl, sc, el, ec),
      message,
    ]);
    const published = (p: PublishDiagnosticsParams) =>
      p.diagnostics.filter(d => d.code !== 'schema').map(d => [String(d.code), d.range, d.message]);
    // On disk: one server per encoding (the same IDs in two files would be duplicates).
    for (const [what, bytes] of [
      ['UTF-8 + BOM', Buffer.from('\ufeff' + emojiText, 'utf8')],
      ['UTF-16LE + BOM', Buffer.from('\ufeff' + emojiText, 'utf16le')],
    ] as const) {
      const disk = new Scratch();
      try {
        const uri = disk.write('emoji.prd.yaml', bytes);
        const server = await LspClient.start({ folders: [disk.uri()] });
        try {
          assert.deepEqual(published(await server.waitForDiagnostics(uri)), expected, what);
        } finally {
          server.dispose();
        }
      } finally {
        disk.dispose();
      }
    }
    // Open documents, one after the other (a closed document outside the folder is forgotten).
    client = await LspClient.start({ folders: [ws.uri()] });
    const uri = ws.uri('../emoji-open.prd.yaml');
    let version = 0;
    for (const [what, text] of [
      ['text + BOM', '\ufeff' + emojiText],
      ['text', emojiText],
    ]) {
      const v = ++version;
      client.open(uri, text, v);
      assert.deepEqual(published(await client.waitForDiagnostics(uri, p => p.version === v)), expected, what);
      client.close(uri);
    }
  });

  it('git conflict markers: one finding at the first marker; the files that link to its items are not flooded; resolving clears it', async () => {
    const prd = ws.write('checkout.prd.yaml', conflicted());
    const stories = ws.write(
      's1.stories.yaml',
      lines('id: IT-1', 'title: Sprint', 'stories:', '  - {id: ST-1, title: a, implements: [REQ-1, REQ-2]}'),
    );
    client = await LspClient.start({ folders: [ws.uri()] });
    const p = await client.waitForDiagnostics(prd);
    assert.deepEqual(
      p.diagnostics.filter(d => d.code === 'yaml-syntax').map(d => [d.range, d.message]),
      [[range(4, 0, 4, 12), conflictMarkers]],
    );
    assert.deepEqual(codes(await client.waitForDiagnostics(stories)), []);
    // Resolved on disk (theirs taken): the marker finding goes, the links still resolve.
    const mark = client.mark(prd);
    ws.write(
      'checkout.prd.yaml',
      conflicted()
        .split('\n')
        .filter(l => !/^(<<<<<<<|=======|>>>>>>>)/.test(l))
        .filter((_, i) => i < 4 || i > 5)
        .join('\n'),
    );
    client.filesChanged({ uri: prd, type: FileChange.changed });
    const resolved = await client.waitForDiagnostics(prd, () => true, { since: mark });
    assert.deepEqual(
      codes(resolved).filter(c => c === 'yaml-syntax'),
      [],
    );
    assert.deepEqual(codes(client.latest(stories)), []);
  });

  for (const [how, perNotification] of [
    ['in one notification', Infinity],
    ['one watched-file event per notification', 1],
  ] as const) {
    it(`a 2,000-file checkout switch, announced ${how}: one republish wave`, async () => {
      const n = 2000;
      const story = (dir: string, i: number) =>
        lines(
          `id: IT-${dir}-${i}`,
          'title: T',
          'stories:',
          `  - {id: ST-${dir}-${i}, title: t, implements: [REQ-${i % 50}]${i + 1 < n ? `, depends_on: [ST-${dir}-${i + 1}]` : ''}}`,
        );
      const prd = (reqs: number) =>
        lines(
          'id: PRD-1',
          'title: T',
          'epic: EPIC-1',
          'requirements:',
          ...Array.from(
            { length: reqs },
            (_, i) => `  - {id: REQ-${i}, title: t, statement: s, priority: must}`,
          ),
        );
      const prdUri = ws.write('p.prd.yaml', prd(50));
      const before = Array.from({ length: n }, (_, i) => ws.write(`a/s${i}.stories.yaml`, story('a', i)));
      const t0 = performance.now();
      client = await LspClient.start({ folders: [ws.uri()] });
      await client.waitFor(
        'the first scan',
        () => ([...before, prdUri].every(u => client!.history(u).length > 0) ? true : undefined),
        60_000,
      );
      const scanMs = performance.now() - t0;

      // The switch: a/ goes, b/ comes, the PRD loses REQ-49.
      const after = Array.from({ length: n }, (_, i) => ws.write(`b/s${i}.stories.yaml`, story('b', i)));
      for (let i = 0; i < n; i++) fs.rmSync(path.join(ws.dir, `a/s${i}.stories.yaml`));
      ws.write('p.prd.yaml', prd(49));
      const everyUri = [...before, ...after, prdUri];
      const marks = new Map(everyUri.map(u => [u, client!.mark(u)]));
      const events = [
        ...before.map(uri => ({ uri, type: FileChange.deleted })),
        ...after.map(uri => ({ uri, type: FileChange.created })),
        { uri: prdUri, type: FileChange.changed },
      ];
      const t1 = performance.now();
      for (let i = 0; i < events.length; i += Math.min(perNotification, events.length))
        client.filesChanged(...events.slice(i, i + perNotification));
      const since = (u: string) => client!.history(u).slice(marks.get(u));
      await client.waitFor(
        'the switch to settle',
        () => (everyUri.every(u => since(u).length > 0) ? true : undefined),
        60_000,
      );
      const settleMs = performance.now() - t1;
      await new Promise(resolve => setTimeout(resolve, 1500)); // a second wave would come within this
      const waves = new Map<number, number>();
      for (const u of everyUri) waves.set(since(u).length, (waves.get(since(u).length) ?? 0) + 1);
      figure(
        `2,000-file checkout, ${how}`,
        `first scan ${scanMs.toFixed(0)} ms; settled ${settleMs.toFixed(0)} ms after the first event; files by publishes ${JSON.stringify([...waves])}`,
      );
      const twice = everyUri
        .filter(u => since(u).length > 1)
        .slice(0, 5)
        .map(u => u.slice(ws.uri().length));
      assert.deepEqual(
        [...waves],
        [[1, 2 * n + 1]],
        `every file published exactly once (more: ${twice.join(', ')})`,
      );
      assert.ok(
        before.every(u => since(u)[0].diagnostics.length === 0),
        'deleted files are cleared',
      );
      assert.deepEqual(codes(since(after[49])[0]), ['unresolved-link']);
      assert.deepEqual(codes(since(after[0])[0]), []);
    });
  }

  it('a 100,000-node dependency cycle on disk: published with bounded messages; breaking it in an open document republishes every file', async () => {
    const files = bigCycle();
    for (const [name, text] of files) ws.write(name, text);
    const uris = [...files.keys()].map(n => ws.uri(n));
    const t0 = performance.now();
    client = await LspClient.start({ folders: [ws.uri()] });
    // While the workspace is read, requests are answered (the scan yields between chunks of files).
    const early = performance.now();
    await client.request('workspace/symbol', { query: 'REQ-1' });
    const answeredMs = performance.now() - early;
    await client.waitFor(
      'every file',
      () => (uris.every(u => client!.history(u).length > 0) ? true : undefined),
      120_000,
    );
    const scanMs = performance.now() - t0;
    const first = client.latest(uris[0])!.diagnostics.filter(d => d.code === 'dependency-cycle');
    assert.equal(first.length, 1000);
    assert.ok(first.every(d => messageOf(d).length < 200 && (d.relatedInformation?.length ?? 0) <= 3));
    assert.equal(
      first[0].message,
      'depends_on forms a cycle: REQ-0 → REQ-1 leads back to REQ-0 (100000 items in the cycle: REQ-0, REQ-1, REQ-2, REQ-3, REQ-4, …)',
    );
    assert.ok(answeredMs < scanMs, 'a request was answered before the scan was done');

    const p50 = ws.uri('cycle/p050.prd.yaml');
    const text = files.get('cycle/p050.prd.yaml')!;
    client.open(p50, text, 1);
    await client.waitForDiagnostics(p50, p => p.version === 1, { timeoutMs: 20_000 });
    const marks = uris.map(u => client!.mark(u));
    const at = text.indexOf('REQ-50001]');
    const t1 = performance.now();
    client.change(p50, 2, {
      range: { start: positionAt(text, at), end: positionAt(text, at + 9) },
      text: '',
    });
    await client.waitFor(
      'every file republished',
      () => (uris.every((u, i) => client!.history(u).length > marks[i]) ? true : undefined),
      60_000,
    );
    const breakMs = performance.now() - t1;
    figure(
      '100k-node cycle',
      `scan and publish ${scanMs.toFixed(0)} ms; a request during the scan answered after ${answeredMs.toFixed(0)} ms; breaking the cycle republished 100 files after ${breakMs.toFixed(0)} ms`,
    );
    assert.deepEqual(
      client.latest(uris[0])!.diagnostics.filter(d => d.code === 'dependency-cycle'),
      [],
    );
  });

  it('requests during a long scan are answered, and cancelled ones answer RequestCancelled (or their result)', async () => {
    const n = 2000;
    const uris = Array.from({ length: n }, (_, i) =>
      ws.write(
        `s/s${i}.stories.yaml`,
        lines(
          `id: IT-${i}`,
          'title: T',
          'stories:',
          `  - {id: ST-${i}, title: t, implements: [REQ-${i}], depends_on: [ST-${(i + 1) % n}]}`,
        ),
      ),
    );
    client = await LspClient.start({ folders: [ws.uri()] });
    const connection = client['connection'];
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
    const outcomes: string[] = [];
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 20; i++) {
      const source = new CancellationTokenSource();
      pending.push(
        connection.sendRequest('workspace/symbol', { query: 'ST-1' }, source.token).then(
          () => {
            outcomes.push('answered');
          },
          (err: { code?: number }) => {
            outcomes.push(err.code === RequestCancelled ? 'cancelled' : `error ${err.code}`);
          },
        ),
      );
      if (i % 2 === 0) source.cancel();
    }
    await Promise.all(pending);
    await client.waitFor(
      'the scan',
      () => (uris.every(u => client!.history(u).length > 0) ? true : undefined),
      60_000,
    );
    figure(
      'requests during a 2,000-file scan',
      JSON.stringify(outcomes.reduce<Record<string, number>>((a, o) => ({ ...a, [o]: (a[o] ?? 0) + 1 }), {})),
    );
    assert.deepEqual(
      outcomes.filter(o => o !== 'answered' && o !== 'cancelled'),
      [],
    );
    assert.ok(outcomes.filter(o => o === 'cancelled').length >= 1, JSON.stringify(outcomes));
    assert.ok(outcomes.filter(o => o === 'answered').length >= 10, JSON.stringify(outcomes));
    assert.ok(client.running);
  });
});
