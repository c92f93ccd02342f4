/**
 * Hostile inputs against the running server (dist/server.js over stdio):
 * every file of the hostile corpus (test/unit/reliability/hostileCorpus.ts),
 * put on disk before initialize and opened with didOpen, is answered with
 * its findings within 1 s of the server being up (or of the didOpen), the
 * server keeps serving, and no file changes on disk.
 *
 * Times are wall-clock less the time the server (or the test) waited for a
 * CPU, and a run over 1 s is tried again from scratch, at most three runs:
 * one of them must be within 1 s. See test/unit/reliability/timing.ts.
 */
import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol/node';
import { assertExpected, corpus, Scratch, type CodeAndMessage } from '../unit/reliability/hostileCorpus';
import { describeAttempts, serverTimed, underLimitAsync } from '../unit/reliability/timing';
import { LspClient } from './lspClient';

/** The server still answers: a hover on a file that is fine. */
async function stillServing(client: LspClient, uri: string): Promise<void> {
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 5 } });
  assert.ok(hover && typeof hover === 'object', 'hover answered');
  assert.ok(client.running, 'the server runs');
}

/** Print measured figures (for docs/reliability.md) when SPECWRIGHT_FIGURES is set. */
const figure = (what: string, t: { ms: number; wallMs: number; waitedMs: number }): void => {
  if (process.env.SPECWRIGHT_FIGURES) console.log(`      figure: ${what}: ${t.ms.toFixed(0)} ms (${t.wallMs.toFixed(0)} ms wall-clock, ${t.waitedMs.toFixed(0)} ms of it waiting for a CPU)`);
};

const neighbour = ['id: EPIC-OK', 'title: Fine', 'release: R-404', ''].join('\n');

describe('protocol: hostile inputs', function () {
  this.timeout(60_000);

  describe('on disk before initialize', () => {
    /** The folder and server of the current run, disposed before another run and after the test. */
    let current: { ws: Scratch; client?: LspClient } | undefined;
    const cleanUp = (): void => { current?.client?.dispose(); current?.ws.dispose(); current = undefined; };
    afterEach(cleanUp);

    for (const h of corpus) {
      it(`${h.name}: published within 1 s of the server being up; no file changes`, async () => {
        const content = h.content();
        const run = await underLimitAsync(1000, async () => {
          cleanUp(); // another run starts from scratch: a new folder, a new server
          const ws = new Scratch();
          current = { ws };
          const uri = ws.write(h.name, content);
          const ok = ws.write('ok.epic.yaml', neighbour);
          const before = ws.digests();
          const client = current.client = await LspClient.start({ folders: [ws.uri()] });
          const { result: p, ...time } = await serverTimed(client.process.pid!, () => client.waitForDiagnostics(uri, () => true, { timeoutMs: 10_000 }));
          return { ...time, p, ws, client, ok, before };
        });
        figure(`${h.name} from disk`, run);
        assert.ok(run.ms < 1000, `${h.name} published after ${describeAttempts(run.attempts)}`);
        assertExpected(h, run.p.diagnostics as CodeAndMessage[], `${h.name} from disk`);
        await run.client.waitForDiagnostics(run.ok);
        await stillServing(run.client, run.ok);
        assert.deepEqual(run.ws.digests(), run.before);
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
    after(() => { client.dispose(); ws.dispose(); elsewhere.dispose(); });

    for (const h of corpus.filter(c => !c.bytes)) {
      it(`${h.name}: published within 1 s of didOpen; the server goes on; no file changes`, async () => {
        const text = h.content() as string;
        // On disk too (no watcher event): the server must not change it.
        const uri = elsewhere.write(h.name, text);
        const before = elsewhere.digests();
        let version = 6;
        const { ms, wallMs, waitedMs, attempts, p } = await underLimitAsync(1000, async () => {
          if (version > 6) client.close(uri); // another run: closed (and forgotten: it is outside the folder), opened again
          const v = ++version;
          const { result: p, ...time } = await serverTimed(client.process.pid!, () => {
            client.open(uri, text, v);
            return client.waitForDiagnostics(uri, q => q.version === v, { timeoutMs: 10_000 });
          });
          return { ...time, p };
        });
        figure(`${h.name} by didOpen`, { ms, wallMs, waitedMs });
        assert.ok(ms < 1000, `${h.name} published after ${describeAttempts(attempts)}`);
        assertExpected(h, p.diagnostics as CodeAndMessage[], `${h.name} opened`);
        // Requests on the hostile document itself are answered (with nothing, or something sensible).
        for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange']) {
          await client.request(method, { textDocument: { uri }, position: { line: 2, character: 3 } });
        }
        await stillServing(client, ok);
        client.close(uri);
        assert.deepEqual(elsewhere.digests(), before);
      });
    }
  });
});
