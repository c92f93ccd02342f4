/**
 * Code and test files in the language server (format 1.1, "References from
 * code and tests"), on test/fixtures/protocol-trace: a `.ts` and a `.py`
 * file each for hover, definition, references, completion and rename;
 * `unresolved-link` published on an open code file as it is typed; a
 * watched JUnit file flipping `failing-test`; files appearing and
 * disappearing; a changed `trace:` listing the files again.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type {
  CompletionList,
  Hover,
  Location,
  LocationLink,
  MarkupContent,
  PublishDiagnosticsParams,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { at, OpenDocument, type Session } from './featureFixture';
import { LspClient, messageOf } from './lspClient';
import { FileChange, range, TempWorkspace } from './tempWorkspace';

const PRD = 'checkout.prd.yaml';
const STORIES = 's1.stories.yaml';
const TS = 'src/cart.ts';
const PY = 'app/cart.py';
const TS_TEST = 'test/cart.test.ts';
const PY_TEST = 'tests/test_cart.py';
const JUNIT = 'reports/junit.xml';

const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map(d => String(d.code));
const hoverText = (h: Hover | null): string => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('protocol: references from code and tests', () => {
  let s: Session;

  beforeEach(async () => {
    // The TypeScript files are written here, not kept in the fixture: the project's tsc and ESLint take every .ts under test/.
    const ws = TempWorkspace.copy('protocol-trace');
    ws.write(TS, '// @implements REQ-101\nexport function pay(): void {}\n');
    ws.write(TS_TEST, "// @verifies REQ-101\nit('pays', () => undefined);\n");
    const client = await LspClient.start({ folders: [ws.uri()] });
    for (const f of [PRD, STORIES]) await client.waitForDiagnostics(ws.uri(f));
    s = { ws, client, uri: r => ws.uri(r) };
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  /** Open a code or test file as it is on disk; resolves once the server has published it with its version. */
  async function open(relative: string): Promise<OpenDocument> {
    const doc = new OpenDocument(s.client, s.uri(relative), s.ws.read(relative));
    await doc.published();
    return doc;
  }

  it('counts in the log a binary and a huge file that trace: names, and serves the rest with no error', async () => {
    s.client.dispose();
    s.ws.write('src/blob.ts', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]));
    s.ws.write('app/huge.py', `# @implements REQ-404\n${'x'.repeat(2 * 1024 * 1024)}\n`);
    const client = await LspClient.start({ folders: [s.ws.uri()] });
    s = { ...s, client };
    const line = await client.waitFor('the skipped line', () =>
      client.logMessages.find(m => m.message.startsWith('skipped ')),
    );
    assert.match(
      line.message,
      /^skipped 2 files that trace: names: \S+\/app\/huge\.py \(.*2 MB.*\); \S+\/src\/blob\.ts \(.+\)$/,
    );
    assert.strictEqual(line.type, 3);
    // Not a crash, nor an error: the rest of the workspace is served.
    await client.waitForDiagnostics(s.ws.uri(PRD));
    assert.deepStrictEqual(
      client.logMessages.filter(m => m.type === 1),
      [],
    );
  });

  it('tells the client which code and test files it serves, and watches them with the results', async () => {
    const sent = await s.client.waitForNotification<{ folders: { rootUri: string; globs: string[] }[] }>(
      'specwright/sourceFiles',
    );
    assert.deepStrictEqual(sent, {
      folders: [
        {
          rootUri: s.ws.uri(),
          globs: ['src/**/*.ts', 'app/**/*.py', 'test/**/*.ts', 'tests/**/*.py'],
        },
      ],
    });
    // Watched with the results, as `**/` globs for a client without relative patterns (this one).
    const patterns = ['src/**/*.ts', 'app/**/*.py', 'test/**/*.ts', 'tests/**/*.py', 'reports/*.xml'];
    await s.client.waitFor('the trace file watchers', () => {
      const watched = s.client.registrations
        .filter(r => r.method === 'workspace/didChangeWatchedFiles')
        .flatMap(r => (r.registerOptions as { watchers: { globPattern: unknown }[] }).watchers)
        .map(w => w.globPattern);
      return patterns.every(p => watched.includes(`**/${p}`)) ? true : undefined;
    });
  });

  it('announces the code and test files once per start, after the scan, even on a warm start with a document open at once', async () => {
    s.client.dispose();
    // A warm start (the index cache of a first start present) awaits the cache before its scan: a
    // document opened meanwhile was committed first, and "none" announced before the globs (the VS
    // Code client restarts the server on each change of the served files, so it restarted in a loop).
    const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-storage-'));
    try {
      for (const round of ['cold', 'warm']) {
        const client = await LspClient.start({
          folders: [s.ws.uri()],
          initializationOptions: { storagePath: storage },
        });
        s = { ...s, client };
        const doc = new OpenDocument(client, s.uri(PRD), s.ws.read(PRD));
        await doc.published();
        await client.waitForNotification('specwright/sourceFiles');
        await client.waitForDiagnostics(s.uri(STORIES));
        assert.deepStrictEqual(
          client.notifications
            .filter(n => n.method === 'specwright/sourceFiles')
            .map(n => (n.params as { folders: { globs: string[] }[] }).folders.map(f => f.globs.length)),
          [[4]],
          round,
        );
        if (round === 'cold') {
          await client.waitFor('the cache written', () =>
            fs.readdirSync(storage).length ? true : undefined,
          );
          client.dispose();
        }
      }
    } finally {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });

  for (const [file, line, character] of [
    [TS, 0, 15],
    [PY, 0, 14],
  ] as const)
    it(`hover on a referenced ID in a ${file.slice(-3)} file shows the item's card, as in YAML`, async () => {
      await open(file);
      const inCode = await s.client.request<Hover>('textDocument/hover', at(s.uri(file), line, character));
      // The same ID as a link in YAML: `implements: [REQ-101]` of ST-301.
      const inYaml = await s.client.request<Hover>('textDocument/hover', at(s.uri(STORIES), 5, 18));
      const card = hoverText(inYaml);
      assert.match(card, /Saved cards/);
      if (file === TS) {
        assert.strictEqual(hoverText(inCode), card);
        assert.deepStrictEqual(inCode.range, range(0, 15, 0, 22));
      } else {
        // `REQ-101#2`: the card, and the criterion it names.
        assert.strictEqual(hoverText(inCode), `${card}\n\nAcceptance criterion 2: Paying takes one click`);
        assert.deepStrictEqual(inCode.range, range(0, 14, 0, 21));
      }
    });

  for (const file of [TS, PY])
    it(`go to definition from a ${file.slice(-3)} file lands on the item's ID`, async () => {
      await open(file);
      const links = await s.client.request<LocationLink[]>(
        'textDocument/definition',
        at(s.uri(file), 0, file === TS ? 17 : 16),
      );
      assert.strictEqual(links.length, 1);
      assert.strictEqual(links[0].targetUri, s.uri(PRD));
      assert.deepStrictEqual(links[0].targetSelectionRange, range(3, 8, 3, 15));
      assert.deepStrictEqual(
        links[0].originSelectionRange,
        file === TS ? range(0, 15, 0, 22) : range(0, 14, 0, 21),
      );
    });

  it('find references of a requirement lists spec links, code references and tests together, from YAML, .ts and .py', async () => {
    const expected = [
      { uri: s.uri(PY), range: range(0, 14, 0, 21) },
      { uri: s.uri(PRD), range: range(3, 8, 3, 15) },
      { uri: s.uri(STORIES), range: range(5, 17, 5, 24) },
      { uri: s.uri(TS), range: range(0, 15, 0, 22) },
      { uri: s.uri(TS_TEST), range: range(0, 13, 0, 20) },
    ].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const ask = (uri: string, line: number, character: number): Promise<Location[]> =>
      s.client.request<Location[]>('textDocument/references', {
        ...at(uri, line, character),
        context: { includeDeclaration: true },
      });
    assert.deepStrictEqual(await ask(s.uri(PRD), 3, 10), expected);
    await open(TS);
    await open(PY);
    assert.deepStrictEqual(await ask(s.uri(TS), 0, 16), expected);
    assert.deepStrictEqual(await ask(s.uri(PY), 0, 20), expected);
    // A story: the test file that verifies it.
    const story = await ask(s.uri(STORIES), 3, 10);
    assert.deepStrictEqual(story, [
      { uri: s.uri(STORIES), range: range(3, 8, 3, 14) },
      { uri: s.uri(PY_TEST), range: range(0, 12, 0, 18) },
    ]);
  });

  for (const file of [TS, PY])
    it(`completes IDs after @implements / @verifies in a ${file.slice(-3)} file, and criteria after REQ-101#`, async () => {
      const doc = await open(file);
      const comment = file === TS ? '//' : '#';
      doc.set(
        `${comment} @implements \n${comment} @verifies REQ-101, R\n${comment} @verifies REQ-101#\nx @other \n`,
      );
      await doc.published();
      const labels = async (line: number, character: number): Promise<string[]> =>
        (
          await s.client.request<CompletionList>('textDocument/completion', at(doc.uri, line, character))
        ).items.map(i => i.label);
      const tag = comment.length + ' @implements '.length;
      assert.deepStrictEqual(await labels(0, tag), ['REQ-101', 'REQ-102', 'ST-301']);
      const second = `${comment} @verifies REQ-101, R`.length;
      assert.deepStrictEqual(await labels(1, second), ['REQ-101', 'REQ-102']);
      const list = await s.client.request<CompletionList>(
        'textDocument/completion',
        at(doc.uri, 2, `${comment} @verifies REQ-101#`.length),
      );
      assert.deepStrictEqual(
        list.items.map(i => [i.label, i.detail]),
        [
          ['REQ-101#1', 'The card list shows saved cards'],
          ['REQ-101#2', 'Paying takes one click'],
        ],
      );
      assert.deepStrictEqual(
        (list.items[1].textEdit as { range: unknown }).range,
        range(2, `${comment} @verifies `.length, 2, `${comment} @verifies REQ-101#`.length),
      );
      // Not after another tag, nor before the tag.
      assert.deepStrictEqual(await labels(3, 9), []);
      assert.deepStrictEqual(await labels(0, 1), []);
    });

  for (const file of [TS, PY])
    it(`rename from a ${file.slice(-3)} file rewrites YAML, code and tests: versioned edits for open files, plain for closed ones`, async () => {
      const doc = await open(file);
      const other = file === TS ? PY : TS;
      const edit = await s.client.request<WorkspaceEdit>('textDocument/rename', {
        ...at(s.uri(file), 0, file === TS ? 16 : 15),
        newName: 'REQ-900',
      });
      const changes = (edit.documentChanges ?? []) as TextDocumentEdit[];
      const byUri = Object.fromEntries(
        changes.map(c => [c.textDocument.uri, { version: c.textDocument.version, edits: c.edits }]),
      );
      const one = (r: ReturnType<typeof range>) => [{ range: r, newText: 'REQ-900' }];
      assert.deepStrictEqual(byUri, {
        [s.uri(PRD)]: { version: null, edits: one(range(3, 8, 3, 15)) },
        [s.uri(STORIES)]: { version: null, edits: one(range(5, 17, 5, 24)) },
        [s.uri(file)]: {
          version: doc.version,
          edits: one(file === TS ? range(0, 15, 0, 22) : range(0, 14, 0, 21)),
        },
        [s.uri(other)]: {
          version: null,
          edits: one(other === TS ? range(0, 15, 0, 22) : range(0, 14, 0, 21)),
        },
        [s.uri(TS_TEST)]: { version: null, edits: one(range(0, 13, 0, 20)) },
      });
    });

  it('publishes unresolved-link on an open code file as it is typed, from the buffer, not the disk', async () => {
    const doc = await open(PY);
    assert.deepStrictEqual((await doc.published()).diagnostics, []);
    doc.set('# @implements REQ-101#2, REQ-10\ndef pay():\n    pass\n');
    const typed = await doc.published(p => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      typed.diagnostics.map(d => [d.code, d.range, messageOf(d), d.severity]),
      [
        [
          'unresolved-link',
          range(0, 25, 0, 31),
          'REQ-10 is not defined in this workspace (did you mean REQ-101?)',
          1,
        ],
      ],
    );
    doc.set('# @implements REQ-101#2, REQ-102\ndef pay():\n    pass\n');
    assert.deepStrictEqual((await doc.published()).diagnostics, []);
    // The disk still holds the first text; a watched change of the file leaves the buffer in charge.
    doc.set('# @implements REQ-404\n');
    await doc.published(p => p.diagnostics.length === 1);
    s.ws.write(PY, '# @implements REQ-101\n');
    s.client.filesChanged({ uri: doc.uri, type: FileChange.changed });
    // Closing it: the disk counts again (no finding there), published without a version.
    const mark = s.client.mark(doc.uri);
    s.client.close(doc.uri);
    const closed = await s.client.waitForDiagnostics(doc.uri, () => true, { since: mark });
    assert.deepStrictEqual([closed.version, closed.diagnostics], [undefined, []]);
  });

  it('a watched change to a JUnit file flips failing-test; results and code files appearing and disappearing', async () => {
    const prd = s.uri(PRD);
    await s.client.waitForDiagnostics(prd, p => JSON.stringify(codes(p)) === '["orphan"]');
    const junit = s.uri(JUNIT);
    const failing =
      '<testsuite name="cart"><testcase classname="cart" name="pays [REQ-101]"><failure message="no"/></testcase></testsuite>\n';
    s.ws.write(JUNIT, failing);
    s.client.filesChanged({ uri: junit, type: FileChange.changed });
    const failed = await s.client.waitForDiagnostics(prd, p => codes(p).includes('failing-test'));
    assert.deepStrictEqual(
      failed.diagnostics.filter(d => d.code === 'failing-test').map(d => [d.range, messageOf(d)]),
      [[range(3, 8, 3, 15), 'a test of REQ-101 failed in the latest results: "cart pays [REQ-101]" failed']],
    );
    // The results file deleted: REQ-101 is still verified by test/cart.test.ts (a @verifies reference).
    s.ws.remove(JUNIT);
    s.client.filesChanged({ uri: junit, type: FileChange.deleted });
    await s.client.waitForDiagnostics(prd, p => JSON.stringify(codes(p)) === '["orphan"]');
    // The test file deleted too: REQ-101 is done and nothing verifies it.
    s.client.filesChanged({ uri: s.ws.remove(TS_TEST), type: FileChange.deleted });
    s.client.filesChanged({ uri: s.ws.remove(PY_TEST), type: FileChange.deleted });
    const unverified = await s.client.waitForDiagnostics(prd, p => codes(p).includes('unverified'));
    assert.deepStrictEqual(
      unverified.diagnostics.filter(d => d.code === 'unverified').map(d => d.range),
      [range(3, 8, 3, 15)],
    );
    // A new test file appears (in a new folder), with an unknown ID too.
    const created = s.ws.write('tests/more/test_more.py', '# @verifies REQ-101, ST-999\n');
    s.client.filesChanged({ uri: created, type: FileChange.created });
    await s.client.waitForDiagnostics(prd, p => JSON.stringify(codes(p)) === '["orphan"]');
    const more = await s.client.waitForDiagnostics(created, p => p.diagnostics.length === 1);
    assert.deepStrictEqual(
      more.diagnostics.map(d => [d.code, d.range]),
      [['unresolved-link', range(0, 21, 0, 27)]],
    );
    // Its folder deleted: one event for the folder takes the file with it.
    s.ws.remove('tests/more/test_more.py');
    s.client.filesChanged({ uri: s.uri('tests/more'), type: FileChange.deleted });
    await s.client.waitForDiagnostics(created, p => p.diagnostics.length === 0);
    await s.client.waitForDiagnostics(prd, p => codes(p).includes('unverified'));
  });

  it('a changed trace: in .specwright.yaml lists the files again, and tells the client', async () => {
    const py = s.uri(PY);
    s.ws.write(PY, '# @implements REQ-404\n');
    s.client.filesChanged({ uri: py, type: FileChange.changed });
    await s.client.waitForDiagnostics(py, p => p.diagnostics.length === 1);
    const since = s.client.notifications.length;
    s.ws.write('.specwright.yaml', 'trace:\n  code: [src/**/*.ts]\n  tests: [test/**/*.ts]\n');
    s.client.filesChanged({ uri: s.uri('.specwright.yaml'), type: FileChange.changed });
    // app/ is no longer code: its finding goes.
    await s.client.waitForDiagnostics(py, p => p.diagnostics.length === 0);
    const sent = await s.client.waitForNotification<{ folders: { globs: string[] }[] }>(
      'specwright/sourceFiles',
      () => true,
      since,
    );
    assert.deepStrictEqual(
      sent.folders.map(f => f.globs),
      [['src/**/*.ts', 'test/**/*.ts']],
    );
    // And back: app/ is read again.
    s.ws.write('.specwright.yaml', 'trace:\n  code: [app/**/*.py]\n');
    s.client.filesChanged({ uri: s.uri('.specwright.yaml'), type: FileChange.changed });
    await s.client.waitForDiagnostics(py, p => p.diagnostics.length === 1);
  });
});
