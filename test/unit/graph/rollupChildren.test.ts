import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const E = 'file:///w/epics/checkout.epic.yaml';
const P = 'file:///w/prds/checkout.prd.yaml';
const S = 'file:///w/iterations/s1.stories.yaml';
const RM = 'file:///w/product.roadmap.yaml';

const epic = (status: string) => lines('id: EPIC-1', 'title: Checkout', 'release: R-1', `status: ${status}`);
const prd = lines(
  'id: PRD-1',
  'title: T',
  'epic: EPIC-1',
  'status: done',
  'requirements:',
  '  - {id: REQ-1, title: R, statement: s, priority: must, status: done}',
);
const stories = (implementsIds: string) =>
  lines(
    'id: IT-1',
    'title: Sprint',
    'stories:',
    '  - id: ST-1',
    '    title: One',
    `    implements: [${implementsIds}]`,
    '    status: in-progress',
  );

describe('graph: roll-up children', () => {
  it("a story that names an epic in implements is a link-kind finding, not one of the epic's children", () => {
    const s = workspace({ [E]: epic('done'), [P]: prd, [S]: stories('EPIC-1') });
    assert.deepEqual(
      findings(s, S, 'link-kind').map(f => f.message),
      ['implements must name a requirement, but EPIC-1 is an epic'],
    );
    assert.deepEqual(
      s.index.children('EPIC-1').map(c => c.id),
      ['PRD-1'],
    );
    // The done epic's only child is the done PRD: no status-rollup for the in-progress story.
    assert.deepEqual(findings(s, E, 'status-rollup'), []);
  });

  it('a link of the roll-up field to an item of the wrong kind does not roll up, whichever the kind', () => {
    const s = workspace({
      [RM]: lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - {id: R-1, title: First, horizon: now, status: done}',
      ),
      // A PRD whose epic field names a release, an epic whose release field names a requirement.
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: R-1',
        'requirements:',
        '  - {id: REQ-1, title: R, statement: s, priority: must}',
      ),
      [E]: lines('id: EPIC-1', 'title: Checkout', 'release: REQ-1'),
    });
    assert.deepEqual(
      s.index.children('R-1').map(c => c.id),
      [],
    );
    assert.deepEqual(
      s.index.children('REQ-1').map(c => c.id),
      [],
    );
  });

  it('still rolls up links of the right kind, and links to IDs no file defines (unresolved-link says so)', () => {
    const s = workspace({ [E]: epic('done'), [P]: prd, [S]: stories('REQ-1, REQ-404') });
    assert.deepEqual(
      s.index.children('EPIC-1').map(c => c.id),
      ['PRD-1'],
    );
    assert.deepEqual(
      s.index.children('REQ-1').map(c => c.id),
      ['ST-1'],
    );
    assert.deepEqual(
      s.index.children('REQ-404').map(c => c.id),
      ['ST-1'],
    );
  });

  it('an ID defined twice, once of the right kind, rolls up (link-kind accepts it too)', () => {
    const dup = 'file:///w/prds/dup.prd.yaml';
    const s = workspace({
      [E]: epic('done'),
      [S]: stories('EPIC-1'),
      [dup]: lines(
        'id: PRD-2',
        'title: T',
        'epic: EPIC-9',
        'requirements:',
        '  - {id: EPIC-1, title: R, statement: s, priority: must}',
      ),
    });
    assert.deepEqual(findings(s, S, 'link-kind'), []);
    assert.deepEqual(
      s.index.children('EPIC-1').map(c => c.id),
      ['ST-1'],
    );
  });

  it('follows edits: the story rolls up once the ID it names becomes a requirement, as a fresh load sees it', () => {
    const epicFile = lines('id: EPIC-9', 'title: Other');
    const prdFile = lines(
      'id: PRD-1',
      'title: T',
      'epic: EPIC-9',
      'requirements:',
      '  - {id: EPIC-1, title: R, statement: s, priority: must, status: done}',
    );
    const s = workspace({ [E]: epic('done'), [S]: stories('EPIC-1') });
    assert.deepEqual(
      s.index.children('EPIC-1').map(c => c.id),
      [],
    );
    s.apply([{ uri: E, text: epicFile }]);
    s.apply([{ uri: P, text: prdFile }]);
    assert.deepEqual(
      s.index.children('EPIC-1').map(c => c.id),
      ['ST-1'],
    );
    // The done requirement now has an open story: the roll-up finding appears, as it does on a fresh load.
    const fresh = workspace({ [E]: epicFile, [P]: prdFile, [S]: stories('EPIC-1') });
    assert.deepEqual(
      findings(s, P, 'status-rollup').map(f => f.message),
      ['EPIC-1 is done but ST-1 is still in-progress'],
    );
    for (const uri of [E, P, S]) assert.deepEqual(findings(s, uri), findings(fresh, uri));
  });
});
