/**
 * Bytes to text, before any YAML is read. Spec files are UTF-8; UTF-16 with
 * a BOM is decoded too. Binary content is reported, never parsed.
 */

export type Decoded =
  | { ok: true; text: string }
  | { ok: false; reason: string };

/** Files larger than this are reported instead of parsed (no spec file is near it). */
export const maxFileBytes = 8 * 1024 * 1024;

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length > maxFileBytes) {
    return { ok: false, reason: `file is too large to check (${mb(bytes.length)} MB; the limit is ${mb(maxFileBytes)} MB)` };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: stripBom(new TextDecoder('utf-16le').decode(bytes)) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: stripBom(new TextDecoder('utf-16be').decode(bytes)) };
  }
  if (bytes.indexOf(0) !== -1) {
    return { ok: false, reason: 'file is binary, not YAML text (it contains NUL bytes)' };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'file is not valid UTF-8 text' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}
