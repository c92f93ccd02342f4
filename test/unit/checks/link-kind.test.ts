import * as assert from 'node:assert/strict';
import { findings, lines, related, workspace } from '../helpers';

const RM = 'file:///w/product.roadmap.yaml';
const E = 'file:///w/checkout.epic.yaml';
const P = 'file:///w/checkout.prd.yaml';
const S = 'file:///w/sprint.stories.yaml';
const V = 'file:///w/product.vision.yaml';

const roadmap = lines(
  'id: RM-1',
  'title: Roadmap',
  'releases:',
  '  - id: R-1',
  '    title: First',
  '    horizon: now',
);
const epic = lines('id: EPIC-1', 'title: Checkout', 'release: R-1');
const vision = lines(
  'id: V-1',
  'product: P',
  'statement: S',
  'goals:',
  '  - id: G-1',
  '    title: G',
  'personas:',
  '  - id: P-1',
  '    name: N',
);
const prd = lines(
  'id: PRD-1',
  'title: T',
  'epic: EPIC-1',
  'requirements:',
  '  - id: REQ-1',
  '    title: R',
  '    statement: s',
  '    priority: must',
);

describe('check: link-kind', () => {
  it('reports a story that implements an epic, pointing at the epic', () => {
    const s = workspace({
      [RM]: roadmap,
      [E]: epic,
      [P]: prd,
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [REQ-1, EPIC-1]',
      ),
    });
    assert.deepEqual(findings(s, S, 'link-kind'), [
      {
        code: 'link-kind',
        severity: 'error',
        range: [5, 24, 5, 30],
        message: 'implements must name a requirement, but EPIC-1 is an epic',
      },
    ]);
    assert.deepEqual(related(s, S, 'link-kind'), [
      [{ uri: E, range: [0, 4, 0, 10], message: 'EPIC-1 is defined here as an epic' }],
    ]);
  });

  it('reports wrong kinds in single-ID fields, naming PRDs, iterations and personas properly', () => {
    const s = workspace({
      [RM]: roadmap,
      [E]: epic,
      [V]: vision,
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: R-1',
        'personas: [G-1]',
        'goals: [P-1]',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
        '    depends_on: [PRD-1, IT-1]',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'release: EPIC-1',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    as_a: G-1',
        '    implements: [REQ-1]',
        '    depends_on: [REQ-1]',
      ),
    });
    const f = (range: [number, number, number, number], message: string) => ({
      code: 'link-kind',
      severity: 'error',
      range,
      message,
    });
    assert.deepEqual(findings(s, P, 'link-kind'), [
      f([2, 6, 2, 9], 'epic must name an epic, but R-1 is a release'),
      f([3, 11, 3, 14], 'personas must name a persona, but G-1 is a goal'),
      f([4, 8, 4, 11], 'goals must name a goal, but P-1 is a persona'),
      f([10, 17, 10, 22], 'depends_on must name a requirement, but PRD-1 is a PRD'),
      f([10, 24, 10, 28], 'depends_on must name a requirement, but IT-1 is an iteration'),
    ]);
    assert.deepEqual(findings(s, S, 'link-kind'), [
      f([2, 9, 2, 15], 'release must name a release, but EPIC-1 is an epic'),
      f([6, 10, 6, 13], 'as_a must name a persona, but G-1 is a goal'),
      f([8, 17, 8, 22], 'depends_on must name a story, but REQ-1 is a requirement'),
    ]);
    assert.deepEqual(related(s, P, 'link-kind')[0], [
      { uri: RM, range: [3, 8, 3, 11], message: 'R-1 is defined here as a release' },
    ]);
  });

  it('accepts any kind in related, and the right kind everywhere', () => {
    const s = workspace({
      [RM]: lines(
        'id: RM-1',
        'title: Roadmap',
        'releases:',
        '  - id: R-1',
        '    title: First',
        '    horizon: now',
        '    goals: [G-1]',
        '    related: [EPIC-1, PRD-1, ST-1]',
      ),
      [V]: vision,
      [E]: lines(
        'id: EPIC-1',
        'title: Checkout',
        'release: R-1',
        'goals: [G-1]',
        'related: [P-1, RM-1, V-1]',
      ),
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'personas: [P-1]',
        'goals: [G-1]',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
        '  - {id: REQ-2, title: R, statement: s, priority: must, depends_on: [REQ-1]}',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'release: R-1',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    as_a: P-1',
        '    implements: [REQ-1]',
        '  - {id: ST-2, title: Two, implements: [REQ-2], depends_on: [ST-1], related: [IT-1]}',
      ),
    });
    for (const uri of [RM, V, E, P, S]) assert.deepEqual(findings(s, uri, 'link-kind'), [], uri);
  });

  it('is not reported for unresolved IDs (that is unresolved-link), nor when one duplicate has the right kind', () => {
    const s = workspace({
      [E]: epic,
      'file:///w/other.prd.yaml': lines(
        'id: PRD-9',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: EPIC-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [EPIC-1, REQ-404]',
      ),
    });
    assert.deepEqual(findings(s, S, 'link-kind'), []);
    assert.equal(findings(s, S, 'unresolved-link').length, 1);
  });

  it('appears when the target changes kind in another file', () => {
    const s = workspace({
      [E]: epic,
      [P]: prd,
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [REQ-1]',
      ),
    });
    assert.deepEqual(findings(s, S, 'link-kind'), []);
    s.apply([
      { uri: P, deleted: true },
      { uri: 'file:///w/req.epic.yaml', text: lines('id: REQ-1', 'title: now an epic', 'release: R-1') },
    ]);
    assert.deepEqual(findings(s, S, 'link-kind'), [
      {
        code: 'link-kind',
        severity: 'error',
        range: [5, 17, 5, 22],
        message: 'implements must name a requirement, but REQ-1 is an epic',
      },
    ]);
  });
});
