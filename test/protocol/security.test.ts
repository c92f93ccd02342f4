/**
 * Security against the running server (issue #7 §5): files outside the
 * workspace folder must never be read through a symbolic link, by the first
 * scan, on a watched-file event or when a document is closed. The last test
 * covers a link to a folder, which readFile refuses as the listing does. Trust:
 * test/protocol/trust.test.ts; the core's side:
 * test/unit/reliability/security.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SymbolInformation } from 'vscode-languageserver-protocol/node';
import { LspClient, messageOf } from './lspClient';

const lines = (...ls: string[]): string => ls.join('\n') + '\n';

describe('protocol: security', function () {
  this.timeout(30_000);
  let base: string;
  let root: string;
  let client: LspClient | undefined;
  const uri = (rel: string): string => pathToFileURL(path.join(root, rel)).href;
  const secretSymbols = async (): Promise<string[]> =>
    ((await client!.request<SymbolInformation[] | null>('workspace/symbol', { query: 'SECRET' })) ?? []).map(
      s => s.name,
    );
  const okFindings = (): string[] =>
    (client!.latest(uri('ok.epic.yaml'))?.diagnostics ?? []).map(d => messageOf(d));

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-security-')));
    root = path.join(base, 'w');
    fs.mkdirSync(path.join(base, 'outside'), { recursive: true });
    fs.mkdirSync(root);
    fs.writeFileSync(
      path.join(base, 'outside', 'secret.epic.yaml'),
      lines('id: EPIC-SECRET', 'title: Outside the workspace', 'release: R-1'),
    );
    fs.writeFileSync(
      path.join(root, 'ok.epic.yaml'),
      lines('id: EPIC-OK', 'title: Inside', 'release: R-1', 'depends_on: [EPIC-SECRET]'),
    );
    fs.writeFileSync(
      path.join(root, 'r.roadmap.yaml'),
      lines(
        'id: RM-1',
        'title: Roadmap',
        'releases:',
        '  - {id: R-1, title: One, start: 2026-01-05, end: 2026-03-27}',
      ),
    );
    fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'linked-dir'));
    fs.symlinkSync(path.join(base, 'outside', 'secret.epic.yaml'), path.join(root, 'linked.epic.yaml'));
  });
  afterEach(() => {
    client?.dispose();
    client = undefined;
    fs.rmSync(base, { recursive: true, force: true });
  });

  const unresolved = 'EPIC-SECRET is not defined in this workspace';

  const start = async (): Promise<LspClient> => {
    client = await LspClient.start({ folders: [pathToFileURL(root).href] });
    await client.waitForDiagnostics(uri('ok.epic.yaml'));
    return client;
  };
  /** `rel` was created (see LspClient.announceCreated; ok.epic.yaml is the witness). */
  const announce = (c: LspClient, rel: string): Promise<void> =>
    c.announceCreated(uri(rel), uri('ok.epic.yaml'), path.join(root, 'ok.epic.yaml'));
  /** EPIC-SECRET is unknown: ok.epic.yaml's link to it is unresolved and no symbol names it. */
  const secretUnread = async (): Promise<void> => {
    assert.ok(okFindings().includes(unresolved), JSON.stringify(okFindings()));
    assert.deepEqual(await secretSymbols(), []);
  };

  it('the first scan reads no file through a symbolic link (to a file or to a folder outside the workspace)', async () => {
    const c = await start();
    await secretUnread();
    assert.equal(c.history(uri('linked.epic.yaml')).length, 0);
    assert.equal(c.history(uri('linked-dir/secret.epic.yaml')).length, 0);
  });

  it('a watched-file event for a symbolic link to a file is not read', async () => {
    await announce(await start(), 'linked.epic.yaml');
    await secretUnread();
  });

  // NodeWorkspace.readFile compares the file's real path with the folder's, so a link to a
  // folder outside (linked-dir → outside/) is not followed by a read either.
  it('a watched-file event, or closing a document, for a path through a symbolic link to a folder outside is not read', async () => {
    const c = await start();
    await announce(c, 'linked-dir/secret.epic.yaml');
    await secretUnread();
    // Opened in the editor (its text counts while open), then closed: the disk behind the link is not read.
    const secret = uri('linked-dir/secret.epic.yaml');
    c.open(secret, fs.readFileSync(path.join(base, 'outside', 'secret.epic.yaml'), 'utf8'), 1);
    await c.waitForDiagnostics(secret, p => p.version === 1);
    const mark = c.mark(secret);
    const okMark = c.mark(uri('ok.epic.yaml'));
    c.close(secret);
    await c.waitForDiagnostics(secret, () => true, { since: mark });
    // The link from ok.epic.yaml, resolved while the document was open, is unresolved again.
    await c.waitForDiagnostics(
      uri('ok.epic.yaml'),
      p => p.diagnostics.some(d => messageOf(d).includes(unresolved)),
      { since: okMark },
    );
    await secretUnread();
  });
});
