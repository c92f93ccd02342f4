/**
 * Opening every file of a workspace at once (an editor restoring its tabs, or
 * a client that opens all files): the opens are checked together, each file
 * ends with the findings a full check gives, under its version, and files are
 * published a bounded number of times — not once per other file opened.
 * The workspace is the benchmark's generator at 1k requirements (101 files
 * linking to the same personas, goals and releases, with 44 known findings).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { generateWorkspace } from '../../bench/generate';
import { SpecService } from '../../server/src/core/service';
import { toLspDiagnostic } from '../../server/src/lsp/convert';
import { NodeWorkspace, pathToUri } from '../../server/src/node/nodeWorkspace';
import { LspClient } from './lspClient';

describe('protocol: every file opened at once', function () {
  this.timeout(60_000);
  let dir: string;
  let rootUri: string;
  let texts: Map<string, string>;
  /** What a full check of the files gives, per URI, as the server converts it. */
  let expected: Map<string, PublishDiagnosticsParams['diagnostics']>;
  let client: LspClient | undefined;

  before(async () => {
    dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'specwright-open-many-'));
    const generated = generateWorkspace(dir, 1000);
    rootUri = pathToUri(dir);
    texts = new Map(
      generated.files.map(f => [pathToUri(path.join(dir, f)), fs.readFileSync(path.join(dir, f), 'utf8')]),
    );
    const checked = new SpecService(new NodeWorkspace());
    await checked.scan([rootUri]);
    expected = new Map([...texts.keys()].map(uri => [uri, checked.diagnostics(uri).map(toLspDiagnostic)]));
    assert.equal(
      [...expected.values()].flat().length,
      generated.expected.length,
      'the injected findings are there to compare',
    );
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Every file's latest publish, once each carries `version` and the expected findings. */
  const settled = (c: LspClient, version: number | undefined) =>
    c.waitFor(
      `every file published under version ${version} with the expected findings`,
      () =>
        [...texts.keys()].every(uri => {
          const p = c.latest(uri);
          return (
            p !== undefined && p.version === version && isDeepStrictEqual(p.diagnostics, expected.get(uri))
          );
        }) || undefined,
      30_000,
    );

  it('after the first scan: each file is published once more, under its version, and nothing else is', async () => {
    client = await LspClient.start({ folders: [rootUri] });
    await settled(client, undefined);
    const marks = new Map([...texts.keys()].map(uri => [uri, client!.mark(uri)]));
    for (const [uri, text] of texts) client.open(uri, text, 1);
    await settled(client, 1);
    // Answered after every open is applied and published: nothing more is on its way.
    await client.request('workspace/symbol', { query: 'REQ-1' });
    const counts = [...texts.keys()].map(uri => client!.history(uri).length - marks.get(uri)!);
    assert.deepEqual([...new Set(counts)], [1], 'each file published exactly once after its open');
  });

  it('right after initialized, while the scan runs: the last word on each file is complete and versioned', async () => {
    client = await LspClient.start({ folders: [rootUri] });
    for (const [uri, text] of texts) client.open(uri, text, 1);
    await settled(client, 1);
    await client.request('workspace/symbol', { query: 'REQ-1' });
    for (const uri of texts.keys()) {
      const history = client.history(uri);
      assert.ok(
        history.every(p => p.version === undefined || p.version === 1),
        uri,
      );
      // Opened one at a time, each open re-checked the files linking to the same hot IDs: ~100 publishes per file here.
      assert.ok(history.length <= 5, `${uri} was published ${history.length} times`);
    }
  });
});
