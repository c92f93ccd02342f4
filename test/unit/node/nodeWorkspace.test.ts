/**
 * NodeWorkspace reads spec files only inside the folders it has listed, never
 * through a symbolic link between the folder and the file — the same files the
 * listing (which follows no link) would find. Links above the folder are fine.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeWorkspace, pathToUri } from '../../../server/src/node/nodeWorkspace';

describe('NodeWorkspace.readFile', () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-nodews-'));
    fs.mkdirSync(path.join(base, 'real', 'ws', 'area'), { recursive: true });
    fs.mkdirSync(path.join(base, 'outside'));
    fs.writeFileSync(path.join(base, 'real', 'ws', 'area', 'a.epic.yaml'), 'id: EPIC-1\ntitle: A\n');
    fs.writeFileSync(path.join(base, 'outside', 'secret.epic.yaml'), 'id: EPIC-SECRET\ntitle: S\n');
    fs.symlinkSync(path.join(base, 'outside'), path.join(base, 'real', 'ws', 'linked-dir'));
    fs.symlinkSync(
      path.join(base, 'outside', 'secret.epic.yaml'),
      path.join(base, 'real', 'ws', 'linked.epic.yaml'),
    );
    // The workspace folder itself is reached through a link, as /tmp is on some systems.
    fs.symlinkSync(path.join(base, 'real'), path.join(base, 'via'));
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  for (const [name, root] of [
    ['a real folder', 'real/ws'],
    ['a folder reached through a link above it', 'via/ws'],
  ] as const) {
    it(`inside ${name}: reads its files, not files behind a linked folder or a linked file`, async () => {
      const ws = new NodeWorkspace();
      const folder = path.join(base, root);
      const listed = await ws.listSpecFiles(pathToUri(folder));
      assert.deepEqual(listed, [pathToUri(path.join(folder, 'area', 'a.epic.yaml'))]);
      assert.equal(Buffer.from((await ws.readFile(listed[0]))!).toString('utf8'), 'id: EPIC-1\ntitle: A\n');
      assert.equal(
        await ws.readFile(pathToUri(path.join(folder, 'linked-dir', 'secret.epic.yaml'))),
        undefined,
      );
      assert.equal(await ws.readFile(pathToUri(path.join(folder, 'linked.epic.yaml'))), undefined);
      assert.equal(await ws.readFile(pathToUri(path.join(folder, 'area'))), undefined);
      assert.equal(await ws.readFile(pathToUri(path.join(folder, 'missing.epic.yaml'))), undefined);
    });
  }
});
