import * as assert from 'node:assert/strict';
import { findings, lines, related, workspace } from '../helpers';

const A = 'file:///w/a.epic.yaml';
const B = 'file:///w/b.epic.yaml';
const C = 'file:///w/sub/c.prd.yaml';

describe('check: duplicate-id', () => {
  it('reports every definition of an ID defined in two files, each pointing at the other', () => {
    const s = workspace({
      [A]: lines('id: EPIC-1', 'title: A', 'release: R-1'),
      [B]: lines('title: B', 'release: R-1', 'id:   EPIC-1'),
    });
    assert.deepEqual(findings(s, A, 'duplicate-id'), [
      {
        code: 'duplicate-id',
        severity: 'error',
        range: [0, 4, 0, 10],
        message: 'EPIC-1 is defined 2 times; IDs must be unique in the workspace',
      },
    ]);
    assert.deepEqual(findings(s, B, 'duplicate-id'), [
      {
        code: 'duplicate-id',
        severity: 'error',
        range: [2, 6, 2, 12],
        message: 'EPIC-1 is defined 2 times; IDs must be unique in the workspace',
      },
    ]);
    assert.deepEqual(related(s, A, 'duplicate-id'), [
      [{ uri: B, range: [2, 6, 2, 12], message: 'another definition of EPIC-1' }],
    ]);
    assert.deepEqual(related(s, B, 'duplicate-id'), [
      [{ uri: A, range: [0, 4, 0, 10], message: 'another definition of EPIC-1' }],
    ]);
  });

  it('reports three definitions, including two in one file and one of another kind', () => {
    const s = workspace({
      [A]: lines('id: REQ-1', 'title: Epic named like a requirement', 'release: R-1'),
      [C]: lines(
        'id: PRD-1',
        'title: T',
        'epic: X-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
        '  - {id: REQ-1, title: R, statement: s, priority: must}',
      ),
    });
    const msg = 'REQ-1 is defined 3 times; IDs must be unique in the workspace';
    assert.deepEqual(findings(s, C, 'duplicate-id'), [
      { code: 'duplicate-id', severity: 'error', range: [4, 8, 4, 13], message: msg },
      { code: 'duplicate-id', severity: 'error', range: [8, 9, 8, 14], message: msg },
    ]);
    assert.deepEqual(findings(s, A, 'duplicate-id'), [
      { code: 'duplicate-id', severity: 'error', range: [0, 4, 0, 9], message: msg },
    ]);
    assert.deepEqual(related(s, A, 'duplicate-id'), [
      [
        { uri: C, range: [4, 8, 4, 13], message: 'another definition of REQ-1' },
        { uri: C, range: [8, 9, 8, 14], message: 'another definition of REQ-1' },
      ],
    ]);
    assert.deepEqual(related(s, C, 'duplicate-id'), [
      [
        { uri: A, range: [0, 4, 0, 9], message: 'another definition of REQ-1' },
        { uri: C, range: [8, 9, 8, 14], message: 'another definition of REQ-1' },
      ],
      [
        { uri: A, range: [0, 4, 0, 9], message: 'another definition of REQ-1' },
        { uri: C, range: [4, 8, 4, 13], message: 'another definition of REQ-1' },
      ],
    ]);
  });

  it('reports nothing for unique IDs, and IDs differing only in case are distinct', () => {
    const s = workspace({
      [A]: lines('id: EPIC-1', 'title: A', 'release: R-1'),
      [B]: lines('id: EPIC-2', 'title: B', 'release: R-1'),
      'file:///w/c.epic.yaml': lines('id: EPIC-a', 'title: B', 'release: R-1'),
      'file:///w/d.epic.yaml': lines('id: EPIC-A', 'title: B', 'release: R-1'),
    });
    for (const uri of s.uris()) assert.deepEqual(findings(s, uri, 'duplicate-id'), [], uri);
  });

  it('goes away in the remaining file when the other definition is deleted or renamed', () => {
    const s = workspace({
      [A]: lines('id: EPIC-1', 'title: A', 'release: R-1'),
      [B]: lines('id: EPIC-1', 'title: B', 'release: R-1'),
    });
    assert.equal(findings(s, A, 'duplicate-id').length, 1);
    const changed = s.apply([{ uri: B, deleted: true }]);
    assert.ok(changed.has(A) && changed.has(B));
    assert.deepEqual(findings(s, A, 'duplicate-id'), []);
    s.apply([{ uri: B, text: lines('id: EPIC-1', 'title: B', 'release: R-1') }]);
    assert.equal(findings(s, A, 'duplicate-id').length, 1);
    const changed2 = s.apply([{ uri: B, text: lines('id: EPIC-2', 'title: B', 'release: R-1') }]);
    assert.ok(changed2.has(A));
    assert.deepEqual(findings(s, A, 'duplicate-id'), []);
  });
});
