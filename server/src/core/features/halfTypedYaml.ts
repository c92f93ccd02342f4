import type { ParsedYaml } from '../parse/parseDocument';
import { describeKey } from '../schema/schemas';
import type { DocKind, Position } from '../types';
import type { Hit, PathSegment, Reader } from './cursorHit';

/**
 * The text reading of a spec document: where the cursor is, found from lines
 * and indentation, for any text, valid YAML or not. While a document is being
 * typed (`implements: [REQ-1, RE`, a `  pri` line with no colon yet) the YAML
 * tree is misleading; this reads the half-typed block the way a person does,
 * with the same answers as the tree reading where both apply
 * (test/unit/features/yamlContext.test.ts).
 */

/** One line, split into the parts that matter for structure. */
interface Lexed {
  /** Column of the first character. */
  indent: number;
  /** Columns of the `-` list indicators at the start of the line. */
  dashes: number[];
  /** Column of the content after the dashes (the line's end when there is none). */
  start: number;
  /** True when nothing follows the dashes but spaces or a comment. */
  empty: boolean;
  key?: { text: string; start: number; end: number; colon: number };
  /** The value after the key, or the whole content when there is no key. */
  value?: { text: string; start: number; end: number };
}

function lexLine(line: string): Lexed | undefined {
  let i = 0;
  while (line[i] === ' ') i++;
  if (i >= line.length || line[i] === '#') return undefined;
  if (i === 0 && (/^(---|\.\.\.)(\s|$)/.test(line) || line[0] === '%')) return undefined;
  const indent = i;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ' || line[i + 1] === '\t')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  if (i >= line.length || line[i] === '#') return { indent, dashes, start: i, empty: true };
  const lx: Lexed = { indent, dashes, start: i, empty: false };

  const key = keyAt(line, i);
  let v = i;
  if (key) {
    lx.key = key;
    v = key.colon + 1;
    while (line[v] === ' ' || line[v] === '\t') v++;
  }
  if (v < line.length && line[v] !== '#') {
    const end = valueEnd(line, v);
    lx.value = { text: line.slice(v, end), start: v, end };
  }
  return lx;
}

/** A `key:` at column i (plain or quoted), when the line has one. */
function keyAt(line: string, i: number): Lexed['key'] {
  const colonAt = (j: number): boolean =>
    line[j] === ':' && (j + 1 === line.length || line[j + 1] === ' ' || line[j + 1] === '\t');
  const c = line[i];
  if (c === '"' || c === "'") {
    const close = closeQuote(line, i);
    if (close < 0) return undefined;
    let j = close + 1;
    while (line[j] === ' ') j++;
    return colonAt(j) ? { text: line.slice(i + 1, close), start: i, end: close + 1, colon: j } : undefined;
  }
  if ('[{&*!|>%@`'.includes(c)) return undefined;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '#' && j > i && /\s/.test(line[j - 1])) return undefined;
    if (colonAt(j)) {
      let end = j;
      while (end > i && /\s/.test(line[end - 1])) end--;
      return { text: line.slice(i, end), start: i, end, colon: j };
    }
  }
  return undefined;
}

/** Index of the quote that closes the one at `i`, or -1. */
function closeQuote(line: string, i: number): number {
  const q = line[i];
  for (let j = i + 1; j < line.length; j++) {
    if (q === '"' && line[j] === '\\') {
      j++;
      continue;
    }
    if (line[j] === q) {
      if (q === "'" && line[j + 1] === "'") {
        j++;
        continue;
      }
      return j;
    }
  }
  return -1;
}

/** Where a value that starts at `v` ends on its line (before a comment and trailing spaces). */
function valueEnd(line: string, v: number): number {
  const trimmed = (end: number): number => {
    while (end > v && /\s/.test(line[end - 1])) end--;
    return end;
  };
  const c = line[v];
  if (c === '"' || c === "'") {
    const close = closeQuote(line, v);
    return close >= 0 ? close + 1 : trimmed(line.length);
  }
  let depth = 0;
  let quote: string | undefined;
  for (let j = v; j < line.length; j++) {
    const ch = line[j];
    if (quote) {
      if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && j > v && /\s/.test(line[j - 1])) return trimmed(j);
    if (c === '[' || c === '{') {
      if ((ch === '"' || ch === "'") && /[[{,:]\s*$/.test(line.slice(v, j))) quote = ch;
      else if (ch === '[' || ch === '{') depth++;
      else if (ch === ']' || ch === '}') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
  }
  return trimmed(line.length);
}

/** An entry of a flow list, from just after the separator before it to the separator after it. */
interface FlowEntry {
  from: number;
  to: number;
  value?: string;
  nested: boolean;
}

/**
 * The entries of a flow list that opens at `open` (an offset of `[`), up to
 * its `]`, or, while it is unclosed, up to the end of the last line indented
 * deeper than `ownerIndent`.
 */
function flowEntries(text: string, open: number, ownerIndent: number): FlowEntry[] {
  const entries: FlowEntry[] = [];
  let from = open + 1;
  let depth = 1;
  let quote: string | undefined;
  let nested = false;
  const close = (to: number): void => {
    const raw = text.slice(from, to).trim();
    const value = nested ? undefined : raw.replace(/^(["'])(.*)\1$/, '$2');
    entries.push({ from, to, value, nested });
  };
  let j = open + 1;
  for (; j < text.length; j++) {
    const ch = text[j];
    if (quote) {
      if (ch === quote) quote = undefined;
      if (ch !== '\n' && ch !== '\r') continue;
      quote = undefined;
    }
    if (ch === '\n' || ch === '\r') {
      // An unclosed list ends before the first line that is not indented deeper.
      let k = j + 1;
      if (ch === '\r' && text[k] === '\n') k++;
      let col = 0;
      while (text[k + col] === ' ') col++;
      const next = text[k + col];
      if (next !== undefined && next !== '\n' && next !== '\r' && next !== '#' && col <= ownerIndent) break;
      continue;
    }
    // A quote opens a quoted entry only at the entry's start (`don't` is plain text).
    if ((ch === '"' || ch === "'") && /^\s*$/.test(text.slice(from, j))) quote = ch;
    else if (ch === '#' && /\s/.test(text[j - 1])) {
      while (j + 1 < text.length && text[j + 1] !== '\n' && text[j + 1] !== '\r') j++;
    } else if (ch === '[' || ch === '{') {
      depth++;
      nested = true;
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) break;
    } else if (ch === ',' && depth === 1) {
      close(j);
      from = j + 1;
      nested = false;
    }
  }
  close(Math.max(j, from));
  return entries;
}

interface MapData {
  keys: string[];
  values: Map<string, string>;
}
interface SeqData {
  entries: (string | undefined)[];
}

interface Frame {
  type: 'map' | 'seq';
  indent: number;
  path: PathSegment[];
  map?: MapData;
  seq?: SeqData;
  /** Map: the last key, when its value is empty on its line (a nested block may follow). */
  pending?: string;
  /** Seq: the last entry is a lone `-` (a nested block may follow). */
  pendingEntry?: boolean;
  /** The last value of this frame is a flow list left open on its line: its path and `[` offset. */
  openFlow?: { path: PathSegment[]; offset: number };
}

const keyOfPath = (path: PathSegment[]): string => JSON.stringify(path);

export function textHit(
  parsed: ParsedYaml,
  kind: DocKind,
  position: Position,
): { hit?: Hit; reader: Reader } {
  const { text, lines } = parsed;
  const maps = new Map<string, MapData>();
  const seqs = new Map<string, SeqData>();
  const stack: Frame[] = [];
  let hit: Hit | undefined;

  const mapFrame = (indent: number, path: PathSegment[]): Frame => {
    let data = maps.get(keyOfPath(path));
    if (!data) maps.set(keyOfPath(path), (data = { keys: [], values: new Map() }));
    return { type: 'map', indent, path, map: data };
  };
  const seqFrame = (indent: number, path: PathSegment[]): Frame => {
    let data = seqs.get(keyOfPath(path));
    if (!data) seqs.set(keyOfPath(path), (data = { entries: [] }));
    return { type: 'seq', indent, path, seq: data };
  };
  /** A flow list's entries are recorded as the list at `path`. */
  const recordFlow = (path: PathSegment[], offset: number, ownerIndent: number): void => {
    seqs.set(keyOfPath(path), { entries: flowEntries(text, offset, ownerIndent).map(e => e.value) });
  };

  /** The frame a line at `col` starts in: a map (keys), a seq (dashes), or a value it continues. */
  type Attach = { frame: Frame } | { continues: Frame } | { scalarOf: PathSegment[] };
  const attach = (col: number, lx: Lexed): Attach => {
    const isDash = lx.dashes.length > 0;
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        const f = isDash ? seqFrame(col, []) : mapFrame(col, []);
        stack.push(f);
        return { frame: f };
      }
      if (top.indent > col) {
        stack.pop();
        continue;
      }
      if (top.indent === col) {
        if (top.type === 'seq') {
          if (isDash) return { frame: top };
          stack.pop();
          continue;
        }
        if (!isDash) return { frame: top };
        // A list at its key's own column (`key:` then `- x` not indented).
        const key = top.pending ?? top.map!.keys[top.map!.keys.length - 1] ?? '';
        top.pending = undefined;
        const f = seqFrame(col, [...top.path, key]);
        stack.push(f);
        return { frame: f };
      }
      // Deeper than the innermost frame: a nested block under `key:` or `-`, or a continued value.
      if (top.type === 'map' && top.pending !== undefined) {
        const path = [...top.path, top.pending];
        top.pending = undefined;
        if (!isDash && !lx.key && !isMapSchema(kind, path)) return { scalarOf: path };
        const f = isDash ? seqFrame(col, path) : mapFrame(col, path);
        stack.push(f);
        return { frame: f };
      }
      if (top.type === 'seq' && top.pendingEntry) {
        const path = [...top.path, top.seq!.entries.length - 1];
        top.pendingEntry = false;
        if (!isDash && !lx.key && !isMapSchema(kind, path)) return { scalarOf: path };
        const f = isDash ? seqFrame(col, path) : mapFrame(col, path);
        stack.push(f);
        return { frame: f };
      }
      return { continues: top };
    }
  };

  /** Record a key (and its value) in a map frame; a value may open a flow list or a nested block. */
  const addKey = (frame: Frame, key: string, lx: Lexed, lineStart: number): void => {
    frame.map!.keys.push(key);
    frame.openFlow = undefined;
    frame.pending = lx.value ? undefined : key;
    if (!lx.value) return;
    const path = [...frame.path, key];
    const first = lx.value.text[0];
    if (first === '[') {
      recordFlow(path, lineStart + lx.value.start, frame.indent);
      if (!lx.value.text.endsWith(']')) frame.openFlow = { path, offset: lineStart + lx.value.start };
    } else {
      frame.map!.values.set(key, unquote(lx.value.text));
    }
  };

  for (let ln = 0; ln < lines.lineCount; ln++) {
    const lineStart = lines.offsetAt({ line: ln, character: 0 });
    const line = lineText(parsed, ln);
    const lx = lexLine(line);
    const atCursor = ln === position.line;
    const c = position.character;

    if (!lx) {
      if (atCursor && /^\s*$/.test(line)) hit = emptyLineHit(stack, c);
      continue;
    }

    const a = attach(lx.indent, lx);
    // ---- structure
    let entryPath: PathSegment[] | undefined;
    let keyFrame: Frame | undefined;
    let scalarPath: PathSegment[] | undefined;
    let flowOwner = 0;
    if ('frame' in a) {
      let frame = a.frame;
      lx.dashes.forEach((d, k) => {
        if (k > 0) {
          const f = seqFrame(d, entryPath!);
          stack.push(f);
          frame = f;
        }
        frame.seq!.entries.push(undefined);
        frame.pendingEntry = false;
        frame.openFlow = undefined;
        entryPath = [...frame.path, frame.seq!.entries.length - 1];
      });
      if (entryPath) {
        const seq = frame;
        if (lx.empty) {
          seq.pendingEntry = true;
        } else if (lx.key) {
          keyFrame = mapFrame(lx.start, entryPath);
          stack.push(keyFrame);
          addKey(keyFrame, lx.key.text, lx, lineStart);
        } else if (isMapSchema(kind, entryPath)) {
          // `- i` in a list of items: the first key of a new item, being typed.
          keyFrame = mapFrame(lx.start, entryPath);
          stack.push(keyFrame);
          addKey(keyFrame, lx.value!.text, { ...lx, value: undefined }, lineStart);
          keyFrame.pending = undefined;
        } else {
          scalarPath = entryPath;
          flowOwner = seq.indent;
          const v = lx.value!;
          if (v.text[0] === '[') {
            recordFlow(entryPath, lineStart + v.start, seq.indent);
            if (!v.text.endsWith(']')) seq.openFlow = { path: entryPath, offset: lineStart + v.start };
          } else {
            seq.seq!.entries[seq.seq!.entries.length - 1] = unquote(v.text);
          }
        }
      } else if (frame.type === 'map') {
        keyFrame = frame;
        // A line without a colon at a key's column is a key being typed.
        addKey(
          frame,
          lx.key ? lx.key.text : lx.value!.text,
          lx.key ? lx : { ...lx, value: undefined },
          lineStart,
        );
        if (!lx.key) frame.pending = undefined;
      }
    } else if ('scalarOf' in a) {
      scalarPath = a.scalarOf;
      const owner = stack[stack.length - 1];
      flowOwner = owner ? owner.indent : 0;
      const parentPath = a.scalarOf.slice(0, -1);
      const last = a.scalarOf[a.scalarOf.length - 1];
      const v = lx.value!;
      if (v.text[0] === '[') {
        recordFlow(a.scalarOf, lineStart + v.start, flowOwner);
        if (owner && !v.text.endsWith(']'))
          owner.openFlow = { path: a.scalarOf, offset: lineStart + v.start };
      } else if (typeof last === 'number') {
        const data = seqs.get(keyOfPath(parentPath));
        if (data) data.entries[last] = unquote(v.text);
      } else {
        maps.get(keyOfPath(parentPath))?.values.set(last, unquote(v.text));
      }
    }

    if (!atCursor) continue;
    // ---- the cursor's line
    const cursor = lineStart + c;
    if (c < lx.indent) continue;
    if ('continues' in a) {
      const flow = a.continues.openFlow;
      if (flow) hit = flowHit(text, flow.path, flow.offset, cursor, a.continues.indent);
      continue;
    }
    if (lx.empty) {
      if (entryPath && c > lx.dashes[lx.dashes.length - 1])
        hit = { place: 'empty', container: 'entry', path: entryPath };
      continue;
    }
    if (c < lx.start) continue;
    if (lx.key && keyFrame) {
      const keyPath = [...keyFrame.path, lx.key.text];
      if (c <= lx.key.end) hit = { place: 'key', path: keyPath };
      else if (c <= lx.key.colon) hit = undefined;
      else if (!lx.value) hit = { place: 'value', path: keyPath };
      else if (c < lx.value.start) hit = undefined;
      // An open flow list reaches to the end of the line (`[REQ-1, |` with the space typed).
      else if (lx.value.text[0] === '[')
        hit = flowHit(text, keyPath, lineStart + lx.value.start, cursor, keyFrame.indent);
      else if (c > lx.value.end) hit = undefined;
      else if (lx.value.text[0] === '{' || lx.value.text[0] === '|' || lx.value.text[0] === '>')
        hit = undefined;
      else hit = { place: 'value', path: keyPath };
      continue;
    }
    const v = lx.value!;
    if (c > v.end && v.text[0] !== '[') continue;
    if (scalarPath) {
      if (v.text[0] === '[') hit = flowHit(text, scalarPath, lineStart + v.start, cursor, flowOwner);
      else if (v.text[0] !== '{' && v.text[0] !== '|' && v.text[0] !== '>')
        hit = { place: 'value', path: scalarPath };
    } else if (keyFrame) {
      hit = { place: 'key', path: [...keyFrame.path, v.text] };
    }
  }

  const reader: Reader = {
    keysAt: path => [...(maps.get(keyOfPath(path))?.keys ?? [])],
    entriesAt: path => [...(seqs.get(keyOfPath(path))?.entries ?? [])],
    scalarAt: path => {
      const last = path[path.length - 1];
      const parent = keyOfPath(path.slice(0, -1));
      return typeof last === 'number' ? seqs.get(parent)?.entries[last] : maps.get(parent)?.values.get(last);
    },
  };
  return { hit, reader };
}

/** An empty line: which map or list a new key or dash at column `c` would belong to. */
function emptyLineHit(stack: readonly Frame[], c: number): Hit | undefined {
  if (stack.length === 0) return { place: 'empty', container: 'map', path: [] };
  let i = stack.length - 1;
  while (i >= 0 && stack[i].indent > c) i--;
  if (i < 0) return undefined;
  const f = stack[i];
  if (f.indent === c) {
    if (f.type === 'map') return { place: 'empty', container: 'map', path: f.path };
    return { place: 'empty', container: 'list', path: [...f.path, f.seq!.entries.length] };
  }
  if (i !== stack.length - 1) return undefined; // between two levels: no column that means anything
  if (f.type === 'map' && f.pending !== undefined)
    return { place: 'empty', container: 'pending', path: [...f.path, f.pending] };
  if (f.type === 'seq' && f.pendingEntry)
    return { place: 'empty', container: 'entry', path: [...f.path, f.seq!.entries.length - 1] };
  return undefined;
}

/** The cursor inside a flow list that opens at `open`: which entry it is on. */
function flowHit(
  text: string,
  listPath: PathSegment[],
  open: number,
  cursor: number,
  ownerIndent: number,
): Hit | undefined {
  if (cursor <= open) return undefined;
  const entries = flowEntries(text, open, ownerIndent);
  const i = entries.findIndex(e => e.from <= cursor && cursor <= e.to);
  if (i < 0 || entries[i].nested) return undefined;
  return { place: 'value', path: [...listPath, i], flow: true };
}

/** True where the schema wants a map and nothing else (an item, `rice`): a bare word there is a key being typed. */
export function isMapSchema(kind: DocKind, path: PathSegment[]): boolean {
  return describeKey(kind, path)?.type === 'object';
}

function unquote(text: string): string {
  return text.replace(/^(["'])(.*)\1$/, '$2');
}

/** A line's text without its line break. */
export function lineText(parsed: ParsedYaml, line: number): string {
  const { lines, text } = parsed;
  if (line < 0 || line >= lines.lineCount) return '';
  const start = lines.offsetAt({ line, character: 0 });
  const end = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : text.length;
  return text.slice(start, end).replace(/\r?\n$|\r$/, '');
}
