import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { itemLists, linkFields } from '../model';
import { fileKind, topItemKind } from '../parse/fileKind';
import type { ParsedYaml } from '../parse/parseDocument';
import type { WorkspaceView } from '../workspaceView';
import type { DocKind, ItemKind, Position, Range } from '../types';
import type { CursorPlace, EmptyContainer, Hit, PathSegment, Reader } from './cursorHit';
import { isMapSchema, lineText, textHit } from './halfTypedYaml';

export type { CursorPlace, EmptyContainer, PathSegment } from './cursorHit';

/**
 * Where the cursor is in a spec document, in YAML terms: the path of keys and
 * list indexes that leads to it, what it is on (a key, a value, an empty spot
 * where something new goes), the item around it, and whether it is inside a
 * link field. Hover and completion read this instead of the syntax tree.
 *
 * While the document is valid YAML the tree says where keys and values are.
 * While it is not (a half-typed `implements: [REQ-1, RE` or `  pri` line),
 * the tree is misleading, so the same answer is read from the raw text by
 * indentation (halfTypedYaml.ts), which is how a person reads a half-written block.
 */

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
  return c !== undefined && /[A-Za-z0-9_.-]/.test(c);
}

/** The word (ID and key characters) around a character of a line. */
export function wordAt(line: string, character: number): { start: number; end: number } {
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
        ? // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a Scalar's value is a primitive
          n.items.map(e => (isScalar(e) && e.value !== null ? String(e.value) : undefined))
        : [];
    },
    scalarAt: path => {
      const n = at(path);
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a Scalar's value is a primitive
      return isScalar(n) && n.value !== null ? String(n.value) : undefined;
    },
  };
  return { hit, reader };
}
