import * as assert from 'node:assert/strict';
import { findings, lines, related, workspace } from '../helpers';

const RM = 'file:///w/product.roadmap.yaml';
const E = 'file:///w/epics/checkout.epic.yaml';
const E2 = 'file:///w/epics/search.epic.yaml';
const P = 'file:///w/prds/checkout.prd.yaml';
const S = 'file:///w/iterations/s1.stories.yaml';

const warn = (range: [number, number, number, number], message: string) => ({
  code: 'status-rollup',
  severity: 'warning',
  range,
  message,
});

describe('check: status-rollup', () => {
  it('release → epics: a done release with an open epic in another file', () => {
    const s = workspace({
      [RM]: lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-1',
        '    title: First',
        '    horizon: now',
        '    status: done',
      ),
      [E]: lines('id: EPIC-1', 'title: Checkout', 'release: R-1', 'status: in-progress'),
      [E2]: lines('id: EPIC-2', 'title: Search', 'release: R-1', 'status: done'),
    });
    assert.deepEqual(findings(s, RM, 'status-rollup'), [
      warn([6, 12, 6, 16], 'R-1 is done but EPIC-1 is still in-progress'),
    ]);
    assert.deepEqual(related(s, RM, 'status-rollup'), [
      [{ uri: E, range: [3, 8, 3, 19], message: 'EPIC-1 is in-progress' }],
    ]);
    // Closing the epic (in its own file) clears the roll-up finding in the roadmap.
    const changed = s.apply([
      { uri: E, text: lines('id: EPIC-1', 'title: Checkout', 'release: R-1', 'status: done') },
    ]);
    assert.ok(changed.has(RM));
    assert.deepEqual(findings(s, RM, 'status-rollup'), []);
  });

  it('epic → PRDs: a done epic with a draft PRD (no status: the default) points at the PRD id', () => {
    const s = workspace({
      [E]: lines('id: EPIC-1', 'title: Checkout', 'release: R-1', 'status: done'),
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - {id: REQ-1, title: R, statement: s, priority: must, status: cancelled}',
      ),
    });
    assert.deepEqual(findings(s, E, 'status-rollup'), [
      warn([3, 8, 3, 12], 'EPIC-1 is done but PRD-1 is still draft'),
    ]);
    assert.deepEqual(related(s, E, 'status-rollup'), [
      [{ uri: P, range: [0, 4, 0, 9], message: 'PRD-1 is draft' }],
    ]);
  });

  it('PRD → requirements: open requirements in the same file; cancelled and done ones do not count', () => {
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'status: done',
        'requirements:',
        '  - {id: REQ-1, title: R, statement: s, priority: must, status: done}',
        '  - {id: REQ-2, title: R, statement: s, priority: must, status: cancelled}',
        '  - {id: REQ-3, title: R, statement: s, priority: must, status: review}',
        '  - {id: REQ-4, title: R, statement: s, priority: must}',
        '  - {id: REQ-5, title: R, statement: s, priority: must, status: approved}',
        '  - {id: REQ-6, title: R, statement: s, priority: must, status: in-progress}',
      ),
    });
    assert.deepEqual(findings(s, P, 'status-rollup'), [
      warn(
        [3, 8, 3, 12],
        'PRD-1 is done but 4 of its items are still open: REQ-3 (review), REQ-4 (draft), REQ-5 (approved) and 1 more',
      ),
    ]);
    assert.deepEqual(related(s, P, 'status-rollup'), [
      [
        { uri: P, range: [7, 64, 7, 70], message: 'REQ-3 is review' },
        { uri: P, range: [8, 9, 8, 14], message: 'REQ-4 is draft' },
        { uri: P, range: [9, 64, 9, 72], message: 'REQ-5 is approved' },
        { uri: P, range: [10, 64, 10, 75], message: 'REQ-6 is in-progress' },
      ],
    ]);
  });

  it('requirement → implementing stories, in two iteration files', () => {
    const S2 = 'file:///w/iterations/s2.stories.yaml';
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
        '    status: done',
        '    acceptance_criteria: [works]',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - {id: ST-1, title: A, implements: [REQ-1], status: done}',
        '  - {id: ST-2, title: B, implements: [REQ-1], status: review}',
      ),
      [S2]: lines(
        'id: IT-2',
        'title: T',
        'stories:',
        '  - {id: ST-3, title: C, implements: [REQ-9, REQ-1], status: draft}',
        '  - {id: ST-4, title: D, implements: [REQ-1], status: cancelled}',
        '  - {id: ST-5, title: E, implements: [REQ-2], related: [REQ-1]}',
      ),
    });
    assert.deepEqual(findings(s, P, 'status-rollup'), [
      warn([8, 12, 8, 16], 'REQ-1 is done but 2 of its items are still open: ST-2 (review), ST-3 (draft)'),
    ]);
    assert.deepEqual(related(s, P, 'status-rollup'), [
      [
        { uri: S, range: [4, 54, 4, 60], message: 'ST-2 is review' },
        { uri: S2, range: [3, 61, 3, 66], message: 'ST-3 is draft' },
      ],
    ]);
  });

  it('iteration → stories: a done iteration with an open story', () => {
    const s = workspace({
      [S]: lines(
        'id: IT-1',
        'title: T',
        'status: done',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
        '    status: in-progress',
        '  - {id: ST-2, title: B, implements: [REQ-1], status: done}',
      ),
    });
    assert.deepEqual(findings(s, S, 'status-rollup'), [
      warn([2, 8, 2, 12], 'IT-1 is done but ST-1 is still in-progress'),
    ]);
    assert.deepEqual(related(s, S, 'status-rollup'), [
      [{ uri: S, range: [7, 12, 7, 23], message: 'ST-1 is in-progress' }],
    ]);
  });

  it('reports nothing when every child is done or cancelled, when the parent is not done, or has no children', () => {
    const s = workspace({
      [RM]: lines(
        'id: RM-1',
        'title: R',
        'status: done',
        'releases:',
        '  - {id: R-1, title: A, horizon: now, status: done}',
        '  - {id: R-2, title: B, horizon: now, status: in-progress}',
        '  - {id: R-3, title: C, horizon: now, status: done}',
      ),
      [E]: lines('id: EPIC-1', 'title: Checkout', 'release: R-1', 'status: done'),
      [E2]: lines('id: EPIC-2', 'title: Search', 'release: R-1', 'status: cancelled'),
      'file:///w/epics/x.epic.yaml': lines('id: EPIC-3', 'title: Open', 'release: R-2', 'status: draft'),
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'status: done',
        'requirements:',
        '  - {id: REQ-1, title: R, statement: s, priority: must, status: done, acceptance_criteria: [ok]}',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'status: done',
        'stories:',
        '  - {id: ST-1, title: A, implements: [REQ-1], status: done}',
        '  - {id: ST-2, title: B, implements: [REQ-1], status: cancelled}',
      ),
    });
    // A roadmap's releases are not roll-up children of the roadmap (format.md lists no such pair).
    for (const uri of [RM, E, E2, P, S]) assert.deepEqual(findings(s, uri, 'status-rollup'), [], uri);
  });

  it("does not roll up a vision's goals and personas", () => {
    const V = 'file:///w/product.vision.yaml';
    const s = workspace({
      [V]: lines(
        'id: V-1',
        'product: P',
        'statement: S',
        'status: done',
        'goals:',
        '  - {id: G-1, title: G}',
        'personas:',
        '  - {id: P-1, name: N}',
      ),
    });
    assert.deepEqual(findings(s, V, 'status-rollup'), []);
  });
});
