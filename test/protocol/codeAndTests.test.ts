import * as assert from 'assert';
import type { CodeLens } from 'vscode-languageserver-protocol/node';
import type { TraceResult, ViewNode } from '../../server/src/protocol';
import { LspClient } from './lspClient';
import { TempWorkspace } from './tempWorkspace';

/**
 * Code and tests through the real server (test/fixtures/trace-thresholds, its
 * trace files read by the first scan): the requirement lens and its command,
 * the Trace view's Code and Tests rows, the Roadmap view's verified progress.
 */
describe('protocol: code and tests in the lens and the views', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  before(async () => {
    ws = TempWorkspace.copy('trace-thresholds');
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForNotification('specwright/workspaceChanged');
  });
  after(() => {
    client.dispose();
    ws.dispose();
  });

  it('resolves the requirement lens to `N code · N tests (N failing)` with the show-code-and-tests command', async () => {
    const uri = ws.uri('cart.prd.yaml');
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const resolved: CodeLens[] = [];
    for (const lens of lenses) resolved.push(await client.request<CodeLens>('codeLens/resolve', lens));
    const traced = resolved.filter(l => l.command?.command === 'specwright.showCodeAndTests');
    assert.deepStrictEqual(
      traced.map(l => [l.range.start.line, l.command!.title]),
      [
        [4, '1 code · 1 test'],
        [5, '1 code · 1 test (1 failing)'],
        [6, '1 code · 1 test'],
        [7, '0 code · 0 tests'],
      ],
    );
    const [, , entries] = traced[1].command!.arguments as [
      string,
      unknown,
      { label: string; description: string }[],
    ];
    assert.deepStrictEqual(
      entries.map(e => `${e.label} · ${e.description}`),
      ['src/cart.ts:1 · implements REQ-2', 'cart removes an item [REQ-2] · failed'],
    );
  });

  it('answers specwright/trace with the Code and Tests rows of the item at the cursor', async () => {
    const trace = await client.request<TraceResult>('specwright/trace', {
      textDocument: { uri: ws.uri('cart.prd.yaml') },
      position: { line: 6, character: 10 },
    });
    assert.strictEqual(trace.item.itemId, 'REQ-3');
    assert.deepStrictEqual(
      trace.evidence.map(g => [
        g.label,
        g.description,
        g.children.map(c => [c.label, c.kind, c.outcome ?? null]),
      ]),
      [
        ['Code', '1', [['src/cart.ts:6', 'code', null]]],
        ['Tests', '1', [['cart sums the prices [ST-3]', 'test', 'passed']]],
      ],
    );
  });

  it('answers specwright/roadmapChildren with verified progress when asked, stories done otherwise', async () => {
    const top = (progress?: string) =>
      client.request<ViewNode[]>('specwright/roadmapChildren', progress ? { progress } : {});
    assert.deepStrictEqual(
      (await top()).map(n => n.description),
      ['draft · 0% done'],
    );
    assert.deepStrictEqual(
      (await top('verified')).map(n => [n.description, n.progress]),
      [['draft · 50% verified', 50]],
    );
  });
});
