import * as assert from 'node:assert/strict';
import {
  completion,
  resolveCompletion,
  type CompletionItem,
  type CompletionList,
} from '../../../server/src/core/features/completion';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import { SpecService } from '../../../server/src/core/service';
import type { Position } from '../../../server/src/core/types';
import { lines, span } from '../helpers';

const VISION = 'file:///w/product.vision.yaml';
const ROADMAP = 'file:///w/product.roadmap.yaml';
const PRD1 = 'file:///w/prds/checkout.prd.yaml';
const STORIES = 'file:///w/iterations/s2.stories.yaml';
const EPIC = 'file:///w/epics/new.epic.yaml';
const NEW_PRD = 'file:///w/prds/new.prd.yaml';

const epic = (id: string, release: string): string =>
  lines(`id: ${id}`, `title: Epic ${id.slice(5)}`, `release: ${release}`);
const req = (id: string, title: string): string[] => [
  `  - id: ${id}`,
  `    title: ${title}`,
  '    statement: s',
  '    priority: must',
];

/** The workspace around the documents under test (applied as closed files). */
const base: Record<string, string> = {
  [VISION]: lines(
    'id: V-1',
    'product: Basket',
    'statement: Groceries.',
    'goals:',
    '  - id: G-CONV',
    '    title: Conversion',
    'personas:',
    '  - id: P-PARENT',
    '    name: Busy parent',
    '  - id: P-PICKER',
    '    name: Picker',
  ),
  [ROADMAP]: lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1',
    '    title: First',
    '    horizon: now',
    '  - id: R-2',
    '    title: Second',
    '    horizon: next',
  ),
  'file:///w/epics/e1.epic.yaml': epic('EPIC-1', 'R-1'),
  'file:///w/epics/e2.epic.yaml': epic('EPIC-2', 'R-2'),
  'file:///w/epics/e3.epic.yaml': epic('EPIC-3', 'R-1'),
  [PRD1]: lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    'requirements:',
    ...req('REQ-101', 'Saved cards'),
    ...req('REQ-102', 'One page'),
    ...req('REQ-103', 'Wallet'),
  ),
  'file:///w/prds/tracking.prd.yaml': lines(
    'id: PRD-2',
    'title: Tracking',
    'epic: EPIC-2',
    'requirements:',
    ...req('REQ-201', 'Map'),
    ...req('REQ-202', 'ETA'),
  ),
  'file:///w/prds/picking.prd.yaml': lines(
    'id: PRD-3',
    'title: Picking',
    'epic: EPIC-3',
    'requirements:',
    ...req('REQ-301', 'Scan'),
    ...req('REQ-302', 'Weigh'),
  ),
  'file:///w/prds/receipts.prd.yaml': lines(
    'id: PRD-4',
    'title: Receipts',
    'epic: EPIC-1',
    'requirements:',
    ...req('REQ-401', 'Email'),
  ),
  'file:///w/iterations/s1.stories.yaml': lines(
    'id: IT-1',
    'title: Sprint 1',
    'release: R-1',
    'stories:',
    '  - id: ST-007',
    '    title: Old',
    '    implements: [REQ-101]',
    '  - id: ST-009',
    '    title: Older',
    '    implements: [REQ-101]',
  ),
};

const CURSOR = '‸';

/** The service with the document `uri` opened in the base workspace, and the list at the cursor of `marked`. */
function completeIn(
  uri: string,
  marked: string,
  extra: Record<string, string> = {},
): { svc: SpecService; list: CompletionList } {
  const at = marked.indexOf(CURSOR);
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const position: Position = new LineMap(text).positionAt(at);
  const svc = new SpecService();
  const files = { ...base, ...extra };
  delete files[uri];
  svc.apply(Object.entries(files).map(([u, t]) => ({ uri: u, text: t })));
  svc.openDocument(uri, text, 1);
  return { svc, list: completion(svc, uri, position) };
}

/** Suggestions at the cursor of `marked`; every list here is complete (nothing cut). */
function complete(uri: string, marked: string, extra: Record<string, string> = {}): CompletionItem[] {
  const { list } = completeIn(uri, marked, extra);
  assert.equal(list.isIncomplete, false);
  return list.items;
}

/** Labels in the order an editor shows them (by sortText). */
function labels(items: CompletionItem[]): string[] {
  return sorted(items).map(i => i.label);
}

function sorted(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));
}

function edits(items: CompletionItem[]): [string, number[], string][] {
  return sorted(items).map(i => [i.label, span(i.textEdit.range), i.textEdit.newText]);
}

const stories = (...tail: string[]): string =>
  lines(
    'id: IT-2', // 0
    'title: Sprint 2', // 1
    'release: R-2', // 2
    'stories:', // 3
    '  - id: ST-1', // 4
    '    title: One', // 5
    ...tail, // 6...
  );

describe('features/completion', () => {
  describe('keys', () => {
    it('on an empty line of a list item: the keys not yet there, required first, each with its shape', () => {
      const items = complete(
        STORIES,
        stories('    implements: [REQ-201]', `    ${CURSOR}`, '    status: draft'),
      );
      assert.deepEqual(labels(items), [
        'as_a',
        'i_want',
        'so_that',
        'estimate',
        'depends_on',
        'acceptance_criteria',
        'priority',
        'owner',
        'description',
        'related',
        'tickets',
      ]);
      assert.deepEqual(edits(items).slice(0, 6), [
        ['as_a', [7, 4, 7, 4], 'as_a: $1'],
        ['i_want', [7, 4, 7, 4], 'i_want: $1'],
        ['so_that', [7, 4, 7, 4], 'so_that: $1'],
        ['estimate', [7, 4, 7, 4], 'estimate: $1'],
        ['depends_on', [7, 4, 7, 4], 'depends_on: [$1]'],
        ['acceptance_criteria', [7, 4, 7, 4], 'acceptance_criteria:\n      - $1'],
      ]);
      const asA = items.find(i => i.label === 'as_a')!;
      assert.deepEqual(
        [asA.kind, asA.detail, asA.insertTextFormat, asA.insertTextMode, asA.command?.command],
        [10, 'ID', 2, 1, 'editor.action.triggerSuggest'],
      );
      assert.match(asA.documentation!.value, /persona/i);
      assert.deepEqual(
        items.map(i => i.detail),
        [
          'ID',
          'string',
          'string',
          'number',
          'list of IDs',
          'list',
          'must | should | could | wont',
          'string',
          'string',
          'list of IDs',
          'list',
        ],
      );
      const priority = items.find(i => i.label === 'priority')!;
      assert.equal(priority.detail, 'must | should | could | wont');
      assert.match(priority.documentation!.value, /\n- `must` — Must have/);
    });

    it('required keys that are missing come first', () => {
      const items = complete(STORIES, stories(`    ${CURSOR}`));
      assert.deepEqual(labels(items).slice(0, 2), ['implements', 'as_a']);
      const implementsItem = items.find(i => i.label === 'implements')!;
      assert.deepEqual(
        [implementsItem.detail, implementsItem.textEdit.newText, implementsItem.sortText],
        ['required · list of IDs', 'implements: [$1]', '0-0000'],
      );
    });

    it('replaces a half-typed key (the document is momentarily invalid)', () => {
      const items = complete(
        STORIES,
        stories('    implements: [REQ-201]', `    sta${CURSOR}`, '    estimate: 3'),
      );
      const status = items.find(i => i.label === 'status')!;
      assert.deepEqual(
        [span(status.textEdit.range), status.textEdit.newText, status.filterText],
        [[7, 4, 7, 7], 'status: $1', 'status'],
      );
      assert.ok(!labels(items).includes('estimate'), 'keys further down the item count as present');
    });

    it('on an existing key with its colon, only the name is replaced', () => {
      const items = complete(STORIES, stories('    implements: [REQ-201]', `    sta${CURSOR}tus: draft`));
      const status = items.find(i => i.label === 'status')!;
      assert.deepEqual(
        [span(status.textEdit.range), status.textEdit.newText, status.insertTextFormat],
        [[7, 4, 7, 10], 'status', 1],
      );
    });

    it('after `- ` in a list of items: the keys of a new item, `id` first', () => {
      const items = complete(PRD1, base[PRD1] + `  - ${CURSOR}\n`);
      // The whole requirement first (see itemSnippets.test), then its keys.
      assert.deepEqual(labels(items).slice(0, 5), ['requirement', 'id', 'title', 'statement', 'priority']);
      assert.deepEqual(edits(items)[1], ['id', [16, 4, 16, 4], 'id: $1']);
      assert.equal(items.find(i => i.label === 'id')?.command?.command, 'editor.action.triggerSuggest');
    });

    it('top-level keys, with the shape of lists of items and of maps', () => {
      const prd = complete(NEW_PRD, lines('id: PRD-9', CURSOR));
      assert.deepEqual(labels(prd).slice(0, 2), ['title', 'requirements']);
      assert.equal(prd.find(i => i.label === 'requirements')!.textEdit.newText, 'requirements:\n  - id: $1');
      assert.ok(!labels(prd).includes('id'));
      const ep = complete(EPIC, lines('id: EPIC-9', 'title: New', CURSOR));
      assert.equal(
        ep.find(i => i.label === 'rice')!.textEdit.newText,
        'rice:\n  reach: $1\n  impact: $2\n  confidence: $3\n  effort: $4',
      );
      assert.equal(ep.find(i => i.label === 'release')!.textEdit.newText, 'release: $1');
    });

    it('keys of a nested map (`rice:`), on the line below it', () => {
      assert.deepEqual(labels(complete(EPIC, lines('id: EPIC-9', 'title: New', 'rice:', `  ${CURSOR}`))), [
        'reach',
        'impact',
        'confidence',
        'effort',
      ]);
      assert.deepEqual(
        labels(complete(EPIC, lines('id: EPIC-9', 'title: New', 'rice:', '  reach: 1', `  ${CURSOR}`))),
        ['impact', 'confidence', 'effort'],
      );
      const partial = complete(EPIC, lines('id: EPIC-9', 'title: New', 'rice:', `  eff${CURSOR}`));
      assert.deepEqual(
        edits(partial).find(e => e[0] === 'effort'),
        ['effort', [3, 2, 3, 5], 'effort: $1'],
      );
    });
  });

  describe('enum values', () => {
    it('every value with what it means, in schema order, replacing the word', () => {
      const items = complete(
        PRD1,
        base[PRD1].replace('priority: must\n  - id: REQ-102', `priority: sh${CURSOR}\n  - id: REQ-102`),
      );
      assert.deepEqual(edits(items), [
        ['must', [7, 14, 7, 16], 'must'],
        ['should', [7, 14, 7, 16], 'should'],
        ['could', [7, 14, 7, 16], 'could'],
        ['wont', [7, 14, 7, 16], 'wont'],
      ]);
      assert.deepEqual(
        [items[1].kind, items[1].detail],
        [20, 'Should have: important, but the release could ship without it.'],
      );
    });

    it('right after the colon, the value comes with a space', () => {
      const items = complete(STORIES, stories(`    status:${CURSOR}`));
      assert.deepEqual(edits(items)[0], ['draft', [6, 11, 6, 11], ' draft']);
      assert.equal(items.length, 6);
    });

    it('a release horizon', () => {
      assert.deepEqual(
        labels(
          complete(
            ROADMAP,
            base[ROADMAP] + lines('  - id: R-3', '    title: Third', `    horizon: ${CURSOR}`),
          ),
        ),
        ['now', 'next', 'later'],
      );
    });
  });

  describe('IDs in link fields', () => {
    const implementsOrder = ['REQ-302', 'REQ-201', 'REQ-202', 'REQ-101', 'REQ-102', 'REQ-103', 'REQ-401'];

    it("a story's implements (flow): the PRD it already implements, then PRDs of the iteration's release, then the rest", () => {
      const { svc, list } = completeIn(STORIES, stories(`    implements: [REQ-301, ${CURSOR}]`));
      assert.deepEqual(labels(list.items), implementsOrder);
      const first = sorted(list.items)[0];
      assert.deepEqual(
        [
          first.kind,
          first.detail,
          first.filterText,
          span(first.textEdit.range),
          first.textEdit.newText,
          first.insertTextFormat,
        ],
        [18, 'Weigh', 'REQ-302 Weigh', [6, 26, 6, 26], 'REQ-302', 1],
      );
      // The documentation comes on resolve, from the definition the item names.
      assert.deepEqual(
        [first.documentation, first.data],
        [undefined, { uri: 'file:///w/prds/picking.prd.yaml', id: 'REQ-302' }],
      );
      assert.deepEqual(resolveCompletion(svc, first.data!), {
        kind: 'markdown',
        value: '**Requirement REQ-302**\n\nstatus `draft` · priority `must`\n\nin PRD PRD-3 Picking',
      });
    });

    it('the same in block style, and while the flow list is half-typed (invalid YAML)', () => {
      assert.deepEqual(
        labels(complete(STORIES, stories('    implements:', '      - REQ-301', `      - ${CURSOR}`))),
        implementsOrder,
      );
      const half = complete(
        STORIES,
        stories(
          `    implements: [REQ-301, RE${CURSOR}`,
          '    status: draft',
          '  - id: ST-2',
          '    title: Two',
        ),
      );
      assert.deepEqual(labels(half), implementsOrder);
      assert.deepEqual(span(half[0].textEdit.range), [6, 26, 6, 28]);
    });

    it('a field with no list yet gets brackets; a one-ID field gets the ID', () => {
      const bare = complete(STORIES, stories(`    implements: ${CURSOR}`));
      assert.deepEqual(edits(bare)[0], ['REQ-201', [6, 16, 6, 16], '[REQ-201]']);
      const single = complete(STORIES, stories('    implements: [REQ-101]', `    as_a: P${CURSOR}`));
      assert.deepEqual(edits(single), [
        ['P-PARENT', [7, 10, 7, 11], 'P-PARENT'],
        ['P-PICKER', [7, 10, 7, 11], 'P-PICKER'],
      ]);
      const spaced = complete(NEW_PRD, lines('id: PRD-9', `epic:${CURSOR}`));
      assert.deepEqual(edits(spaced), [
        ['EPIC-1', [1, 5, 1, 5], ' EPIC-1'],
        ['EPIC-2', [1, 5, 1, 5], ' EPIC-2'],
        ['EPIC-3', [1, 5, 1, 5], ' EPIC-3'],
      ]);
    });

    it("a requirement's depends_on: the same PRD, then PRDs of the same epic; never itself or what is listed", () => {
      const items = complete(
        PRD1,
        base[PRD1].replace('    statement: s\n', `    depends_on: [REQ-103, ${CURSOR}]\n    statement: s\n`),
      );
      assert.deepEqual(labels(items), ['REQ-102', 'REQ-401', 'REQ-201', 'REQ-202', 'REQ-301', 'REQ-302']);
    });

    it("a story's depends_on: stories of the same iteration first; `related` takes any kind", () => {
      const items = complete(
        STORIES,
        stories(
          '    implements: [REQ-201]',
          `    depends_on: [${CURSOR}]`,
          '  - id: ST-2',
          '    title: Two',
          '    implements: [REQ-201]',
        ),
      );
      assert.deepEqual(labels(items), ['ST-2', 'ST-007', 'ST-009']);
      const related = labels(
        complete(STORIES, stories('    implements: [REQ-201]', `    related: [${CURSOR}]`)),
      );
      assert.ok(
        related.includes('G-CONV') &&
          related.includes('EPIC-2') &&
          related.includes('R-1') &&
          !related.includes('ST-1'),
      );
    });

    it('a duplicated ID is offered once', () => {
      const dup = {
        'file:///w/prds/dup.prd.yaml': lines(
          'id: PRD-8',
          'title: Copy',
          'requirements:',
          ...req('REQ-101', 'Saved cards again'),
        ),
      };
      assert.deepEqual(
        labels(complete(STORIES, stories(`    implements: [REQ-301, ${CURSOR}]`), dup)),
        implementsOrder,
      );
    });

    it('works in a document with a syntax error elsewhere', () => {
      const items = complete(
        STORIES,
        stories(
          '    title: [unclosed',
          '    implements: [REQ-201]',
          '  - id: ST-2',
          '    title: Two',
          `    implements: [${CURSOR}]`,
        ),
      );
      assert.deepEqual(labels(items).slice(0, 2), ['REQ-201', 'REQ-202']);
    });
  });

  describe('the next free ID', () => {
    it("after `id:` of a new list item: the siblings' prefix, one past their highest number", () => {
      const items = complete(PRD1, base[PRD1] + `  - id: ${CURSOR}\n`);
      assert.deepEqual(
        items.map(i => [i.label, i.kind, i.detail, i.preselect, span(i.textEdit.range), i.textEdit.newText]),
        [['REQ-104', 12, 'next free Requirement ID', true, [16, 8, 16, 8], 'REQ-104']],
      );
      const typed = complete(PRD1, base[PRD1] + `  - id: RE${CURSOR}\n`);
      assert.deepEqual(edits(typed), [['REQ-104', [16, 8, 16, 10], 'REQ-104']]);
    });

    it('skips IDs defined elsewhere, keeps zero padding, and uses the workspace for a first item', () => {
      const taken = {
        'file:///w/prds/other.prd.yaml': lines(
          'id: PRD-8',
          'title: O',
          'requirements:',
          ...req('REQ-104', 'Taken'),
        ),
      };
      assert.deepEqual(labels(complete(PRD1, base[PRD1] + `  - id: ${CURSOR}\n`, taken)), ['REQ-105']);
      assert.deepEqual(
        labels(
          complete(
            'file:///w/iterations/s1.stories.yaml',
            base['file:///w/iterations/s1.stories.yaml'] + `  - id: ${CURSOR}\n`,
          ),
        ),
        ['ST-010'],
      );
      assert.deepEqual(labels(complete(NEW_PRD, `id: ${CURSOR}\n`)), ['PRD-5']);
      assert.deepEqual(
        labels(complete(NEW_PRD, lines('id: PRD-9', 'title: New', 'requirements:', `  - id: ${CURSOR}`))),
        ['REQ-402'],
      );
    });
  });

  describe('nothing', () => {
    it('in comments, in free text, in block scalars', () => {
      assert.deepEqual(complete(STORIES, stories(`    # a comm${CURSOR}ent`)), []);
      assert.deepEqual(complete(STORIES, stories(`    i_want: to pa${CURSOR}y`)), []);
      assert.deepEqual(complete(STORIES, stories('    i_want: |', `      to pa${CURSOR}y`)), []);
    });
  });
});

describe('feature: completion of a whole document', () => {
  /** The snippet with placeholders at their defaults and choices at their first option, as VS Code inserts it. */
  const expand = (snippet: string): string =>
    snippet
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\d+/g, '')
      .replace(/\\([$}\\])/g, '$1');

  it("offers the document of the file's kind at the top of an empty document, with the workspace's next IDs and a choice of epics", () => {
    const items = complete(NEW_PRD, '# notes\n‸');
    assert.deepEqual(
      items.map(i => [i.label, i.detail, i.insertTextFormat]),
      [['prd', 'a new PRD document (PRD-5)', 2]],
    );
    const body = items[0].textEdit.newText;
    assert.match(
      body,
      /^id: PRD-5\ntitle: \$\{1:Title\}\nstatus: draft\nepic: \$\{2\|EPIC-1,EPIC-2,EPIC-3\|\}\n/,
    );
    // Inserted as it stands, the document has no finding at all.
    const { svc } = completeIn(NEW_PRD, '‸');
    svc.openDocument(NEW_PRD, expand(body), 2);
    assert.deepEqual(
      svc.diagnostics(NEW_PRD).map(d => `${d.code}: ${d.message}`),
      [],
    );
  });

  it('offers no document inside a document that has content, nor below its first free line', () => {
    assert.ok(
      !complete(PRD1, lines('id: PRD-1', 'title: Checkout', 'priority: ‸')).some(i => i.label === 'prd'),
    );
    assert.ok(!complete(NEW_PRD, '\n\n‸').some(i => i.label === 'prd'), 'only on the first free line');
  });

  it('an epic document names a release to choose', () => {
    const items = complete(EPIC, '‸');
    assert.match(items[0].textEdit.newText, /^release: \$\{2\|R-1,R-2\|\}$/m);
  });
});
