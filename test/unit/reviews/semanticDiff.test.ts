import * as assert from 'node:assert/strict';
import { semanticDiff, wordChanges } from '../../../server/src/core/reviews/semanticDiff';
import type { RevisionFile } from '../../../server/src/core/reviews/revisionItems';
import { lines } from '../helpers';

const file = (path: string, text: string): RevisionFile => ({ path, bytes: new TextEncoder().encode(text) });

const prdBefore = lines(
  'id: PRD-1',
  'title: Checkout',
  'requirements:',
  '  - id: REQ-1',
  '    title: Saved cards',
  '    statement: A shopper can save a card at checkout.',
  '    priority: must',
  '    status: approved',
  '    acceptance_criteria:',
  '      - A saved card is the default next time',
  '      - The shopper can remove a saved card',
  '      - Card data is tokenised',
  '    depends_on: [REQ-2]',
  '  - {id: REQ-2, title: One page, statement: One page., priority: must, status: draft}',
  '  - {id: REQ-3, title: Wallets, statement: Wallets., priority: should}',
);
const prdAfter = lines(
  'id: PRD-1',
  'title: Checkout',
  'requirements:',
  '  - id: REQ-1',
  '    title: Saved payment methods',
  '    statement: A signed-in shopper can store a card at checkout.',
  '    priority: should',
  '    status: done',
  '    acceptance_criteria:',
  '      - A saved card is the default method next time',
  '      - Card data is tokenised',
  '      - Cards expire after a year',
  '    x-risk: high',
  '  - {id: REQ-2, title: One page, statement: One page., priority: must, status: approved}',
);
const storiesAfter = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - {id: ST-1, title: Pay, implements: [REQ-1]}',
);
const walletsAfter = lines(
  'id: PRD-2',
  'title: Wallets',
  'requirements:',
  '  - {id: REQ-3, title: Wallets, statement: Wallets and cards., priority: should}',
);

describe('semantic diff', () => {
  it('lists items added, removed, moved and changed, and status and priority changes apart', () => {
    const d = semanticDiff(
      [file('specs/checkout.prd.yaml', prdBefore), file('specs/gone.prd.yaml', 'id: PRD-9\ntitle: Gone\n')],
      [
        file('specs/checkout.prd.yaml', prdAfter),
        file('specs/sprint.stories.yaml', storiesAfter),
        file('specs/wallets.prd.yaml', walletsAfter),
      ],
    );
    assert.deepEqual(d.added, [
      { id: 'IT-1', kind: 'iteration', title: 'Sprint', path: 'specs/sprint.stories.yaml' },
      { id: 'PRD-2', kind: 'prd', title: 'Wallets', path: 'specs/wallets.prd.yaml' },
      { id: 'ST-1', kind: 'story', title: 'Pay', path: 'specs/sprint.stories.yaml' },
    ]);
    assert.deepEqual(d.removed, [{ id: 'PRD-9', kind: 'prd', title: 'Gone', path: 'specs/gone.prd.yaml' }]);
    assert.deepEqual(
      d.moved.map(m => [m.id, m.from, m.path]),
      [['REQ-3', 'specs/checkout.prd.yaml', 'specs/wallets.prd.yaml']],
    );
    assert.deepEqual(
      d.transitions.map(t => [t.id, t.field, t.before, t.after]),
      [
        ['REQ-1', 'status', 'approved', 'done'],
        ['REQ-1', 'priority', 'must', 'should'],
        ['REQ-2', 'status', 'draft', 'approved'],
      ],
    );
    assert.deepEqual(
      d.changed.map(c => c.id),
      ['REQ-1', 'REQ-3'],
    );
    const req1 = d.changed[0];
    assert.equal(req1.title, 'Saved payment methods');
    assert.deepEqual(req1.fields, [
      { field: 'title', change: 'value', before: 'Saved cards', after: 'Saved payment methods' },
      {
        field: 'statement',
        change: 'text',
        words: [
          { op: '=', text: 'A ' },
          { op: '+', text: 'signed-in ' },
          { op: '=', text: 'shopper can ' },
          { op: '-', text: 'save' },
          { op: '+', text: 'store' },
          { op: '=', text: ' a card at checkout.' },
        ],
      },
      {
        field: 'acceptance_criteria',
        change: 'list',
        entries: [
          {
            op: 'edited',
            words: [
              { op: '=', text: 'A saved card is the default ' },
              { op: '+', text: 'method ' },
              { op: '=', text: 'next time' },
            ],
          },
          { op: '-', text: 'The shopper can remove a saved card' },
          { op: '+', text: 'Cards expire after a year' },
        ],
      },
      { field: 'x-risk', change: 'value', before: undefined, after: 'high' },
      { field: 'depends_on', change: 'list', entries: [{ op: '-', text: 'REQ-2' }] },
    ]);
    // Moved and changed: listed in both, the change with the new file.
    assert.deepEqual(d.changed[1], {
      id: 'REQ-3',
      kind: 'requirement',
      title: 'Wallets',
      path: 'specs/wallets.prd.yaml',
      fields: [{ field: 'statement', change: 'value', before: 'Wallets.', after: 'Wallets and cards.' }],
    });
  });

  it('sees no change where only the writing differs: layout, key order, quoting, comments, line ends', () => {
    const reflowed = prdBefore
      .replace('    title: Saved cards\n', '    # renamed soon\n    title: "Saved cards"\n')
      .replace('    priority: must\n    status: approved\n', '    status: approved\n    priority: must\n')
      .replace(/\n/g, '\r\n');
    const d = semanticDiff([file('a.prd.yaml', prdBefore)], [file('a.prd.yaml', reflowed)]);
    assert.deepEqual(d, { added: [], removed: [], moved: [], changed: [], transitions: [], unreadable: [] });
  });

  it('reports a file it cannot parse at a revision as unreadable there, not its items as removed or added', () => {
    const broken = 'id: PRD-1\ntitle: [unclosed\n';
    const after = semanticDiff([file('a.prd.yaml', prdBefore)], [file('a.prd.yaml', broken)]);
    assert.deepEqual(after, {
      added: [],
      removed: [],
      moved: [],
      changed: [],
      transitions: [],
      unreadable: [
        {
          path: 'a.prd.yaml',
          line: 3,
          reason: 'Flow sequence in block collection must be sufficiently indented and end with a ]',
          side: 'after',
        },
      ],
    });
    // Broken before, mended after: nothing is "added"; an item found in a file read on both sides is compared.
    const other = (statement: string) =>
      lines(
        'id: PRD-2',
        'title: Other',
        'requirements:',
        `  - {id: REQ-8, title: W, statement: ${statement}, priority: should}`,
      );
    const before = semanticDiff(
      [file('a.prd.yaml', broken), file('b.prd.yaml', other('Old.'))],
      [file('a.prd.yaml', prdBefore), file('b.prd.yaml', other('New.'))],
    );
    assert.deepEqual(
      before.unreadable.map(u => [u.path, u.side, u.line]),
      [['a.prd.yaml', 'before', 3]],
    );
    assert.deepEqual([before.added, before.removed, before.moved, before.transitions], [[], [], [], []]);
    assert.deepEqual(
      before.changed.map(c => [c.id, c.fields.map(f => f.field)]),
      [['REQ-8', ['statement']]],
    );
  });

  it('reads a binary file at a revision as unreadable, and never throws', () => {
    const d = semanticDiff(
      [file('a.prd.yaml', prdBefore)],
      [{ path: 'a.prd.yaml', bytes: new Uint8Array([0x69, 0x64, 0, 0x3a]) }],
    );
    assert.deepEqual(
      d.unreadable.map(u => [u.path, u.side, u.line, u.reason]),
      [['a.prd.yaml', 'after', 1, 'file is binary, not YAML text (it contains NUL bytes)']],
    );
    assert.deepEqual(d.removed, []);
  });

  it('lists an ID that names another kind of item than before as changed, its kind first', () => {
    const d = semanticDiff(
      [file('a.prd.yaml', prdBefore)],
      [
        file('a.prd.yaml', prdAfter),
        file(
          's.stories.yaml',
          lines('id: IT-1', 'title: Sprint', 'stories:', '  - {id: REQ-3, title: Wallets}'),
        ),
      ],
    );
    const req3 = d.changed.find(c => c.id === 'REQ-3');
    assert.deepEqual(req3, {
      id: 'REQ-3',
      kind: 'story',
      title: 'Wallets',
      path: 's.stories.yaml',
      fields: [
        { field: 'kind', change: 'value', before: 'requirement', after: 'story' },
        { field: 'statement', change: 'value', before: 'Wallets.', after: undefined },
      ],
    });
    // Priority is a transition, listed apart as always.
    assert.ok(d.transitions.some(t => t.id === 'REQ-3' && t.field === 'priority' && t.after === undefined));
    assert.deepEqual(
      d.moved.map(m => [m.id, m.from, m.path]),
      [['REQ-3', 'a.prd.yaml', 's.stories.yaml']],
    );
  });

  it('bounds the word diff: texts with nothing in common past the bound are shown whole, old then new', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join(' ');
    assert.deepEqual(wordChanges(a, b), [
      { op: '-', text: a },
      { op: '+', text: b },
    ]);
  });
});
