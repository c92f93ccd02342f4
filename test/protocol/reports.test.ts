import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LspClient, repoRoot } from './lspClient';
import { range, TempWorkspace } from './tempWorkspace';

interface Location {
  uri: string;
  range: ReturnType<typeof range>;
}
interface Board {
  html: string;
  css: string;
  epics: Record<string, Location>;
}

const cliPath = path.join(repoRoot, 'dist', 'cli.js');

/** `specwright report . --format <format>` run in `dir`, as a user would: its stdout. */
function cliReport(dir: string, format: string): string {
  assert.ok(fs.existsSync(cliPath), `${cliPath} is missing: build it first with "node esbuild.js"`);
  const r = spawnSync(process.execPath, [cliPath, 'report', '.', '--format', format], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  assert.strictEqual(r.status, 0, r.stderr);
  return r.stdout;
}

/** specwright/renderReport and specwright/roadmapBoard (server/src/protocol.ts) over the live index. */
describe('protocol: report requests', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  beforeEach(async () => {
    // "loose, draft.prd.yaml": a file name that a URI percent-encodes, printed as the CLI prints it.
    ws = TempWorkspace.copy('report-basic');
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForNotification('specwright/workspaceChanged'); // the first scan is committed
  });
  afterEach(() => {
    client.dispose();
    ws.dispose();
  });

  for (const format of ['md', 'html', 'csv', 'json']) {
    it(`renders --format ${format} exactly as "specwright report" does`, async () => {
      const { text } = await client.request<{ text: string }>('specwright/renderReport', { format });
      assert.strictEqual(text, cliReport(ws.dir, format));
    });
  }

  it("renders the editor's unsaved text (pending edits are applied first)", async () => {
    const uri = ws.uri('product.roadmap.yaml');
    const text = ws.read('product.roadmap.yaml');
    client.open(uri, text, 1);
    const line = text.split('\n').indexOf('    title: Checkout that converts');
    const at = '    title: Checkout that converts'.length;
    client.change(uri, 2, { range: range(line, at, line, at), text: ' in one tap' });
    // No wait: the request follows the change, as the client sends them.
    const { text: md } = await client.request<{ text: string }>('specwright/renderReport', { format: 'md' });
    assert.match(md, /^#### `R-1` Checkout that converts in one tap$/m);
    assert.doesNotMatch(cliReport(ws.dir, 'md'), /in one tap/, 'the disk is unchanged');
  });

  it('answers an unknown format with an error', async () => {
    await assert.rejects(client.request('specwright/renderReport', { format: 'pdf' }), (err: Error) => {
      assert.match(err.message, /Unknown report format "pdf": use one of md, html, csv, json\./);
      return true;
    });
  });

  it('gives the Roadmap Board of the HTML report, with card links to #epic:ID', async () => {
    const board = await client.request<Board>('specwright/roadmapBoard');
    const html = cliReport(ws.dir, 'html');
    // The report links cards to its matrix (#epic-ID); otherwise the fragment is the same text.
    assert.ok(
      html.includes(board.html.replace(/href="#epic:/g, 'href="#epic-')),
      "the board is the HTML report's roadmap section",
    );
    assert.ok(html.includes(board.css), "the css is the report's board stylesheet");
    for (const column of ['Now', 'Next', 'Later'])
      assert.match(board.html, new RegExp(`<h3 class="sw-column-title">${column} `));
    assert.match(
      board.html,
      /<li class="sw-card" data-epic-id="EPIC-1">\n<div class="sw-card-title"><a class="sw-card-link" href="#epic:EPIC-1"><span class="sw-id">EPIC-1<\/span> Express checkout<\/a><\/div>/,
    );
    assert.doesNotMatch(board.html, /<script|style="/);
  });

  it('gives the definition of every epic on the board', async () => {
    const board = await client.request<Board>('specwright/roadmapBoard');
    const ids = [...board.html.matchAll(/data-epic-id="([^"]+)"/g)].map(m => m[1]);
    assert.deepStrictEqual(Object.keys(board.epics).sort(), [...new Set(ids)].sort());
    assert.deepStrictEqual(board.epics['EPIC-1'], {
      uri: ws.uri('epics/checkout.epic.yaml'),
      range: range(1, 4, 1, 10),
    });
  });

  it('follows unsaved edits', async () => {
    const uri = ws.uri('epics/checkout.epic.yaml');
    client.open(uri, ws.read('epics/checkout.epic.yaml'), 1);
    client.change(uri, 2, { range: range(2, 7, 2, 23), text: 'One-tap checkout' });
    const board = await client.request<Board>('specwright/roadmapBoard');
    assert.match(board.html, /<span class="sw-id">EPIC-1<\/span> One-tap checkout<\/a>/);
    assert.doesNotMatch(board.html, /Express checkout/);
  });
});
