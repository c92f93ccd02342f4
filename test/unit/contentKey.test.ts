/**
 * The content key tells a document's text from what the scan read of the same
 * file without keeping texts: equal for the editor's text and the file's
 * bytes exactly when both read the same, never equal when they could differ.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { maxFileBytes } from '../../server/src/core/parse/decode';
import { contentKey } from '../../server/src/core/text/contentKey';

const loneSurrogate = /[\ud800-\udfff]/u;
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('content key', () => {
  it('is the same for a text and its UTF-8 bytes, whatever the length (every tail of a 4-byte word)', () => {
    for (const text of [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'abcde',
      'id: REQ-1\ntitle: Pay\n',
      'naïve: “quotes” 😀\n',
    ]) {
      assert.ok(contentKey(text) !== undefined, JSON.stringify(text));
      assert.equal(contentKey(text), contentKey(utf8(text)), JSON.stringify(text));
    }
  });

  it('differs when one character differs, is moved or is added (random texts)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (a, b) => {
          fc.pre(a !== b && !loneSurrogate.test(a) && !loneSurrogate.test(b));
          assert.notEqual(contentKey(a), contentKey(b));
        },
      ),
      { numRuns: 2000 },
    );
    const text = 'id: REQ-1\npriority: must\n';
    assert.notEqual(contentKey(text), contentKey(text.replace('must', 'wont')));
    assert.notEqual(contentKey(text), contentKey(text + ' '));
    assert.notEqual(contentKey('ab'), contentKey('ba'));
  });

  it('is the same for bytes of the same length read one after the other (the scratch buffer is not shared between keys)', () => {
    const a = contentKey(utf8('x'.repeat(5000)));
    const b = contentKey(utf8('y'.repeat(5000)));
    assert.notEqual(a, b);
    assert.equal(contentKey(utf8('x'.repeat(5000))), a);
    // Larger than the buffer that is kept between calls.
    const big = 'z'.repeat(2 * 1024 * 1024);
    assert.equal(contentKey(big), contentKey(utf8(big)));
  });

  it('gives no key where text and bytes could read differently: a byte-order mark, a lone surrogate, over the size limit', () => {
    assert.equal(contentKey(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), undefined);
    assert.equal(contentKey(new Uint8Array([0xff, 0xfe, 0x61, 0x00])), undefined);
    assert.equal(contentKey(new Uint8Array([0xfe, 0xff, 0x00, 0x61])), undefined);
    assert.equal(contentKey('\ufeffa'), undefined);
    // Encoded, a lone surrogate becomes U+FFFD: the two texts would share bytes.
    assert.equal(contentKey('id: A\ud800'), undefined);
    assert.ok(contentKey('id: A\ufffd') !== undefined);
    assert.ok(contentKey('id: 😀') !== undefined, 'a surrogate pair is not lone');
    assert.equal(contentKey('a'.repeat(maxFileBytes + 1)), undefined);
    assert.equal(contentKey(new Uint8Array(maxFileBytes + 1)), undefined);
  });
});
