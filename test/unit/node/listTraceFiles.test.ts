/**
 * NodeWorkspace.listTraceFiles: the files `trace:` globs match, walked as the
 * spec listing walks (no link followed, node_modules/.git never entered,
 * specwright.exclude honoured), each with its role (and a results file's time);
 * files over 2 MB are skipped with the reason (results files when listed, code
 * and test files when read), and readTraceFile never records a read problem.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeWorkspace, pathToUri } from '../../../server/src/node/nodeWorkspace';

describe('NodeWorkspace.listTraceFiles', () => {
  let root: string;
  const write = (rel: string, text: string | Buffer): void => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-trace-')));
    write('src/a.ts', '// @implements REQ-1\n');
    write('src/deep/b.ts', '');
    write('src/a.test.ts', '');
    write('src/readme.md', '');
    write('test/c.ts', '');
    write('reports/r.xml', '<testsuite/>');
    write('reports/notes.txt', '');
    write('node_modules/pkg/src/x.ts', '');
    write('src/node_modules/y.ts', '');
    write('.git/src/z.ts', '');
    write('src/generated/g.ts', '');
    write('src/huge.ts', Buffer.alloc(2 * 1024 * 1024 + 1, 0x20));
    fs.symlinkSync(path.join(root, 'src', 'a.ts'), path.join(root, 'src', 'link.ts'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const globs = {
    code: ['src/**/*.ts'],
    tests: ['test/**/*.ts', '**/*.test.ts'],
    results: ['reports/*.xml'],
  };
  const rel = (uri: string): string => path.relative(root, new URL(uri).pathname).split(path.sep).join('/');

  it('lists matched files with their role (tests before code), skipping what every listing skips', async () => {
    const ws = new NodeWorkspace();
    ws.setExclude(['src/generated']);
    const listing = await ws.listTraceFiles(pathToUri(root), globs);
    assert.deepEqual(
      listing.files.map(f => `${rel(f.uri)} ${f.role}`),
      [
        'reports/r.xml results',
        'src/a.test.ts tests',
        'src/a.ts code',
        'src/deep/b.ts code',
        'src/huge.ts code',
        'test/c.ts tests',
      ],
    );
    // A results file's time decides which run of a test is the latest; a code file's size is checked when read.
    assert.equal(listing.files[0].mtime, fs.statSync(path.join(root, 'reports/r.xml')).mtimeMs);
    assert.deepEqual(listing.skipped, []);
    assert.deepEqual(await ws.readTraceFile(pathToUri(path.join(root, 'src/huge.ts'))), {
      error: 'larger than 2 MB (2.0 MB)',
    });
    write('reports/huge.xml', Buffer.alloc(2 * 1024 * 1024 + 1, 0x20));
    const again = await ws.listTraceFiles(pathToUri(root), globs);
    assert.deepEqual(
      again.skipped.map(s => `${rel(s.uri)}: ${s.reason}`),
      ['reports/huge.xml: larger than 2 MB (2.0 MB)'],
    );
  });

  it('lists nothing for empty globs', async () => {
    const listing = await new NodeWorkspace().listTraceFiles(pathToUri(root), {
      code: [],
      tests: [],
      results: [],
    });
    assert.deepEqual(listing, { files: [], skipped: [] });
  });

  it('reads a listed file, and answers a reason for a missing one without recording a read problem', async () => {
    const ws = new NodeWorkspace();
    const rootUri = pathToUri(root);
    await ws.listTraceFiles(rootUri, globs);
    const read = await ws.readTraceFile(pathToUri(path.join(root, 'src/a.ts')));
    assert.equal(Buffer.from(read as Uint8Array).toString('utf8'), '// @implements REQ-1\n');
    const missing = await ws.readTraceFile(pathToUri(path.join(root, 'src/gone.ts')));
    assert.ok(
      !(missing instanceof Uint8Array) && /no such file|does not exist|ENOENT/i.test(missing.error),
      JSON.stringify(missing),
    );
    const linked = await ws.readTraceFile(pathToUri(path.join(root, 'src/link.ts')));
    assert.deepEqual(linked, { error: 'not a regular file' });
    assert.deepEqual(ws.readProblems(rootUri), []);
  });

  it('refuses, with the reason, a file over 2 MB, a named pipe and a file reached through a linked folder', async () => {
    const ws = new NodeWorkspace();
    const rootUri = pathToUri(root);
    await ws.listTraceFiles(rootUri, globs);
    const read = (rel: string) => ws.readTraceFile(pathToUri(path.join(root, rel)));
    assert.deepEqual(await read('src/huge.ts'), { error: 'larger than 2 MB (2.0 MB)' });
    execFileSync('mkfifo', [path.join(root, 'src', 'pipe.ts')]);
    assert.deepEqual(await read('src/pipe.ts'), { error: 'not a regular file' }); // and no hang on the pipe
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-outside-')));
    try {
      fs.writeFileSync(path.join(outside, 'secret.ts'), '// @implements REQ-1\n');
      fs.symlinkSync(outside, path.join(root, 'src', 'linked'));
      assert.deepEqual(await read('src/linked/secret.ts'), { error: 'reached through a symbolic link' });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('looks up a folder again once the event loop has turned: a folder replaced by a link after a read is refused', async () => {
    const ws = new NodeWorkspace();
    await ws.listTraceFiles(pathToUri(root), globs);
    const read = () => ws.readTraceFile(pathToUri(path.join(root, 'src/deep/b.ts')));
    assert.ok((await read()) instanceof Uint8Array);
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-outside-')));
    try {
      fs.writeFileSync(path.join(outside, 'b.ts'), '// @implements REQ-9\n');
      fs.rmSync(path.join(root, 'src', 'deep'), { recursive: true });
      fs.symlinkSync(outside, path.join(root, 'src', 'deep'));
      await new Promise(resolve => setImmediate(resolve));
      assert.deepEqual(await read(), { error: 'reached through a symbolic link' });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('reads hundreds of files in a row and still lets the event loop run between them', async () => {
    const ws = new NodeWorkspace();
    for (let i = 0; i < 300; i++) write(`src/many/f${i}.ts`, `// @implements REQ-${i}\n`);
    const listing = await ws.listTraceFiles(pathToUri(root), globs);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    try {
      for (const f of listing.files.filter(f => !f.uri.endsWith('/huge.ts')))
        assert.ok((await ws.readTraceFile(f.uri)) instanceof Uint8Array, f.uri);
    } finally {
      clearInterval(timer);
    }
    assert.ok(ticks > 0, 'no timer ran while 300 files were read');
  });
});
