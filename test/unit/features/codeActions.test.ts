import * as assert from 'node:assert/strict';
import type { Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver-types';
import { codeActions, type CodeAction } from '../../../server/src/core/features/codeActions';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import { SpecService } from '../../../server/src/core/service';
import type { Diagnostic } from '../../../server/src/core/types';
import { toLspDiagnostic } from '../../../server/src/lsp/convert';
import { lines, span } from '../helpers';

const VISION = 'file:///w/product.vision.yaml';
const ROADMAP = 'file:///w/product.roadmap.yaml';
const EPIC1 = 'file:///w/epics/checkout.epic.yaml';
const EPIC2 = 'file:///w/epics/tracking.epic.yaml';
const PRD1 = 'file:///w/prds/checkout.prd.yaml';
const PRD2 = 'file:///w/prds/tracking.prd.yaml';
const STORIES = 'file:///w/iterations/s1.stories.yaml';

/** A workspace with no findings at all; each test adds one problem. */
const clean: Record<string, string> = {
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
  [EPIC1]: lines('id: EPIC-1', 'title: Checkout', 'release: R-1'),
  [EPIC2]: lines('id: EPIC-2', 'title: Tracking', 'release: R-2'),
  [PRD1]: lines(
    'id: PRD-1', // 0
    'title: Checkout', // 1
    'epic: EPIC-1', // 2
    'requirements:', // 3
    '  - id: REQ-101', // 4
    '    title: Saved cards', // 5
    '    statement: s', // 6
    '    priority: must', // 7
    '', // 8
    '  - id: REQ-102', // 9
    '    title: One page', // 10
    '    statement: s', // 11
    '    priority: must', // 12
    '', // 13
    '  - id: REQ-103', // 14
    '    title: Wallet', // 15
    '    statement: s', // 16
    '    priority: could', // 17
  ),
  [PRD2]: lines(
    'id: PRD-2', // 0
    'title: Tracking', // 1
    'epic: EPIC-2', // 2
    'requirements:', // 3
    '- id: REQ-201', // 4
    '  title: Map', // 5
    '  statement: s', // 6
    '  priority: must', // 7
    '- id: REQ-202', // 8
    '  title: ETA', // 9
    '  statement: s', // 10
    '  priority: should', // 11
  ),
  [STORIES]: lines(
    'id: IT-1', // 0
    'title: Sprint 1', // 1
    'release: R-1', // 2
    'stories:', // 3
    '  - id: ST-1', // 4
    '    title: Save a card', // 5
    '    implements: [REQ-101]', // 6
    '    status: in-progress', // 7
    '    acceptance_criteria:', // 8
    '      - The card is saved', // 9
    '  - id: ST-2', // 10
    '    title: Track the van', // 11
    '    implements: [REQ-201]', // 12
  ),
};

function workspace(files: Record<string, string>): SpecService {
  const svc = new SpecService();
  for (const [uri, text] of Object.entries(files)) svc.openDocument(uri, text, 1);
  return svc;
}

/** Every finding of a workspace as `uri code message` (no ranges: edits move lines). */
function allFindings(svc: SpecService): string[] {
  return svc
    .uris()
    .flatMap(uri => svc.diagnostics(uri).map(d => `${uri} ${d.code} ${d.message}`))
    .sort();
}

/** Apply non-overlapping edits to a text, as an editor does. */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const map = new LineMap(text);
  const byOffset = edits
    .map(e => ({ start: map.offsetAt(e.range.start), end: map.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of byOffset) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

function applyAction(files: Record<string, string>, action: CodeAction): Record<string, string> {
  const out = { ...files };
  for (const [uri, edits] of Object.entries(action.edit.changes)) {
    assert.ok(uri in out, `edit to unknown file ${uri}`);
    out[uri] = applyEdits(out[uri], edits);
  }
  return out;
}

interface Case {
  files: Record<string, string>;
  svc: SpecService;
  diagnostic: Diagnostic;
  /** The diagnostic as the server publishes it and the client sends it back. */
  sent: LspDiagnostic;
  actions: CodeAction[];
}

/** The fixes for one finding, asked for as the client asks: with the diagnostic it was sent. */
function fixesFor(svc: SpecService, uri: string, diagnostic: Diagnostic): Pick<Case, 'sent' | 'actions'> {
  const sent = toLspDiagnostic(diagnostic);
  return { sent, actions: codeActions(svc, uri, sent.range, [sent]) };
}

/** The workspace with `files` changed, its one finding of `code` in `uri`, and the fixes for it. */
function problem(changes: Record<string, string>, uri: string, code: string): Case {
  const files = { ...clean, ...changes };
  const svc = workspace(files);
  const found = svc.diagnostics(uri).filter(d => d.code === code);
  assert.equal(found.length, 1, `one ${code} finding in ${uri}: ${JSON.stringify(allFindings(svc))}`);
  const diagnostic = found[0];
  return { files, svc, diagnostic, ...fixesFor(svc, uri, diagnostic) };
}

/**
 * Apply the fix titled `title` and check the workspace again from scratch:
 * the finding is gone (with `alsoGone`, findings the same fix removes) and
 * no other finding came or went. Returns the new texts.
 */
function fix(c: Case, title: string, alsoGone: readonly string[] = []): Record<string, string> {
  const action = c.actions.find(a => a.title === title);
  assert.ok(action, `no fix "${title}" among ${JSON.stringify(c.actions.map(a => a.title))}`);
  assert.equal(action.kind, 'quickfix');
  assert.deepEqual(action.diagnostics, [c.sent]);
  const after = applyAction(c.files, action);
  const before = allFindings(c.svc);
  const fixed = `${c.diagnostic.uri} ${c.diagnostic.code} ${c.diagnostic.message}`;
  for (const gone of [fixed, ...alsoGone]) {
    assert.ok(before.includes(gone), gone);
    before.splice(before.indexOf(gone), 1);
  }
  assert.deepEqual(allFindings(workspace(after)), before);
  return after;
}

function titles(c: Case): [string, boolean][] {
  return c.actions.map(a => [a.title, a.isPreferred === true]);
}

describe('features/codeActions', () => {
  it('the base workspace of these tests has no findings', () => {
    assert.deepEqual(allFindings(workspace(clean)), []);
  });

  describe('unresolved-link', () => {
    const typo = () =>
      problem(
        { [STORIES]: clean[STORIES].replace('implements: [REQ-201]', 'implements: [REQ-201, REQ-10]') },
        STORIES,
        'unresolved-link',
      );

    it("offers the closest IDs of the right kind (the first preferred), then to create the item where the story's other requirement lives", () => {
      const c = typo();
      assert.deepEqual(titles(c), [
        ['Change to REQ-101', true],
        ['Change to REQ-102', false],
        ['Change to REQ-103', false],
        ['Create requirement REQ-10 in tracking.prd.yaml', false],
      ]);
      assert.deepEqual(c.actions[0].edit.changes, {
        [STORIES]: [
          {
            range: { start: { line: 12, character: 26 }, end: { line: 12, character: 32 } },
            newText: 'REQ-101',
          },
        ],
      });
    });

    it('"Change to" fixes it', () => {
      const after = fix(typo(), 'Change to REQ-101');
      assert.match(after[STORIES], /implements: \[REQ-201, REQ-101\]/);
    });

    it('"Create requirement" appends a valid stub to the PRD, written like its other items', () => {
      const after = fix(typo(), 'Create requirement REQ-10 in tracking.prd.yaml');
      assert.equal(
        after[PRD2],
        clean[PRD2] +
          lines(
            '- id: REQ-10',
            '  title: TODO',
            '  statement: TODO',
            '  priority: should',
            '  status: draft',
          ),
      );
    });

    it('without context, the PRD whose requirement IDs look most like the target', () => {
      const c = problem(
        { [STORIES]: clean[STORIES].replace('implements: [REQ-101]', 'implements: [REQ-205]') },
        STORIES,
        'unresolved-link',
      );
      assert.deepEqual(titles(c), [
        ['Change to REQ-201', true],
        ['Change to REQ-202', false],
        ['Change to REQ-101', false],
        ['Create requirement REQ-205 in tracking.prd.yaml', false],
      ]);
      fix(c, 'Create requirement REQ-205 in tracking.prd.yaml');
    });

    it('does not offer an ID the field already lists', () => {
      const c = problem(
        {
          [STORIES]: clean[STORIES].replace(
            'implements: [REQ-201]',
            'implements: [REQ-201, REQ-101, REQ-10]',
          ),
        },
        STORIES,
        'unresolved-link',
      );
      assert.deepEqual(
        titles(c).map(t => t[0]),
        [
          'Change to REQ-102',
          'Change to REQ-103',
          'Change to REQ-202',
          'Create requirement REQ-10 in tracking.prd.yaml',
        ],
      );
    });

    it("a requirement's depends_on creates in its own PRD, keeping the blank lines between items", () => {
      const c = problem(
        {
          [PRD1]: clean[PRD1].replace(
            '    priority: could\n',
            '    priority: could\n    depends_on: [REQ-250]\n',
          ),
        },
        PRD1,
        'unresolved-link',
      );
      assert.deepEqual(
        titles(c).map(t => t[0]),
        ['Change to REQ-201', 'Change to REQ-202', 'Create requirement REQ-250 in checkout.prd.yaml'],
      );
      const edit = c.actions[2].edit.changes[PRD1];
      assert.deepEqual(
        edit.map(e => [span(e.range), e.newText]),
        [
          [
            [19, 0, 19, 0],
            '\n  - id: REQ-250\n    title: TODO\n    statement: TODO\n    priority: should\n    status: draft\n',
          ],
        ],
      );
      const after = fix(c, 'Create requirement REQ-250 in checkout.prd.yaml');
      assert.ok(
        after[PRD1].endsWith(
          '    depends_on: [REQ-250]\n\n  - id: REQ-250\n    title: TODO\n    statement: TODO\n    priority: should\n    status: draft\n',
        ),
      );
    });

    it('into a closed PRD too (the index knows where its last item ends)', () => {
      const files = {
        ...clean,
        [STORIES]: clean[STORIES].replace('implements: [REQ-201]', 'implements: [REQ-201, REQ-299]'),
      };
      const svc = new SpecService();
      svc.apply(
        Object.entries(files)
          .filter(([u]) => u !== STORIES)
          .map(([uri, text]) => ({ uri, text })),
      );
      svc.openDocument(STORIES, files[STORIES], 1);
      const d = svc.diagnostics(STORIES).find(x => x.code === 'unresolved-link')!;
      const create = fixesFor(svc, STORIES, d).actions.find(a => a.title.startsWith('Create'))!;
      assert.deepEqual(
        create.edit.changes[PRD2].map(e => [span(e.range), e.newText]),
        [
          [
            [12, 0, 12, 0],
            '- id: REQ-299\n  title: TODO\n  statement: TODO\n  priority: should\n  status: draft\n',
          ],
        ],
      );
    });

    it("a story's depends_on creates a story in the same iteration that implements what the linking story does", () => {
      const c = problem(
        { [STORIES]: clean[STORIES] + '    depends_on: [ST-99]\n' },
        STORIES,
        'unresolved-link',
      );
      assert.deepEqual(
        titles(c).map(t => t[0]),
        ['Change to ST-1', 'Change to ST-2', 'Create story ST-99 in s1.stories.yaml'],
      );
      const after = fix(c, 'Create story ST-99 in s1.stories.yaml');
      assert.ok(
        after[STORIES].endsWith(
          '    depends_on: [ST-99]\n  - id: ST-99\n    title: TODO\n    implements: [REQ-201]\n    status: draft\n',
        ),
      );
    });

    it('a release link creates a release in the roadmap', () => {
      const c = problem({ [EPIC2]: clean[EPIC2].replace('R-2', 'R-3') }, EPIC2, 'unresolved-link');
      assert.deepEqual(titles(c), [
        ['Change to R-1', true],
        ['Change to R-2', false],
        ['Create release R-3 in product.roadmap.yaml', false],
      ]);
      fix(c, 'Change to R-2');
      const after = fix(c, 'Create release R-3 in product.roadmap.yaml');
      assert.ok(
        after[ROADMAP].endsWith('  - id: R-3\n    title: TODO\n    horizon: later\n    status: draft\n'),
      );
    });

    it('keeps the quotes of a quoted link', () => {
      const c = problem(
        { [STORIES]: clean[STORIES].replace('implements: [REQ-201]', 'implements: [REQ-201, "REQ-10"]') },
        STORIES,
        'unresolved-link',
      );
      assert.deepEqual(span(c.actions[0].edit.changes[STORIES][0].range), [12, 27, 12, 33]);
      const after = fix(c, 'Change to REQ-101');
      assert.match(after[STORIES], /implements: \[REQ-201, "REQ-101"\]/);
    });
  });

  describe('schema', () => {
    it('an unknown key: rename it to the closest known key', () => {
      const c = problem(
        { [PRD1]: clean[PRD1].replace('    priority: could', '    priorty: could') },
        PRD1,
        'schema',
      );
      assert.deepEqual(titles(c), [['Rename to priority', true]]);
      assert.deepEqual(
        c.actions[0].edit.changes[PRD1].map(e => [span(e.range), e.newText]),
        [[[17, 4, 17, 11], 'priority']],
      );
      fix(c, 'Rename to priority');
    });

    it('a bad enum value: one fix per allowed value, the closest first', () => {
      const c = problem(
        { [PRD1]: clean[PRD1].replace('    priority: could', '    priority: shuld') },
        PRD1,
        'schema',
      );
      assert.deepEqual(titles(c), [
        ['Change to should', true],
        ['Change to could', false],
        ['Change to must', false],
        ['Change to wont', false],
      ]);
      assert.deepEqual(
        c.actions[1].edit.changes[PRD1].map(e => [span(e.range), e.newText]),
        [[[17, 14, 17, 19], 'could']],
      );
      fix(c, 'Change to should');
      fix(c, 'Change to wont');
    });

    it('nothing for schema findings it cannot fix', () => {
      const c = problem(
        { [PRD1]: clean[PRD1].replace('    priority: could', '    priority: 3') },
        PRD1,
        'schema',
      );
      assert.deepEqual(c.actions, []);
    });
  });

  describe('missing-acceptance', () => {
    /**
     * Apply the fix, see that the untouched placeholder still makes the
     * finding (saying so, with no fix of its own), then type `criterion` over
     * the range the fix's command selects and check as `fix` does.
     */
    function fixAndType(c: Case, title: string, criterion: string): Record<string, string> {
      const action = c.actions.find(a => a.title === title);
      assert.ok(action?.command, `no fix "${title}" with a command`);
      const [uri, selected] = action.command.arguments as [string, TextEdit['range']];
      const untouched = workspace(applyAction(c.files, action));
      const left = untouched.diagnostics(uri).filter(d => d.code === 'missing-acceptance');
      assert.deepEqual(
        left.map(d => [d.message, d.data]),
        [
          [
            `${String(c.diagnostic.data?.id)} is ${c.diagnostic.message.split(' ')[2]} but its acceptance criteria are still the placeholder "Given …, when …, then …"`,
            { id: c.diagnostic.data?.id, placeholder: true },
          ],
        ],
      );
      assert.deepEqual(codeActions(untouched, uri, left[0].range, [toLspDiagnostic(left[0])]), []);
      const typed: CodeAction = {
        ...action,
        edit: {
          changes: {
            ...action.edit.changes,
            [uri]: [
              {
                ...action.edit.changes[uri][0],
                newText: action.edit.changes[uri][0].newText.replace('Given …, when …, then …', criterion),
              },
            ],
          },
        },
      };
      // The typed text lands exactly where the command selected the placeholder.
      const typedText = applyAction(c.files, typed)[uri].split('\n')[selected.start.line];
      assert.equal(
        typedText.slice(selected.start.character, selected.start.character + criterion.length),
        criterion,
      );
      return fix({ ...c, actions: [typed] }, title);
    }

    it('adds an acceptance_criteria list with one placeholder at the end of a story', () => {
      const c = problem(
        { [STORIES]: clean[STORIES].replace('    acceptance_criteria:\n      - The card is saved\n', '') },
        STORIES,
        'missing-acceptance',
      );
      assert.deepEqual(titles(c), [['Add acceptance criteria to ST-1', true]]);
      assert.deepEqual(
        c.actions[0].edit.changes[STORIES].map(e => [span(e.range), e.newText]),
        [[[8, 0, 8, 0], '    acceptance_criteria:\n      - Given …, when …, then …\n']],
      );
      // Not a TODO that silences the warning for good: the placeholder is selected, so typing replaces it.
      assert.deepEqual(c.actions[0].command, {
        title: 'Select the placeholder',
        command: 'specwright.selectPlaceholder',
        arguments: [STORIES, { start: { line: 9, character: 8 }, end: { line: 9, character: 31 } }],
      });
      fixAndType(c, 'Add acceptance criteria to ST-1', 'The card is saved');
    });

    it('into a requirement followed by a blank line and more items', () => {
      const c = problem(
        {
          [PRD1]: clean[PRD1].replace(
            '    priority: must\n\n  - id: REQ-102',
            '    priority: must\n    status: approved\n\n  - id: REQ-102',
          ),
        },
        PRD1,
        'missing-acceptance',
      );
      assert.match(
        applyAction(c.files, c.actions[0])[PRD1],
        / {4}status: approved\n {4}acceptance_criteria:\n {6}- Given …, when …, then …\n\n {2}- id: REQ-102\n/,
      );
      fixAndType(c, 'Add acceptance criteria to REQ-101', 'A saved card is offered');
    });

    it('fills an empty list that is already there', () => {
      const c = problem(
        {
          [STORIES]: clean[STORIES].replace(
            '    acceptance_criteria:\n      - The card is saved\n',
            '    acceptance_criteria: []\n',
          ),
        },
        STORIES,
        'missing-acceptance',
      );
      assert.deepEqual(
        c.actions[0].edit.changes[STORIES].map(e => [span(e.range), e.newText]),
        [[[8, 23, 8, 27], ':\n      - Given …, when …, then …']],
      );
      assert.match(
        applyAction(c.files, c.actions[0])[STORIES],
        / {4}acceptance_criteria:\n {6}- Given …, when …, then …\n {2}- id: ST-2/,
      );
      fixAndType(c, 'Add acceptance criteria to ST-1', 'The card is saved');
    });
  });

  describe('duplicate-id', () => {
    const dup = { [PRD2]: clean[PRD2].replace('REQ-202', 'REQ-103') };

    // Renaming one definition fixes the finding at the other one too.
    const message = 'duplicate-id REQ-103 is defined 2 times; IDs must be unique in the workspace';

    it('gives this item the next free ID with the prefix its siblings use', () => {
      const inPrd2 = problem(dup, PRD2, 'duplicate-id');
      assert.deepEqual(titles(inPrd2), [['Change ID to REQ-202', true]]);
      assert.deepEqual(
        inPrd2.actions[0].edit.changes[PRD2].map(e => [span(e.range), e.newText]),
        [[[8, 6, 8, 13], 'REQ-202']],
      );
      fix(inPrd2, 'Change ID to REQ-202', [`${PRD1} ${message}`]);
      const inPrd1 = problem(dup, PRD1, 'duplicate-id');
      assert.deepEqual(titles(inPrd1), [['Change ID to REQ-104', true]]);
      fix(inPrd1, 'Change ID to REQ-104', [`${PRD2} ${message}`]);
    });

    it('an ID without a number gets a suffix', () => {
      const files = { ...clean, [VISION]: clean[VISION] + lines('  - id: P-PARENT', '    name: Twin') };
      const svc = workspace(files);
      const found = svc.diagnostics(VISION).filter(d => d.code === 'duplicate-id');
      assert.equal(found.length, 2);
      const c: Case = {
        files,
        svc,
        diagnostic: found[1],
        ...fixesFor(svc, VISION, found[1]),
      };
      assert.deepEqual(titles(c), [['Change ID to P-PARENT-2', true]]);
      assert.deepEqual(
        c.actions[0].edit.changes[VISION].map(e => [span(e.range), e.newText]),
        [[[9, 8, 9, 16], 'P-PARENT-2']],
      );
      // Both findings go: the other definition is no longer a duplicate either.
      const after = applyAction(files, c.actions[0]);
      assert.deepEqual(allFindings(workspace(after)), []);
    });
  });

  it('leaves out codes it has no fix for, and never throws on odd data', () => {
    const svc = workspace(clean);
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    assert.deepEqual(
      codeActions(svc, PRD1, range, [
        { range, code: 'orphan', message: 'x' },
        { range, code: 'unresolved-link', message: 'x' },
        { range, code: 'unresolved-link', message: 'x', data: { target: 42 } },
        { range, code: 'schema', message: 'x', data: null },
        { range, code: 'duplicate-id', message: 'x', data: { id: 'NOWHERE-1' } },
        { range, code: 'missing-acceptance', message: 'x', data: { id: 'NOWHERE-1' } },
      ]).map(a => a.title),
      ['Change ID to NOWHERE-2'],
    );
  });
});
