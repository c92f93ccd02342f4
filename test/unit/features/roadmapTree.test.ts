import * as assert from 'node:assert/strict';
import {
  roadmapChildren,
  roadmapPath,
  itemAt,
  type ViewNode,
} from '../../../server/src/core/features/roadmapTree';
import { itemTree, type Branch } from '../../../server/src/core/graph/itemTree';
import { buildReportModel } from '../../../server/src/core/report/reportModel';
import { lines, workspace } from '../helpers';

const V = 'file:///w/product.vision.yaml';
const RM = 'file:///w/product.roadmap.yaml';
const E1 = 'file:///w/epics/checkout.epic.yaml';
const E2 = 'file:///w/epics/wallet.epic.yaml';
const E3 = 'file:///w/epics/tracking.epic.yaml';
const E4 = 'file:///w/epics/loose.epic.yaml';
const P1 = 'file:///w/prds/checkout.prd.yaml';
const P2 = 'file:///w/prds/orphan.prd.yaml';
const S = 'file:///w/iterations/sprint.stories.yaml';

const files = {
  [V]: lines(
    'id: V-1',
    'product: Basket',
    'statement: Groceries, fast',
    'goals:',
    '  - id: G-CONV',
    '    title: Conversion',
    'personas:',
    '  - id: P-SHOPPER',
    '    name: Shopper',
  ),
  [RM]: lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-3', // line 3
    '    title: Later',
    '    horizon: later',
    '  - id: R-1', // line 6
    '    title: First',
    '    horizon: now',
    '    start: 2026-01-05',
    '    end: 2026-03-27',
    '    status: in-progress',
    '  - id: R-2', // line 12
    '    title: Second',
    '    horizon: next',
  ),
  [E1]: lines(
    'id: EPIC-1',
    'title: Checkout',
    'status: in-progress',
    'priority: must',
    'owner: Lena',
    'release: R-1',
    'rice:',
    '  reach: 42000',
    '  impact: 2',
    '  confidence: 0.8',
    '  effort: 6',
  ),
  [E2]: lines(
    'id: EPIC-2',
    'title: Wallet',
    'status: done',
    'priority: should',
    'owner: Sam',
    'release: R-1',
  ),
  [E3]: lines(
    'id: EPIC-3',
    'title: Tracking',
    'priority: must',
    'release: R-1',
    'rice:',
    '  reach: 100',
    '  impact: 1',
    '  confidence: 1',
    '  effort: 1',
  ),
  [E4]: lines('id: EPIC-4', 'title: Loose', 'status: approved', 'owner: Lena'),
  [P1]: lines(
    'id: PRD-1',
    'title: Checkout',
    'status: approved',
    'epic: EPIC-1',
    'requirements:',
    '  - id: REQ-1', // line 5
    '    title: Pay',
    '    statement: s',
    '    priority: must',
    '    status: done',
    '  - id: REQ-2', // line 10
    '    title: Pay again',
    '    statement: s',
    '    priority: should',
    '    status: approved',
    '    depends_on: [REQ-404]',
  ),
  [P2]: lines(
    'id: PRD-2',
    'title: Orphan',
    'requirements:',
    '  - id: REQ-9',
    '    title: T',
    '    statement: s',
    '    priority: could',
  ),
  [S]: lines(
    'id: IT-1',
    'title: Sprint 1',
    'stories:',
    '  - id: ST-2', // line 3
    '    title: Two',
    '    implements: [REQ-1]',
    '    status: in-progress',
    '    estimate: 3',
    '  - id: ST-1', // line 8
    '    title: One',
    '    implements: [REQ-1]',
    '    status: done',
    '    estimate: 5',
  ),
};

/** [id, label, description, hasChildren] of each row, for compact comparison. */
function rows(nodes: ViewNode[]): [string, string, string, boolean][] {
  return nodes.map(n => [n.id, n.label, n.description, n.hasChildren]);
}

describe('feature: roadmap tree', () => {
  const s = workspace(files);

  it('lists releases by horizon (now, next, later), then Unscheduled', () => {
    assert.deepEqual(rows(roadmapChildren(s, undefined)), [
      ['i:R-1', 'R-1 First', 'in-progress · 50% done', true],
      ['i:R-2', 'R-2 Second', 'draft', false],
      ['i:R-3', 'R-3 Later', 'draft', false],
      ['g:unscheduled', 'Unscheduled', '2 items', true],
    ]);
  });

  it("keeps descriptions short for the default sidebar width: status and progress, then counts; every fact in the tooltip's details", () => {
    const all: ViewNode[] = [];
    const walk = (parent: string | undefined): void => {
      for (const n of roadmapChildren(s, parent)) {
        all.push(n);
        if (n.hasChildren) walk(n.id);
      }
    };
    walk(undefined);
    // About 35 characters fit after a short label at the default width (before the finding counts the client appends);
    // R-1's was 54 before horizons, dates, priorities and RICE moved to the tooltip.
    for (const n of all) assert.ok(n.description.length <= 34, `${n.label}: "${n.description}" is too long`);
    const details = (id: string): [string, string | undefined] => {
      const n = all.find(x => x.itemId === id)!;
      return [n.description, n.details];
    };
    assert.deepEqual(details('R-1'), [
      'in-progress · 50% done',
      'in-progress · 50% done · now · 2026-01-05 → 2026-03-27',
    ]);
    assert.deepEqual(details('R-2'), ['draft', 'draft · next']);
    assert.deepEqual(details('EPIC-1'), [
      'in-progress · 50% done',
      'in-progress · 50% done · must · RICE 11,200',
    ]);
    assert.deepEqual(details('REQ-2'), ['approved · no stories', 'approved · no stories · should']);
    assert.deepEqual(
      details('PRD-1'),
      ['approved · 50% done · 1/2 covered', undefined],
      'nothing more to say: no details',
    );
  });

  it('gives a release row its kind, status, progress and definition location', () => {
    const r1 = roadmapChildren(s, undefined)[0];
    assert.equal(r1.kind, 'release');
    assert.equal(r1.itemId, 'R-1');
    assert.equal(r1.status, 'in-progress');
    assert.equal(r1.progress, 50);
    assert.deepEqual(r1.location, {
      uri: RM,
      range: { start: { line: 6, character: 8 }, end: { line: 6, character: 11 } },
    });
    assert.deepEqual(r1.findings, { errors: 0, warnings: 0, infos: 0 });
  });

  it("orders a release's epics by priority, then RICE score", () => {
    assert.deepEqual(rows(roadmapChildren(s, 'i:R-1')), [
      ['i:R-1/i:EPIC-1', 'EPIC-1 Checkout', 'in-progress · 50% done', true],
      ['i:R-1/i:EPIC-3', 'EPIC-3 Tracking', 'draft', false],
      ['i:R-1/i:EPIC-2', 'EPIC-2 Wallet', 'done', false],
    ]);
  });

  it('expands epic → PRDs → requirements → stories lazily, by node id', () => {
    assert.deepEqual(rows(roadmapChildren(s, 'i:R-1/i:EPIC-1')), [
      ['i:R-1/i:EPIC-1/i:PRD-1', 'PRD-1 Checkout', 'approved · 50% done · 1/2 covered', true],
    ]);
    const reqs = roadmapChildren(s, 'i:R-1/i:EPIC-1/i:PRD-1');
    assert.deepEqual(rows(reqs), [
      ['i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1', 'REQ-1 Pay', 'done · 50% done · 2 stories', true],
      ['i:R-1/i:EPIC-1/i:PRD-1/i:REQ-2', 'REQ-2 Pay again', 'approved · no stories', false],
    ]);
    assert.deepEqual(rows(roadmapChildren(s, reqs[0].id)), [
      ['i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1/i:ST-1', 'ST-1 One', 'done · 5 pts', false],
      ['i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1/i:ST-2', 'ST-2 Two', 'in-progress · 3 pts', false],
    ]);
    assert.deepEqual(
      reqs.map(r => r.kind),
      ['requirement', 'requirement'],
    );
  });

  it('puts epics without a release and PRDs without an epic under Unscheduled', () => {
    assert.deepEqual(
      roadmapChildren(s, 'g:unscheduled').map(n => [n.id, n.kind]),
      [
        ['g:unscheduled/i:EPIC-4', 'epic'],
        ['g:unscheduled/i:PRD-2', 'prd'],
      ],
    );
  });

  it("counts errors, warnings and infos inside the item's range only", () => {
    const reqs = roadmapChildren(s, 'i:R-1/i:EPIC-1/i:PRD-1');
    // REQ-1: done while ST-2 is not (status-rollup) and without acceptance criteria (missing-acceptance);
    // REQ-2: links REQ-404 (unresolved-link, an error), approved without acceptance criteria, uncovered (an info)
    assert.deepEqual(
      reqs.map(r => r.findings),
      [
        { errors: 0, warnings: 2, infos: 0 },
        { errors: 1, warnings: 1, infos: 1 },
      ],
    );
    // the PRD's own range holds its requirements
    assert.deepEqual(roadmapChildren(s, 'i:R-1/i:EPIC-1')[0].findings, { errors: 1, warnings: 3, infos: 1 });
    // an item outside the findings has none
    assert.deepEqual(roadmapChildren(s, undefined)[1].findings, { errors: 0, warnings: 0, infos: 0 });
  });

  it('hides done and cancelled items when asked, but not one with open work under it', () => {
    assert.deepEqual(
      roadmapChildren(s, 'i:R-1', { hideDone: true }).map(n => n.itemId),
      ['EPIC-1', 'EPIC-3'],
    );
    // REQ-1 is done, but in-progress ST-2 implements it: both stay. Done ST-1 stays too: it has a
    // finding (done without acceptance criteria), and a problem is work left (see the next test).
    assert.deepEqual(
      roadmapChildren(s, 'i:R-1/i:EPIC-1/i:PRD-1', { hideDone: true }).map(n => n.itemId),
      ['REQ-1', 'REQ-2'],
    );
    assert.deepEqual(
      roadmapChildren(s, 'i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1', { hideDone: true }).map(n => n.itemId),
      ['ST-1', 'ST-2'],
    );
    const clean = workspace({
      ...files,
      [S]: files[S].replace('    status: done\n', '    status: done\n    acceptance_criteria: [Saved]\n'),
    });
    assert.deepEqual(
      roadmapChildren(clean, 'i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1', { hideDone: true }).map(n => n.itemId),
      ['ST-2'],
    );
    assert.deepEqual(
      roadmapPath(s, S, { line: 3, character: 8 }, { hideDone: true })?.map(n => n.itemId),
      ['R-1', 'EPIC-1', 'PRD-1', 'REQ-1', 'ST-2'],
    );
    assert.deepEqual(
      roadmapChildren(s, undefined, { hideDone: true }).map(n => n.hasChildren),
      [true, false, false, true],
    );
  });

  it('with "Hide done", a row counts only findings of rows that are shown: a done item with a finding stays', () => {
    // A done PRD-1 whose done REQ-2 has no acceptance criteria (a warning); cancelled REQ-1 and done ST-1 are clean.
    const req1 = [
      '  - id: REQ-1',
      '    title: Pay',
      '    statement: s',
      '    priority: must',
      '    status: cancelled',
    ];
    const req2 = [
      '  - id: REQ-2',
      '    title: Pay again',
      '    statement: s',
      '    priority: should',
      '    status: done',
    ];
    const done = (...reqs: string[]): Record<string, string> => ({
      ...files,
      [P1]: lines('id: PRD-1', 'title: Checkout', 'status: done', 'epic: EPIC-1', 'requirements:', ...reqs),
      [S]: lines(
        'id: IT-1',
        'title: Sprint 1',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [REQ-2]',
        '    status: done',
        '    acceptance_criteria: [Saved]',
      ),
    });
    const t = workspace(done(...req1, ...req2));
    assert.deepEqual(
      roadmapChildren(t, 'i:R-1/i:EPIC-1', { hideDone: true }).map(n => [n.itemId, n.findings]),
      [['PRD-1', { errors: 0, warnings: 1, infos: 0 }]],
    );
    assert.deepEqual(
      roadmapChildren(t, 'i:R-1/i:EPIC-1/i:PRD-1', { hideDone: true }).map(n => [n.itemId, n.findings]),
      [['REQ-2', { errors: 0, warnings: 1, infos: 0 }]],
    );
    assert.deepEqual(
      roadmapPath(t, P1, { line: 11, character: 8 }, { hideDone: true })?.map(n => n.itemId),
      ['R-1', 'EPIC-1', 'PRD-1', 'REQ-2'],
    );
    // Once the warning is fixed, the whole done PRD goes.
    const fixed = workspace(done(...req2, '    acceptance_criteria: [Paid twice]'));
    assert.deepEqual(roadmapChildren(fixed, 'i:R-1/i:EPIC-1', { hideDone: true }), []);
  });

  it('puts stories and PRDs whose links are all broken under Unlinked (with a path to reveal them)', () => {
    const U = 'file:///w/iterations/typo.stories.yaml';
    const P3 = 'file:///w/prds/lost.prd.yaml';
    const t = workspace({
      ...files,
      [U]: lines(
        'id: IT-9',
        'title: Typos',
        'stories:',
        '  - id: ST-207',
        '    title: Typo',
        '    implements: [REQ-150]',
      ),
      [P3]: lines(
        'id: PRD-3',
        'title: Lost',
        'epic: EPIC-99',
        'requirements:',
        '  - id: REQ-31',
        '    title: T',
        '    statement: s',
        '    priority: could',
      ),
    });
    const top = roadmapChildren(t, undefined);
    assert.deepEqual(rows(top.slice(-2)), [
      ['g:unscheduled', 'Unscheduled', '2 items', true],
      ['g:unlinked', 'Unlinked', '2 items whose links are broken', true],
    ]);
    assert.deepEqual(
      roadmapChildren(t, 'g:unlinked').map(n => [n.id, n.findings.errors]),
      [
        ['g:unlinked/i:PRD-3', 1],
        ['g:unlinked/i:ST-207', 1],
      ],
    );
    assert.deepEqual(
      roadmapPath(t, U, { line: 3, character: 8 })?.map(n => n.id),
      ['g:unlinked', 'g:unlinked/i:ST-207'],
    );
  });

  it('groups work items by status', () => {
    assert.deepEqual(rows(roadmapChildren(s, undefined, { groupBy: 'status' })), [
      ['g:status:draft', 'draft', '2 items', true],
      ['g:status:approved', 'approved', '1 item', true],
      ['g:status:in-progress', 'in-progress', '1 item', true],
      ['g:status:done', 'done', '1 item', true],
    ]);
    assert.deepEqual(
      roadmapChildren(s, 'g:status:draft', { groupBy: 'status' }).map(n => n.id),
      ['g:status:draft/i:EPIC-3', 'g:status:draft/i:PRD-2'],
    );
    assert.deepEqual(
      roadmapChildren(s, undefined, { groupBy: 'status', hideDone: true }).map(n => n.label),
      ['draft', 'approved', 'in-progress'],
    );
  });

  it('groups work items by owner, with "No owner" last', () => {
    const top = roadmapChildren(s, undefined, { groupBy: 'owner' });
    assert.deepEqual(rows(top), [
      ['g:owner:Lena', 'Lena', '2 items', true],
      ['g:owner:Sam', 'Sam', '1 item', true],
      ['g:owner:', 'No owner', '2 items', true],
    ]);
    assert.deepEqual(
      roadmapChildren(s, 'g:owner:Lena', { groupBy: 'owner' }).map(n => n.itemId),
      ['EPIC-1', 'EPIC-4'],
    );
    assert.deepEqual(
      roadmapChildren(s, 'g:owner:', { groupBy: 'owner' }).map(n => n.itemId),
      ['EPIC-3', 'PRD-2'],
    );
  });

  it('answers nothing for unknown nodes', () => {
    assert.deepEqual(roadmapChildren(s, 'i:NOPE-1'), []);
    assert.deepEqual(roadmapChildren(s, 'x:y'), []);
  });

  it('is empty for an empty workspace', () => {
    assert.deepEqual(roadmapChildren(workspace({}), undefined), []);
  });

  describe('item at a position', () => {
    it("is the item an ID names: its definition, or a link's target", () => {
      assert.equal(itemAt(s, S, { line: 3, character: 9 })?.id, 'ST-2');
      assert.equal(itemAt(s, S, { line: 5, character: 20 })?.id, 'REQ-1');
    });
    it('is otherwise the innermost item around the position', () => {
      assert.equal(itemAt(s, S, { line: 7, character: 4 })?.id, 'ST-2');
      assert.equal(itemAt(s, S, { line: 1, character: 3 })?.id, 'IT-1');
      assert.equal(itemAt(s, P1, { line: 12, character: 6 })?.id, 'REQ-2');
    });
    it('falls back to the innermost item when a link does not resolve', () => {
      assert.equal(itemAt(s, P1, { line: 15, character: 20 })?.id, 'REQ-2');
    });
  });

  describe('path for Reveal in Roadmap', () => {
    const ids = (p: ViewNode[] | undefined) => p?.map(n => n.id);

    it('leads from the release down to a story, with the ids roadmapChildren gives', () => {
      const path = roadmapPath(s, S, { line: 8, character: 9 });
      assert.deepEqual(ids(path), [
        'i:R-1',
        'i:R-1/i:EPIC-1',
        'i:R-1/i:EPIC-1/i:PRD-1',
        'i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1',
        'i:R-1/i:EPIC-1/i:PRD-1/i:REQ-1/i:ST-1',
      ]);
      let parent: string | undefined;
      for (const node of path!) {
        assert.ok(
          roadmapChildren(s, parent).some(n => n.id === node.id),
          node.id,
        );
        parent = node.id;
      }
    });

    it('goes through Unscheduled and the status or owner groups', () => {
      assert.deepEqual(ids(roadmapPath(s, P2, { line: 4, character: 4 })), [
        'g:unscheduled',
        'g:unscheduled/i:PRD-2',
        'g:unscheduled/i:PRD-2/i:REQ-9',
      ]);
      assert.deepEqual(ids(roadmapPath(s, P1, { line: 0, character: 5 }, { groupBy: 'status' })), [
        'g:status:in-progress',
        'g:status:in-progress/i:EPIC-1',
        'g:status:in-progress/i:EPIC-1/i:PRD-1',
      ]);
      assert.deepEqual(ids(roadmapPath(s, E4, { line: 0, character: 5 }, { groupBy: 'owner' })), [
        'g:owner:Lena',
        'g:owner:Lena/i:EPIC-4',
      ]);
    });

    it('is undefined for items without a row, and for hidden ones', () => {
      assert.equal(roadmapPath(s, V, { line: 4, character: 9 }), undefined);
      assert.equal(roadmapPath(s, S, { line: 0, character: 5 }), undefined);
      assert.equal(roadmapPath(s, E2, { line: 0, character: 5 }, { hideDone: true }), undefined);
    });
  });
});

describe('feature: roadmap tree with duplicate IDs', () => {
  it('never gives two rows one id, and still expands both', () => {
    const P = 'file:///w/dup.prd.yaml';
    const S = 'file:///w/dup.stories.yaml';
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'requirements:',
        '  - id: REQ-1',
        '    title: A',
        '    statement: s',
        '    priority: must',
        '  - id: REQ-1',
        '    title: B',
        '    statement: s',
        '    priority: must',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
      ),
    });
    const reqs = roadmapChildren(s, 'g:unscheduled/i:PRD-1');
    assert.deepEqual(
      reqs.map(n => n.id),
      ['g:unscheduled/i:PRD-1/i:REQ-1', 'g:unscheduled/i:PRD-1/i:REQ-1#2'],
    );
    assert.deepEqual(
      roadmapChildren(s, reqs[1].id).map(n => n.itemId),
      ['ST-1'],
    );
  });
});

describe('feature: roadmap tree, the board and the report share one item tree', () => {
  const s = workspace(files);
  const kinds = ['release', 'epic', 'prd', 'requirement'] as const;

  /** Every item row under a node, depth first, as `ID@line`. */
  function rows(parent: string | undefined): string[] {
    return roadmapChildren(s, parent).flatMap(n => [
      ...(n.itemId ? [`${n.itemId}@${n.location!.range.start.line}`] : [`(${n.label})`]),
      ...(n.hasChildren ? rows(n.id) : []),
    ]);
  }

  /** The same walk over graph/itemTree.ts's tree, opened down to the stories. */
  function branches(list: Branch[]): string[] {
    return list.flatMap(b => [`${b.item.id}@${b.item.idRange.start.line}`, ...branches(b.children)]);
  }

  it("the view's rows are the tree's items, in the tree's order", () => {
    const tree = itemTree(s.index, kinds);
    assert.deepEqual(rows(undefined), [
      ...branches(tree.releases),
      ...(tree.unscheduled.length ? ['(Unscheduled)', ...branches(tree.unscheduled)] : []),
      ...(tree.unlinked.length ? ['(Unlinked)', ...branches(tree.unlinked)] : []),
    ]);
    assert.ok(tree.releases.length > 0 && tree.unscheduled.length > 0);
  });

  it("the report's roadmap and requirements follow the same tree", () => {
    const tree = itemTree(s.index, kinds);
    const m = buildReportModel(s);
    assert.deepEqual(
      m.roadmap.horizons.flatMap(h => h.releases.map(r => [r.id, r.epics.map(e => e.id)])),
      tree.releases.map(r => [r.item.id, r.children.map(e => e.item.id)]),
    );
    assert.deepEqual(
      m.roadmap.unscheduled.map(e => e.id),
      tree.unscheduled.filter(b => b.item.kind === 'epic').map(b => b.item.id),
    );
    const reached = (list: Branch[]): string[] =>
      list.flatMap(b => (b.item.kind === 'requirement' ? [b.item.id] : reached(b.children)));
    const inTree = [...reached(tree.releases), ...reached(tree.unscheduled)];
    assert.deepEqual(
      m.requirements.slice(0, inTree.length).map(r => r.id),
      inTree,
    );
  });
});
