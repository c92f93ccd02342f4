/**
 * Bytes to text, before any YAML is read. Spec files are UTF-8; UTF-16 with
 * a BOM is decoded too. Binary content is reported, never parsed.
 *
 * The text of an open document passes the same gate (`checkText`): the same
 * size limit, counted in UTF-8 bytes as on disk, and NUL characters mean
 * binary — so the editor and `specwright check` agree on what is checked.
 */

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

/** Files larger than this are reported instead of parsed (no spec file is near it). */
export const maxFileBytes = 8 * 1024 * 1024;

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length > maxFileBytes) return { ok: false, reason: tooLarge(bytes.length) };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: stripBom(new TextDecoder('utf-16le').decode(bytes)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: stripBom(new TextDecoder('utf-16be').decode(bytes)) };
  }
  if (bytes.indexOf(0) !== -1) return { ok: false, reason: binary };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8 text' };
  }
}

/**
 * Why a text (an open document's, or decoded bytes) is not checked, or
 * undefined when it is: more than maxFileBytes of UTF-8, or a NUL character.
 */
export function checkText(text: string): string | undefined {
  // Every UTF-16 unit is at least one UTF-8 byte and at most three. Past the
  // limit in units, the size is given in units (exact for ASCII; counting a
  // 50 MB text byte by byte would take longer than refusing it).
  if (text.length > maxFileBytes) return tooLarge(text.length);
  if (text.length * 3 > maxFileBytes && nonAscii.test(text)) {
    const n = utf8Length(text);
    if (n > maxFileBytes) return tooLarge(n);
  }
  if (text.includes('\0')) return binary;
  return undefined;
}

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const nonAscii = /[^\x00-\x7f]/;
const binary = 'file is binary, not YAML text (it contains NUL bytes)';

function tooLarge(bytes: number): string {
  return `file is too large to check (${mb(bytes)} MB; the limit is ${mb(maxFileBytes)} MB)`;
}

/** UTF-8 length of a string (a lone surrogate counts 3, as TextEncoder writes U+FFFD). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (
      c >= 0xd800 &&
      c <= 0xdbff &&
      i + 1 < text.length &&
      (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
    ) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}
