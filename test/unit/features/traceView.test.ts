import * as assert from 'node:assert/strict';
import { traceAt, type TraceViewNode } from '../../../server/src/core/features/traceView';
import { lines, workspace } from '../helpers';

const V = 'file:///w/product.vision.yaml';
const RM = 'file:///w/product.roadmap.yaml';
const E = 'file:///w/epics/checkout.epic.yaml';
const P = 'file:///w/prds/checkout.prd.yaml';
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
    '  - id: R-1',
    '    title: First',
    '    horizon: now',
    '    goals: [G-CONV]',
  ),
  [E]: lines('id: EPIC-1', 'title: Checkout', 'status: in-progress', 'release: R-1', 'goals: [G-CONV]'),
  [P]: lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    'requirements:',
    '  - id: REQ-1', // line 4
    '    title: Pay',
    '    statement: s',
    '    priority: must',
    '  - id: REQ-2', // line 8
    '    title: Pay again',
    '    statement: s',
    '    priority: must',
    '    depends_on: [REQ-1]',
  ),
  [S]: lines(
    'id: IT-1',
    'title: Sprint 1',
    'release: R-1',
    'stories:',
    '  - id: ST-1', // line 4
    '    title: One',
    '    as_a: P-SHOPPER',
    '    implements: [REQ-1]', // line 7
    '    status: done',
  ),
};

/** Each row as "via → id" with its children indented below it. */
function outline(nodes: TraceViewNode[], depth = 0): string[] {
  return nodes.flatMap(n => [
    `${'  '.repeat(depth)}${n.via} → ${n.itemId}`,
    ...outline(n.children, depth + 1),
  ]);
}

describe('feature: trace view', () => {
  const s = workspace(files);

  it('traces a story up to the goal and has nothing downstream', () => {
    const t = traceAt(s, S, { line: 4, character: 9 })!;
    assert.equal(t.item.itemId, 'ST-1');
    assert.equal(t.item.kind, 'story');
    assert.equal(t.item.id, 'i:ST-1');
    assert.deepEqual(outline(t.upstream), [
      'implements → REQ-1',
      '  parent → PRD-1',
      '    epic → EPIC-1',
      '      release → R-1',
      '        goals → G-CONV',
      '          parent → V-1',
    ]);
    assert.deepEqual(t.downstream, []);
  });

  it('follows the ID under the cursor: a link names the item to trace', () => {
    const t = traceAt(s, S, { line: 7, character: 18 })!;
    assert.equal(t.item.itemId, 'REQ-1');
    assert.deepEqual(outline(t.upstream), [
      'parent → PRD-1',
      '  epic → EPIC-1',
      '    release → R-1',
      '      goals → G-CONV',
      '        parent → V-1',
    ]);
    // stories, then dependents
    assert.deepEqual(outline(t.downstream), ['implements → ST-1', 'depends_on → REQ-2']);
  });

  it('takes the innermost item around the cursor elsewhere', () => {
    assert.equal(traceAt(s, P, { line: 10, character: 6 })?.item.itemId, 'REQ-2');
    assert.equal(traceAt(s, P, { line: 1, character: 3 })?.item.itemId, 'PRD-1');
  });

  it('traces an epic down through PRDs, requirements and stories', () => {
    const t = traceAt(s, E, { line: 0, character: 5 })!;
    // each item once: the epic's own goals link leads to G-CONV, already reached through R-1
    assert.deepEqual(outline(t.upstream), ['release → R-1', '  goals → G-CONV', '    parent → V-1']);
    assert.deepEqual(outline(t.downstream), [
      'epic → PRD-1',
      '  contains → REQ-1',
      '    implements → ST-1',
      '  contains → REQ-2',
    ]);
  });

  it('gives rows unique ids, definition locations and hasChildren', () => {
    const t = traceAt(s, S, { line: 7, character: 18 })!;
    const all: TraceViewNode[] = [];
    const walk = (ns: TraceViewNode[]) =>
      ns.forEach(n => {
        all.push(n);
        walk(n.children);
      });
    walk(t.upstream);
    walk(t.downstream);
    const ids = [t.item.id, ...all.map(n => n.id)];
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(all.every(n => n.hasChildren === n.children.length > 0));
    assert.deepEqual(t.upstream[0].location, {
      uri: P,
      range: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } },
    });
    assert.equal(t.item.hasChildren, true);
  });

  it('is undefined where there is no item', () => {
    assert.equal(traceAt(s, 'file:///w/unknown.prd.yaml', { line: 0, character: 0 }), undefined);
    assert.equal(traceAt(workspace({ [P]: '# only a comment\n' }), P, { line: 0, character: 3 }), undefined);
  });
});

describe('feature: trace view with duplicate IDs', () => {
  it('gives every row a distinct id', () => {
    const s = workspace({
      'file:///w/a.stories.yaml': lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
      ),
      'file:///w/b.stories.yaml': lines(
        'id: IT-2',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: B',
        '    implements: [REQ-1]',
      ),
      'file:///w/a.prd.yaml': lines(
        'id: PRD-1',
        'title: T',
        'requirements:',
        '  - id: REQ-1',
        '    title: A',
        '    statement: s',
        '    priority: must',
      ),
    });
    const t = traceAt(s, 'file:///w/a.prd.yaml', { line: 3, character: 9 })!;
    assert.deepEqual(
      t.downstream.map(n => n.id),
      ['down/i:ST-1', 'down/i:ST-1#2'],
    );
  });
});
