import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { itemLists, linkFields } from '../model';
import { fileKind, topItemKind } from '../parse/fileKind';
import type { ParsedYaml } from '../parse/parseDocument';
import { describeKey } from '../schema/schemas';
import type { WorkspaceView } from '../workspaceView';
import type { DocKind, ItemKind, Position, Range } from '../types';

/**
 * Where the cursor is in a spec document, in YAML terms: the path of keys and
 * list indexes that leads to it, what it is on (a key, a value, an empty spot
 * where something new goes), the item around it, and whether it is inside a
 * link field. Hover and completion read this instead of the syntax tree.
 *
 * While the document is valid YAML the tree says where keys and values are.
 * While it is not (a half-typed `implements: [REQ-1, RE` or `  pri` line),
 * the tree is misleading, so the same answer is read from the raw text by
 * indentation, which is how a person reads a half-written block.
 */

export type PathSegment = string | number;

/**
 * - `key`: on a key, or on a half-typed one (`  pri`, no colon yet).
 * - `value`: on a scalar value: a key's (`status: dra`), a list entry's
 *   (`- REQ-1`) or a flow list entry's (`[REQ-1, RE]`); the word may be
 *   empty (`epic: |`).
 * - `empty`: where something new is written; `container` says what.
 */
export type CursorPlace = 'key' | 'value' | 'empty';

/**
 * What an empty spot belongs to:
 * - `map`: an empty line at a map's key column (a new key goes here); `path` is the map's.
 * - `entry`: after a `- ` with nothing behind it; `path` is the new entry's.
 * - `list`: an empty line at a list's dash column (a new `- ` goes here); `path` is the entry it would make.
 * - `pending`: an empty line below `key:` with no value, indented deeper; `path` is the key's.
 */
export type EmptyContainer = 'map' | 'entry' | 'list' | 'pending';

/**
 * How the ID under the cursor is written in a link field:
 * - `single`: the value of a one-ID field (`epic: EP|`);
 * - `flow`: an entry of a flow list (`implements: [REQ-1, RE|]`);
 * - `block`: an entry of a block list (`- RE|`);
 * - `bare`: a list field with no list written yet (`implements: RE|`), so an ID inserted here needs brackets.
 */
export type LinkStyle = 'single' | 'flow' | 'block' | 'bare';

export interface LinkContext {
  field: string;
  /** Kinds the field may name; undefined for any kind (`related`). */
  targets?: readonly ItemKind[];
  /** True for fields that hold one ID. */
  single: boolean;
  style: LinkStyle;
  /** IDs already written in the field, other than the one under the cursor. */
  present: string[];
}

export interface ItemContext {
  kind: ItemKind;
  /** Path of the item's map: `[]` for the document's own item, `['requirements', 2]` for a list item. */
  path: PathSegment[];
  /** The item's ID as written, when it has one. */
  id?: string;
}

export interface YamlContext {
  docKind: DocKind;
  place: CursorPlace;
  /** For `empty` only. */
  container?: EmptyContainer;
  /**
   * `key` and `value`: the path of the value (`['requirements', 2, 'priority']`,
   * `['stories', 0, 'implements', 1]`). `empty`: see `EmptyContainer`.
   */
  path: PathSegment[];
  /** The map whose keys are around the cursor (undefined for a bare list entry). */
  mapPath?: PathSegment[];
  /** Keys already in that map (for `key`: other than the one under the cursor). */
  presentKeys: string[];
  item: ItemContext;
  link?: LinkContext;
  /** The word under the cursor (ID and key characters); may be empty. */
  word: string;
  /** The part of the word before the cursor (what has been typed so far). */
  prefix: string;
  /** Its range; empty (at the cursor) when the word is. */
  wordRange: Range;
  /** True when text inserted at an empty word must start with a space (`key:|`, `-|`). */
  needsSpace: boolean;
  /** Which reading of the document answered: the YAML tree, or the text by indentation. */
  source: 'tree' | 'text';
}

/** The context at a position of an open document; undefined when it is not open or not a spec file. */
export function yamlContext(
  service: WorkspaceView,
  uri: string,
  position: Position,
): YamlContext | undefined {
  const kind = fileKind(uri);
  const tree = service.tree(uri);
  if (!kind || !tree) return undefined;
  return contextAt(tree.parsed, kind, position);
}

/**
 * The context at a position of a parsed document. The tree is used when the
 * document has no syntax error and the cursor is on a key or value; the text
 * otherwise (`source` forces one reading, for tests). Undefined where there
 * is nothing to say: inside a comment or a multi-line text, in indentation.
 */
export function contextAt(
  parsed: ParsedYaml,
  kind: DocKind,
  position: Position,
  source?: 'tree' | 'text',
): YamlContext | undefined {
  const line = lineText(parsed, position.line);
  if (position.line < 0 || position.line >= parsed.lines.lineCount || position.character > line.length)
    return undefined;
  if (source !== 'text' && parsed.syntax.length === 0 && parsed.doc) {
    const hit = treeHit(parsed, position);
    // `rice:` then `  rea` is valid YAML (a string), but where a map belongs it is a key being typed.
    if (hit && !(hit.hit.place === 'value' && isMapSchema(kind, hit.hit.path)))
      return finish(parsed, kind, position, hit.hit, hit.reader, 'tree');
    if (source === 'tree') return undefined;
  }
  const scan = textHit(parsed, kind, position);
  return scan.hit ? finish(parsed, kind, position, scan.hit, scan.reader, 'text') : undefined;
}

// ---------------------------------------------------------------------------
// What both readings produce

interface Hit {
  place: CursorPlace;
  container?: EmptyContainer;
  path: PathSegment[];
  /** For flow list entries. */
  flow?: boolean;
}

/** Read access to what the document holds, by path. */
interface Reader {
  /** Keys of the map at a path, in order. */
  keysAt(path: PathSegment[]): string[];
  /** Scalar entries of the list at a path (undefined for entries that are not scalars). */
  entriesAt(path: PathSegment[]): (string | undefined)[];
  /** The scalar at a path. */
  scalarAt(path: PathSegment[]): string | undefined;
}

function finish(
  parsed: ParsedYaml,
  docKind: DocKind,
  position: Position,
  hit: Hit,
  reader: Reader,
  source: 'tree' | 'text',
): YamlContext {
  const line = lineText(parsed, position.line);
  const word = wordAt(line, position.character);
  const wordRange: Range = {
    start: { line: position.line, character: word.start },
    end: { line: position.line, character: word.end },
  };
  const text = line.slice(word.start, word.end);
  const before = line[word.start - 1];
  const needsSpace = text === '' && hit.place !== 'key' && (before === ':' || before === '-');

  const path = hit.path;
  const mapPath = mapPathOf(hit);
  let presentKeys = mapPath ? reader.keysAt(mapPath) : [];
  if (hit.place === 'key') {
    const own = presentKeys.indexOf(String(path[path.length - 1]));
    if (own >= 0) presentKeys = [...presentKeys.slice(0, own), ...presentKeys.slice(own + 1)];
  }

  const item = itemOf(docKind, path);
  const id = reader.scalarAt([...item.path, 'id']);
  if (id !== undefined) item.id = id;

  const ctx: YamlContext = {
    docKind,
    place: hit.place,
    path,
    presentKeys,
    item,
    word: text,
    prefix: line.slice(word.start, Math.max(word.start, position.character)),
    wordRange,
    needsSpace,
    source,
  };
  if (hit.container) ctx.container = hit.container;
  if (mapPath) ctx.mapPath = mapPath;
  const link = linkOf(hit, item, reader);
  if (link) ctx.link = link;
  return ctx;
}

/** The map whose keys surround the cursor. */
function mapPathOf(hit: Hit): PathSegment[] | undefined {
  const p = hit.path;
  if (hit.place === 'empty') {
    if (hit.container === 'map') return p;
    if (hit.container === 'entry' || hit.container === 'pending') return p; // keys of a map that may start here
    return undefined;
  }
  const last = p[p.length - 1];
  if (typeof last === 'string') return p.slice(0, -1);
  return p.length >= 2 ? p.slice(0, -2) : undefined;
}

function itemOf(docKind: DocKind, path: PathSegment[]): ItemContext {
  if (path.length >= 2 && typeof path[1] === 'number') {
    const list = itemLists[docKind].find(l => l.key === path[0]);
    if (list) return { kind: list.kind, path: path.slice(0, 2) };
  }
  return { kind: topItemKind[docKind], path: [] };
}

function linkOf(hit: Hit, item: ItemContext, reader: Reader): LinkContext | undefined {
  const rel = hit.path.slice(item.path.length);
  const field = rel[0];
  if (typeof field !== 'string' || !Object.hasOwn(linkFields[item.kind], field)) return undefined;
  const def = linkFields[item.kind][field];
  let style: LinkStyle;
  let index: number | undefined;
  if (rel.length === 1 && hit.place === 'value') {
    style = def.single ? 'single' : 'bare';
  } else if (
    rel.length === 2 &&
    typeof rel[1] === 'number' &&
    !def.single &&
    (hit.place === 'value' || (hit.place === 'empty' && hit.container === 'entry'))
  ) {
    style = hit.flow ? 'flow' : 'block';
    index = rel[1];
  } else {
    return undefined;
  }
  const present: string[] = [];
  if (!def.single) {
    reader.entriesAt([...item.path, field]).forEach((e, i) => {
      if (i !== index && e !== undefined && e !== '' && !present.includes(e)) present.push(e);
    });
  }
  const link: LinkContext = { field, single: def.single, style, present };
  if (def.targets) link.targets = def.targets;
  return link;
}

// ---------------------------------------------------------------------------
// Words and lines

/** Characters of IDs and keys. */
function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_.\-]/.test(c);
}

function wordAt(line: string, character: number): { start: number; end: number } {
  let start = character;
  let end = character;
  while (start > 0 && isWordChar(line[start - 1])) start--;
  while (end < line.length && isWordChar(line[end])) end++;
  // A list's dash is not part of the word after it (`-REQ` is not typed; `- ` is).
  if (
    start < end &&
    line[start] === '-' &&
    (line[start + 1] === ' ' || start + 1 === end) &&
    /^\s*$/.test(line.slice(0, start))
  )
    start++;
  return { start: Math.min(start, end), end };
}

/** A line's text without its line break. */
function lineText(parsed: ParsedYaml, line: number): string {
  const { lines, text } = parsed;
  if (line < 0 || line >= lines.lineCount) return '';
  const start = lines.offsetAt({ line, character: 0 });
  const end = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : text.length;
  return text.slice(start, end).replace(/\r?\n$|\r$/, '');
}

// ---------------------------------------------------------------------------
// The tree reading: only for a cursor on a key or a scalar, in a document
// without syntax errors.

function treeHit(parsed: ParsedYaml, position: Position): { hit: Hit; reader: Reader } | undefined {
  const doc = parsed.doc!;
  const offset = parsed.lines.offsetAt(position);
  const on = (n: unknown): boolean => {
    if (!isScalar(n) || !n.range || n.type === 'BLOCK_FOLDED' || n.type === 'BLOCK_LITERAL') return false;
    const [s, e] = n.range;
    return e > s && s <= offset && offset <= e && parsed.lines.positionAt(s).line === position.line;
  };
  const within = (n: unknown): n is Node =>
    (isMap(n) || isSeq(n)) && !!n.range && n.range[0] <= offset && offset <= n.range[1];

  const find = (node: unknown, path: PathSegment[]): Hit | undefined => {
    if (isMap(node)) {
      if (node.flow) return undefined; // `{given: ..}`: read like the text reading does (not at all)
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (on(pair.key)) return { place: 'key', path: [...path, key] };
        if (on(pair.value)) return { place: 'value', path: [...path, key] };
        if (within(pair.value)) {
          const found = find(pair.value, [...path, key]);
          if (found) return found;
        }
      }
    } else if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const entry = node.items[i];
        if (on(entry)) return { place: 'value', path: [...path, i], flow: !!node.flow };
        if (within(entry)) {
          const found = find(entry, [...path, i]);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  const hit = find(doc.contents, []);
  if (!hit) return undefined;

  const at = (path: PathSegment[]): unknown => (path.length === 0 ? doc.contents : doc.getIn(path, true));
  const reader: Reader = {
    keysAt: path => {
      const n = at(path);
      return isMap(n)
        ? n.items.filter(p => isScalar(p.key)).map(p => String((p.key as { value: unknown }).value))
        : [];
    },
    entriesAt: path => {
      const n = at(path);
      return isSeq(n)
        ? n.items.map(e => (isScalar(e) && e.value !== null ? String(e.value) : undefined))
        : [];
    },
    scalarAt: path => {
      const n = at(path);
      return isScalar(n) && n.value !== null ? String(n.value) : undefined;
    },
  };
  return { hit, reader };
}

// ---------------------------------------------------------------------------
// The text reading: lines and indentation, for any text, valid or not.

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

function textHit(parsed: ParsedYaml, kind: DocKind, position: Position): { hit?: Hit; reader: Reader } {
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
function isMapSchema(kind: DocKind, path: PathSegment[]): boolean {
  return describeKey(kind, path)?.type === 'object';
}

function unquote(text: string): string {
  return text.replace(/^(["'])(.*)\1$/, '$2');
}
