/**
 * `specwright mcp` on other workspaces than the examples: impact and diff on
 * a git repository the test makes (the same JSON as the CLI's), the clear
 * error outside one, and coverage's unverified and failing requirements on
 * a workspace with `trace:` globs and JUnit results.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useSpecHistory } from './gitRepo';
import { fixture, runJson, tempDir } from './helpers';
import { eventually, startMcp, type McpSession } from './mcpClient';

describe('cli: specwright mcp, impact and diff on a git repository', function () {
  this.timeout(120_000);
  const t = useSpecHistory();
  let mcp: McpSession;
  before(async () => {
    mcp = await startMcp(t.dir);
  });
  after(async () => mcp?.close());

  it('impact answers what "specwright impact --format json" prints, for IDs, --since, and both', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ids: ['REQ-2'] }, ['REQ-2']],
      [{ since: 'HEAD~1' }, ['--since', 'HEAD~1']],
      [{ ids: ['REQ-3'], since: 'HEAD' }, ['REQ-3', '--since', 'HEAD']],
    ];
    for (const [args, cliArgs] of cases) {
      const cli = runJson(['impact', ...cliArgs], t.dir);
      assert.equal(cli.status, 0, cli.stderr);
      assert.deepEqual(await mcp.ok('impact', args), cli.json, cliArgs.join(' '));
    }
    const since = await mcp.ok('impact', { since: 'HEAD~1' });
    assert.deepEqual(
      since.changed.map((c: any) => `${c.id} ${c.fields.join()}`),
      ['REQ-1 statement', 'REQ-4 title'],
    );
    assert.deepEqual(
      since.impacted.map((i: any) => i.id),
      ['REQ-2', 'ST-1', 'ST-3', 'ST-2'],
    );
  });

  it('diff answers what "specwright diff --format json" prints, between commits and against the working tree', async () => {
    const cases: [Record<string, unknown>, string[]][] = [
      [{}, []],
      [{ from: 'HEAD~1' }, ['HEAD~1']],
      [{ from: t.commits.first, to: t.commits.second }, [t.commits.first, t.commits.second]],
    ];
    for (const [args, cliArgs] of cases) {
      const cli = runJson(['diff', ...cliArgs], t.dir);
      assert.equal(cli.status, 0, cli.stderr);
      assert.deepEqual(await mcp.ok('diff', args), cli.json, cliArgs.join(' ') || 'HEAD');
    }
    const between = await mcp.ok('diff', { from: t.commits.first, to: t.commits.second });
    assert.deepEqual(between.summary, { added: 0, removed: 2, moved: 2, changed: 1, transitions: 1 });
    assert.deepEqual(between.to, { revision: t.commits.second, commit: t.commits.second });
  });

  it("an unknown revision or ID, or no input, is a tool error with the CLI's message; the server keeps serving", async () => {
    assert.match(
      await mcp.refused('diff', { from: 'no-such-branch' }),
      /^no changes were listed: .*no-such-branch/,
    );
    assert.match(await mcp.refused('impact', { since: 'v9' }), /^no impact was listed: .*v9/);
    assert.equal(
      await mcp.refused('impact', { ids: ['REQ-22'] }),
      'no impact was listed: no item has the ID "REQ-22" in this workspace (did you mean REQ-2, REQ-1, REQ-3?)',
    );
    assert.match(
      await mcp.refused('impact', {}),
      /^impact needs the IDs of changed items \(ids\), or a git revision/,
    );
    assert.match(await mcp.refused('diff', { from: 42 }), /Invalid arguments for tool diff/);
    assert.equal((await mcp.ok('impact', { ids: ['REQ-2'] })).impacted.length, 1);
    assert.equal(mcp.stderr(), '');
  });
});

describe('cli: specwright mcp outside a git repository', function () {
  this.timeout(120_000);
  let mcp: McpSession;
  let dir = '';
  let remove = (): void => undefined;
  before(async () => {
    const t = tempDir();
    remove = t.remove;
    dir = t.dir;
    fs.cpSync(fixture('trace-basic'), dir, { recursive: true });
    mcp = await startMcp(dir);
  });
  after(async () => {
    await mcp?.close();
    remove();
  });

  it('impact --since and diff are tool errors that say there is no git repository; impact of IDs still answers', async () => {
    const noRepo = /is not inside a git repository \(git init, or run it in a clone\)$/;
    assert.match(await mcp.refused('diff'), /^no changes were listed: /);
    assert.match(await mcp.refused('diff'), noRepo);
    assert.match(await mcp.refused('impact', { since: 'HEAD' }), /^no impact was listed: /);
    assert.match(await mcp.refused('impact', { since: 'HEAD' }), noRepo);
    const impact = await mcp.ok('impact', { ids: ['REQ-1'] });
    assert.deepEqual(
      impact.impacted.map((i: any) => i.id),
      ['ST-1'],
    );
  });

  it('coverage lists the unverified and the failing requirements, as the check reports them', async () => {
    const coverage = await mcp.ok('coverage');
    const at = (id: string, line: number, from: number) => ({
      id,
      kind: 'requirement',
      title: { 'REQ-1': 'Add', 'REQ-2': 'Remove', 'REQ-3': 'Total' }[id],
      status: 'done',
      file: 'cart.prd.yaml',
      range: { start: { line, character: from }, end: { line, character: from + id.length } },
    });
    assert.deepEqual(coverage.unverified, [
      {
        ...at('REQ-2', 4, 9),
        message:
          'REQ-2 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
      },
    ]);
    assert.deepEqual(coverage.failing, [
      {
        ...at('REQ-1', 3, 9),
        message:
          'a test of REQ-1 failed in the latest results: "cart adds an item [REQ-1#1]" failed (acceptance criterion 1)',
      },
    ]);
    assert.deepEqual(coverage.uncovered, []);
    assert.deepEqual([coverage.requirements, coverage.covered], [3, 3]);
    // The same findings as the check's, whatever their severity.
    const cli = runJson(['check', '.'], dir).json;
    for (const [code, list] of [
      ['unverified', coverage.unverified],
      ['failing-test', coverage.failing],
    ])
      assert.deepEqual(
        list.map((r: any) => [r.file, r.range, r.message]),
        cli.diagnostics.filter((d: any) => d.code === code).map((d: any) => [d.file, d.range, d.message]),
        code,
      );
    assert.deepEqual((await mcp.ok('coverage', { priority: 'should' })).failing, []);
  });

  it('follows code, test and results files saved on disk: a test that passes now, a reference to an unknown ID', async () => {
    const junit = path.join(dir, 'reports', 'junit.xml');
    fs.writeFileSync(
      junit,
      fs.readFileSync(junit, 'utf8').replace('<failure message="expected 1, got 0"/>', ''),
    );
    await eventually(
      () => mcp.ok('coverage'),
      v => v.failing.length === 0,
      'REQ-1 no longer failing',
    );
    const code = path.join(dir, 'src', 'cart.py');
    fs.writeFileSync(code, `${fs.readFileSync(code, 'utf8')}\n# @implements REQ-77\n`);
    const checked = await eventually(
      () => mcp.ok('check', { file: 'src/cart.py', code: 'unresolved-link' }),
      v => v.diagnostics.some((d: any) => d.message.startsWith('REQ-77 ')),
      'the unknown REQ-77 in src/cart.py',
    );
    const cli = runJson(['check', '.'], dir).json;
    assert.deepEqual(
      checked.diagnostics,
      cli.diagnostics.filter((d: any) => d.file === 'src/cart.py' && d.code === 'unresolved-link'),
      'the same findings as the CLI',
    );
    assert.deepEqual((await mcp.ok('check')).diagnostics, cli.diagnostics);
  });
});
