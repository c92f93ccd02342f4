import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const E = 'file:///w/a.epic.yaml';
const P = 'file:///w/a.prd.yaml';

describe('check: orphan', () => {
  it('reports an epic with no release, at its id', () => {
    const s = workspace({ [E]: lines('title: Checkout', 'id: EPIC-1', 'status: draft') });
    assert.deepEqual(findings(s, E, 'orphan'), [
      {
        code: 'orphan',
        severity: 'info',
        range: [1, 4, 1, 10],
        message: 'EPIC-1 is not scheduled: it names no release',
      },
    ]);
  });

  it("reports a PRD with no epic, at its id (an empty one is the schema's finding)", () => {
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must}',
      ),
      'file:///w/b.prd.yaml': lines(
        'id: PRD-2',
        'title: T',
        'epic: ""',
        'requirements:',
        '  - {id: REQ-2, title: t, statement: s, priority: must}',
      ),
    });
    assert.deepEqual(findings(s, P, 'orphan'), [
      {
        code: 'orphan',
        severity: 'info',
        range: [0, 4, 0, 9],
        message: 'PRD-1 belongs to no epic: it names no epic',
      },
    ]);
    // An empty `epic: ""` is not an ID: one schema finding, not also an orphan.
    assert.deepEqual(
      findings(s, 'file:///w/b.prd.yaml').map(f => [f.code, f.range, f.message]),
      [
        [
          'schema',
          [2, 6, 2, 8],
          '"" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
        ],
      ],
    );
  });

  it('reports nothing when the link is written, even if it does not resolve (that is unresolved-link)', () => {
    const s = workspace({
      [E]: lines('id: EPIC-1', 'title: Checkout', 'release: R-404'),
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must}',
      ),
    });
    assert.deepEqual(findings(s, E, 'orphan'), []);
    assert.deepEqual(findings(s, P, 'orphan'), []);
    assert.equal(findings(s, E, 'unresolved-link').length, 1);
  });

  it('does not apply to other kinds of items', () => {
    const S = 'file:///w/s.stories.yaml';
    const RM = 'file:///w/r.roadmap.yaml';
    const s = workspace({
      [S]: lines('id: IT-1', 'title: Backlog', 'stories:', '  - {id: ST-1, title: A, implements: [REQ-1]}'),
      [RM]: lines('id: RM-1', 'title: R', 'releases:', '  - {id: R-1, title: A, horizon: later}'),
    });
    assert.deepEqual(findings(s, S, 'orphan'), []);
    assert.deepEqual(findings(s, RM, 'orphan'), []);
  });
});
