/**
 * The server's index cache: given a storage folder at initialize
 * (`initializationOptions.storagePath`, the client's workspace storage), the
 * first start writes the cache after its scan, and a second start reads
 * every file from it and publishes exactly what the first published. When
 * no input changed since, the findings stored with the scan's inputs are
 * published before the index is built, and nothing is sent twice. An
 * open document is analysed from its buffer, never from the cache. Without
 * a storage folder nothing is written.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient } from './lspClient';
import { TempWorkspace } from './tempWorkspace';

const files = ['a.prd.yaml', 'b.prd.yaml', 'broken.epic.yaml', 'checkout.epic.yaml', 'product.roadmap.yaml'];

describe('protocol: the index cache in the client storage folder', () => {
  let ws: TempWorkspace;
  let storage: string;
  let client: LspClient | undefined;

  beforeEach(() => {
    ws = TempWorkspace.copy('protocol-basic');
    storage = path.join(
      fs.realpathSync(os.tmpdir()),
      `specwright-storage-${process.pid}-${Date.now()}`,
      'ws',
    );
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    ws.dispose();
    fs.rmSync(path.dirname(storage), { recursive: true, force: true });
  });

  const cacheLog = (c: LspClient) =>
    c.waitFor('the cache line', () => c.logs.find(l => / files from the cache$/.test(l)));

  async function session(): Promise<{
    published: unknown[];
    sends: number[];
    cache: string;
    logs: string[];
  }> {
    client = await LspClient.start({ folders: [ws.uri()], initializationOptions: { storagePath: storage } });
    const published = [];
    for (const f of files) published.push((await client.waitForDiagnostics(ws.uri(f))).diagnostics);
    const cache = await cacheLog(client);
    const logs = [...client.logs];
    const sends = files.map(f => client!.history(ws.uri(f)).length);
    assert.strictEqual(await client.shutdown(), 0);
    client = undefined;
    return { published, sends, cache, logs };
  }

  const unchanged = (logs: string[]) => logs.filter(l => l.startsWith('cache: nothing changed'));

  it('the first start writes the cache, the second reads every file from it and publishes the same', async () => {
    const first = await session();
    assert.strictEqual(first.cache, 'cache: 0 of 5 files from the cache');
    assert.deepStrictEqual(fs.readdirSync(storage), ['index.spwcache']);
    const second = await session();
    assert.strictEqual(second.cache, 'cache: 5 of 5 files from the cache');
    assert.deepStrictEqual(second.published, first.published);
    assert.ok(!second.logs.some(l => l.startsWith('cache: ignored')), second.logs.join('\n'));
    // Nothing changed: the stored findings were shown first, and the index built behind them sent nothing more.
    assert.deepStrictEqual(unchanged(first.logs), []);
    assert.deepStrictEqual(unchanged(second.logs), [
      'cache: nothing changed since the findings of 5 files were stored; they are shown while the index is built',
    ]);
    assert.deepStrictEqual(second.sends, [1, 1, 1, 1, 1]);
    assert.ok(
      second.logs.indexOf(unchanged(second.logs)[0]) < second.logs.findIndex(l => l.startsWith('indexed ')),
      second.logs.join('\n'),
    );
  });

  it('a file changed on disk since: no stored findings are shown, the scan publishes what it finds', async () => {
    const first = await session();
    ws.write('a.prd.yaml', ws.read('a.prd.yaml').replace(/^title:.*$/m, 'title: [broken'));
    const second = await session();
    assert.deepStrictEqual(unchanged(second.logs), []);
    assert.strictEqual(second.cache, 'cache: 4 of 5 files from the cache');
    assert.notDeepStrictEqual(second.published[0], first.published[0]);
    assert.ok((second.published[0] as { code: string }[]).some(d => d.code === 'yaml-syntax'));
    const third = await session();
    assert.strictEqual(unchanged(third.logs).length, 1);
    assert.deepStrictEqual(third.published, second.published);
  });

  it('a damaged cache is ignored with one log line and written anew', async () => {
    const first = await session();
    const file = path.join(storage, 'index.spwcache');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 50));
    const second = await session();
    assert.deepStrictEqual(
      second.logs.filter(l => l.startsWith('cache: ignored')),
      [`cache: ignored ${file}: its checksum does not match (damaged or cut short); it is written anew`],
    );
    assert.strictEqual(second.cache, 'cache: 0 of 5 files from the cache');
    assert.deepStrictEqual(second.published, first.published);
    assert.strictEqual((await session()).cache, 'cache: 5 of 5 files from the cache');
  });

  it('a document open at the start is analysed from its buffer, not the cache', async () => {
    await session();
    client = await LspClient.start({ folders: [ws.uri()], initializationOptions: { storagePath: storage } });
    const uri = ws.uri('checkout.epic.yaml');
    client.open(uri, ws.read('checkout.epic.yaml').replace(/^title:.*$/m, 'title: [broken'));
    const published = await client.waitFor("the buffer's syntax error", () =>
      client!.latest(uri)?.diagnostics.some(d => d.code === 'yaml-syntax') ? true : undefined,
    );
    assert.ok(published);
    assert.match(await cacheLog(client), /^cache: [45] of [45] files from the cache$/);
  });

  it('keeps no cache without a storage folder', async () => {
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(ws.uri('a.prd.yaml'));
    assert.ok(!client.logs.some(l => l.startsWith('cache:')));
    assert.ok(!fs.existsSync(storage));
  });
});
