import * as assert from 'node:assert/strict';
import { csvField, escapeHtml } from '../../../server/src/core/report/escape';
import { mdCode, mdText } from '../../../server/src/core/text/markdown';

describe('report: escaping', () => {
  it('escapeHtml: markup characters and both quotes; control characters become U+FFFD', () => {
    assert.equal(
      escapeHtml(`<a href="x" title='y'>&amp;</a>`),
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
    assert.equal(escapeHtml('a\x00b\x1bc\td\ne\r'), 'a\uFFFDb\uFFFDc\td&#10;e&#13;');
  });

  it('mdText: backslash before Markdown punctuation, one line', () => {
    assert.equal(
      mdText('a *b* _c_ [d](e) <f> g|h `i` &j; #k ~l~ !m \\n'),
      'a \\*b\\* \\_c\\_ \\[d\\](e) \\<f\\> g\\|h \\`i\\` \\&j; \\#k \\~l\\~ \\!m \\\\n',
    );
    assert.equal(mdText('two\nlines\r\n  here'), 'two lines here');
    assert.equal(mdText('in-progress 2026-01-05 → 1.5'), 'in-progress 2026-01-05 → 1.5');
  });

  it('mdCode: a fence longer than any backtick run, pipes escaped for tables', () => {
    assert.equal(mdCode('REQ-1'), '`REQ-1`');
    assert.equal(mdCode('a`b'), '``a`b``');
    assert.equal(mdCode('`x`'), '`` `x` ``');
    assert.equal(mdCode('a|b'), '`a\\|b`');
  });

  it('csvField: RFC 4180 quoting, numbers as is, formula-like text defused', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\r\nlines'), 'two lines');
    assert.equal(csvField(' padded '), '" padded "');
    assert.equal(csvField(null), '');
    assert.equal(csvField(1.5), '1.5');
    assert.equal(csvField(-2), '-2');
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])
      assert.equal(csvField(s), s.startsWith('\t') ? `"'${s}"` : `'${s}`, s);
  });
});
