/**
 * `specwright mcp --allow-edits`: create_item and update_item change spec
 * files through the quick fixes' edit helpers, byte-exact around the edit;
 * an edit that would add an error is refused with the findings and the file
 * stays byte-identical; nothing outside the workspace is written.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, run, runJson, tempDir } from './helpers';
import { startMcp, type McpSession } from './mcpClient';

describe('cli: specwright mcp --allow-edits', function () {
  this.timeout(120_000);
  let mcp: McpSession;
  let base = '';
  let dir = '';
  let remove = (): void => undefined;
  const prd = (): string => path.join(dir, 'prds', 'express-checkout.prd.yaml');
  const read = (file: string): string => fs.readFileSync(file, 'utf8');
  const check = () => runJson(['check', '.'], dir).json;

  before(async () => {
    const t = tempDir();
    remove = t.remove;
    base = t.dir;
    dir = path.join(base, 'workspace');
    fs.cpSync(path.join(repoRoot, 'examples'), dir, { recursive: true });
    // Without review stamps: a changed requirement would make its links suspect (a warning, which edits may add).
    fs.rmSync(path.join(dir, 'specwright.reviews'));
    // Outside the workspace: a stories file, and a link to it from inside.
    fs.mkdirSync(path.join(base, 'outside'));
    fs.writeFileSync(
      path.join(base, 'outside', 'x.stories.yaml'),
      'id: IT-9\ntitle: Elsewhere\nstories:\n  - id: ST-900\n    title: Far away\n    implements: [REQ-101]\n',
    );
    fs.symlinkSync(
      path.join(base, 'outside', 'x.stories.yaml'),
      path.join(dir, 'iterations', 'linked.stories.yaml'),
    );
    mcp = await startMcp(dir, ['.', '--allow-edits']);
  });
  after(async () => {
    await mcp?.close();
    remove();
  });

  it('lists create_item and update_item beside the read-only tools, marked as writing', async () => {
    const { tools } = await mcp.client.listTools();
    assert.deepEqual(
      tools.map(t => t.name),
      [
        'search',
        'get_item',
        'trace',
        'check',
        'roadmap',
        'coverage',
        'impact',
        'diff',
        'create_item',
        'update_item',
      ],
    );
    for (const name of ['create_item', 'update_item']) {
      const tool = tools.find(t => t.name === name)!;
      assert.equal(tool.annotations?.readOnlyHint, false, name);
      assert.equal(tool.outputSchema?.type, 'object', name);
    }
    assert.deepEqual(tools.find(t => t.name === 'update_item')!.inputSchema.required, ['id', 'fields']);
  });

  it('refuses an update that breaks a link, with the findings it would add; the file stays byte-identical', async () => {
    const before = fs.readFileSync(prd());
    const findings = check().diagnostics;
    const message = await mcp.refused('update_item', { id: 'REQ-103', fields: { depends_on: ['REQ-999'] } });
    assert.equal(
      message,
      [
        'nothing was written: the edit of prds/express-checkout.prd.yaml would add an error:',
        'prds/express-checkout.prd.yaml:51:18 error unresolved-link REQ-999 is not defined in this workspace',
      ].join('\n'),
    );
    const schema = await mcp.refused('update_item', { id: 'REQ-103', fields: { status: 'shipped' } });
    assert.match(schema, /^nothing was written: .*\n.*:47:13 error schema status must be one of draft, /);
    assert.deepEqual(fs.readFileSync(prd()), before, 'byte-identical');
    // The model went back too: the same findings as the CLI reads from disk.
    assert.deepEqual((await mcp.ok('check')).diagnostics, findings);
    assert.equal((await mcp.ok('get_item', { id: 'REQ-103' })).item.fields.status, 'in-progress');
  });

  it('applies an update that breaks nothing: values replaced where they stand, a new field after the last line, the rest byte for byte', async () => {
    const original = read(prd());
    const findings = check().diagnostics;
    const answer = await mcp.ok('update_item', {
      id: 'REQ-103',
      fields: {
        title: 'Wallets: Apple Pay, Google Pay',
        acceptance_criteria: [
          'The wallet button shows only where a wallet is set up',
          'A failed payment keeps the basket',
        ],
        depends_on: ['REQ-101', 'REQ-102'],
        rationale: 'Wallet users convert best',
      },
    });
    // REQ-103's wallet fallback test fails in examples/test-results/junit.xml: the item keeps that finding.
    assert.deepEqual(answer, {
      id: 'REQ-103',
      file: 'prds/express-checkout.prd.yaml',
      line: 43,
      findings: [
        {
          code: 'failing-test',
          file: 'prds/express-checkout.prd.yaml',
          message:
            'a test of REQ-103 failed in the latest results: "wallet payments [REQ-103#2] falls back to the saved card when the wallet declines" failed (acceptance criterion 2)',
          range: { start: { line: 42, character: 8 }, end: { line: 42, character: 15 } },
          severity: 'warning',
        },
      ],
    });
    const expected = original
      .replace('    title: Wallet payments\n', '    title: "Wallets: Apple Pay, Google Pay"\n')
      .replace(
        [
          '      - The wallet button appears only on devices where the wallet is set up',
          '      - A failed wallet payment falls back to the saved card without losing the basket',
          '    depends_on: [REQ-102]',
          '',
        ].join('\n'),
        [
          '      - The wallet button shows only where a wallet is set up',
          '      - A failed payment keeps the basket',
          '    depends_on: [REQ-101, REQ-102]',
          '    rationale: Wallet users convert best',
          '',
        ].join('\n'),
      );
    assert.notEqual(expected, original);
    assert.equal(read(prd()), expected);
    assert.deepEqual(check().diagnostics, findings, 'no finding added or lost');
    const item = (await mcp.ok('get_item', { id: 'REQ-103' })).item;
    assert.equal(item.title, 'Wallets: Apple Pay, Google Pay', 'answers reflect the edit at once');
    assert.deepEqual(item.links, [
      { field: 'depends_on', target: 'REQ-101' },
      { field: 'depends_on', target: 'REQ-102' },
    ]);
  });

  it('keeps the comments of the item it edits', async () => {
    const original = read(prd());
    assert.match(original, / {4}# deliberate: status-rollup/);
    await mcp.ok('update_item', { id: 'REQ-102', fields: { title: 'One-page checkout, inline' } });
    assert.equal(
      read(prd()),
      original.replace('    title: One-page checkout\n', '    title: One-page checkout, inline\n'),
    );
  });

  it('create_item appends a requirement as its siblings are written, with the next free ID, and adds no finding', async () => {
    const original = read(prd());
    const before = check();
    const answer = await mcp.ok('create_item', {
      kind: 'requirement',
      file: 'prds/express-checkout.prd.yaml',
      fields: {
        title: 'Receipts',
        statement: 'The shopper gets a receipt by email.',
        priority: 'should',
        acceptance_criteria: ['A receipt is mailed within a minute of payment'],
      },
    });
    assert.deepEqual(answer, {
      id: 'REQ-107',
      file: 'prds/express-checkout.prd.yaml',
      line: 78,
      findings: [],
    });
    assert.equal(
      read(prd()),
      original +
        [
          '',
          '  - id: REQ-107',
          '    title: Receipts',
          '    statement: The shopper gets a receipt by email.',
          '    priority: should',
          '    acceptance_criteria:',
          '      - A receipt is mailed within a minute of payment',
          '    status: draft',
          '',
        ].join('\n'),
    );
    const after = check();
    assert.deepEqual(after.diagnostics, before.diagnostics, 'no new finding');
    assert.deepEqual([after.files, after.items], [before.files, before.items + 1]);
    assert.equal((await mcp.ok('search', { query: 'REQ-107' })).items[0].title, 'Receipts');
  });

  it('create_item without a file puts the item after the highest ID of its kind; a given ID is used as it is', async () => {
    const stories = path.join(dir, 'iterations', '2026-s02.stories.yaml');
    const original = read(stories);
    const made = await mcp.ok('create_item', {
      kind: 'story',
      id: 'ST-250',
      fields: { title: 'Email the receipt', implements: ['REQ-107'], as_a: 'P-PARENT' },
    });
    assert.deepEqual([made.id, made.file], ['ST-250', 'iterations/2026-s02.stories.yaml']);
    assert.equal(
      read(stories),
      original +
        [
          '',
          '  - id: ST-250',
          '    title: Email the receipt',
          '    implements: [REQ-107]',
          '    as_a: P-PARENT',
          '    status: draft',
          '',
        ].join('\n'),
    );
    const next = await mcp.ok('create_item', {
      kind: 'story',
      fields: { title: 'Print it', implements: ['REQ-107'] },
    });
    assert.equal(next.id, 'ST-251');
  });

  it('refuses a file outside the workspace, a link out of it, and a file that is no spec file; writes nothing', async () => {
    const outside = path.join(base, 'outside', 'x.stories.yaml');
    const before = read(outside);
    const story = { kind: 'story', fields: { title: 'Escape', implements: ['REQ-101'] } };
    assert.equal(
      await mcp.refused('create_item', { ...story, file: '../outside/x.stories.yaml' }),
      '../outside/x.stories.yaml is outside the workspace: nothing is written there',
    );
    assert.equal(
      await mcp.refused('create_item', { ...story, file: 'iterations/linked.stories.yaml' }),
      'iterations/linked.stories.yaml is not a spec file of this workspace (the scan did not read it)',
    );
    assert.equal(
      await mcp.refused('create_item', { ...story, file: outside }),
      `${outside} is outside the workspace: nothing is written there`,
    );
    assert.match(
      await mcp.refused('create_item', { ...story, file: 'README.md' }),
      /^README\.md is not a spec file of this workspace/,
    );
    assert.equal(read(outside), before);
    assert.equal(fs.lstatSync(path.join(dir, 'iterations', 'linked.stories.yaml')).isSymbolicLink(), true);
    assert.equal(fs.existsSync(path.join(base, 'outside.stories.yaml')), false);
  });

  it('answers bad arguments with clear errors and keeps serving', async () => {
    assert.equal(
      await mcp.refused('update_item', { id: 'REQ-1O3', fields: { title: 'x' } }),
      'no item has the ID "REQ-1O3" in this workspace (did you mean REQ-103, REQ-101 or REQ-102?)',
    );
    assert.match(
      await mcp.refused('update_item', { id: 'REQ-103', fields: { id: 'REQ-900' } }),
      /^fields cannot set id: /,
    );
    assert.match(
      await mcp.refused('update_item', { id: 'PRD-1', fields: { requirements: ['x'] } }),
      /^fields cannot set requirements: it holds items of their own; create them with create_item$/,
    );
    assert.equal(
      await mcp.refused('update_item', { id: 'REQ-103', fields: {} }),
      'fields names nothing to set',
    );
    assert.match(
      await mcp.refused('update_item', { id: 'REQ-103', fields: { title: { nested: 1 } } }),
      /Invalid arguments for tool update_item/,
    );
    assert.match(
      await mcp.refused('update_item', { id: 'REQ-103', fields: { 'bad key': 'x' } }),
      /Invalid arguments for tool update_item/,
    );
    assert.match(
      await mcp.refused('create_item', { kind: 'epic', fields: {} }),
      /Invalid arguments for tool create_item/,
    );
    assert.equal(
      await mcp.refused('create_item', { kind: 'requirement', id: 'REQ-101', fields: { title: 'Again' } }),
      'REQ-101 is already defined in prds/express-checkout.prd.yaml',
    );
    assert.match(
      await mcp.refused('create_item', { kind: 'requirement', id: 'not an id', fields: {} }),
      /^"not an id" is not an ID/,
    );
    assert.equal((await mcp.ok('get_item', { id: 'REQ-101' })).item.id, 'REQ-101');
    assert.equal(mcp.stderr(), '');
  });

  it('--allow-edits is only for mcp', () => {
    const r = run(['check', '.', '--allow-edits'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /option --allow-edits is only for "mcp"/);
  });
});
