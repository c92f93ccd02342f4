import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SpecDiff } from '../../server/src/core/reviews/semanticDiff';
import { commitAll, git, initRepo, useSpecHistory, write } from './gitRepo';
import { linesOf, run, runJson, snapshot, tempDir } from './helpers';

/** The JSON of `specwright diff`. */
type DiffJson = SpecDiff & {
  version: number;
  root: string;
  from: unknown;
  to: unknown;
  summary: Record<string, number>;
};

describe('cli: diff', function () {
  this.timeout(120_000);
  const t = useSpecHistory();

  it('between two commits: a deletion, a move (git mv), a reworded statement and a status change', () => {
    const r = run(['diff', 'HEAD~1', 'HEAD'], t.dir);
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.deepEqual(linesOf(r.stdout), [
      'Spec changes HEAD~1 → HEAD: 2 removed, 2 moved, 1 changed, 1 status or priority change',
      '',
      'Status and priority:',
      '  REQ-2 One page (requirement) status: draft → approved',
      '',
      'Removed:',
      '  PRD-9 Old (prd) was in specs/old.prd.yaml',
      '  REQ-9 Fax (requirement) was in specs/old.prd.yaml',
      '',
      'Moved:',
      '  PRD-2 Wallets (prd): specs/wallet.prd.yaml → archive/wallet.prd.yaml',
      '  REQ-4 Wallets (requirement): specs/wallet.prd.yaml → archive/wallet.prd.yaml',
      '',
      'Changed:',
      '  REQ-1 Saved cards (requirement) in specs/checkout.prd.yaml',
      '    statement: A {+signed-in +}shopper can [-save-]{+store+} a card at checkout.',
    ]);
  });

  it('by default HEAD against the working tree: an unstaged edit and a file git does not track yet', () => {
    const r = run(['diff'], t.dir);
    assert.equal(r.status, 0);
    assert.deepEqual(linesOf(r.stdout), [
      'Spec changes HEAD → working tree: 2 added, 1 changed',
      '',
      'Added:',
      '  IT-2 Later (iteration) in specs/later.stories.yaml',
      '  ST-3 Pay by wallet (story) in specs/later.stories.yaml',
      '',
      'Changed:',
      '  REQ-4 Wallet payments (requirement) in archive/wallet.prd.yaml',
      '    title: Wallets → Wallet payments',
    ]);
  });

  it('--format md reads as a pull-request comment', () => {
    const r = run(['diff', 'HEAD~1', '--format', 'md'], t.dir);
    assert.equal(r.status, 0);
    assert.equal(
      r.stdout,
      [
        '## Spec changes: `HEAD~1` → working tree',
        '',
        '2 added, 2 removed, 2 moved, 2 changed, 1 status or priority change.',
        '',
        '### Status and priority',
        '',
        '| Item | Field | Before | After |',
        '| --- | --- | --- | --- |',
        '| `REQ-2` One page (requirement) | status | `draft` | `approved` |',
        '',
        '### Added',
        '',
        '- `IT-2` Later (iteration) in `specs/later.stories.yaml`',
        '- `ST-3` Pay by wallet (story) in `specs/later.stories.yaml`',
        '',
        '### Removed',
        '',
        '- `PRD-9` Old (prd), was in `specs/old.prd.yaml`',
        '- `REQ-9` Fax (requirement), was in `specs/old.prd.yaml`',
        '',
        '### Moved',
        '',
        '- `PRD-2` Wallets (prd): `specs/wallet.prd.yaml` → `archive/wallet.prd.yaml`',
        '- `REQ-4` Wallet payments (requirement): `specs/wallet.prd.yaml` → `archive/wallet.prd.yaml`',
        '',
        '### Changed',
        '',
        '#### `REQ-1` Saved cards (requirement)',
        '',
        'in `specs/checkout.prd.yaml`',
        '',
        '- **statement**: A **signed-in** shopper can ~~save~~ **store** a card at checkout.',
        '',
        '#### `REQ-4` Wallet payments (requirement)',
        '',
        'in `archive/wallet.prd.yaml`',
        '',
        '- **title**: `Wallets` → `Wallet payments`',
        '',
      ].join('\n'),
    );
  });

  it('--format json names both sides by revision and commit, counts, and carries every change', () => {
    const { status, json } = runJson(['diff', 'HEAD~1', 'HEAD'], t.dir) as { status: number; json: DiffJson };
    assert.equal(status, 0);
    assert.equal(json.version, 1);
    assert.equal(json.root, t.dir);
    assert.deepEqual(json.from, { revision: 'HEAD~1', commit: t.commits.first });
    assert.deepEqual(json.to, { revision: 'HEAD', commit: t.commits.second });
    assert.deepEqual(json.summary, { added: 0, removed: 2, moved: 2, changed: 1, transitions: 1 });
    assert.deepEqual(json.added, []);
    assert.deepEqual(json.removed[1], {
      id: 'REQ-9',
      kind: 'requirement',
      title: 'Fax',
      path: 'specs/old.prd.yaml',
    });
    assert.deepEqual(json.moved[1], {
      id: 'REQ-4',
      kind: 'requirement',
      title: 'Wallets',
      path: 'archive/wallet.prd.yaml',
      from: 'specs/wallet.prd.yaml',
    });
    assert.deepEqual(json.transitions, [
      {
        id: 'REQ-2',
        kind: 'requirement',
        title: 'One page',
        path: 'specs/checkout.prd.yaml',
        field: 'status',
        before: 'draft',
        after: 'approved',
      },
    ]);
    assert.deepEqual(json.changed[0].fields, [
      {
        field: 'statement',
        change: 'text',
        words: [
          { op: '=', text: 'A ' },
          { op: '+', text: 'signed-in ' },
          { op: '=', text: 'shopper can ' },
          { op: '-', text: 'save' },
          { op: '+', text: 'store' },
          { op: '=', text: ' a card at checkout.' },
        ],
      },
    ]);
    // The working tree as the second side: `to` is null.
    assert.equal((runJson(['diff'], t.dir).json as DiffJson).to, null);
  });

  it('only reads: neither the working tree nor .git changes', () => {
    const before = snapshot(t.dir);
    for (const format of ['text', 'json', 'md'])
      assert.equal(run(['diff', 'HEAD~1', '--format', format], t.dir).status, 0);
    assert.deepEqual(snapshot(t.dir), before);
  });

  it('says so when nothing changed', () => {
    const r = run(['diff', 'HEAD', 'HEAD'], t.dir);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'Spec changes HEAD → HEAD: none\n');
    assert.equal(
      run(['diff', 'HEAD', 'HEAD', '--format', 'md'], t.dir).stdout,
      '## Spec changes: `HEAD` → `HEAD`\n\nNo spec item changed.\n',
    );
  });

  it('an unknown revision, or one written like an option, exits 2 and names it', () => {
    const r = run(['diff', 'no-such-branch'], t.dir);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'specwright: no changes were listed: unknown revision "no-such-branch": git knows no commit by that name here\n',
    );
    const o = run(['diff', '--', '--output=x'], t.dir);
    assert.equal(o.status, 2);
    assert.equal(o.stderr, 'specwright: no changes were listed: "--output=x" is not a revision\n');
    assert.equal(fs.existsSync(path.join(t.dir, 'x')), false);
  });

  it('more than two revisions is a usage error', () => {
    const r = run(['diff', 'a', 'b', 'c'], t.dir);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^specwright: diff takes at most two revisions \(got 3\)\nUsage: specwright diff /,
    );
  });
});

describe('cli: diff and impact --since across a file that cannot be parsed and an ID that changed kind', function () {
  this.timeout(120_000);
  let dir = '';
  let remove = (): void => undefined;
  const broken = 'Flow sequence in block collection must be sufficiently indented and end with a ]';
  const checkout = (title: string): string =>
    `id: PRD-1\ntitle: ${title}\nrequirements:\n  - {id: REQ-1, title: Pay, statement: Pay., priority: must}\n`;
  before(() => {
    const t = tempDir();
    ({ dir, remove } = t);
    initRepo(dir);
    // HEAD~1: the checkout PRD has an unclosed bracket; HEAD: mended.
    write(dir, {
      '.specwright.yaml': 'rules:\n  orphan: off\n',
      'specs/checkout.prd.yaml': checkout('[Checkout'),
      'specs/gifts.prd.yaml':
        'id: PRD-2\ntitle: Gifts\nrequirements:\n  - {id: REQ-7, title: Gift wrap, statement: Wrap it., priority: could}\n',
      'specs/sprint.stories.yaml':
        'id: IT-1\ntitle: Sprint\nstories:\n  - {id: ST-1, title: Pay, implements: [REQ-1]}\n',
    });
    commitAll(dir, 'broken');
    write(dir, { 'specs/checkout.prd.yaml': checkout('Checkout') });
    commitAll(dir, 'mended');
    // The working tree: REQ-7 is a story now.
    write(dir, {
      'specs/gifts.prd.yaml': 'id: PRD-2\ntitle: Gifts\n',
      'specs/sprint.stories.yaml':
        'id: IT-1\ntitle: Sprint\nstories:\n  - {id: ST-1, title: Pay, implements: [REQ-1]}\n  - {id: REQ-7, title: Gift wrap}\n',
    });
  });
  after(() => remove());

  it('diff: the file is unreadable at the revision where it is broken, and none of its items is added', () => {
    const r = run(['diff', 'HEAD~1', 'HEAD'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'Spec changes HEAD~1 → HEAD: 1 file unreadable',
      '',
      'Unreadable:',
      `  specs/checkout.prd.yaml at HEAD~1 (line 3: ${broken}): its items there are not compared`,
    ]);
    assert.match(
      run(['diff', 'HEAD~1', 'HEAD', '--format', 'md'], dir).stdout,
      /^### Unreadable files\n\n- `specs\/checkout\.prd\.yaml` at `HEAD~1` \(line 3: .*\): its items there are not compared\n/m,
    );
    const { json } = runJson(['diff', 'HEAD~1', 'HEAD'], dir) as { json: DiffJson };
    assert.deepEqual(json.unreadable, [
      { path: 'specs/checkout.prd.yaml', line: 3, reason: broken, side: 'before' },
    ]);
    assert.deepEqual([json.added, json.removed], [[], []]);
  });

  it('diff: an ID that now names a story is changed in its kind', () => {
    const r = run(['diff'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'Spec changes HEAD → working tree: 1 moved, 1 changed, 1 status or priority change',
      '',
      'Status and priority:',
      '  REQ-7 Gift wrap (story) priority: could → (none)',
      '',
      'Moved:',
      '  REQ-7 Gift wrap (story): specs/gifts.prd.yaml → specs/sprint.stories.yaml',
      '',
      'Changed:',
      '  REQ-7 Gift wrap (story) in specs/sprint.stories.yaml',
      '    kind: requirement → story',
      '    statement: Wrap it. → (none)',
    ]);
  });

  it('impact --since: says which file it could not read then; a kind change is a change', () => {
    assert.deepEqual(linesOf(run(['impact', '--since', 'HEAD~1'], dir).stdout), [
      'Changed since HEAD~1: REQ-7 (kind)',
      `Cannot read specs/checkout.prd.yaml at HEAD~1 (line 3: ${broken}): its items are not compared.`,
      'Nothing is downstream of REQ-7.',
    ]);
    assert.deepEqual(linesOf(run(['impact', '--since', 'HEAD'], dir).stdout), [
      'Changed since HEAD: REQ-7 (kind)',
      'Nothing is downstream of REQ-7.',
    ]);
    const { json } = runJson(['impact', '--since', 'HEAD~1'], dir) as { json: { unreadable: unknown } };
    assert.deepEqual(json.unreadable, [{ path: 'specs/checkout.prd.yaml', line: 3, reason: broken }]);
  });
});

describe('cli: diff of a workspace in a folder of the repository', function () {
  this.timeout(120_000);

  it('--root names paths from the workspace root and leaves out spec files outside it', () => {
    const t = tempDir();
    try {
      initRepo(t.dir);
      write(t.dir, {
        'product/.specwright.yaml': '',
        'product/specs/a.prd.yaml': 'id: PRD-1\ntitle: A\n',
        'other/b.prd.yaml': 'id: PRD-2\ntitle: B\n',
      });
      commitAll(t.dir, 'one');
      write(t.dir, {
        'product/specs/a.prd.yaml': 'id: PRD-1\ntitle: A two\n',
        'other/b.prd.yaml': 'id: PRD-2\ntitle: B two\n',
      });
      const r = run(['diff', '--root', 'product'], t.dir);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(linesOf(r.stdout), [
        'Spec changes HEAD → working tree: 1 changed',
        '',
        'Changed:',
        '  PRD-1 A two (prd) in specs/a.prd.yaml',
        '    title: A → A two',
      ]);
      // The same from inside the folder, found as check finds its workspace.
      assert.equal(run(['diff'], path.join(t.dir, 'product', 'specs')).stdout, r.stdout);
    } finally {
      t.remove();
    }
  });
});

describe('cli: diff and impact --since outside a git repository', function () {
  this.timeout(120_000);

  it('exit 2 with a clear message; impact of named IDs and check still work', () => {
    const t = tempDir();
    try {
      write(t.dir, {
        'a.prd.yaml':
          'id: PRD-1\ntitle: A\nrequirements:\n  - {id: REQ-1, title: R, statement: S., priority: must}\n',
      });
      const message = `${t.dir} is not inside a git repository (git init, or run it in a clone)`;
      const d = run(['diff'], t.dir);
      assert.equal(d.status, 2);
      assert.equal(d.stdout, '');
      assert.equal(d.stderr, `specwright: no changes were listed: ${message}\n`);
      const i = run(['impact', '--since', 'HEAD'], t.dir);
      assert.equal(i.status, 2);
      assert.equal(i.stdout, '');
      assert.equal(i.stderr, `specwright: no impact was listed: ${message}\n`);
      const named = run(['impact', 'PRD-1'], t.dir);
      assert.equal(named.status, 0);
      assert.deepEqual(linesOf(named.stdout), [
        '1 item downstream of PRD-1:',
        'REQ-1 R (requirement) a.prd.yaml:4',
        '  PRD-1 → REQ-1 (contains)',
      ]);
      assert.equal(run(['check'], t.dir).status, 0);
    } finally {
      t.remove();
    }
  });
});

describe('cli: diff runs nothing the repository configures', function () {
  this.timeout(120_000);

  it('a core.fsmonitor hook in .git/config is not run (git itself would run it on a diff of the working tree)', () => {
    const t = tempDir();
    try {
      initRepo(t.dir);
      write(t.dir, { 'a.prd.yaml': 'id: PRD-1\ntitle: A\n' });
      commitAll(t.dir, 'one');
      const marker = path.join(t.dir, 'hook-ran');
      write(t.dir, { 'hook.sh': `#!/bin/sh\ntouch '${marker}'\n` });
      fs.chmodSync(path.join(t.dir, 'hook.sh'), 0o755);
      git(t.dir, 'config', 'core.fsmonitor', path.join(t.dir, 'hook.sh'));
      write(t.dir, { 'a.prd.yaml': 'id: PRD-1\ntitle: A two\n' });
      for (const args of [['diff'], ['impact', '--since', 'HEAD']]) {
        const r = run(args, t.dir);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(fs.existsSync(marker), false, `${args.join(' ')} ran the hook`);
      }
      // The hook is real: git runs it.
      git(t.dir, 'diff', '--name-only', 'HEAD');
      assert.equal(fs.existsSync(marker), true);
    } finally {
      t.remove();
    }
  });
});

describe('cli: diff and impact of hostile text', function () {
  this.timeout(120_000);

  it('no output line starts a CI command, whatever the titles, keys and values say', () => {
    const t = tempDir();
    try {
      initRepo(t.dir);
      const prd = (value: string) =>
        [
          'id: PRD-1',
          'title: "::error::title"',
          'requirements:',
          `  - {id: REQ-1, title: "::warning::t", statement: "${value}", priority: must, "::error file=x::key": "${value}", acceptance_criteria: ["${value}"]}`,
          '  - {id: REQ-2, title: R, statement: S., priority: must, depends_on: [REQ-1]}',
          '',
        ].join('\n');
      write(t.dir, { 'a.prd.yaml': prd('::notice::old') });
      commitAll(t.dir, 'one');
      write(t.dir, { 'a.prd.yaml': prd('::notice::new %0A::error::x') });
      for (const args of [
        ['diff'],
        ['diff', '--format', 'md'],
        ['impact', '--since', 'HEAD'],
        ['impact', '--since', 'HEAD', '--format', 'md'],
      ]) {
        const r = run(args, t.dir);
        assert.equal(r.status, 0, r.stderr);
        assert.ok(r.stdout.includes('REQ-1'), r.stdout);
        // Text also keeps a command's encoded line break literal, as check's text output does.
        const text = !args.includes('md');
        for (const line of r.stdout.split('\n'))
          assert.ok(!/^\s*::/.test(line) && !(text && /%0A/i.test(line)), `${args.join(' ')}: ${line}`);
      }
    } finally {
      t.remove();
    }
  });
});
