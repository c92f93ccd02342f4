/**
 * Hostile inputs against the running server (dist/server.js over stdio):
 * every file of the hostile corpus (test/unit/reliability/hostileCorpus.ts),
 * put on disk before initialize and opened with didOpen, is answered with
 * its findings, the server keeps serving, and no file changes on disk.
 *
 * The budget (published within 1 s of the server being up, or of the
 * didOpen) is measured by the benchmark (bench/hostile.ts); here a publish
 * that does not come within the hang guard fails (test/unit/reliability/timing.ts).
 */
import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { assertExpected, corpus, Scratch, type CodeAndMessage } from '../unit/reliability/hostileCorpus';
import { hangGuard } from '../unit/reliability/timing';
import { LspClient } from './lspClient';

/** The server still answers: a hover on a file that is fine. */
async function stillServing(client: LspClient, uri: string): Promise<void> {
  const hover = await client.request<Hover | null>('textDocument/hover', {
    textDocument: { uri },
    position: { line: 0, character: 5 },
  });
  assert.ok(hover && typeof hover === 'object', 'hover answered');
  assert.ok(client.running, 'the server runs');
}

/** A hostile file is published within 1 s (measured by bench/hostile.ts); a test waits for it up to the hang guard. */
const publishGuard = { timeoutMs: hangGuard(1000) };

const neighbour = ['id: EPIC-OK', 'title: Fine', 'release: R-404', ''].join('\n');

describe('protocol: hostile inputs', function () {
  this.timeout(3 * hangGuard(1000));

  describe('on disk before initialize', () => {
    let ws: Scratch | undefined;
    let client: LspClient | undefined;
    afterEach(() => {
      client?.dispose();
      ws?.dispose();
      client = undefined;
      ws = undefined;
    });

    for (const h of corpus) {
      it(`${h.name}: published; the server goes on; no file changes`, async () => {
        ws = new Scratch();
        const uri = ws.write(h.name, h.content());
        const ok = ws.write('ok.epic.yaml', neighbour);
        const before = ws.digests();
        client = await LspClient.start({ folders: [ws.uri()] });
        const p = await client.waitForDiagnostics(uri, () => true, publishGuard);
        assertExpected(h, p.diagnostics as CodeAndMessage[], `${h.name} from disk`);
        await client.waitForDiagnostics(ok);
        await stillServing(client, ok);
        assert.deepEqual(ws.digests(), before);
      });
    }
  });

  describe('opened with didOpen', () => {
    let ws: Scratch;
    /** Outside the workspace folder: a closed document is forgotten, so no test sees another's items. */
    let elsewhere: Scratch;
    let client: LspClient;
    let ok: string;
    before(async () => {
      ws = new Scratch();
      elsewhere = new Scratch();
      ok = ws.write('ok.epic.yaml', neighbour);
      client = await LspClient.start({ folders: [ws.uri()] });
      await client.waitForDiagnostics(ok);
    });
    after(() => {
      client.dispose();
      ws.dispose();
      elsewhere.dispose();
    });

    for (const h of corpus.filter(c => !c.bytes)) {
      it(`${h.name}: published on didOpen; the server goes on; no file changes`, async () => {
        const text = h.content() as string;
        // On disk too (no watcher event): the server must not change it.
        const uri = elsewhere.write(h.name, text);
        const before = elsewhere.digests();
        client.open(uri, text, 7);
        const p = await client.waitForDiagnostics(uri, q => q.version === 7, publishGuard);
        assertExpected(h, p.diagnostics as CodeAndMessage[], `${h.name} opened`);
        // Requests on the hostile document itself are answered (with nothing, or something sensible).
        for (const method of [
          'textDocument/hover',
          'textDocument/completion',
          'textDocument/documentSymbol',
          'textDocument/foldingRange',
        ]) {
          await client.request(method, { textDocument: { uri }, position: { line: 2, character: 3 } });
        }
        await stillServing(client, ok);
        client.close(uri);
        assert.deepEqual(elsewhere.digests(), before);
      });
    }
  });
});
