/**
 * The editor features in code and test files, on the core (in memory): the
 * ID under the cursor in a reference, hover with an acceptance criterion,
 * references and rename across YAML and code, and completion after
 * `@implements ` / `@verifies `.
 */
import * as assert from 'node:assert/strict';
import { referenceAt, referenceIdRange } from '../../../server/src/core/features/codeReferences';
import { completion } from '../../../server/src/core/features/completion';
import { hover } from '../../../server/src/core/features/hover';
import { idAt } from '../../../server/src/core/features/idAt';
import { references } from '../../../server/src/core/features/references';
import { prepareRename, rename } from '../../../server/src/core/features/rename';
import type { WorkspaceEdit } from '../../../server/src/core/features/edits';
import { SpecService } from '../../../server/src/core/service';
import { lines, span } from '../helpers';

const PRD = 'file:///w/cart.prd.yaml';
const STORIES = 'file:///w/s1.stories.yaml';
const CODE = 'file:///w/src/cart.ts';
const TEST = 'file:///w/test/cart_test.py';

function service(codeText = '// @implements REQ-1, REQ-1#2 and @implements: ST-1\n'): SpecService {
  const s = new SpecService();
  s.apply([
    {
      uri: PRD,
      text: lines(
        'id: PRD-1',
        'title: Cart',
        'requirements:',
        '  - {id: REQ-1, title: Add, statement: s, priority: must, acceptance_criteria: [Adds one, Adds two]}',
        '  - {id: REQ-2, title: Remove, statement: s, priority: must}',
        '  - {id: REQ-10, title: Empty, statement: s, priority: must}',
      ),
    },
    {
      uri: STORIES,
      text: lines('id: IT-1', 'title: S', 'stories:', '  - {id: ST-1, title: a, implements: [REQ-1]}'),
    },
  ]);
  s.applyTrace([
    { uri: CODE, role: 'code', text: codeText },
    { uri: TEST, role: 'tests', text: '# @verifies REQ-1#1\n' },
  ]);
  // The code file open in the editor (its text is what completion reads).
  s.openSourceDocuments([{ uri: CODE, text: codeText, version: 4 }]);
  return s;
}

const pos = (line: number, character: number) => ({ line, character });

describe('code references in the editor features', () => {
  it('finds the reference under the cursor, its ID’s own range without the #N', () => {
    const s = service();
    const ref = referenceAt(s, CODE, pos(0, 25))!;
    assert.deepEqual(
      [ref.id, ref.ac, span(ref.range), span(referenceIdRange(ref))],
      ['REQ-1', 2, [0, 22, 0, 29], [0, 22, 0, 27]],
    );
    assert.equal(referenceAt(s, CODE, pos(0, 5)), undefined);
    const at = idAt(s, CODE, pos(0, 48))!;
    assert.deepEqual([at.id, at.role, span(at.range)], ['ST-1', 'reference', [0, 47, 0, 51]]);
    assert.equal(idAt(s, 'file:///w/src/other.ts', pos(0, 16)), undefined);
  });

  it('hover: the card, with the acceptance criterion a #N names, or that there is none', () => {
    const s = service('// @implements REQ-1#2 REQ-1#5 REQ-404\n');
    const card = hover(s, STORIES, pos(3, 39))!.contents.value;
    assert.equal(hover(s, CODE, pos(0, 16))!.contents.value, `${card}\n\nAcceptance criterion 2: Adds two`);
    assert.equal(
      hover(s, CODE, pos(0, 25))!.contents.value,
      `${card}\n\nREQ-1 has no acceptance criterion 5`,
    );
    assert.match(hover(s, CODE, pos(0, 33))!.contents.value, /REQ-404.*not defined/);
  });

  it('references from YAML or code list spec links, code and tests together, each at its ID', () => {
    const s = service();
    const expected = [
      [PRD, [3, 9, 3, 14]],
      [STORIES, [3, 38, 3, 43]],
      [CODE, [0, 15, 0, 20]],
      [CODE, [0, 22, 0, 27]],
      [TEST, [0, 12, 0, 17]],
    ];
    const ask = (uri: string, line: number, character: number) =>
      references(s, uri, pos(line, character), { includeDeclaration: true }).map(l => [l.uri, span(l.range)]);
    assert.deepEqual(ask(PRD, 3, 12), expected);
    assert.deepEqual(ask(CODE, 0, 16), expected);
    assert.deepEqual(ask(TEST, 0, 13), expected);
  });

  it('rename rewrites the references in code and tests, keeping #N; prepareRename takes a reference', () => {
    const s = service();
    assert.deepEqual(prepareRename(s, CODE, pos(0, 24)), {
      range: { start: pos(0, 22), end: pos(0, 27) },
      placeholder: 'REQ-1',
    });
    const result = rename(s, PRD, pos(3, 12), 'REQ-100') as WorkspaceEdit;
    assert.deepEqual(
      [...result.edits].map(([uri, edits]) => [uri, edits.map(e => [span(e.range), e.newText])]),
      [
        [PRD, [[[3, 9, 3, 14], 'REQ-100']]],
        [STORIES, [[[3, 38, 3, 43], 'REQ-100']]],
        [
          CODE,
          [
            [[0, 15, 0, 20], 'REQ-100'],
            [[0, 22, 0, 27], 'REQ-100'],
          ],
        ],
        [TEST, [[[0, 12, 0, 17], 'REQ-100']]],
      ],
    );
    // Refused as in YAML: an ID that is taken.
    assert.deepEqual(rename(s, CODE, pos(0, 16), 'REQ-2'), {
      error: 'REQ-2 is already defined in w/cart.prd.yaml',
    });
  });

  it('completes requirement and story IDs after the tag, in ID order, and criteria after #', () => {
    const text = lines(
      '// @implements ',
      '# @verifies REQ-1, REQ-1',
      '@implements: R',
      'x @verifies REQ-1#',
      'f(@implements) ',
      '@implements REQ-404#',
      '  @implementsREQ',
    );
    const s = service(text);
    const labels = (line: number, character: number) =>
      completion(s, CODE, pos(line, character)).items.map(i => i.label);
    assert.deepEqual(labels(0, 15), ['REQ-1', 'REQ-2', 'REQ-10', 'ST-1']);
    assert.deepEqual(labels(1, 24), ['REQ-1', 'REQ-10']);
    assert.deepEqual(labels(2, 14), ['REQ-1', 'REQ-2', 'REQ-10']);
    const criteria = completion(s, CODE, pos(3, 18)).items;
    assert.deepEqual(
      criteria.map(i => [i.label, i.detail, span(i.textEdit.range), i.textEdit.newText]),
      [
        ['REQ-1#1', 'Adds one', [3, 12, 3, 18], 'REQ-1#1'],
        ['REQ-1#2', 'Adds two', [3, 12, 3, 18], 'REQ-1#2'],
      ],
    );
    // Not after `)`, not for an unknown ID's criteria, not glued to the tag, not in a closed file.
    assert.deepEqual(labels(4, 15), []);
    assert.deepEqual(labels(5, 20), []);
    assert.deepEqual(labels(6, 17), []);
    assert.deepEqual(completion(s, TEST, pos(0, 12)).items, []);
    // The item's data lets completionItem/resolve add its documentation, as in YAML.
    assert.deepEqual(completion(s, CODE, pos(0, 15)).items[0].data, { uri: PRD, id: 'REQ-1' });
  });

  it('offers at most a hundred IDs, the list marked incomplete', () => {
    const s = service('// @verifies \n');
    s.apply([
      {
        uri: 'file:///w/big.prd.yaml',
        text: lines(
          'id: PRD-9',
          'title: Big',
          'requirements:',
          ...Array.from(
            { length: 120 },
            (_, i) => `  - {id: BIG-${i + 1}, title: t, statement: s, priority: must}`,
          ),
        ),
      },
    ]);
    const list = completion(s, CODE, pos(0, 13));
    assert.equal(list.isIncomplete, true);
    assert.equal(list.items.length, 100);
    assert.deepEqual(
      list.items.slice(0, 3).map(i => i.label),
      ['BIG-1', 'BIG-2', 'BIG-3'],
    );
  });
});
