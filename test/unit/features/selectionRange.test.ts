import * as assert from 'assert';
import type { SelectionRange } from 'vscode-languageserver-types';
import { selectionRanges } from '../../../server/src/core/features/selectionRange';
import type { Position } from '../../../server/src/core/types';
import { span } from '../helpers';
import {
  BROKEN,
  brokenText,
  PRD,
  SHAPES,
  STORIES,
  posOf,
  service,
  shapesText,
  texts,
} from './featureHelpers';

/** The chain of ranges from the innermost out. */
function chain(s: SelectionRange): number[][] {
  const out: number[][] = [];
  for (let r: SelectionRange | undefined = s; r; r = r.parent) out.push(span(r.range));
  return out;
}

describe('features/selectionRange', () => {
  const svc = service({ ...texts, [SHAPES]: shapesText, [BROKEN]: brokenText }, [SHAPES, STORIES, BROKEN]);
  const at = (uri: string, ...positions: Position[]) => selectionRanges(svc, uri, positions).map(chain);

  it('steps scalar → item → list → pair → map → list entry → list → pair → map → document', () => {
    assert.deepStrictEqual(at(SHAPES, { line: 15, character: 9 }), [
      [
        [15, 8, 15, 11], // one
        [15, 6, 15, 11], // - one
        [15, 6, 16, 11], // the list
        [14, 4, 16, 11], // acceptance_criteria: ...
        [12, 4, 16, 11], // the REQ-1 map
        [12, 2, 16, 11], // - id: REQ-1 ... (with its dash)
        [12, 2, 19, 12], // the requirements list
        [10, 0, 19, 12], // requirements: ...
        [2, 0, 19, 12], // the top map (after the leading comments)
        [0, 0, 20, 0], // the document
      ],
    ]);
  });

  it('stops the scalar before a trailing comment, and steps through flow lists', () => {
    assert.deepStrictEqual(at(SHAPES, { line: 13, character: 14 })[0].slice(0, 3), [
      [13, 11, 13, 22],
      [13, 4, 13, 22],
      [12, 4, 16, 11],
    ]);
    assert.deepStrictEqual(at(SHAPES, { line: 5, character: 4 }), [
      [
        [5, 2, 5, 9],
        [4, 10, 5, 10],
        [4, 0, 5, 10],
        [2, 0, 19, 12],
        [0, 0, 20, 0],
      ],
    ]);
    assert.deepStrictEqual(at(STORIES, posOf(texts[STORIES], "'REQ-2'", 2))[0].slice(0, 4), [
      [7, 24, 7, 31],
      [7, 16, 7, 32],
      [7, 4, 7, 32],
      [4, 4, 9, 15],
    ]);
  });

  it('answers each position, in order; a position on a key or between nodes', () => {
    const [key, blank] = at(SHAPES, { line: 3, character: 2 }, { line: 9, character: 0 });
    assert.deepStrictEqual(key, [
      [3, 0, 3, 5],
      [3, 0, 3, 23],
      [2, 0, 19, 12],
      [0, 0, 20, 0],
    ]);
    assert.deepStrictEqual(blank, [
      [2, 0, 19, 12],
      [0, 0, 20, 0],
    ]);
    assert.deepStrictEqual(at(SHAPES, { line: 0, character: 3 }), [[[0, 0, 20, 0]]]); // in the leading comment
  });

  it('works in a document with a syntax error elsewhere', () => {
    assert.deepStrictEqual(at(BROKEN, posOf(brokenText, 'REQ-3', 1))[0].slice(0, 6), [
      [6, 24, 6, 29],
      [6, 16, 6, 30],
      [6, 4, 6, 30],
      [5, 4, 7, 22],
      [5, 2, 7, 22],
      [2, 2, 7, 22],
    ]);
  });

  it('gives an empty range at each position of a closed document', () => {
    assert.deepStrictEqual(selectionRanges(svc, PRD, [{ line: 5, character: 9 }]).map(chain), [
      [[5, 9, 5, 9]],
    ]);
  });
});
