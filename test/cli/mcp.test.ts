/**
 * `specwright mcp`: an MCP client of the official SDK spawns the real bundle
 * (`node dist/cli.js mcp .`) on a copy of the example workspace over stdio,
 * and checks every tool, resource and prompt against the CLI's own answers,
 * that an edit on disk changes the next answer, and that bad requests are
 * errors that leave the server running. impact and diff on a git repository,
 * coverage with test results, and --allow-edits: mcpWorkspaces.test.ts and
 * mcpEdits.test.ts.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { McpError, ResourceListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { cliPath, repoRoot, run, runJson } from './helpers';
import { eventually } from './mcpClient';

interface ToolAnswer {
  isError?: boolean;
  structuredContent?: any;
  content: { type: string; text?: string }[];
}

describe('cli: specwright mcp', function () {
  this.timeout(120_000);
  let dir: string;
  let client: Client;
  let stderr = '';
  let listChanged = 0;

  const call = async (name: string, args: Record<string, unknown> = {}): Promise<ToolAnswer> =>
    (await client.callTool({ name, arguments: args })) as ToolAnswer;
  const ok = async (name: string, args: Record<string, unknown> = {}): Promise<any> => {
    const r = await call(name, args);
    assert.ok(!r.isError, `${name} failed: ${JSON.stringify(r.content)}`);
    assert.deepEqual(JSON.parse(r.content[0].text!), r.structuredContent, 'the text is the structured JSON');
    return r.structuredContent;
  };
  const text = async (uri: string): Promise<string> => {
    const r = await client.readResource({ uri });
    assert.equal(r.contents.length, 1);
    assert.equal(r.contents[0].mimeType, 'text/markdown');
    return (r.contents[0] as { text: string }).text;
  };
  before(async () => {
    assert.ok(fs.existsSync(cliPath), `${cliPath} is missing: build it first with "node esbuild.js"`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-mcp-'));
    fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [cliPath, 'mcp', '.'],
      cwd: dir,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'specwright-test', version: '1.0.0' });
    client.setNotificationHandler(ResourceListChangedNotificationSchema, () => {
      listChanged++;
    });
    await client.connect(transport);
  });

  after(async () => {
    await client?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists its eight read-only tools (no editing tool without --allow-edits), each with an input and an output schema', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map(t => t.name).sort(), [
      'check',
      'coverage',
      'diff',
      'get_item',
      'impact',
      'roadmap',
      'search',
      'trace',
    ]);
    for (const t of tools) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.equal(t.outputSchema?.type, 'object', t.name);
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
    }
    const search = tools.find(t => t.name === 'search')!;
    assert.deepEqual(Object.keys(search.inputSchema.properties ?? {}), [
      'query',
      'kind',
      'status',
      'priority',
      'release',
      'owner',
      'file',
      'limit',
    ]);
    assert.deepEqual(tools.find(t => t.name === 'get_item')!.inputSchema.required, ['id']);
    assert.equal(client.getServerCapabilities()?.resources?.listChanged, true);
  });

  it('check answers what "specwright check --format json" prints, and filters by file, code and severity', async () => {
    const cli = runJson(['check', '.'], dir);
    assert.equal(cli.status, 1);
    const all = await ok('check');
    assert.deepEqual(all, cli.json);
    assert.deepEqual(all.summary, { error: 1, warning: 5, info: 1 });

    const warnings = await ok('check', { severity: 'warning' });
    assert.deepEqual(
      warnings.diagnostics,
      cli.json.diagnostics.filter((d: any) => d.severity === 'warning'),
    );
    assert.deepEqual(warnings.summary, { error: 0, warning: 5, info: 0 });
    const inPrds = await ok('check', { file: 'prds' });
    assert.deepEqual(
      inPrds.diagnostics.map((d: any) => `${d.file} ${d.code}`),
      [
        'prds/express-checkout.prd.yaml status-rollup',
        'prds/express-checkout.prd.yaml failing-test',
        'prds/smart-substitutions.prd.yaml priority-inversion',
        'prds/smart-substitutions.prd.yaml missing-acceptance',
        'prds/smart-substitutions.prd.yaml uncovered',
      ],
    );
    const unresolved = await ok('check', {
      code: 'unresolved-link',
      file: 'iterations/2026-s02.stories.yaml',
    });
    assert.deepEqual(
      unresolved.diagnostics.map((d: any) => d.message),
      ['REQ-150 is not defined in this workspace (did you mean REQ-105?)'],
    );
  });

  it('trace answers what "specwright trace ID --format json" prints', async () => {
    for (const id of ['REQ-101', 'EPIC-2', 'ST-201']) {
      const cli = runJson(['trace', id, '.'], dir);
      assert.equal(cli.status, 0, cli.stderr);
      assert.deepEqual(await ok('trace', { id }), cli.json, id);
    }
  });

  it('search matches IDs, titles and text, and filters by kind, status, priority, release, owner and file', async () => {
    const ids = async (args: Record<string, unknown>): Promise<string[]> =>
      (await ok('search', args)).items.map((i: any) => i.id);
    assert.deepEqual(await ids({ query: 'REQ-101' }), ['REQ-101']);
    assert.deepEqual(await ids({ query: 'saved payment', kind: 'requirement' }), ['REQ-101']);
    assert.deepEqual(
      await ids({ query: 'single screen', kind: 'requirement' }),
      ['REQ-102'],
      'statement text',
    );
    assert.deepEqual(await ids({ kind: 'prd' }), ['PRD-1', 'PRD-2', 'PRD-3', 'PRD-4']);
    const prd1 = await ids({ file: 'prds/express-checkout.prd.yaml', kind: 'requirement', priority: 'must' });
    assert.ok(prd1.includes('REQ-101') && prd1.includes('REQ-102') && !prd1.includes('REQ-103'), prd1.join());
    assert.deepEqual(await ids({ file: 'prds/express-checkout.prd.yaml', status: 'in-progress' }), [
      'REQ-103',
    ]);
    assert.deepEqual(await ids({ owner: 'lena park', kind: 'prd' }), ['PRD-1']);
    const inRelease = await ids({ release: 'R-2026.1', kind: 'epic' });
    assert.ok(inRelease.includes('EPIC-2'), inRelease.join());
    assert.ok(!inRelease.includes('EPIC-4'), 'EPIC-4 ships in R-2026.3');
    const limited = await ok('search', { kind: 'requirement', limit: 2 });
    assert.equal(limited.items.length, 2);
    assert.ok(limited.total > 2);
    const first = (await ok('search', { query: 'REQ-101' })).items[0];
    assert.deepEqual(first, {
      id: 'REQ-101',
      kind: 'requirement',
      title: 'Saved payment methods',
      status: 'done',
      file: 'prds/express-checkout.prd.yaml',
      range: { start: { line: 19, character: 8 }, end: { line: 19, character: 15 } },
      priority: 'must',
      owner: null,
    });
  });

  it('get_item gives fields, place, upstream chain, downstream items, findings and roll-up', async () => {
    const req = await ok('get_item', { id: 'REQ-102' });
    assert.equal(req.item.title, 'One-page checkout');
    assert.equal(req.item.file, 'prds/express-checkout.prd.yaml');
    assert.equal(req.item.line, 31);
    assert.equal(req.item.fields.priority, 'must');
    assert.deepEqual(req.item.links, [{ field: 'depends_on', target: 'REQ-101' }]);
    assert.deepEqual(
      req.upstream.map((level: any[]) => level.map(i => i.id)),
      [['PRD-1'], ['EPIC-1'], ['R-2026.1'], ['G-CONV']],
    );
    assert.ok(req.downstream.some((d: any) => d.id === 'ST-201' && d.via === 'implements'));
    assert.ok(req.downstream.some((d: any) => d.id === 'REQ-103' && d.via === 'depends_on'));
    assert.deepEqual(
      req.findings.map((f: any) => `${f.code} ${f.severity} ${f.message}`),
      ['status-rollup warning REQ-102 is done but ST-201 is still in-progress'],
    );
    assert.equal(req.rollup.progress.total, req.rollup.progress.stories - req.rollup.progress.cancelled);
    assert.ok(req.rollup.summary[0].startsWith('stories '), req.rollup.summary.join());

    const prd = await ok('get_item', { id: 'PRD-1' });
    assert.ok(prd.rollup.coverage.total >= 4);
    assert.equal(prd.definitions, 1);
  });

  it('roadmap gives releases by horizon with epics and progress; coverage the uncovered requirements', async () => {
    const roadmap = await ok('roadmap');
    assert.deepEqual(
      roadmap.horizons.slice(0, 3).map((h: any) => h.horizon),
      ['now', 'next', 'later'],
    );
    const releases = roadmap.horizons.flatMap((h: any) => h.releases);
    const r1 = releases.find((r: any) => r.id === 'R-2026.1');
    assert.ok(r1, 'R-2026.1 is on the roadmap');
    assert.ok(r1.epics.some((e: any) => e.id === 'EPIC-2'));
    assert.equal(typeof r1.progress.percent, 'number');

    const coverage = await ok('coverage');
    assert.deepEqual(
      coverage.uncovered.map((r: any) => [r.id, r.prd, r.status]),
      [['REQ-205', 'PRD-2', 'approved']],
      'the requirement the uncovered check reports',
    );
    assert.ok(coverage.covered < coverage.requirements);
    assert.ok(coverage.prds.some((p: any) => p.prd.id === 'PRD-2' && p.covered < p.total));
    assert.deepEqual((await ok('coverage', { priority: 'must' })).uncovered, []);
    // examples/ sets trace: every done requirement is verified; REQ-103's wallet fallback test fails.
    assert.deepEqual(coverage.unverified, []);
    assert.deepEqual(
      coverage.failing.map((f: any) => `${f.id} ${f.message}`),
      [
        'REQ-103 a test of REQ-103 failed in the latest results: "wallet payments [REQ-103#2] falls back to the saved card when the wallet declines" failed (acceptance criterion 2)',
      ],
    );
  });

  it('reads an item as Markdown (the hover card) and the roadmap', async () => {
    const { resourceTemplates } = await client.listResourceTemplates();
    assert.deepEqual(
      resourceTemplates.map(t => t.uriTemplate),
      ['specwright://item/{id}'],
    );
    const { resources } = await client.listResources();
    assert.ok(resources.some(r => r.uri === 'specwright://roadmap'));
    assert.ok(resources.some(r => r.uri === 'specwright://item/REQ-101'));

    const card = await text('specwright://item/REQ-101');
    assert.match(card, /^\*\*Requirement REQ-101\*\* — Saved payment methods\n/);
    assert.match(card, /status `done` · priority `must`/);
    assert.match(card, /\[express-checkout\.prd\.yaml:20\]\(file:\/\/.*express-checkout\.prd\.yaml#L20\)/);

    const roadmap = await text('specwright://roadmap');
    assert.match(roadmap, /^# Roadmap\n\n### Now\n/);
    assert.match(roadmap, /R-2026\.1/);
  });

  it('draft-stories: the requirement, its acceptance criteria, PRD, personas and the stories that implement it', async () => {
    const { prompts } = await client.listPrompts();
    assert.deepEqual(
      prompts.map(p => [p.name, p.arguments?.map(a => [a.name, a.required])]),
      [
        ['draft-stories', [['id', true]]],
        ['review-prd', [['id', true]]],
      ],
    );
    const r = await client.getPrompt({ name: 'draft-stories', arguments: { id: 'REQ-102' } });
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0].role, 'user');
    const prompt = (r.messages[0].content as { text: string }).text;
    const sections = [...prompt.matchAll(/^## (.*)$/gm)].map(m => m[1]);
    assert.deepEqual(sections, [
      'The requirement',
      'Its acceptance criteria',
      'Its PRD',
      'Personas',
      'Stories that already implement it',
      'How to write them',
    ]);
    const section = (name: string): string => prompt.split(`## ${name}\n`)[1].split('\n## ')[0].trim();
    assert.match(
      prompt,
      /^Draft the user stories that implement requirement REQ-102 \(One-page checkout\)\./,
    );
    // The card is the hover card, as the item resource serves it.
    assert.ok(section('The requirement').startsWith((await text('specwright://item/REQ-102')).trimEnd()));
    assert.match(section('The requirement'), /statement: Address, delivery slot, payment and order total/);
    assert.equal(
      section('Its acceptance criteria'),
      [
        '1. No step of checkout opens a new screen, except 3-D Secure',
        '2. Every section can be edited in place and the total updates immediately',
      ].join('\n'),
    );
    assert.match(section('Its PRD'), /^\*\*PRD PRD-1\*\* — Express checkout/);
    assert.match(section('Its PRD'), /open_questions:\n {2}- Do we keep the order summary screen/);
    assert.deepEqual(
      [...section('Personas').matchAll(/^\*\*Persona (\S+)\*\*/gm)].map(m => m[1]),
      ['P-PARENT'],
    );
    // Exactly the stories trace lists as implementing it.
    const trace = runJson(['trace', 'REQ-102', '.'], dir).json;
    const implementing = trace.downstream
      .filter((d: any) => d.kind === 'story')
      .map((d: any) => d.id)
      .sort();
    assert.deepEqual(
      [...section('Stories that already implement it').matchAll(/^\*\*Story (\S+)\*\*/gm)].map(m => m[1]),
      implementing,
    );
    assert.deepEqual(implementing, ['ST-103', 'ST-201']);
    assert.match(section('How to write them'), /the next free ID is ST-209\b.*`implements: \[REQ-102\]`/);
  });

  it('review-prd: the PRD and its requirements, the findings the CLI reports on them, and its open questions', async () => {
    const r = await client.getPrompt({ name: 'review-prd', arguments: { id: 'PRD-2' } });
    const prompt = (r.messages[0].content as { text: string }).text;
    assert.deepEqual(
      [...prompt.matchAll(/^## (.*)$/gm)].map(m => m[1]),
      ['The PRD', 'Its requirements (6)', 'Findings (3)', 'Open questions (1)'],
    );
    const section = (name: string): string => prompt.split(`## ${name}\n`)[1].split('\n## ')[0].trim();
    assert.match(section('The PRD'), /^\*\*PRD PRD-2\*\* — Smart substitutions/);
    assert.deepEqual(
      [...section('Its requirements (6)').matchAll(/^\*\*Requirement (\S+)\*\*/gm)].map(m => m[1]),
      ['REQ-201', 'REQ-202', 'REQ-203', 'REQ-204', 'REQ-205', 'REQ-206'],
    );
    // The findings of the PRD's file, as "specwright check" reports them.
    const cli = runJson(['check', 'prds/smart-substitutions.prd.yaml'], dir).json;
    assert.deepEqual(
      section('Findings (3)').split('\n'),
      cli.diagnostics.map(
        (d: any) =>
          `- ${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}: ${d.message}`,
      ),
    );
    assert.equal(
      section('Open questions (1)'),
      '1. How long may a picker wait for an answer before following the default?',
    );
  });

  it('prompts: an unknown ID, or one of another kind, is an invalid-params error naming the closest IDs of the kind', async () => {
    const refused = async (name: string, args: Record<string, string>, message: RegExp): Promise<void> =>
      assert.rejects(client.getPrompt({ name, arguments: args }), (err: unknown) => {
        assert.ok(err instanceof McpError);
        assert.equal(err.code, -32602);
        assert.match(err.message, message);
        return true;
      });
    await refused(
      'draft-stories',
      { id: 'REQ-10' },
      /no requirement has the ID "REQ-10" in this workspace \(did you mean REQ-101, REQ-102 or REQ-103\?\)$/,
    );
    await refused('draft-stories', { id: 'PRD-1' }, /PRD-1 is a prd, not a requirement/);
    await refused(
      'review-prd',
      { id: 'PRD-9' },
      /no prd has the ID "PRD-9" in this workspace \(did you mean PRD-1/,
    );
    await refused('review-prd', { id: 'REQ-101' }, /: REQ-101 is a requirement, not a prd$/);
    await refused('review-prd', {}, /Invalid arguments for prompt review-prd/);
    const completed = await client.complete({
      ref: { type: 'ref/prompt', name: 'review-prd' },
      argument: { name: 'id', value: 'PRD-' },
    });
    assert.deepEqual(completed.completion.values, ['PRD-1', 'PRD-2', 'PRD-3', 'PRD-4']);
  });

  it('answers bad arguments and unknown IDs with errors naming the closest IDs, and keeps serving', async () => {
    const unknown = await call('get_item', { id: 'REQ-10l' });
    assert.equal(unknown.isError, true);
    assert.match(
      unknown.content[0].text!,
      /^no item has the ID "REQ-10l" in this workspace \(did you mean REQ-101/,
    );
    const trace = await call('trace', { id: 'REQ-150' });
    assert.equal(trace.isError, true);
    assert.match(trace.content[0].text!, /\(did you mean REQ-105/);

    const badType = await call('search', { limit: 'ten' });
    assert.equal(badType.isError, true);
    assert.match(badType.content[0].text!, /Invalid arguments for tool search/);
    const missing = await call('get_item', {});
    assert.equal(missing.isError, true);
    assert.match(missing.content[0].text!, /Invalid arguments for tool get_item/);
    const badSeverity = await call('check', { severity: 'fatal' });
    assert.equal(badSeverity.isError, true);

    const noTool = await call('delete_everything');
    assert.equal(noTool.isError, true);
    assert.match(noTool.content[0].text!, /Tool delete_everything not found/);
    await assert.rejects(client.readResource({ uri: 'specwright://item/EPIC-9' }), (err: unknown) => {
      assert.ok(err instanceof McpError);
      assert.equal(err.code, -32602);
      assert.match(err.message, /no item has the ID "EPIC-9" in this workspace \(did you mean EPIC-/);
      return true;
    });

    // Still serving.
    assert.equal((await ok('get_item', { id: 'REQ-101' })).item.id, 'REQ-101');
    assert.equal((await client.listTools()).tools.length, 8);
  });

  it('reads past a line that is not JSON-RPC, answers the next request, and exits 0 when its input ends', async () => {
    const child = spawn(process.execPath, [cliPath, 'mcp', '.'], { cwd: dir, stdio: 'pipe' });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
    child.stdin.write('this is not json\n{"jsonrpc":"2.0","id":7,"method":"no/such/method"}\n');
    child.stdin.write(
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}\n',
    );
    await eventually(
      async () => out,
      o => o.includes('"id":1'),
      'the answer to initialize',
    );
    const answers = out
      .trim()
      .split('\n')
      .map(
        l =>
          JSON.parse(l) as {
            id: number;
            error?: { code: number };
            result?: { serverInfo: { name: string } };
          },
      );
    assert.equal(answers.find(a => a.id === 7)?.error?.code, -32601, 'an unknown method is an error');
    assert.equal(answers.find(a => a.id === 1)?.result?.serverInfo.name, 'specwright');
    child.stdin.end();
    assert.equal(await exited, 0, err);
  });

  it('sees a file saved on disk in its next answers, and says the resources changed', async () => {
    const before = listChanged;
    const file = path.join(dir, 'prds', 'express-checkout.prd.yaml');
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('title: Saved payment methods', 'title: Stored cards'));
    const item = await eventually(
      () => ok('get_item', { id: 'REQ-101' }),
      v => v.item.title === 'Stored cards',
      'the new title',
    );
    assert.equal(item.item.fields.title, 'Stored cards');
    assert.match(await text('specwright://item/REQ-101'), /— Stored cards/);
    await eventually(
      async () => listChanged,
      n => n > before,
      'resources/list_changed',
    );

    // A new file: a link it breaks shows up in check, as the CLI says.
    fs.writeFileSync(
      path.join(dir, 'iterations', 'extra.stories.yaml'),
      'kind: stories\nstories:\n  - id: ST-900\n    title: Extra\n    implements: [REQ-999]\n',
    );
    const checked = await eventually(
      () => ok('check', { code: 'unresolved-link' }),
      v => v.diagnostics.length === 2,
      'the new unresolved link',
    );
    const cli = runJson(['check', '.'], dir).json;
    assert.deepEqual([checked.files, checked.items], [cli.files, cli.items]);
    assert.deepEqual(
      (await ok('check')).diagnostics,
      runJson(['check', '.'], dir).json.diagnostics,
      'the same findings as the CLI after the edits',
    );

    // Deleted: gone from the answers.
    fs.rmSync(path.join(dir, 'iterations', 'extra.stories.yaml'));
    await eventually(
      () => call('get_item', { id: 'ST-900' }),
      v => v.isError === true,
      'ST-900 gone',
    );
    assert.equal(run(['check', '.'], dir).status, 1);
    assert.equal(stderr, '', 'nothing on stderr');
  });
});
