import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { expectedA } from './basicFixture';
import { LspClient } from './lspClient';
import { TempWorkspace } from './tempWorkspace';

/**
 * What the scan cannot read is not a silent surprise: the server logs one
 * line per file or folder it could not read (and per folder without a spec
 * file), once, and shows one warning (window/showMessage); it keeps serving
 * the rest. Unreadable for root too (the tests run as root): a named pipe
 * where a spec file should be, and a workspace folder that does not exist.
 */
describe('protocol: scan problems', () => {
  let ws: TempWorkspace;
  let client: LspClient | undefined;
  let empty: string;

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-basic');
    execFileSync('mkfifo', [path.join(ws.dir, 'stuck.prd.yaml')]);
    empty = fs.mkdtempSync(`${ws.dir}-empty-`);
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('logs each unreadable path once, shows one warning, and still checks the rest', async () => {
    const missing = `${ws.dir}-missing`;
    const c = (client = await LspClient.start({
      folders: [ws.uri(), pathToFileURL(missing).href, pathToFileURL(empty).href],
    }));
    // The readable files are checked as ever.
    assert.deepStrictEqual(
      (await c.waitForDiagnostics(ws.uri('a.prd.yaml'))).diagnostics,
      expectedA(u => ws.uri(u)),
    );
    await c.waitFor('a warning', () => (c.shown.length ? true : undefined));

    const pipe = `cannot read ${path.join(ws.dir, 'stuck.prd.yaml')}: not a regular file (a named pipe)`;
    const gone = `cannot read ${missing}: it does not exist (ENOENT)`;
    const noSpecs = `no spec files in ${empty}`;
    await c.waitFor('the log lines', () =>
      [pipe, gone, noSpecs].every(l => c.logs.includes(l)) ? true : undefined,
    );
    assert.deepStrictEqual(c.shown, [
      `Specwright: ${pipe} and 1 more (see the Specwright output). Specs there are not checked.`,
    ]);
    for (const line of [pipe, gone, noSpecs])
      assert.strictEqual(c.logs.filter(l => l === line).length, 1, line);
    assert.deepStrictEqual(c.history(ws.uri('stuck.prd.yaml')), []);

    // A rescan that meets the same problems (the folder removed and added again) neither logs nor warns again.
    const since = c.mark(ws.uri('a.prd.yaml'));
    c.foldersChanged([], [ws.uri()]);
    c.foldersChanged([ws.uri()], []);
    await c.waitForDiagnostics(ws.uri('a.prd.yaml'), p => p.diagnostics.length === 2, { since: since + 1 });
    // The rescan logs (if it did) in the same turn as that publish; an answer to a request comes after anything it logged.
    await c.request('textDocument/hover', {
      textDocument: { uri: ws.uri('a.prd.yaml') },
      position: { line: 0, character: 0 },
    });
    assert.strictEqual(c.shown.length, 1);
    assert.strictEqual(c.logs.filter(l => l === pipe).length, 1);
    assert.ok(c.running);
    assert.strictEqual(await c.shutdown(), 0);
  });
});
