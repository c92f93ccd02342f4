import {
  Composer,
  isAlias,
  isDocument,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  Parser,
  type Alias,
  type CST,
  type Document,
  type Node,
} from 'yaml';
import { DiagnosticCode } from '../codes';
import type { Finding } from '../types';
import { conflictMessage, maskConflicts } from './conflictMarkers';
import { LineMap } from './sourceText';
import { withThousands } from '../text/numbers';
import { expandTabs, hasTabIndent, tabLines, tabMessage, tabWidths, type Expanded } from './tabIndent';

/** Alias expansions allowed when turning YAML into plain values ("billion laughs" guard). */
export const maxAliasCount = 200;

/**
 * Deepest nesting of collections read. Spec files need about six levels; the
 * YAML composer recurses per level, so without a fixed limit whether a deep
 * file fails (and where) would depend on how much stack happens to be left.
 */
export const maxDepth = 100;

/**
 * Most YAML tokens (keys, values, indicators, spaces and line breaks, as the
 * yaml lexer counts them) read from one file. A spec file has a few thousand;
 * a PRD with 2,000 fully written requirements has about 130,000. Reading stops
 * at the limit, so a hostile file (a 300,000-item list) is refused in about
 * 0.2 s instead of taking seconds to parse and check.
 */
export const maxTokens = 200_000;

/**
 * Most keys read from one mapping. An item has a few dozen at most; the keys
 * after this many are cut before the tree is built, so that a mapping with
 * 20,000 keys costs no more than one with a thousand.
 */
export const maxKeys = 1_000;

export interface ParsedYaml {
  /** The text as given (conflict markers included: ranges point into it). */
  text: string;
  lines: LineMap;
  /** The first (and only allowed) document; undefined for an empty file. */
  doc: Document.Parsed | undefined;
  /** yaml-syntax findings. */
  syntax: Finding[];
  /** The document as plain values, for schema validation; undefined when it could not be built. */
  value: unknown;
  /**
   * The node each alias of `doc` names (the last anchor of that name before
   * it), computed once. `Alias.resolve(doc)` walks the whole document on every
   * call; use this instead.
   */
  aliases: ReadonlyMap<Alias, Node>;
}

const noAliases: ReadonlyMap<Alias, Node> = new Map();

/**
 * Parse a spec file's text. Never throws: whatever goes wrong becomes a
 * `yaml-syntax` finding, and whatever did parse is still returned so the
 * other checks can run on it.
 *
 * Git conflict markers are one finding at the first marker; the file is then
 * read as the first side of each conflict ("ours": in a merge, the file as it
 * was before), so its items stay in the index and other files do not fill
 * with unresolved links. Only the text decides this, so a fresh rebuild reads
 * the file exactly as an incremental update does.
 */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineMap(text);
  const syntax: Finding[] = [];
  const said = new Set<string>();
  const finding = (start: number, end: number, message: string, data?: Record<string, unknown>): void => {
    // One finding per place and message: an unclosed run of brackets is one problem, not one per bracket.
    const key = `${start}:${end}:${message}`;
    if (said.has(key)) return;
    said.add(key);
    syntax.push({
      code: DiagnosticCode.yamlSyntax,
      range: lines.range(start, Math.max(end, start)),
      message,
      data,
    });
  };
  const nothing = (): ParsedYaml => ({
    text,
    lines,
    doc: undefined,
    syntax,
    value: undefined,
    aliases: noAliases,
  });

  const conflict = maskConflicts(text);
  if (conflict) finding(conflict.marker[0], conflict.marker[1], conflictMessage);
  const source = conflict?.source ?? text;

  let doc: Document.Parsed | undefined;
  let aliases: ReadonlyMap<Alias, Node> = noAliases;
  let recursive: [number, number][] = [];
  try {
    let reading = read(source);
    if ('tooMany' in reading) {
      finding(0, 0, tooManyTokens);
      return nothing();
    }
    if ('tooDeepAt' in reading) {
      finding(reading.tooDeepAt, reading.tooDeepAt + 1, tooDeep);
      return nothing();
    }
    // Tabs used as indentation: read as spaces when that reads better (see tabIndent.ts).
    const tabs = reading.errors > 0 && hasTabIndent(source) ? readTabsAsSpaces(source, reading) : undefined;
    let at = (offset: number): number => offset;
    if (tabs) {
      reading = tabs.reading;
      at = tabs.expanded.toOriginal;
      for (const d of reading.list) remapRanges(d, at);
      for (const { line, tabs: n, spaces } of tabs.expanded.lines) {
        if (line.comment) continue;
        const indent = source.slice(line.start, line.end);
        finding(
          line.start + indent.indexOf('\t'),
          line.start + indent.lastIndexOf('\t') + 1,
          tabMessage(n, spaces),
          { yamlCode: 'TAB_AS_INDENT' },
        );
      }
    }
    const { cut, list } = reading;
    for (const offset of cut.deep) finding(at(offset), at(offset) + 1, tooDeep);
    for (const w of cut.wide) {
      finding(
        at(w.offset),
        at(w.offset) + 1,
        `this mapping has ${w.keys.toLocaleString('en-US')} keys; only the first ${maxKeys.toLocaleString('en-US')} are read (an item needs a few dozen at most)`,
      );
    }
    doc = list[0];
    for (const d of list) {
      for (const e of d.errors) {
        // yaml reports a stack overflow as an error (RESOURCE_EXHAUSTION, or
        // TAG_RESOLVE_FAILED when it strikes in a scalar), not by throwing.
        const message = /maximum call stack/i.test(e.message) ? tooDeep : cleanMessage(e.message);
        finding(at(e.pos[0]), at(e.pos[1]), message, { yamlCode: e.code });
      }
    }
    if (list.length > 1) {
      const second = list[1];
      const start = second.range?.[0] ?? text.length;
      finding(
        start,
        Math.min(text.length, start + 3),
        'a spec file holds one YAML document; this is a second one (remove the "---" or move it to its own file)',
      );
    }
    if (doc && isDocument(doc)) {
      const walked = walkDocument(doc);
      aliases = walked.aliases;
      recursive = walked.recursive;
      for (const offset of walked.duplicates)
        finding(offset, offset + 1, 'Map keys must be unique', { yamlCode: 'DUPLICATE_KEY' });
    }
  } catch (err) {
    // The parser recurses per nesting level; absurd nesting can exhaust the stack.
    finding(
      0,
      0,
      err instanceof RangeError ? tooDeep : `the file could not be read as YAML: ${describe(err)}`,
    );
    return nothing();
  }

  let value: unknown;
  // toJS would build a circular value, which nothing downstream can walk or print.
  for (const [start, end] of recursive) {
    finding(
      start,
      end,
      'this alias refers to a node that contains it; spec files cannot hold recursive structures',
    );
  }
  if (doc && isDocument(doc) && recursive.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      const msg = /alias/i.test(describe(err))
        ? `too many alias expansions (more than ${maxAliasCount}); spec files should not need YAML aliases`
        : err instanceof RangeError
          ? tooDeep
          : `the file could not be read as YAML: ${describe(err)}`;
      // Said once: the parser may have reported the same depth problem already.
      if (!syntax.some(f => f.message === msg)) finding(0, 0, msg);
      value = undefined;
    }
  }
  return { text, lines, doc, syntax, value, aliases };
}

/** A text read into documents, with what was cut from it and how many YAML errors the reading has. */
interface Reading {
  list: Document.Parsed[];
  cut: { deep: number[]; wide: { offset: number; keys: number }[] };
  errors: number;
}

/**
 * Read a text into documents. The CST parser is iterative; it is fed token by
 * token so that reading stops at maxTokens. Collections nested deeper than
 * maxDepth, and keys past maxKeys, are cut from the token tree before the
 * (recursive) composer sees them.
 */
function read(source: string): Reading | { tooMany: true } | { tooDeepAt: number } {
  const tokens = cst(source);
  if ('tooMany' in tokens || 'tooDeepAt' in tokens) return tokens;
  const cut = pruneCst(tokens);
  // Duplicate keys are found below in one pass: the composer's own check compares each key with every earlier one.
  const composer = new Composer({
    prettyErrors: false,
    uniqueKeys: false,
    version: '1.2',
    logLevel: 'error',
  });
  const list = [...composer.compose(tokens)];
  let errors = 0;
  for (const d of list) errors += d.errors.length;
  return { list, cut, errors };
}

/**
 * The file read with the tabs of its indentation as spaces, when some tab
 * width reads it with fewer YAML errors than the tabs do; undefined when none
 * does. Lines inside a block scalar keep their tabs (there they are text)
 * unless that reads worse.
 */
function readTabsAsSpaces(
  source: string,
  plain: Reading,
): { reading: Reading; expanded: Expanded } | undefined {
  const lines = tabLines(source);
  // A reading's errors: YAML's, and duplicate keys (a misplaced line can land in its neighbour's mapping).
  const score = (r: Reading): number =>
    r.errors + (r.list[0] ? walkDocument(r.list[0]).duplicates.length : 0);
  let best: { reading: Reading; expanded: Expanded; score: number } | undefined;
  const plainScore = score(plain);
  for (const width of tabWidths(source)) {
    const expanded = expandTabs(source, lines, width);
    const reading = read(expanded.source);
    if (!('list' in reading)) continue;
    const n = score(reading);
    if (n < (best?.score ?? plainScore)) best = { reading, expanded, score: n };
    if (n === 0) break;
  }
  if (!best) return undefined;
  const blocks = blockScalarBodies(best.reading.list[0], best.expanded);
  const text = lines.filter(l => blocks.some(([s, e]) => s < l.start && l.start < e));
  if (!text.length) return best;
  const expanded = expandTabs(
    source,
    lines.filter(l => !text.includes(l)),
    best.expanded.width,
  );
  const reading = read(expanded.source);
  return 'list' in reading && score(reading) <= best.score ? { reading, expanded } : best;
}

/** The spans (in the real text) of the block scalars of a document read from `expanded`: their lines are text, not indentation. */
function blockScalarBodies(doc: Document.Parsed | undefined, expanded: Expanded): [number, number][] {
  const out: [number, number][] = [];
  if (!doc) return out;
  const work: unknown[] = [doc.contents];
  while (work.length) {
    const node = work.pop();
    if (isScalar(node)) {
      if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range)
        out.push([expanded.toOriginal(node.range[0]), expanded.toOriginal(node.range[1])]);
    } else if (isMap(node)) {
      for (const p of node.items) work.push(p.key, p.value);
    } else if (isSeq(node)) {
      for (const i of node.items) work.push(i);
    }
  }
  return out;
}

/** In place: every range of a document (its nodes' and its own) mapped through `at`. */
function remapRanges(doc: Document.Parsed, at: (offset: number) => number): void {
  const map = (r: [number, number, number] | null | undefined): void => {
    if (r) for (let i = 0; i < r.length; i++) r[i] = at(r[i]);
  };
  map(doc.range);
  const work: unknown[] = [doc.contents];
  while (work.length) {
    const node = work.pop();
    if (!isScalar(node) && !isMap(node) && !isSeq(node) && !isAlias(node)) continue;
    map(node.range);
    if (isMap(node)) {
      for (const p of node.items) work.push(p.key, p.value);
    } else if (isSeq(node)) {
      for (const i of node.items) work.push(i);
    }
  }
}

const tooDeep = `the file is nested too deeply to read as YAML (more than ${maxDepth} levels); spec files need only a few levels of nesting`;
const tooManyTokens = `the file is too large to check: it has more than ${withThousands(maxTokens)} YAML tokens (keys, values and punctuation); split it into smaller files`;
/**
 * Deepest nesting of block collections the CST parser is let reach. Closing
 * many of them at once, it recurses once per level (1,700 nested block maps
 * overflow the stack); past this depth nothing of the file is read. Flow
 * collections (`[[[`) do not recurse there: they are only cut at maxDepth.
 */
export const maxBlockDepth = 1_024;

/** The CST of a text, or why there is none: more than maxTokens tokens, or block nesting past maxBlockDepth. */
function cst(source: string): CST.Token[] | { tooMany: true } | { tooDeepAt: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let count = 0;
  for (const lexeme of new Lexer().lex(source)) {
    if (++count > maxTokens) return { tooMany: true };
    for (const t of parser.next(lexeme)) tokens.push(t);
    // The parser's stack holds the open collections (and the document); the blocks among them are counted only when it is deep.
    if (parser.stack.length > maxBlockDepth && blockDepth(parser.stack) > maxBlockDepth)
      return { tooDeepAt: parser.offset };
  }
  for (const t of parser.end()) tokens.push(t);
  return tokens;
}

function blockDepth(stack: readonly CST.Token[]): number {
  let n = 0;
  for (const t of stack) if (t.type === 'block-map' || t.type === 'block-seq') n++;
  return n;
}

// ---- the token tree ------------------------------------------------------------

type Slot = { token: CST.Token; depth: number; set: (t: CST.Token) => void };

/**
 * In place: replace every collection nested more than maxDepth levels deep by
 * an empty scalar, and drop the keys of a mapping after its maxKeys-th.
 * Returns the offsets of the collections cut and of the first key dropped.
 */
function pruneCst(tokens: CST.Token[]): { deep: number[]; wide: { offset: number; keys: number }[] } {
  const deep: number[] = [];
  const wide: { offset: number; keys: number }[] = [];
  const work: Slot[] = [];
  tokens.forEach((t, i) =>
    work.push({
      token: t,
      depth: 0,
      set: v => {
        tokens[i] = v;
      },
    }),
  );
  while (work.length) {
    const { token, depth, set } = work.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value)
          work.push({
            token: token.value,
            depth,
            set: v => {
              token.value = v;
            },
          });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth >= maxDepth) {
          deep.push(token.offset);
          set({ type: 'scalar', offset: token.offset, indent: token.indent, source: '' });
          break;
        }
        if (token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{')) {
          const items = token.items as CST.CollectionItem[];
          let keys = 0;
          let cutAt = -1;
          for (let i = 0; i < items.length; i++) {
            if (!items[i].key && !items[i].sep) continue;
            if (++keys === maxKeys + 1) cutAt = i;
          }
          if (cutAt >= 0) {
            wide.push({ offset: itemOffset(items[cutAt]), keys });
            items.length = cutAt;
          }
        }
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) {
            const key = item.key;
            work.push({
              token: key,
              depth: depth + 1,
              set: v => {
                item.key = v;
              },
            });
          }
          if (item.value)
            work.push({
              token: item.value,
              depth: depth + 1,
              set: v => {
                item.value = v;
              },
            });
        }
        break;
      }
    }
  }
  return { deep: deep.sort((a, b) => a - b), wide: wide.sort((a, b) => a.offset - b.offset) };
}

function itemOffset(item: CST.CollectionItem): number {
  return item.key?.offset ?? item.sep?.[0]?.offset ?? item.start[item.start.length - 1]?.offset ?? 0;
}

// ---- the composed tree -----------------------------------------------------------

/**
 * One walk over the document, in source order: what each alias names (the
 * last anchor of its name before it, as YAML defines it), the aliases that
 * name a node containing them, and the offsets of duplicate keys (a scalar
 * key equal to an earlier key of the same mapping, as yaml's own check would say).
 */
function walkDocument(doc: Document.Parsed): {
  aliases: Map<Alias, Node>;
  recursive: [number, number][];
  duplicates: number[];
} {
  const aliases = new Map<Alias, Node>();
  const recursive: [number, number][] = [];
  const duplicates: number[] = [];
  const anchors = new Map<string, Node>();
  const work: unknown[] = [doc.contents];
  while (work.length) {
    const node = work.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) continue;
      aliases.set(node, target);
      // Ranges nest as the tree does: an alias inside its target's range is inside the target.
      if (
        node.range &&
        target.range &&
        target.range[0] <= node.range[0] &&
        node.range[1] <= target.range[1]
      ) {
        recursive.push([node.range[0], node.range[1]]);
      }
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const v = key.value;
        if (typeof v === 'number' && Number.isNaN(v)) continue; // NaN equals nothing, not even NaN
        if (seen.has(v)) duplicates.push(key.range[0]);
        else seen.add(v);
      }
      for (let i = node.items.length - 1; i >= 0; i--) work.push(node.items[i].value, node.items[i].key);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) work.push(node.items[i]);
    }
  }
  return {
    aliases,
    recursive: recursive.sort((a, b) => a[0] - b[0]),
    duplicates: duplicates.sort((a, b) => a - b),
  };
}

function cleanMessage(message: string): string {
  const first = message.split('\n')[0].trim();
  // yaml appends " at line N, column M" in some messages; the range says that already.
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

function describe(err: unknown): string {
  if (err instanceof RangeError) return 'it is nested too deeply';
  return err instanceof Error ? err.message : String(err);
}
