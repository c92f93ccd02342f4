/**
 * scanReferences: `@implements` / `@verifies` in any text file, one or more
 * IDs separated by commas or blanks, acceptance-criterion references, exact
 * ranges (format 1.1, "References from code and tests").
 */
import * as assert from 'node:assert/strict';
import { scanReferences, type CodeReference } from '../../../server/src/core/refs/scanReferences';

/** `id@line:start-end relation`, compact enough to compare whole lists. */
function refs(text: string, role: 'code' | 'tests' = 'code'): string[] {
  return scanReferences(text, role).map(
    (r: CodeReference) =>
      `${r.id}${r.ac !== undefined ? `#${r.ac}` : ''}@${r.range.start.line}:${r.range.start.character}-${r.range.end.character} ${r.relation}`,
  );
}

describe('scanReferences', () => {
  it('reads one ID after @implements in a line comment, with its exact range', () => {
    assert.deepEqual(refs('const a = 1;\n// @implements REQ-101\n'), ['REQ-101@1:15-22 implements']);
  });

  it('reads several IDs separated by commas, blanks or both', () => {
    assert.deepEqual(refs('# @verifies ST-1, ST-2 ST-3,ST-4'), [
      'ST-1@0:12-16 verifies',
      'ST-2@0:18-22 verifies',
      'ST-3@0:23-27 verifies',
      'ST-4@0:28-32 verifies',
    ]);
  });

  it('finds tags anywhere on a line and whatever the comment syntax', () => {
    assert.deepEqual(refs('x = 1  /* @implements REQ-1 */ -- @verifies REQ-2\n<!-- @implements EPIC-2 -->'), [
      'REQ-1@0:22-27 implements',
      'REQ-2@0:44-49 verifies',
      'EPIC-2@1:17-23 implements',
    ]);
  });

  it('reads an acceptance-criterion reference REQ-101#2, the range covering #2', () => {
    const [r] = scanReferences('// @verifies REQ-101#2, REQ-7', 'code');
    assert.equal(r.id, 'REQ-101');
    assert.equal(r.ac, 2);
    assert.deepEqual(r.range, { start: { line: 0, character: 13 }, end: { line: 0, character: 22 } });
    assert.deepEqual(refs('// @verifies REQ-101#2, REQ-7'), [
      'REQ-101#2@0:13-22 verifies',
      'REQ-7@0:24-29 verifies',
    ]);
  });

  it('leaves a full stop after the last ID out, and keeps dots inside an ID', () => {
    assert.deepEqual(refs('// @implements R-2027.1 and REQ-1.\n// @implements REQ-1.'), [
      'R-2027.1@0:15-23 implements',
      'REQ-1@1:15-20 implements',
    ]);
  });

  it('accepts a colon after the tag', () => {
    assert.deepEqual(refs('// @implements: REQ-1'), ['REQ-1@0:16-21 implements']);
  });

  it('in a tests file, both tags mean verifies', () => {
    assert.deepEqual(refs('// @implements REQ-1\n// @verifies REQ-2', 'tests'), [
      'REQ-1@0:15-20 verifies',
      'REQ-2@1:13-18 verifies',
    ]);
  });

  it('reads nothing that is not a tag followed by an ID', () => {
    assert.deepEqual(
      refs(
        [
          '// implements REQ-1', // no @
          '// @implementsREQ-1', // not set off
          '// @implementation REQ-1', // another word
          '// @implements req-1', // not an ID
          '// @implements , REQ-1', // a comma before the first ID
          'email@implements.com REQ-1',
          '// @verifies REQ-1#x',
        ].join('\n'),
      ),
      [],
    );
  });

  it('counts UTF-16 characters and handles CRLF line ends', () => {
    assert.deepEqual(refs('// é😀 @implements REQ-1\r\n// @verifies ST-1'), [
      'REQ-1@0:19-24 implements',
      'ST-1@1:13-17 verifies',
    ]);
  });
});
