import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const P = 'file:///w/a.prd.yaml';
const S = 'file:///w/s.stories.yaml';

const info = (range: [number, number, number, number], message: string) => ({
  code: 'uncovered',
  severity: 'info',
  range,
  message,
});
const prd = lines(
  'id: PRD-1',
  'title: T',
  'epic: EPIC-1',
  'requirements:',
  '  - {id: REQ-1, title: t, statement: s, priority: must, status: approved, acceptance_criteria: [a]}',
  '  - {id: REQ-2, title: t, statement: s, priority: must, status: in-progress, acceptance_criteria: [a]}',
  '  - id: REQ-3',
  '    title: t',
  '    statement: s',
  '    priority: must',
  '    status: done',
  '    acceptance_criteria: [a]',
  '  - {id: REQ-4, title: t, statement: s, priority: must, status: review}',
  '  - {id: REQ-5, title: t, statement: s, priority: must}',
  '  - {id: REQ-6, title: t, statement: s, priority: must, status: cancelled}',
);

describe('check: uncovered', () => {
  it('reports committed requirements that no story implements, at the id', () => {
    const s = workspace({ [P]: prd });
    assert.deepEqual(findings(s, P, 'uncovered'), [
      info([4, 9, 4, 14], 'REQ-1 is approved but no story implements it'),
      info([5, 9, 5, 14], 'REQ-2 is in-progress but no story implements it'),
      info([6, 8, 6, 13], 'REQ-3 is done but no story implements it'),
    ]);
  });

  it('is satisfied by a story in another file implementing the requirement, but not by a related link', () => {
    const s = workspace({
      [P]: prd,
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - {id: ST-1, title: A, implements: [REQ-1, REQ-3], status: cancelled}',
        '  - {id: ST-2, title: B, implements: [REQ-5], related: [REQ-2]}',
      ),
    });
    assert.deepEqual(findings(s, P, 'uncovered'), [
      info([5, 9, 5, 14], 'REQ-2 is in-progress but no story implements it'),
    ]);
  });

  it('comes and goes as the implementing story is added and removed', () => {
    const s = workspace({ [P]: prd });
    const story = lines(
      'id: IT-1',
      'title: T',
      'stories:',
      '  - {id: ST-1, title: A, implements: [REQ-1, REQ-2, REQ-3]}',
    );
    let changed = s.apply([{ uri: S, text: story }]);
    assert.ok(changed.has(P));
    assert.deepEqual(findings(s, P, 'uncovered'), []);
    changed = s.apply([{ uri: S, text: story.replace('REQ-1, ', '') }]);
    assert.ok(changed.has(P));
    assert.deepEqual(findings(s, P, 'uncovered'), [
      info([4, 9, 4, 14], 'REQ-1 is approved but no story implements it'),
    ]);
    changed = s.apply([{ uri: S, deleted: true }]);
    assert.ok(changed.has(P));
    assert.equal(findings(s, P, 'uncovered').length, 3);
  });
});
