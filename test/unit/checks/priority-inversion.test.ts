import * as assert from 'node:assert/strict';
import { findings, lines, related, workspace } from '../helpers';

const P = 'file:///w/a.prd.yaml';
const P2 = 'file:///w/b.prd.yaml';

const req = (id: string, priority: string, deps?: string) =>
  `  - {id: ${id}, title: t, statement: s, priority: ${priority}${deps ? `, depends_on: ${deps}` : ''}}`;
const prd = (id: string, ...reqs: string[]) =>
  lines(`id: ${id}`, 'title: T', 'epic: EPIC-1', 'requirements:', ...reqs);

describe('check: priority-inversion', () => {
  it('reports a must that depends on a could and on a wont, at each depends_on entry', () => {
    const s = workspace({
      [P]: prd(
        'PRD-1',
        req('REQ-1', 'must', '[REQ-2, REQ-3, REQ-4]'),
        req('REQ-2', 'could'),
        req('REQ-3', 'wont'),
        req('REQ-4', 'should'),
      ),
    });
    assert.deepEqual(findings(s, P, 'priority-inversion'), [
      {
        code: 'priority-inversion',
        severity: 'warning',
        range: [4, 69, 4, 74],
        message: 'REQ-1 is a must but depends on REQ-2, which is only a could',
      },
      {
        code: 'priority-inversion',
        severity: 'warning',
        range: [4, 76, 4, 81],
        message: 'REQ-1 is a must but depends on REQ-3, which is only a wont',
      },
    ]);
    assert.deepEqual(related(s, P, 'priority-inversion'), [
      [{ uri: P, range: [5, 50, 5, 55], message: 'REQ-2 is a could' }],
      [{ uri: P, range: [6, 50, 6, 54], message: 'REQ-3 is a wont' }],
    ]);
  });

  it('works across files and follows a priority change in the other file', () => {
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
        '    depends_on:',
        '      - REQ-9',
      ),
      [P2]: prd('PRD-2', req('REQ-9', 'could')),
    });
    assert.deepEqual(findings(s, P, 'priority-inversion'), [
      {
        code: 'priority-inversion',
        severity: 'warning',
        range: [9, 8, 9, 13],
        message: 'REQ-1 is a must but depends on REQ-9, which is only a could',
      },
    ]);
    assert.deepEqual(related(s, P, 'priority-inversion'), [
      [{ uri: P2, range: [4, 50, 4, 55], message: 'REQ-9 is a could' }],
    ]);
    const changed = s.apply([{ uri: P2, text: prd('PRD-2', req('REQ-9', 'must')) }]);
    assert.ok(changed.has(P));
    assert.deepEqual(findings(s, P, 'priority-inversion'), []);
  });

  it('reports nothing for should/could requirements with low-priority dependencies, or must on must/should', () => {
    const s = workspace({
      [P]: prd(
        'PRD-1',
        req('REQ-1', 'should', '[REQ-3]'),
        req('REQ-2', 'could', '[REQ-4]'),
        req('REQ-5', 'must', '[REQ-1, REQ-6, REQ-404]'),
        req('REQ-6', 'must'),
        req('REQ-3', 'could'),
        req('REQ-4', 'wont'),
      ),
    });
    assert.deepEqual(findings(s, P, 'priority-inversion'), []);
  });
});
