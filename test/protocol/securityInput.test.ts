/**
 * Issue 12, the input side, against the running server: a repository's
 * patterns run in linear time (a trusted server answered no hover in 15 s in
 * 0.1.0), its `.specwright.yaml` is read with the spec files' limits (an
 * untrusted server answered after 49 s at 3.56 GB), and an entry named
 * `..evil` is a name inside the folder, not its parent (a link of that name
 * was followed on watched-file events and on close). Hang guards are 20 s.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, SymbolInformation } from 'vscode-languageserver-protocol/node';
import { LspClient, messageOf } from './lspClient';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const guardMs = 20_000;
const settings = { rules: {}, exclude: [] };

describe('protocol: security of what a repository writes (input)', function () {
  this.timeout(90_000);
  let base: string;
  let root: string;
  let client: LspClient | undefined;
  const uri = (rel: string): string => pathToFileURL(path.join(root, rel)).href;
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const symbols = async (query: string): Promise<string[]> =>
    ((await client!.request<SymbolInformation[] | null>('workspace/symbol', { query })) ?? []).map(
      s => s.name.split(' ')[0],
    );

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-security-in-')));
    root = path.join(base, 'w');
    fs.mkdirSync(root);
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    fs.rmSync(base, { recursive: true, force: true });
  });

  const prd = (...extra: string[]) =>
    lines(
      'id: PRD-1',
      'title: Checkout',
      'epic: EPIC-1',
      ...extra,
      'requirements:',
      '  - {id: REQ-1, title: Pay, statement: s, priority: must}',
    );

  it('trusted: a pattern hidden behind a $ref into data runs in linear time; the file is checked and a hover answers', async () => {
    write('.specwright.yaml', lines('schemas:', '  prd: ./team.schema.json'));
    write(
      'team.schema.json',
      JSON.stringify({
        type: 'object',
        properties: {
          'x-dummy': { enum: [{ type: 'string', pattern: '^(a+)+$' }] },
          compliance_review: { $ref: '#/properties/x-dummy/enum/0' },
        },
      }),
    );
    write('a.prd.yaml', prd(`compliance_review: "${'a'.repeat(10_000)}!"`));
    client = await LspClient.start({
      folders: [pathToFileURL(root).href],
      initializationOptions: { settings, trusted: true },
    });
    const d = await client.waitForDiagnostics(
      uri('a.prd.yaml'),
      p => p.diagnostics.some(x => x.code === 'schema'),
      { timeoutMs: guardMs },
    );
    assert.deepEqual(
      d.diagnostics.filter(x => x.code === 'schema').map(x => messageOf(x).slice(0, 57)),
      ['compliance_review does not have the expected form (got "a'],
    );
    const t0 = performance.now();
    const h = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: uri('a.prd.yaml') },
      position: { line: 3, character: 3 },
    });
    assert.ok(performance.now() - t0 < guardMs);
    assert.ok(h !== undefined);
  });

  for (const trusted of [false, true]) {
    it(`${trusted ? 'trusted' : 'untrusted'}: an 8 MB .specwright.yaml is refused with the spec files' finding, and the server answers at once`, async () => {
      write(
        '.specwright.yaml',
        'rules:\n  date-order: off\nx-pad:\n' +
          '  - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(
            Math.ceil((8 * 1024 * 1024 + 200 * 1024) / 50),
          ),
      );
      write('a.epic.yaml', lines('id: EPIC-1', 'title: A', 'bogus: 1'));
      client = await LspClient.start({
        folders: [pathToFileURL(root).href],
        initializationOptions: { settings, trusted },
      });
      const config = await client.waitForDiagnostics(uri('.specwright.yaml'), p => p.diagnostics.length > 0, {
        timeoutMs: guardMs,
      });
      assert.deepEqual(
        config.diagnostics.map(x => [x.code, x.range.start, messageOf(x)]),
        [
          [
            'yaml-syntax',
            { line: 0, character: 0 },
            'file is too large to check (8.4 MB; the limit is 8 MB)',
          ],
        ],
      );
      const epic = await client.waitForDiagnostics(uri('a.epic.yaml'), p => p.diagnostics.length > 0, {
        timeoutMs: guardMs,
      });
      assert.deepEqual(
        epic.diagnostics.filter(x => x.code === 'schema').map(x => messageOf(x).slice(0, 19)),
        ['unknown key "bogus"'],
      );
      assert.deepEqual(await symbols('EPIC-1'), ['EPIC-1']);
    });
  }

  describe('a linked folder named ..evil is outside; a real folder named ..legit is inside', () => {
    beforeEach(() => {
      fs.mkdirSync(path.join(base, 'outside'));
      fs.writeFileSync(
        path.join(base, 'outside', 'secret.epic.yaml'),
        lines('id: EPIC-SECRET', 'title: Outside the workspace'),
      );
      write('ok.epic.yaml', lines('id: EPIC-OK', 'title: Inside'));
      write(
        '..legit/first.epic.yaml',
        lines('id: EPIC-LEGIT', 'title: Inside a folder named ..legit', 'bogus: 1'),
      );
      fs.symlinkSync(path.join(base, 'outside'), path.join(root, '..evil'));
    });

    const start = async (): Promise<LspClient> => {
      client = await LspClient.start({
        folders: [pathToFileURL(root).href],
        initializationOptions: { settings, trusted: true },
      });
      await client.waitForDiagnostics(uri('ok.epic.yaml'));
      return client;
    };
    /** `rel` was created (see LspClient.announceCreated; ok.epic.yaml is the witness). */
    const announce = (c: LspClient, rel: string): Promise<void> =>
      c.announceCreated(uri(rel), uri('ok.epic.yaml'), path.join(root, 'ok.epic.yaml'));

    it('the scan lists ..legit and not the ..evil link', async () => {
      await start();
      assert.deepEqual(await symbols('LEGIT'), ['EPIC-LEGIT']);
      assert.deepEqual(await symbols('SECRET'), []);
    });

    it('a watched-file event: a file through ..evil is not read, a new file in ..legit is', async () => {
      const c = await start();
      await announce(c, '..evil/secret.epic.yaml');
      assert.deepEqual(await symbols('SECRET'), []);
      assert.ok(c.history(uri('..evil/secret.epic.yaml')).every(p => p.diagnostics.length === 0));
      write('..legit/second.epic.yaml', lines('id: EPIC-SECOND', 'title: Added later'));
      await announce(c, '..legit/second.epic.yaml');
      assert.deepEqual(await symbols('SECOND'), ['EPIC-SECOND']);
    });

    it('closing a document: the disk behind ..evil is not read, the disk in ..legit is', async () => {
      const c = await start();
      const secret = uri('..evil/secret.epic.yaml');
      c.open(secret, lines('id: EPIC-OPENED', 'title: What the editor held'), 1);
      await c.waitForDiagnostics(secret, p => p.version === 1);
      let mark = c.mark(secret);
      c.close(secret);
      await c.waitForDiagnostics(secret, () => true, { since: mark });
      assert.deepEqual(await symbols('SECRET'), []);
      assert.deepEqual(await symbols('OPENED'), []);

      const legit = uri('..legit/first.epic.yaml');
      c.open(legit, lines('id: EPIC-EDITED', 'title: Unsaved'), 1);
      await c.waitForDiagnostics(legit, p => p.version === 1);
      assert.deepEqual(await symbols('EDITED'), ['EPIC-EDITED']);
      mark = c.mark(legit);
      c.close(legit);
      // The disk's text is read again: its unknown key is reported.
      const disk = await c.waitForDiagnostics(legit, p => p.diagnostics.some(x => x.code === 'schema'), {
        since: mark,
      });
      assert.deepEqual(
        disk.diagnostics.filter(x => x.code === 'schema').map(x => messageOf(x).slice(0, 19)),
        ['unknown key "bogus"'],
      );
      assert.deepEqual(await symbols('LEGIT'), ['EPIC-LEGIT']);
      assert.deepEqual(await symbols('EDITED'), []);
    });
  });
});
