import { maxFileBytes } from '../parse/decode';

/**
 * A short key for a file's content, equal for bytes read from disk and the
 * editor's text of the same file, so that opening a document the scan has
 * already read can be recognised without keeping every file's text (8.8 MB
 * at 10k requirements). The key is the UTF-8 length and a 64-bit hash of the
 * UTF-8 bytes: keys are compared, texts never are.
 *
 * Equal keys must mean the file reads the same either way, so content that
 * a text and bytes could share only by decoding differently gets no key
 * (undefined, which equals nothing): a byte-order mark (decoding drops it),
 * a lone surrogate in a text (encoding turns it into U+FFFD), anything over
 * the size limit (the two refusals word the size differently).
 */
export function contentKey(content: string | Uint8Array): string | undefined {
  if (typeof content === 'string') {
    if (content.charCodeAt(0) === 0xfeff || content.length > maxFileBytes || loneSurrogate.test(content))
      return undefined;
    // Every UTF-16 unit is at most 3 bytes of UTF-8.
    const buffer = scratch(content.length * 3);
    const { written } = encoder.encodeInto(content, buffer);
    return written > maxFileBytes ? undefined : hash(buffer, written);
  }
  if (content.length > maxFileBytes || startsWithBom(content)) return undefined;
  const buffer = scratch(content.length);
  buffer.set(content); // aligned, for reading it four bytes at a time
  return hash(buffer, content.length);
}

/** In a `u` regular expression a surrogate pair is one code point: this matches lone surrogates only. */
const loneSurrogate = /[\ud800-\udfff]/u;
const encoder = new TextEncoder();
/** Reused between calls up to this size; a larger file gets a buffer of its own, not kept. */
const keptBytes = 1024 * 1024;
let kept = new Uint8Array(64 * 1024);

function scratch(size: number): Uint8Array {
  if (size > keptBytes) return new Uint8Array(size);
  if (kept.length < size) kept = new Uint8Array(keptBytes);
  return kept;
}

function startsWithBom(b: Uint8Array): boolean {
  return (
    (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) ||
    (b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)))
  );
}

/**
 * Two independent 32-bit multiply-xorshift lanes over 32-bit words (four
 * bytes per step: hashing 8.8 MB takes ~15 ms), then the tail byte by byte.
 */
function hash(bytes: Uint8Array, length: number): string {
  const words = new Int32Array(bytes.buffer, 0, length >>> 2);
  let a = 0x9e3779b9 ^ length;
  let b = 0x85ebca6b ^ length;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    a = Math.imul(a ^ w, 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b + w, 0x27d4eb2f);
    b ^= b >>> 13;
  }
  for (let i = words.length << 2; i < length; i++) {
    a = Math.imul(a ^ bytes[i], 0x5bd1e995);
    a ^= a >>> 15;
    b = Math.imul(b + bytes[i], 0x27d4eb2f);
    b ^= b >>> 13;
  }
  a = Math.imul(a ^ (b >>> 16), 0x85ebca6b);
  a ^= a >>> 13;
  b = Math.imul(b ^ (a >>> 16), 0xc2b2ae35);
  b ^= b >>> 16;
  return `${length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
