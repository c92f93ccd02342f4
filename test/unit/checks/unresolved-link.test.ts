import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const V = 'file:///w/product.vision.yaml';
const RM = 'file:///w/product.roadmap.yaml';
const E = 'file:///w/epics/checkout.epic.yaml';
const P = 'file:///w/prds/checkout.prd.yaml';
const S = 'file:///w/iterations/sprint.stories.yaml';

const vision = lines(
  'id: V-1',
  'product: Basket',
  'statement: Groceries, fast',
  'goals:',
  '  - id: G-CONV',
  '    title: Conversion',
  'personas:',
  '  - id: P-SHOPPER',
  '    name: Shopper',
);
const roadmap = lines(
  'id: RM-1',
  'title: Roadmap',
  'releases:',
  '  - id: R-1',
  '    title: First',
  '    horizon: now',
  '    goals: [G-CONV]',
);
const epic = lines('id: EPIC-1', 'title: Checkout', 'release: R-1', 'goals: [G-CONV]');
const prd = lines(
  'id: PRD-1',
  'title: Checkout',
  'epic: EPIC-1',
  'personas: [P-SHOPPER]',
  'requirements:',
  '  - id: REQ-1',
  '    title: Pay',
  '    statement: s',
  '    priority: must',
  '  - id: REQ-2',
  '    title: Pay again',
  '    statement: s',
  '    priority: must',
  '    depends_on: [REQ-1]',
);
const stories = lines(
  'id: IT-1',
  'title: Sprint 1',
  'release: R-1',
  'stories:',
  '  - id: ST-1',
  '    title: One',
  '    as_a: P-SHOPPER',
  '    implements: [REQ-1, REQ-2]',
  '    related: [G-CONV, EPIC-1]',
);

describe('check: unresolved-link', () => {
  it('reports nothing when every link of every field resolves', () => {
    const s = workspace({ [V]: vision, [RM]: roadmap, [E]: epic, [P]: prd, [S]: stories });
    for (const uri of [V, RM, E, P, S]) assert.deepEqual(findings(s, uri, 'unresolved-link'), [], uri);
  });

  it('reports each unknown ID in list and single-ID fields, at the ID', () => {
    const s = workspace({
      [E]: lines(
        'id: EPIC-1',
        'title: Checkout',
        'release: R-404',
        'goals: [G-CONV, G-NOPE]',
        'depends_on:',
        '  - EPIC-0',
      ),
      [S]: lines(
        'id: IT-1',
        'title: Sprint 1',
        'release: "R-1"',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    as_a: P-GHOST',
        '    implements: [ REQ-999 ]',
        '    related: [X-1]',
      ),
    });
    const err = (range: [number, number, number, number], id: string) => ({
      code: 'unresolved-link',
      severity: 'error',
      range,
      message: `${id.replace(/ .*/, '')} is not defined in this workspace${id.replace(/^\S*/, '')}`,
    });
    assert.deepEqual(
      findings(s, E, 'unresolved-link'),
      [
        err([2, 9, 2, 14], 'R-404'),
        err([3, 16, 3, 22], 'G-NOPE'),
        err([3, 8, 3, 14], 'G-CONV'),
        err([5, 4, 5, 10], 'EPIC-0 (did you mean EPIC-1?)'),
      ].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]),
    );
    assert.deepEqual(findings(s, S, 'unresolved-link'), [
      err([2, 9, 2, 14], 'R-1'),
      err([6, 10, 6, 17], 'P-GHOST'),
      err([7, 18, 7, 25], 'REQ-999'),
      err([8, 14, 8, 17], 'X-1 (did you mean IT-1?)'),
    ]);
  });

  it('is case-sensitive, and suggests the ID written in another case', () => {
    const s = workspace({
      [P]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - {id: REQ-login, title: t, statement: s, priority: must}',
      ),
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [REQ-LOGIN]',
      ),
    });
    assert.deepEqual(findings(s, S, 'unresolved-link'), [
      {
        code: 'unresolved-link',
        severity: 'error',
        range: [5, 17, 5, 26],
        message: 'REQ-LOGIN is not defined in this workspace (did you mean REQ-login?)',
      },
    ]);
  });

  it('says nothing of a link that is not an ID: the schema finding names it', () => {
    const s = workspace({
      [P]: prd,
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [req-1]',
      ),
    });
    assert.deepEqual(
      findings(s, S).map(f => [f.code, f.range, f.message]),
      [
        [
          'schema',
          [5, 17, 5, 22],
          '"req-1" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
        ],
      ],
    );
  });

  it('appears when the target is deleted and goes away when it is defined again', () => {
    const s = workspace({ [V]: vision, [E]: epic, [P]: prd });
    assert.deepEqual(findings(s, P, 'unresolved-link'), []);
    const changed = s.apply([{ uri: E, deleted: true }]);
    assert.ok(changed.has(P));
    assert.deepEqual(findings(s, P, 'unresolved-link'), [
      {
        code: 'unresolved-link',
        severity: 'error',
        range: [2, 6, 2, 12],
        message: 'EPIC-1 is not defined in this workspace',
      },
    ]);
    const again = s.apply([{ uri: 'file:///w/moved.epic.yaml', text: epic }]);
    assert.ok(again.has(P));
    assert.deepEqual(findings(s, P, 'unresolved-link'), []);
  });

  it('ignores files that are not spec files', () => {
    const s = workspace({ 'file:///w/notes.yaml': lines('id: EPIC-1'), [V]: vision, [P]: prd });
    assert.deepEqual(findings(s, P, 'unresolved-link'), [
      {
        code: 'unresolved-link',
        severity: 'error',
        range: [2, 6, 2, 12],
        message: 'EPIC-1 is not defined in this workspace',
      },
    ]);
    assert.deepEqual(s.diagnostics('file:///w/notes.yaml'), []);
  });
});
