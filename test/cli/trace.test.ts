import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, repoRoot, run, tempDir } from './helpers';

const basic = fixture('report-basic');
const usage = 'Usage: specwright trace ID [PATH] [--format text|json] [--config FILE] [--root DIR]';
const hint = 'Run "specwright --help" for details.';

describe('cli: trace', () => {
  it("prints a requirement's chain up to its goal and its stories as an indented tree, exit 0", () => {
    const r = run(['trace', 'REQ-2'], basic);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(linesOf(r.stdout), [
      'REQ-2 One-page checkout (requirement, approved, must) — 1 warning: priority-inversion',
      'defined in prds/checkout.prd.yaml:14:9',
      'upstream:',
      '  PRD-1 Express checkout (prd, approved) via parent',
      '    EPIC-1 Express checkout (epic, in-progress, must) via epic — 1 warning: schedule-conflict',
      '      R-1 Checkout that converts (release, in-progress) via release',
      '        G-CONV Checkout conversion (goal, draft) via goals',
      '          V-1 Basket & Co (vision, draft) via parent',
      'downstream:',
      '  ST-3 Single page layout (story, draft) via implements',
    ]);
  });

  it("prints an epic's PRDs, requirements and stories, then what depends on it, with each item's findings", () => {
    const r = run(['trace', 'EPIC-2', '.'], basic);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'EPIC-2 Smart substitutions <beta> — café (epic, approved, should)',
      'defined in epics/substitutions.epic.yaml:2:5',
      'upstream:',
      '  R-2 Right items, right time (release, draft) via release',
      '    G-RETAIN Customers come back (goal, draft) via goals',
      '      V-1 Basket & Co (vision, draft) via parent',
      'downstream:',
      '  PRD-2 Substitutions (prd, draft) via epic',
      '    REQ-4 Suggest a substitute (requirement, draft, should) via contains',
      '      ST-4 Out-of-stock signal (story, cancelled) via implements — 1 error: dependency-cycle',
      '      ST-5 Substitute picker (story, draft) via implements — 1 error: dependency-cycle',
      '    REQ-5 =SUM(A1) stays text (requirement, draft, could) via contains',
      '  EPIC-1 Express checkout (epic, in-progress, must) via depends_on — 1 warning: schedule-conflict',
    ]);
  });

  it('reads the workspace at PATH; text names files from the working directory, so that a terminal opens them', () => {
    const a = run(['trace', 'ST-1', 'test/fixtures/report-basic'], repoRoot);
    assert.equal(a.status, 0, a.stderr);
    assert.equal(
      linesOf(a.stdout)[1],
      'defined in test/fixtures/report-basic/iterations/s1.stories.yaml:8:9',
    );
    assert.equal(
      linesOf(run(['trace', 'ST-1'], basic).stdout)[1],
      'defined in iterations/s1.stories.yaml:8:9',
    );
    const below = run(['trace', 'ST-1', '..'], path.join(basic, 'prds'));
    assert.equal(linesOf(below.stdout)[1], 'defined in ../iterations/s1.stories.yaml:8:9');
    assert.deepEqual(linesOf(below.stdout).slice(2), linesOf(a.stdout).slice(2));
  });

  it('--format json prints version, root and the trace, each node with status and findings', () => {
    const r = run(['trace', 'REQ-3', '--format', 'json'], basic);
    assert.equal(r.status, 0, r.stderr);
    const t = JSON.parse(r.stdout);
    assert.equal(t.version, 1);
    assert.equal(t.root, basic);
    assert.deepEqual(t.item, {
      id: 'REQ-3',
      kind: 'requirement',
      title: 'Pay by wallet, "one tap"',
      status: 'approved',
      file: 'prds/checkout.prd.yaml',
      range: { start: { line: 21, character: 8 }, end: { line: 21, character: 13 } },
      priority: 'could',
      via: null,
      findings: { error: 0, warning: 1, info: 1, codes: { 'missing-acceptance': 1, uncovered: 1 } },
      children: [],
    });
    assert.deepEqual(
      t.upstream.map((n: any) => [n.via, n.id, n.status]),
      [['parent', 'PRD-1', 'approved']],
    );
    assert.deepEqual(
      t.downstream.map((n: any) => [n.via, n.id, n.findings.codes]),
      [['depends_on', 'REQ-2', { 'priority-inversion': 1 }]],
    );
  });

  it('exits 2 for an unknown ID, suggesting the closest IDs on stderr', () => {
    const r = run(['trace', 'REQ-9'], basic);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'specwright: no item has the ID "REQ-9" in this workspace (did you mean REQ-1, REQ-2 or REQ-3?)\n',
    );
    const lower = run(['trace', 'epic-3'], basic);
    assert.equal(
      lower.stderr,
      'specwright: no item has the ID "epic-3" in this workspace (did you mean EPIC-3, EPIC-1 or EPIC-2?)\n',
    );
    const far = run(['trace', 'NOTHING-CLOSE'], basic);
    assert.equal(far.status, 2);
    assert.equal(far.stderr, 'specwright: no item has the ID "NOTHING-CLOSE" in this workspace\n');
  });

  it('traces the first definition of a duplicate ID, and says so on stderr', () => {
    const ws = tempDir();
    try {
      fs.writeFileSync(path.join(ws.dir, 'a.epic.yaml'), 'id: EPIC-1\ntitle: First\n');
      fs.writeFileSync(path.join(ws.dir, 'b.epic.yaml'), 'id: EPIC-1\ntitle: Second\n');
      const r = run(['trace', 'EPIC-1'], ws.dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(
        r.stderr,
        'specwright: EPIC-1 is defined 2 times (a duplicate-id error); tracing the first, in a.epic.yaml:1\n',
      );
      assert.deepEqual(linesOf(r.stdout), [
        'EPIC-1 First (epic, draft) — 1 error, 1 info: duplicate-id, orphan',
        'defined in a.epic.yaml:1:5',
        'upstream: none',
        'downstream: none',
      ]);
    } finally {
      ws.remove();
    }
  });

  it('rejects a missing ID, extra arguments, a bad format (exit 2, the usage of trace)', () => {
    for (const [args, message] of [
      [['trace'], 'trace needs the ID of an item (for example: specwright trace REQ-1)'],
      [['trace', 'REQ-1', '.', 'more'], 'trace takes one ID and at most one PATH (got 3 arguments)'],
      [['trace', 'REQ-1', '--format', 'md'], 'unknown format "md" (use text or json)'],
    ] as [string[], string][]) {
      const r = run(args, basic);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [`specwright: ${message}`, usage, hint]);
    }
  });

  it('an ID that looks like a path (the ID forgotten): says so and shows how to call trace', () => {
    for (const [args, cwd] of [
      [['trace', 'examples'], repoRoot],
      [['trace', 'prds/checkout.prd.yaml'], basic],
      [['trace', '.'], basic],
    ] as [string[], string][]) {
      const r = run(args, cwd);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [
        `specwright: "${args[1]}" looks like a path, not the ID of an item: trace takes an ID, then a PATH (for example: specwright trace REQ-1 ${args[1]})`,
        usage,
        hint,
      ]);
    }
    // A word that is neither an ID nor anything on disk is looked up as an ID.
    assert.equal(
      run(['trace', 'nothing-here'], basic).stderr,
      'specwright: no item has the ID "nothing-here" in this workspace\n',
    );
  });

  it('rejects a PATH that does not exist (exit 2, one line: a path, not a misuse)', () => {
    const r = run(['trace', 'REQ-1', 'nowhere'], basic);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'specwright: path "nowhere" does not exist\n');
  });
});
