import * as assert from 'node:assert/strict';
import { childrenOf, downstream, type TraceNode } from '../../../server/src/core/graph/trace';
import { lines, workspace } from '../helpers';

const RM = 'file:///w/product.roadmap.yaml';
const E = 'file:///w/epics/checkout.epic.yaml';
const S1 = 'file:///w/iterations/s1.stories.yaml';
const S2 = 'file:///w/iterations/s2.stories.yaml';

const roadmap = lines(
  'id: RM-1',
  'title: Roadmap',
  'releases:',
  '  - {id: R-1, title: First, horizon: now}',
  '  - {id: R-2, title: Second, horizon: next}',
);
const epic = lines('id: EPIC-1', 'title: Checkout', 'release: R-1');
const iteration = (id: string, release: string, story: string) =>
  lines(`id: ${id}`, 'title: Sprint', `release: ${release}`, 'stories:', `  - {id: ${story}, title: One}`);

/** A trace tree as `via ID` lines, indented by depth. */
function render(node: TraceNode, depth = 0): string[] {
  return node.next.flatMap(n => [`${'  '.repeat(depth)}${n.via} ${n.item.id}`, ...render(n, depth + 1)]);
}

describe('graph: trace', () => {
  it("a release's downstream lists its epics, then its iterations (a computed link) with their stories", () => {
    const s = workspace({
      [RM]: roadmap,
      [E]: epic,
      [S1]: iteration('IT-1', 'R-1', 'ST-1'),
      [S2]: iteration('IT-2', 'R-1', 'ST-2'),
    });
    const release = s.index.definitions('R-1')[0];
    assert.deepEqual(
      childrenOf(s.index, release).map(c => `${c.via} ${c.item.id}`),
      ['release EPIC-1', 'release IT-1', 'release IT-2'],
    );
    assert.deepEqual(render(downstream(s.index, release)), [
      'release EPIC-1',
      'release IT-1',
      '  contains ST-1',
      'release IT-2',
      '  contains ST-2',
    ]);
  });

  it("an iteration of another release is not listed, and iterations stay out of the release's roll-up children", () => {
    const s = workspace({
      [RM]: roadmap,
      [E]: epic,
      [S1]: iteration('IT-1', 'R-1', 'ST-1'),
      [S2]: iteration('IT-2', 'R-2', 'ST-2'),
    });
    assert.deepEqual(
      childrenOf(s.index, s.index.definitions('R-2')[0]).map(c => `${c.via} ${c.item.id}`),
      ['release IT-2'],
    );
    assert.deepEqual(
      s.index.children('R-1').map(c => c.id),
      ['EPIC-1'],
    );
  });
});
