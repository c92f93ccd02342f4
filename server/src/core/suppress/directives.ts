import { visit, type Document } from 'yaml';
import type { ParsedYaml } from '../parse/parseDocument';
import type { LineMap } from '../parse/sourceText';
import type { Range } from '../types';

/**
 * Suppression comments, read from a spec file's text:
 *
 *     # specwright-disable-next-line orphan, uncovered -- the epic is parked until Q3
 *     # specwright-disable missing-acceptance -- criteria live in the test plan
 *
 * The first suppresses those codes' findings whose range starts on the next
 * line that is neither blank nor a comment; the second, anywhere in the file,
 * suppresses the codes in the whole file. Only comment-only lines count (a
 * `#` after a value is a comment about that value, not a directive), and
 * lines inside a scalar — a block scalar's text, a multi-line quoted string —
 * are text, not comments: the parsed tree says where scalars are.
 */

export interface DirectiveCode {
  code: string;
  /** The range of the code in the comment. */
  range: Range;
}

export interface Directive {
  scope: 'next-line' | 'file';
  codes: DirectiveCode[];
  /** What follows `--`, trimmed; undefined when there is no `--`. */
  reason?: string;
  /** The comment, from `#` to its last character. */
  range: Range;
  /** next-line: the 0-based line it applies to; undefined when no line follows. */
  target?: number;
}

const keyword = 'specwright-disable';
const directive = /^(\s*)#\s*specwright-(disable-next-line|disable)(?=\s|$)(.*?)\s*$/d;

/** The suppression directives of a file, in source order. Cheap when there are none; linear in the text. */
export function readDirectives(parsed: ParsedYaml): Directive[] {
  const { text, lines } = parsed;
  if (!text.includes(keyword)) return [];
  const insideScalar = scalarSpans(parsed.doc, text);
  const out: Directive[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const content = lineText(lines, line);
    if (!content.includes(keyword)) continue;
    const m = directive.exec(content);
    if (!m || !m.indices) continue;
    if (insideScalar(lines.offsetAt({ line, character: m[1].length }))) continue;
    const restStart = m.indices[3][0];
    const rest = m[3];
    const sep = rest.indexOf('--');
    const codes: DirectiveCode[] = [];
    for (const c of (sep < 0 ? rest : rest.slice(0, sep)).matchAll(/[^\s,]+/g)) {
      const at = restStart + c.index;
      codes.push({
        code: c[0],
        range: { start: { line, character: at }, end: { line, character: at + c[0].length } },
      });
    }
    const d: Directive = {
      scope: m[2] === 'disable' ? 'file' : 'next-line',
      codes,
      range: { start: { line, character: m[1].length }, end: { line, character: restStart + rest.length } },
    };
    if (sep >= 0) d.reason = rest.slice(sep + 2).trim();
    out.push(d);
  }
  const nextLine = out.filter(d => d.scope === 'next-line');
  if (nextLine.length) {
    // One backward pass: the next line that is neither blank nor a comment, for every line from the first directive on.
    const first = nextLine[0].range.start.line;
    const next = new Map<number, number | undefined>();
    let code: number | undefined;
    for (let l = lines.lineCount - 1; l >= first; l--) {
      next.set(l, code);
      const content = lineText(lines, l);
      const trimmed = content.trimStart();
      if (trimmed === '') continue;
      if (
        trimmed.startsWith('#') &&
        !insideScalar(lines.offsetAt({ line: l, character: content.length - trimmed.length }))
      )
        continue;
      code = l;
    }
    for (const d of nextLine) d.target = next.get(d.range.start.line);
  }
  return out;
}

function lineText(lines: LineMap, line: number): string {
  const start = lines.offsetAt({ line, character: 0 });
  const end =
    line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : lines.text.length;
  return lines.text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

/** A test of whether an offset lies inside a scalar that spans lines (a block scalar, a multi-line string). */
function scalarSpans(doc: Document.Parsed | undefined, text: string): (offset: number) => boolean {
  const spans: [number, number][] = [];
  if (doc) {
    visit(doc, {
      Scalar(_key, node) {
        const r = node.range;
        if (r && r[1] > r[0] && /[\r\n]/.test(text.slice(r[0], r[1]))) spans.push([r[0], r[1]]);
      },
    });
  }
  // Scalars do not overlap: sorted by start, a binary search finds the one that could hold an offset.
  spans.sort((a, b) => a[0] - b[0]);
  return offset => {
    let lo = 0,
      hi = spans.length - 1,
      found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid][0] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && offset < spans[found][1];
  };
}
