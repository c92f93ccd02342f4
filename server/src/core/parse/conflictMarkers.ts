/**
 * Git conflict markers in a spec file. A file in the middle of a merge is
 * still read: its first side (above `=======`), with one finding at the
 * first marker, instead of a cascade of YAML errors from the markers.
 */

export const conflictMessage =
  'the file has git conflict markers; until the conflict is resolved, only the first side of each conflict (above "=======") is read';

const startMarker = /^<{7}(?:[ \t].*)?$/;
const baseMarker = /^\|{7}(?:[ \t].*)?$/;
const midMarker = /^={7}[ \t]*$/;
const endMarker = /^>{7}(?:[ \t].*)?$/;

/**
 * The text with each conflict resolved to its first side: marker lines, the
 * base section (diff3) and the second side become spaces, so every offset
 * (and so every range) stays that of the real text. Undefined when the text
 * has no conflict marker. `marker` is the first marker line.
 */
export function maskConflicts(text: string): { source: string; marker: [number, number] } | undefined {
  if (!text.includes('<<<<<<<') && !text.includes('>>>>>>>') && !text.includes('|||||||')) return undefined;
  let state: 'out' | 'ours' | 'base' | 'theirs' = 'out';
  let marker: [number, number] | undefined;
  const parts: string[] = [];
  let kept = 0;
  for (let s = 0; s <= text.length;) {
    let e = s;
    while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    const line = text.slice(s, e);
    let mask = false;
    let isMarker = false;
    if (startMarker.test(line)) {
      isMarker = true;
      state = 'ours';
    } else if (endMarker.test(line)) {
      isMarker = true;
      state = 'out';
    } else if (baseMarker.test(line)) {
      isMarker = true;
      if (state === 'ours') state = 'base';
    } else if (midMarker.test(line) && (state === 'ours' || state === 'base')) {
      isMarker = true;
      state = 'theirs';
    } else mask = state === 'base' || state === 'theirs';
    if (isMarker) {
      mask = true;
      marker ??= [s, e];
    }
    if (mask && e > s) {
      parts.push(text.slice(kept, s), ' '.repeat(e - s));
      kept = e;
    }
    if (e >= text.length) break;
    s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
  }
  if (!marker) return undefined;
  parts.push(text.slice(kept));
  return { source: parts.join(''), marker };
}
