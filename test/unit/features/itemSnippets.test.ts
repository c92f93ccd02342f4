/**
 * Item snippets come from the server's completion: inserted as VS Code
 * would (every choice option in turn), each leaves the workspace without a
 * new finding, and they are offered only where an item of their kind goes.
 */
import * as assert from 'node:assert/strict';
import { completion, type CompletionItem } from '../../../server/src/core/features/completion';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import { SpecService } from '../../../server/src/core/service';
import { lines } from '../helpers';
import { expandSnippet, parseSnippet } from '../snippets.test';

const VISION = 'file:///w/product.vision.yaml';
const ROADMAP = 'file:///w/product.roadmap.yaml';
const PRD = 'file:///w/prds/checkout.prd.yaml';
const STORIES = 'file:///w/iterations/s1.stories.yaml';
const NEW_PRD = 'file:///w/prds/receipts.prd.yaml';

const workspace: Record<string, string> = {
  [VISION]: lines(
    'id: V-1',
    'product: Basket',
    'statement: Groceries.',
    'goals:',
    '  - id: G-1',
    '    title: Conversion',
    '    metric: orders',
    '    baseline: 1',
    '    target: 2',
    'personas:',
    '  - id: P-1',
    '    name: Parent',
    '  - id: P-2',
    '    name: Picker',
  ),
  [ROADMAP]: lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1',
    '    title: First',
    '    horizon: now',
    '    goals: [G-1]',
  ),
  'file:///w/epics/e1.epic.yaml': lines('id: EPIC-1', 'title: Checkout', 'release: R-1', 'goals: [G-1]'),
  [PRD]: lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    'personas: [P-1]',
    'goals: [G-1]',
    'requirements:',
    '  - id: REQ-7',
    '    title: Saved cards',
    '    statement: s',
    '    priority: must',
    '    acceptance_criteria: [works]',
    '  - id: REQ-8',
    '    title: One page',
    '    statement: s',
    '    priority: must',
    '    acceptance_criteria: [works]',
  ),
  [STORIES]: lines(
    'id: IT-1',
    'title: Sprint 1',
    'release: R-1',
    'stories:',
    '  - id: ST-4',
    '    title: Pay',
    '    as_a: P-1',
    '    implements: [REQ-7, REQ-8]',
    '    estimate: 2',
    '    acceptance_criteria:',
    '      - given: a',
    '        when: b',
    '        then: c',
  ),
};

const CURSOR = '‸';

/** The workspace with `uri` open as `marked` (cursor removed), and the suggestions at the cursor. */
function at(
  uri: string,
  marked: string,
): { svc: SpecService; items: CompletionItem[]; text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const svc = new SpecService();
  svc.apply(
    Object.entries(workspace)
      .filter(([u]) => u !== uri)
      .map(([u, t]) => ({ uri: u, text: t })),
  );
  svc.openDocument(uri, text, 1);
  return { svc, items: completion(svc, uri, new LineMap(text).positionAt(offset)).items, text, offset };
}

/** Every finding of the workspace, as `file code: message`. */
function findings(svc: SpecService): string[] {
  return [...Object.keys(workspace), NEW_PRD]
    .flatMap(u => svc.diagnostics(u).map(d => `${u.split('/').pop()} ${d.code}: ${d.message}`))
    .sort();
}

/** The number of rounds that gives every option of every choice a turn. */
const rounds = (body: string): number =>
  Math.max(1, ...parseSnippet(body).map(n => (n.type === 'choice' ? n.options.length : 1)));

/** Where each kind's snippet is asked for: the document, the text with the cursor, the snippet's label. */
const places: [string, string, string][] = [
  ['requirement, on a new line of requirements:', PRD, workspace[PRD] + '  ‸\n'],
  ['requirement, after a `- `', PRD, workspace[PRD] + '  - ‸\n'],
  [
    'requirement, typed below an empty requirements:',
    NEW_PRD,
    lines('id: PRD-2', 'title: Receipts', 'epic: EPIC-1', 'requirements:', '  req‸'),
  ],
  ['requirement, typed below the last requirement (not YAML yet)', PRD, workspace[PRD] + '  req‸\n'],
  ['story, on a new line of stories:', STORIES, workspace[STORIES] + '  ‸\n'],
  ['release, below an empty releases:', ROADMAP, lines('id: RM-1', 'title: Roadmap', 'releases:', '  ‸')],
  ['goal, on a new line of goals:', VISION, workspace[VISION].replace('personas:', '  ‸\npersonas:')],
  ['persona, on a new line of personas:', VISION, workspace[VISION] + '  ‸\n'],
];

describe('feature: item snippets from the server', () => {
  for (const [name, uri, marked] of places) {
    it(`${name}: the next free ID, existing links to choose, and no new finding with any choice`, () => {
      const kind = name.split(',')[0];
      const { svc, items, text } = at(uri, marked);
      const snippet = items.find(i => i.label === kind);
      assert.ok(snippet, `offered: ${items.map(i => i.label).join(', ')}`);
      assert.equal(snippet.insertTextFormat, 2);
      const before = findings(svc);
      const map = new LineMap(text);
      const start = map.offsetAt(snippet.textEdit.range.start);
      const end = map.offsetAt(snippet.textEdit.range.end);
      for (let round = 0; round < rounds(snippet.textEdit.newText); round++) {
        const inserted = expandSnippet(snippet.textEdit.newText, o => o[Math.min(round, o.length - 1)]);
        const after = text.slice(0, start) + inserted + text.slice(end);
        svc.openDocument(uri, after, 2 + round);
        const added = findings(svc).filter(f => !before.includes(f));
        assert.deepEqual(added, [], after);
        const ids = svc.index.files
          .get(uri)!
          .items.filter(i => i.kind === kind)
          .map(i => i.id);
        assert.equal(new Set(ids).size, ids.length, `a duplicate ID: ${ids.join(', ')}`);
      }
    });
  }

  it('the IDs are the next free ones, and links are choices among existing items', () => {
    const req = at(PRD, workspace[PRD] + '  ‸\n').items[0];
    assert.equal(req.detail, 'a new requirement (REQ-9)');
    assert.match(req.textEdit.newText, /^- id: REQ-9\n {4}title: \$\{1:Requirement title\}\n/);
    const story = at(STORIES, workspace[STORIES] + '  ‸\n').items[0];
    assert.equal(story.detail, 'a new story (ST-5)');
    assert.match(story.textEdit.newText, /\n {4}as_a: \$\{2\|P-1,P-2\|\}\n/);
    assert.match(story.textEdit.newText, /\n {4}implements: \[\$\{5\|REQ-7,REQ-8\|\}\]\n {4}status: draft\n/);
    const release = at(ROADMAP, lines('id: RM-1', 'title: Roadmap', 'releases:', '  ‸')).items[0];
    // The roadmap rewritten without R-1: the first release is R-1 again.
    assert.equal(
      release.textEdit.newText,
      '- id: R-1\n    title: ${1:Release title}\n    horizon: ${2|now,next,later|}\n    status: draft\n    goals: [${3|G-1|}]$0',
    );
  });

  it('after `- ` the snippet writes no second dash, indented to the entry', () => {
    const req = at(PRD, workspace[PRD] + '  - ‸\n').items[0];
    assert.match(req.textEdit.newText, /^id: REQ-9\n {4}title: /);
  });

  it('is not offered where its item does not belong: as a value, inside an item, in the wrong list or document', () => {
    const labels = (uri: string, marked: string): string[] => at(uri, marked).items.map(i => i.label);
    const kinds = ['requirement', 'story', 'release', 'goal', 'persona'];
    const none = (l: string[]): boolean => !l.some(x => kinds.includes(x));
    assert.ok(
      none(labels(PRD, workspace[PRD].replace('priority: must', 'priority: ‸'))),
      'as a value of priority:',
    );
    assert.ok(none(labels(PRD, workspace[PRD] + '    ‸\n')), 'among the keys of a requirement');
    assert.ok(none(labels(PRD, workspace[PRD] + '‸\n')), 'at the top level');
    assert.ok(none(labels(STORIES, workspace[STORIES] + '      ‸\n')), 'in acceptance_criteria:');
    assert.ok(
      none(labels(PRD, lines('id: PRD-1', 'title: Checkout', 'requirements: req‸'))),
      'on the line of requirements:',
    );
    assert.deepEqual(
      labels(VISION, workspace[VISION] + '  ‸\n').filter(l => kinds.includes(l)),
      ['persona'],
      'only the list it is in',
    );
  });
});
