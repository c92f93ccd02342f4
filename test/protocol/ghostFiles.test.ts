import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { LspClient } from './lspClient';
import { FileChange, TempWorkspace } from './tempWorkspace';

interface Status {
  files: number;
  items: number;
  errors: number;
  warnings: number;
  infos: number;
}
interface Row {
  id: string;
  itemId?: string;
  hasChildren: boolean;
}

const ghostPrd = [
  'id: PRD-6',
  'title: Order notes',
  'requirements:',
  '  - id: REQ-601',
  '    title: Notes',
  '    statement: A shopper leaves a note for the picker.',
  '    priority: could',
  '',
].join('\n');

/**
 * Spec files deleted, renamed or moved outside the editor (a shell `rm`, a
 * checkout) leave every view, count and finding: issue 14, point 1.
 */
describe('protocol: files deleted or moved outside the editor leave no ghost', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  beforeEach(async () => {
    ws = TempWorkspace.copy('protocol-features');
    ws.write('prds/notes.prd.yaml', ghostPrd);
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForDiagnostics(ws.uri('prds/notes.prd.yaml'), p =>
      p.diagnostics.some(d => d.code === 'orphan'),
    );
  });
  afterEach(() => {
    client.dispose();
    ws.dispose();
  });

  async function roadmapItems(): Promise<string[]> {
    const ids: string[] = [];
    const walk = async (parent?: string): Promise<void> => {
      for (const row of await client.request<Row[]>('specwright/roadmapChildren', { parent })) {
        if (row.itemId) ids.push(row.itemId);
        if (row.hasChildren) await walk(row.id);
      }
    };
    await walk();
    return ids;
  }

  async function assertGone(uri: string, filesBefore: number): Promise<void> {
    const cleared = await client.waitForDiagnostics(uri, p => p.diagnostics.length === 0);
    assert.deepStrictEqual(cleared.diagnostics, []);
    const now = await client.request<Status>('specwright/workspaceStatus');
    assert.strictEqual(now.files, filesBefore - 1, 'the file count');
    const items = await roadmapItems();
    assert.ok(
      !items.includes('PRD-6') && !items.includes('REQ-601'),
      `still in the roadmap: ${items.join(', ')}`,
    );
  }

  it('a closed file deleted on disk (one watched-file event) leaves the findings, the counts and the roadmap', async () => {
    const uri = ws.uri('prds/notes.prd.yaml');
    const before = await client.request<Status>('specwright/workspaceStatus');
    assert.ok((await roadmapItems()).includes('PRD-6'), 'the PRD has a row before the delete');
    ws.remove('prds/notes.prd.yaml');
    client.filesChanged({ uri, type: FileChange.deleted });
    await assertGone(uri, before.files);
  });

  it('a file opened, closed, then deleted is read from disk, not from the closed editor', async () => {
    const uri = ws.uri('prds/notes.prd.yaml');
    const before = await client.request<Status>('specwright/workspaceStatus');
    client.open(uri, ghostPrd, 1);
    await client.waitForDiagnostics(uri, p => p.version === 1);
    client.close(uri);
    await client.waitForDiagnostics(uri, p => p.version === undefined && p.diagnostics.length > 0);
    ws.remove('prds/notes.prd.yaml');
    client.filesChanged({ uri, type: FileChange.deleted });
    await assertGone(uri, before.files);
  });

  it('a folder deleted with one event for the folder takes the files in it', async () => {
    const uri = ws.uri('prds/notes.prd.yaml');
    const before = await client.request<Status>('specwright/workspaceStatus');
    fs.rmSync(path.join(ws.dir, 'prds'), { recursive: true });
    client.filesChanged({ uri: ws.uri('prds'), type: FileChange.deleted });
    await client.waitForDiagnostics(uri, p => p.diagnostics.length === 0);
    const now = await client.request<Status>('specwright/workspaceStatus');
    assert.strictEqual(now.files, before.files - 2, 'both PRDs of the folder are gone');
    const items = await roadmapItems();
    assert.ok(
      !items.some(i => i.startsWith('PRD-') || i.startsWith('REQ-')),
      `still in the roadmap: ${items.join(', ')}`,
    );
  });

  it('a folder moved (delete + create of the folder) is read at its new place', async () => {
    const oldUri = ws.uri('prds/notes.prd.yaml');
    const newUri = ws.uri('specs/prds/notes.prd.yaml');
    const before = await client.request<Status>('specwright/workspaceStatus');
    fs.mkdirSync(path.join(ws.dir, 'specs'));
    fs.renameSync(path.join(ws.dir, 'prds'), path.join(ws.dir, 'specs', 'prds'));
    client.filesChanged(
      { uri: ws.uri('prds'), type: FileChange.deleted },
      { uri: ws.uri('specs'), type: FileChange.created },
    );
    await client.waitForDiagnostics(oldUri, p => p.diagnostics.length === 0);
    const moved = await client.waitForDiagnostics(newUri, p => p.diagnostics.some(d => d.code === 'orphan'));
    assert.deepStrictEqual(
      moved.diagnostics.map(d => d.code),
      ['orphan'],
    );
    const now = await client.request<Status>('specwright/workspaceStatus');
    assert.strictEqual(now.files, before.files);
    assert.ok((await roadmapItems()).includes('PRD-6'));
  });

  it('a file renamed (delete + create) is read under its new name only', async () => {
    const oldUri = ws.uri('prds/notes.prd.yaml');
    const newUri = ws.uri('prds/order-notes.prd.yaml');
    fs.renameSync(path.join(ws.dir, 'prds/notes.prd.yaml'), path.join(ws.dir, 'prds/order-notes.prd.yaml'));
    client.filesChanged({ uri: oldUri, type: FileChange.deleted }, { uri: newUri, type: FileChange.created });
    await client.waitForDiagnostics(oldUri, p => p.diagnostics.length === 0);
    const renamed = await client.waitForDiagnostics(newUri, p => p.diagnostics.length > 0);
    // One PRD-6, so no duplicate-id: the old name is forgotten.
    assert.deepStrictEqual(
      renamed.diagnostics.map(d => d.code),
      ['orphan'],
    );
  });
});
