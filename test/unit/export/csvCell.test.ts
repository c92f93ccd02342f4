import * as assert from 'node:assert/strict';
import { csvCell, csvDocument } from '../../../server/src/core/export/csvCell';
import { parseCsv } from './rfc4180';

describe('export: CSV cells', () => {
  it('RFC 4180: quoted only when needed, quotes doubled, line breaks kept inside quotes', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('a;b'), '"a;b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('two\r\nlines\rand\u2028more'), '"two\nlines\nand\nmore"');
    assert.equal(csvCell(' padded '), '" padded "');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(3), '3');
    assert.equal(csvCell(-2), '-2');
    assert.equal(csvCell(NaN), '');
  });

  it('injection: a cell that starts like a formula gets a leading quote (OWASP)', () => {
    assert.equal(
      csvCell('=HYPERLINK("http://evil.example","x")'),
      `"'=HYPERLINK(""http://evil.example"",""x"")"`,
    );
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-1'), "'-1");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\t=1'), `"'\t=1"`);
    assert.equal(csvCell('\r=1'), `"'\n=1"`);
    // Only the start of the cell: a spreadsheet reads a cell, not its lines.
    assert.equal(csvCell('a\n=1'), '"a\n=1"');
    assert.equal(csvCell('a=1'), 'a=1');
  });

  it('no line of a cell starts a CI workflow command; control characters become U+FFFD', () => {
    assert.equal(csvCell('x\n::error::forged\n  ::add-mask::y'), '"x\n\\::error::forged\n\\::add-mask::y"');
    assert.equal(csvCell('a\x00b\x1bc'), 'a\uFFFDb\uFFFDc');
  });

  it('a document reads back as written, whatever the cells hold', () => {
    const cells = ['=1', 'a,b', 'say "hi"', 'two\nlines', '', ' x', ':: y', 'é → ok'];
    const text = csvDocument(['A', 'B'], [cells.slice(0, 4), cells.slice(4)]);
    assert.ok(!text.startsWith('\uFEFF'));
    assert.deepEqual(parseCsv(text), [
      ['A', 'B'],
      ["'=1", 'a,b', 'say "hi"', 'two\nlines'],
      ['', ' x', ':: y', 'é → ok'],
    ]);
  });
});
