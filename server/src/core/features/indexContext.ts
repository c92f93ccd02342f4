import { itemLists, linkFields } from '../model';
import { topItemKind } from '../parse/fileKind';
import { LineMap } from '../parse/sourceText';
import { DiagnosticCode } from '../codes';
import type { DocKind, FileIndex, Item, Position, Range } from '../types';
import type { CursorPlace, PathSegment } from './cursorHit';
import { isMapSchema } from './halfTypedYaml';
import { rangeContains } from './edits';
import { wordAt } from './yamlContext';

/** What hover needs of where the cursor is: the parts of a YamlContext the index can give. */
export interface IndexContext {
  place: Extract<CursorPlace, 'key' | 'value'>;
  /**
   * The key's path as the schema reads it: `['priority']` on the document's
   * own item, `['requirements', 0, 'priority']` on a list entry — 0 for any
   * entry, which the schema does not tell apart (the index does not keep
   * the entry's position in its list).
   */
  schemaPath: PathSegment[];
  word: string;
  wordRange: Range;
}

/**
 * Where the cursor is, read from the index instead of the syntax tree: on
 * one of an item's own keys, or on the plain scalar value of one. The first
 * hover in a file would otherwise build the file's tree (`yaml`'s parser,
 * ~5 ms for a 9 KB PRD); the index already has the range of every key and
 * value of every item, as the parser gave them.
 *
 * Answers only where the tree reading (yamlContext.ts) gives the same place,
 * path and word — test/unit/features/indexContext.test.ts compares the two
 * at every position of sample documents: a document that parsed without a
 * syntax error and holds no anchor or alias (an item read through an alias
 * has its keys somewhere else), an item written in block style (the tree
 * reading leaves flow maps to the text reading), a key or value that is one
 * plain word on one line, and no link field (an ID is hover's own case).
 * Anywhere else: undefined, and the caller reads the tree.
 */
export function indexContext(
  text: string,
  kind: DocKind,
  file: FileIndex,
  position: Position,
): IndexContext | undefined {
  if (file.local.some(f => f.code === DiagnosticCode.yamlSyntax) || mayHoldAlias.test(text)) return undefined;
  const lines = new LineMap(text);
  if (position.line < 0 || position.line >= lines.lineCount) return undefined;
  const lineStart = lines.offsetAt({ line: position.line, character: 0 });
  const lineEnd =
    position.line + 1 < lines.lineCount
      ? lines.offsetAt({ line: position.line + 1, character: 0 })
      : text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\r?\n$|\r$/, '');
  if (position.character < 0 || position.character > line.length) return undefined;

  for (const item of file.items) {
    if (!rangeContains(item.range, position) || text[lines.offsetAt(item.range.start)] === '{') continue;
    const base = basePath(kind, item);
    if (!base) return undefined;
    for (const [key, range] of Object.entries(item.keyRanges)) {
      if (!rangeContains(range, position)) continue;
      const word = plainWord(line, range, position, key);
      return word ? { place: 'key', schemaPath: [...base, key], word, wordRange: range } : undefined;
    }
    for (const [key, range] of Object.entries(item.fieldRanges)) {
      if (!rangeContains(range, position)) continue;
      const value = item.fields[key];
      const path = [...base, key];
      if (typeof value !== 'string' || Object.hasOwn(linkFields[item.kind], key) || isMapSchema(kind, path))
        return undefined;
      const word = plainWord(line, range, position, value);
      return word ? { place: 'value', schemaPath: path, word, wordRange: range } : undefined;
    }
  }
  return undefined;
}

/**
 * An anchor (`&a`) or alias (`*a`) where a node can start: at a line's
 * start, or after `:`, `-`, `?`, `,`, `[` or `{`. Over-approximates (a `*`
 * that starts a line of a block scalar), which only sends the hover to the tree.
 */
const mayHoldAlias = /(?:^|[:\-?,[{])[ \t]*[&*]/m;

/** The schema path of an item's map: the document's own item, or an entry of one of its lists. */
function basePath(kind: DocKind, item: Item): PathSegment[] | undefined {
  if (item.parent === undefined && item.kind === topItemKind[kind]) return [];
  const list = itemLists[kind].find(l => l.kind === item.kind);
  return list && [list.key, 0];
}

/**
 * The word at the cursor when it is exactly the scalar `text` written plainly
 * over `range` (one line, only word characters; a quoted scalar is longer
 * than its value); else undefined.
 */
function plainWord(line: string, range: Range, position: Position, text: string): string | undefined {
  if (range.start.line !== range.end.line || range.end.character - range.start.character !== text.length)
    return undefined;
  const word = wordAt(line, position.character);
  return word.start === range.start.character && word.end === range.end.character ? text : undefined;
}
