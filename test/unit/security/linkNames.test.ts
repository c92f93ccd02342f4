/**
 * Issue 12, point 4: the Node workspace's link check compares real paths,
 * not prefixes. 0.1.0 tested `rel.startsWith('..')`, so an entry named
 * `..evil` counted as outside the folder: a symbolic link of that name
 * escaped the check and its target was read. `..evil`, `...` and `.. x` are
 * names inside the folder; only a whole `..` segment is its parent.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeWorkspace, pathToUri, uriToPath } from '../../../server/src/node/nodeWorkspace';

describe('security: names that start with .. are names, not the parent folder', () => {
  let base: string;
  let folder: string;
  let outside: string;
  before(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-dotdot-')));
    folder = path.join(base, 'ws');
    outside = path.join(base, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'secret.epic.yaml'), 'id: EPIC-9\ntitle: Secret\n');
    fs.mkdirSync(folder);
    for (const name of ['..legit', '...', '.. x']) {
      fs.mkdirSync(path.join(folder, name));
      fs.writeFileSync(path.join(folder, name, 'a.epic.yaml'), 'id: EPIC-1\ntitle: A\n');
      fs.mkdirSync(path.join(folder, name, 'node_modules'));
      fs.writeFileSync(path.join(folder, name, 'node_modules', 'b.epic.yaml'), 'id: EPIC-2\ntitle: B\n');
    }
    fs.symlinkSync(outside, path.join(folder, '..evil'));
    fs.symlinkSync(path.join(outside, 'secret.epic.yaml'), path.join(folder, '..secret.epic.yaml'));
  });
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('a linked folder or file named ..evil is not read (a watched-file event or a closed document asks for it by path)', async () => {
    const ws = new NodeWorkspace();
    await ws.listSpecFiles(pathToUri(folder));
    assert.equal(await ws.readFile(pathToUri(path.join(folder, '..evil', 'secret.epic.yaml'))), undefined);
    assert.equal(await ws.readFile(pathToUri(path.join(folder, '..secret.epic.yaml'))), undefined);
  });

  for (const name of ['..legit', '...', '.. x']) {
    it(`a real folder named "${name}" is inside: listed, read, and its node_modules ignored`, async () => {
      const ws = new NodeWorkspace();
      const root = pathToUri(folder);
      const file = pathToUri(path.join(folder, name, 'a.epic.yaml'));
      assert.ok((await ws.listSpecFiles(root)).includes(file));
      assert.equal(Buffer.from((await ws.readFile(file))!).toString('utf8'), 'id: EPIC-1\ntitle: A\n');
      assert.equal(ws.ignores(pathToUri(path.join(folder, name, 'node_modules', 'b.epic.yaml')), root), true);
      assert.equal(ws.ignores(file, root), false);
    });
  }

  it('the listing never follows the ..evil link', async () => {
    const listed = await new NodeWorkspace().listSpecFiles(pathToUri(folder));
    assert.deepEqual(
      listed.map(u => path.relative(folder, uriToPath(u))).sort(),
      ['.. x/a.epic.yaml', '..legit/a.epic.yaml', '.../a.epic.yaml'].sort(),
    );
  });
});
