import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const P = 'file:///w/a.prd.yaml';
const S = 'file:///w/s.stories.yaml';
const E = 'file:///w/e.epic.yaml';

const warn = (range: [number, number, number, number], message: string) => ({
  code: 'missing-acceptance',
  severity: 'warning',
  range,
  message,
});

describe('check: missing-acceptance', () => {
  it('reports approved, in-progress and done requirements without criteria, at the status value', () => {
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: t',
        '    statement: s',
        '    priority: must',
        '    status: approved',
        '  - {id: REQ-2, title: t, statement: s, priority: must, status: in-progress, acceptance_criteria: []}',
        '  - id: REQ-3',
        '    status: "done"',
        '    title: t',
        '    statement: s',
        '    priority: must',
        '    acceptance_criteria:',
      ),
    });
    assert.deepEqual(findings(s, P, 'missing-acceptance'), [
      warn([8, 12, 8, 20], 'REQ-1 is approved but has no acceptance criteria'),
      warn([9, 64, 9, 75], 'REQ-2 is in-progress but has no acceptance criteria'),
    ]);
    // REQ-3's empty `acceptance_criteria:` is the schema's finding (a list is expected), not also this one.
    assert.deepEqual(
      findings(s, P, 'schema').map(f => [f.range, f.message]),
      [[[15, 4, 15, 23], 'acceptance_criteria must be a list of strings (got nothing)']],
    );
  });

  it('reports committed stories without criteria', () => {
    const s = workspace({
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
        '    status: in-progress',
      ),
    });
    assert.deepEqual(findings(s, S, 'missing-acceptance'), [
      warn([6, 12, 6, 23], 'ST-1 is in-progress but has no acceptance criteria'),
    ]);
  });

  it("counts the quick fix's placeholder criterion, left as it is, as no criterion, and says so", () => {
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: t',
        '    statement: s',
        '    priority: must',
        '    status: approved',
        '    acceptance_criteria:',
        '      - Given …, when …, then …',
        '  - {id: REQ-2, title: t, statement: s, priority: must, status: done, acceptance_criteria: ["Given …, when …, then …", It works]}',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-2]',
        '    status: in-progress',
        '    acceptance_criteria: ["Given …, when …, then …"]',
      ),
    });
    assert.deepEqual(findings(s, P, 'missing-acceptance'), [
      warn(
        [8, 12, 8, 20],
        'REQ-1 is approved but its acceptance criteria are still the placeholder "Given …, when …, then …"',
      ),
    ]);
    assert.deepEqual(findings(s, S, 'missing-acceptance'), [
      warn(
        [6, 12, 6, 23],
        'ST-1 is in-progress but its acceptance criteria are still the placeholder "Given …, when …, then …"',
      ),
    ]);
  });

  it('reports nothing for draft, review and cancelled items, items with no status, or items with criteria', () => {
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'status: done',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must, status: draft}',
        '  - {id: REQ-2, title: t, statement: s, priority: must, status: review}',
        '  - {id: REQ-3, title: t, statement: s, priority: must, status: cancelled}',
        '  - {id: REQ-4, title: t, statement: s, priority: must}',
        '  - {id: REQ-5, title: t, statement: s, priority: must, status: done, acceptance_criteria: [It works]}',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'status: done',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-5]',
        '    status: done',
        '    acceptance_criteria:',
        '      - given: a basket',
        '        when: I pay',
        '        then: the order is placed',
      ),
      // Only requirements and stories need criteria.
      [E]: lines('id: EPIC-1', 'title: E', 'release: R-1', 'status: approved'),
    });
    for (const uri of [P, S, E]) assert.deepEqual(findings(s, uri, 'missing-acceptance'), [], uri);
  });
});
