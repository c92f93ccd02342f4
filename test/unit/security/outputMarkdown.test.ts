/**
 * Issue #12, the output side, in the core: the one Markdown escaping
 * (core/text/markdown.ts) that hover cards and the Markdown report use, and
 * the hover card built on it.
 */
import * as assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import { mdCode, mdLinkTarget, mdParagraphs, mdText } from '../../../server/src/core/text/markdown';
import { lines, workspace } from '../helpers';

describe('security: Markdown from repository text', () => {
  it('mdText: no image, link, autolink, HTML or code span survives, and the text is one line', () => {
    assert.equal(
      mdText('a ![beacon](https://attacker.example/p.png) b'),
      'a \\!\\[beacon\\](https\\://attacker.example/p.png) b',
    );
    // A workflow command's encoded line break never reaches the output as written (it renders as "%0A").
    assert.equal(mdText('x%0A::error::y 100%25 %0d'), 'x&#37;0A::error::y 100&#37;25 &#37;0d');
    assert.equal(
      mdText('<img src=x> `code` www.attacker.example me@attacker.example'),
      '\\<img src=x\\> \\`code\\` www\\.attacker.example me\\@attacker.example',
    );
    assert.equal(mdText('title\n::warning::pwned\r\nthird'), 'title ::warning::pwned third');
    assert.equal(mdText('::warning file=x::pwned'), '\\::warning file=x::pwned');
  });

  it('mdCode: a backtick inside cannot close the span; mdParagraphs keeps paragraphs apart', () => {
    assert.equal(
      mdCode('draft` ![b](https://x.example/p.png) `'),
      '`` draft` ![b](https://x.example/p.png) ` ``',
    );
    assert.equal(mdCode(''), '`  `');
    assert.equal(mdParagraphs('One [a](b).\n\nTwo <i>'), 'One \\[a\\](b).\n\nTwo \\<i\\>');
  });

  it('mdLinkTarget: a URI cannot end the link early', () => {
    assert.equal(
      mdLinkTarget('file:///w/a) ![x](y>.epic.yaml#L1'),
      'file:///w/a%29%20![x]%28y%3E.epic.yaml#L1',
    );
  });

  it('the hover card of an item with a hostile status, owner and title', () => {
    const s = workspace({
      'file:///w/a.epic.yaml': lines(
        'id: EPIC-1',
        'title: "Two\\nlines <b>x</b>"',
        'status: "x` ![beacon](https://attacker.example/p.png) `"',
        'owner: "[me](https://attacker.example)"',
      ),
    });
    const h = hover(s, 'file:///w/a.epic.yaml', { line: 0, character: 5 });
    assert.ok(h);
    const [head, facts] = h.contents.value.split('\n\n');
    assert.equal(head, '**Epic EPIC-1** — Two lines \\<b\\>x\\</b\\>');
    assert.equal(
      facts,
      'status `` x` ![beacon](https://attacker.example/p.png) ` `` · owner \\[me\\](https\\://attacker.example)',
    );
  });
});
