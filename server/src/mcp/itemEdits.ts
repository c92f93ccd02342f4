import type { Item, Range } from '../core/types';
import { stringify } from 'yaml';
import { insertionAfter } from '../core/features/codeActions';
import { linkFields } from '../core/model';
import { LineMap } from '../core/parse/sourceText';
import type { WorkspaceView } from '../core/workspaceView';

/**
 * The text of the edits `update_item` and `create_item` make, in the manner
 * of the quick fixes: a field's value is replaced where it stands (its
 * range in the index), a new field is appended after the item's last line
 * at the column of its keys, and nothing else of the file changes, so its
 * comments and formatting are kept.
 */

/** An edit of a file's text (LSP's TextEdit; mcp/ names no LSP package). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A value a tool may set: a scalar, or a list of scalars. */
export type FieldValue = string | number | boolean | readonly (string | number | boolean)[];

/**
 * A scalar as YAML text on one line: plain where YAML reads it back as the
 * same string, else quoted; `flow` for inside `[...]` or `{...}`, where a
 * comma or bracket needs quotes too. Text with a line break or a control
 * character is double-quoted with JSON's escapes, which YAML reads the same.
 */
export function scalarText(value: string | number | boolean, flow: boolean): string {
  if (typeof value !== 'string') return String(value);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) return JSON.stringify(value);
  const text = stringify(value, { lineWidth: 0 }).trimEnd();
  const plain = !/^["']/.test(text);
  if (text.includes('\n') || (flow && plain && /[,[\]{}]/.test(value))) return JSON.stringify(value);
  return text;
}

type Scalar = string | number | boolean;

function isList(value: FieldValue): value is readonly Scalar[] {
  return Array.isArray(value);
}

/** A list as a flow sequence: `[REQ-1, REQ-2]`. */
function flowList(values: readonly (string | number | boolean)[]): string {
  return `[${values.map(v => scalarText(v, true)).join(', ')}]`;
}

/**
 * How a value is written in an item's block mapping: a link list in flow
 * style (`implements: [REQ-1]`, as the examples write it), any other list
 * as block lines (`acceptance_criteria:` then `- ...`), a scalar on its line.
 */
export function blockValue(item: { kind: Item['kind'] }, key: string, value: FieldValue): string | string[] {
  if (!isList(value)) return scalarText(value, false);
  if (Object.hasOwn(linkFields[item.kind], key) || !value.length) return flowList(value);
  return value.map(v => scalarText(v, false));
}

/** The edits that set `fields` on an item whose file's text is `text` (the index read that text). */
export function setFieldEdits(
  service: WorkspaceView,
  item: Item,
  text: string,
  fields: ReadonlyArray<[string, FieldValue]>,
): TextEdit[] {
  const lines = new LineMap(text);
  const offset = (p: Range['start']): number => lines.offsetAt(p);
  const inFlow = text[offset(item.range.start)] === '{';
  const keyColumn = item.keyRanges.id?.start.character ?? item.range.start.character;
  const edits: TextEdit[] = [];
  const added: string[] = [];
  for (const [key, value] of fields) {
    const at = item.fieldRanges[key];
    if (at) {
      const old = text.slice(offset(at.start), offset(at.end));
      let next: string;
      if (inFlow || !isList(value)) next = oneLine(value, inFlow);
      else if (old.startsWith('-') && value.length) {
        // A block list stays one, its dashes where they were.
        const pad = ' '.repeat(at.start.character);
        next = value.map((v, i) => `${i ? pad : ''}- ${scalarText(v, false)}`).join('\n');
      } else next = flowList(value);
      // A block value's range can end at the start of the next line: keep that line break.
      if (at.end.character === 0 && at.end.line > at.start.line && /\r?\n$/.test(old)) next += '\n';
      edits.push({ range: at, newText: next });
    } else if (inFlow) {
      added.push(`, ${key}: ${oneLine(value, true)}`);
    } else {
      const v = blockValue(item, key, value);
      const pad = ' '.repeat(keyColumn);
      added.push(
        typeof v === 'string'
          ? `${pad}${key}: ${v}`
          : `${pad}${key}:${v.map(e => `\n${pad}  - ${e}`).join('')}`,
      );
    }
  }
  if (!added.length) return edits;
  if (inFlow) {
    // Before the closing brace, after the last value.
    const ends = Object.values(item.fieldRanges).map(r => offset(r.end));
    const end = lines.positionAt(Math.max(...ends, offset(item.idRange.end)));
    edits.push({ range: { start: end, end }, newText: added.join('') });
  } else {
    const at = insertionAfter(service, item);
    edits.push({ range: { start: at.position, end: at.position }, newText: at.wrap(added.join('\n')) });
  }
  return edits;
}

/** A value on one line: a scalar, or a list in flow style. */
function oneLine(value: FieldValue, flow: boolean): string {
  return isList(value) ? flowList(value) : scalarText(value, flow);
}

/** A text with edits applied (ranges of the text before any of them; they do not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineMap(text);
  const sorted = edits
    .map(e => ({ from: lines.offsetAt(e.range.start), to: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}
