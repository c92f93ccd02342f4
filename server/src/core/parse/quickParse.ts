import { FAILSAFE_SCHEMA, load } from 'js-yaml';
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { maxDepth, maxKeys, type ParsedYaml } from './parseDocument';
import { LineMap } from './sourceText';
import { hasTabIndent } from './tabIndent';

/**
 * A fast reading of a spec file for when no syntax tree is kept (files not
 * open in an editor, the CLI): the same `ParsedYaml` that `parseYaml` gives —
 * the same nodes, ranges, values and no finding — about ten times faster, or
 * undefined when the file is not one it can vouch for, and then the caller
 * reads it with `parseYaml`.
 *
 * Why: the `yaml` package builds a concrete syntax tree, a document and a
 * plain value for every file; on a large workspace that is over half the time
 * of the first scan and of `specwright check`. js-yaml reads the same text
 * about ten times faster, and its `listener` reports where each node opens and
 * closes. From those positions this builds `yaml` nodes with the ranges the
 * `yaml` package would give, so everything downstream (items, links, schema
 * findings and their ranges) cannot tell the two apart.
 *
 * It only answers for plain, well-formed spec files: any YAML error, any
 * anchor, alias, tag, directive, complex key, kept trailing lines (`|+`),
 * duplicate key, conflict marker, a mapping past maxKeys or nesting past
 * maxDepth, or a large file, and it steps aside, so every finding about odd
 * YAML still comes from the `yaml` package, worded as it words them.
 * test/unit/parse/quickParse.test.ts compares the two on every fixture, the
 * examples, generated workspaces and random mutations of them.
 */
export function quickParse(text: string): ParsedYaml | undefined {
  const read = quickRead(text);
  return 'aside' in read ? undefined : read.parsed;
}

/** quickParse, or why it stepped aside (for tests and the benchmark). */
export function quickRead(text: string): { parsed: ParsedYaml } | { aside: string } {
  if (text.length === 0) return { aside: 'empty' };
  if (text.length > maxQuickLength) return { aside: 'large' };
  // Conflict markers: parseYaml masks them and says so.
  if (text.includes('<<<<<<<') || text.includes('>>>>>>>') || text.includes('|||||||'))
    return { aside: 'conflict markers' };
  // Line breaks the two readers count differently, and a BOM js-yaml would cut (shifting every offset).
  if (oddCharacters.test(text)) return { aside: 'odd line break or BOM' };
  // Tabs where indentation is read: parseYaml reads them as spaces and says so (tabIndent.ts).
  if (hasTabIndent(text)) return { aside: 'tab in indentation' };
  // A dash with nothing after it on its line (`-`, `- # note`): an empty item to
  // yaml; js-yaml drops it or reads the next lines into it.
  if (hasBareDash(text)) return { aside: 'empty list item' };
  // Directives change how the text is read (`%YAML 1.1`); parseYaml reports them.
  if (text.charCodeAt(0) === 37 /* % */ || text.includes('\n%')) return { aside: 'directive' };
  const builder = new TreeBuilder(text);
  try {
    load(text, { schema: FAILSAFE_SCHEMA, listener: builder.listener } as unknown as Parameters<
      typeof load
    >[1]);
  } catch (err) {
    // A YAML error, or the builder stepped aside.
    return {
      aside:
        err instanceof StepAside
          ? err.message
          : `js-yaml: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    };
  }
  const root = builder.root;
  if (!root) return { aside: 'no single root node' };
  // A spec file is a mapping; anything else gets parseYaml's findings.
  if (!(root.node instanceof YAMLMap)) return { aside: 'not a mapping' };
  // Whatever js-yaml passed over after the root (a `-` at the very end) is for parseYaml to judge.
  if (!onlyCommentsAfter(text, root.end)) return { aside: 'text after the root' };
  const doc = new Document() as unknown as NonNullable<ParsedYaml['doc']> & { contents: unknown };
  doc.contents = root.node as typeof doc.contents;
  return {
    parsed: { text, lines: new LineMap(text), doc, syntax: [], value: root.value, aliases: new Map() },
  };
}

/**
 * Larger files go to parseYaml, which counts tokens and refuses hostile
 * ones; 1 MB is a PRD of several hundred fully written requirements.
 */
export const maxQuickLength = 1_000_000;

const oddCharacters = /\r(?!\n)|[\u0085\u2028\u2029\ufeff]/;

/** Thrown from the listener to stop js-yaml: this file is for parseYaml. */
class StepAside extends Error {}

/** What the listener reads of js-yaml's loader state (its types omit `anchor`). */
interface LoaderState {
  position: number;
  kind: string | null;
  result: unknown;
  anchor: string | null;
}

interface Built {
  node: Node;
  value: unknown;
  start: number;
  end: number;
}

/** One node being read: where js-yaml opened it, and the children closed inside it so far. */
interface Frame {
  open: number;
  children: Built[];
}

/**
 * The tags of yaml's YAML 1.2 core schema, in the order its composer tries
 * them on a plain scalar. Taken from the `yaml` package itself, so `0755`,
 * `no`, `1.10` or `~` resolve exactly as parseYaml resolves them.
 */
interface ScalarTag {
  default?: unknown;
  test?: RegExp;
  resolve(source: string, onError: (m: string) => void, options: unknown): unknown;
}
const coreTags = (
  new Document(null, { version: '1.2' }).schema as unknown as { tags: ScalarTag[] }
).tags.filter(t => t.default === true && t.test);
const tagOptions = { intAsBigInt: false };

function resolvePlain(source: string): unknown {
  // Most plain scalars are words: no core tag matches a letter other than
  // those starting true/false/null, nor any word longer than five letters.
  const c = source.charCodeAt(0) | 0x20;
  if (
    c >= 97 &&
    c <= 122 &&
    (source.length > 5 || (c !== 116 /* t */ && c !== 102 /* f */ && c !== 110)) /* n */
  )
    return source;
  for (const tag of coreTags) {
    if (tag.test!.test(source)) {
      let failed = false;
      const value = tag.resolve(
        source,
        () => {
          failed = true;
        },
        tagOptions,
      );
      if (failed) throw new StepAside('a plain scalar yaml cannot resolve');
      // Floats come back wrapped (a Scalar that remembers how many digits were written).
      return isScalar(value) ? value.value : value;
    }
  }
  return source;
}

/**
 * yaml's node classes mark each instance in their constructor with
 * Object.defineProperty, which is slow done 100,000 times a scan. The same
 * mark on a shared prototype reads the same to isScalar/isMap/isSeq/isPair
 * and to instanceof; the marks are copied from real instances, so they
 * follow the yaml package.
 */
function markedPrototype(sample: object): object {
  const proto = Object.create(Object.getPrototypeOf(sample) as object) as object;
  for (const mark of Object.getOwnPropertySymbols(sample)) {
    Object.defineProperty(proto, mark, { value: (sample as Record<symbol, unknown>)[mark] });
  }
  return proto;
}
const scalarProto = markedPrototype(new Scalar(null));
const mapProto = markedPrototype(new YAMLMap());
const seqProto = markedPrototype(new YAMLSeq());
const pairProto = markedPrototype(new Pair(null));

function makeScalar(value: unknown): Scalar {
  const node = Object.create(scalarProto) as Scalar;
  node.value = value;
  return node;
}
function makeMap(): YAMLMap {
  const node = Object.create(mapProto) as YAMLMap;
  node.items = [];
  return node;
}
function makeSeq(): YAMLSeq {
  const node = Object.create(seqProto) as YAMLSeq;
  node.items = [];
  return node;
}
function makePair(key: Node, value: Node): Pair<Node, Node> {
  const pair = Object.create(pairProto) as Pair<Node, Node>;
  pair.key = key;
  pair.value = value;
  return pair;
}

const SPACE = 32,
  TAB = 9,
  LF = 10,
  CR = 13,
  HASH = 35;

class TreeBuilder {
  private readonly stack: Frame[] = [{ open: 0, children: [] }];
  constructor(private readonly text: string) {}

  get root(): Built | undefined {
    const top = this.stack[0].children;
    return this.stack.length === 1 && top.length === 1 ? top[0] : undefined;
  }

  readonly listener = (event: 'open' | 'close', state: LoaderState): void => {
    if (event === 'open') {
      if (this.stack.length > maxDepth + 1) throw new StepAside('deep');
      this.stack.push({ open: Math.min(state.position, this.text.length), children: [] });
      return;
    }
    const frame = this.stack.pop();
    if (!frame || this.stack.length === 0) throw new StepAside('unbalanced');
    this.stack[this.stack.length - 1].children.push(this.close(frame, state));
  };

  private close(frame: Frame, state: LoaderState): Built {
    const text = this.text;
    // js-yaml reads a copy of the text with a line break appended; no offset may pass the real end.
    const at = Math.min(state.position, text.length);
    if (state.anchor !== null) throw new StepAside('anchor');
    const start = this.skipSpace(frame.open, at);
    const first = text.charCodeAt(start);
    // Aliases, anchors, tags, directives and complex keys are for parseYaml.
    if (
      first === 42 /* * */ ||
      first === 38 /* & */ ||
      first === 33 /* ! */ ||
      first === 37 /* % */ ||
      first === 63 /* ? */
    )
      throw new StepAside(`node starts with ${String.fromCharCode(first)}`);
    switch (state.kind) {
      case 'mapping':
        return this.mapping(frame, start, at);
      case 'sequence':
        return this.sequence(frame, start, at);
      default:
        return this.scalar(frame, start, at, state);
    }
  }

  private scalar(frame: Frame, start: number, at: number, state: LoaderState): Built {
    // A node js-yaml first tried as a block mapping reads its text as a would-be
    // key; when no ':' follows, that inner node is the node itself. An empty
    // inner node is an attempt that read nothing.
    const inner = frame.children.filter(c => c.end > c.start);
    if (inner.length === 1 && inner[0].start === start) return inner[0];
    if (inner.length) throw new StepAside('scalar with children');
    const text = this.text;
    const first = text.charCodeAt(start);
    if (state.result === null || state.kind === null) {
      // An empty node (`key:` with nothing after it), placed where yaml places it.
      const empty = this.emptyAt(frame.open);
      return this.made(makeScalar(null), null, empty, empty);
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a scalar's result is its source text
    const source = String(state.result);
    let end = this.trimBack(at, start);
    let value: unknown = source;
    if (first === 124 /* | */ || first === 62 /* > */) {
      // A block scalar: the header line to the line break after its last line of text.
      const header = text.slice(start, text.indexOf('\n', start) >>> 0);
      if (header.includes('+')) throw new StepAside('|+'); // kept trailing lines change where it ends
      if (source === '') throw new StepAside('empty block scalar'); // it ends after the blank lines that follow
      end = this.lineEnd(end);
      // yaml counts trailing lines of spaces as part of the scalar when they reach its indentation.
      if (/^[ \t]*\r?\n?(?:[ \t]*\r?\n)*[ \t]+(?:\r?\n|$)/.test(text.slice(end, end + 200)))
        throw new StepAside('spaces after a block scalar');
    } else if (first !== 39 /* ' */ && first !== 34 /* " */) {
      value = resolvePlain(source);
    } else if (text.charCodeAt(end) === HASH) {
      throw new StepAside('comment touching a quote'); // yaml: comments must be separated by white space
    } else if (text.slice(start, end).includes('\n')) {
      throw new StepAside('quoted text across lines'); // folded by rules the two readers check differently
    }
    return this.made(makeScalar(value), value, start, end);
  }

  private mapping(frame: Frame, start: number, at: number): Built {
    const kids = frame.children;
    if (kids.length % 2 !== 0 || kids.length > 2 * maxKeys)
      throw new StepAside(kids.length % 2 ? 'odd mapping' : 'wide');
    const map = makeMap();
    const value: Record<string, unknown> = {};
    for (let i = 0; i < kids.length; i += 2) {
      const key = kids[i];
      const val = kids[i + 1];
      if (!(key.node instanceof Scalar)) throw new StepAside('collection key'); // a collection as a key
      // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a Scalar's value is a primitive
      const name = key.value === null ? '' : String(key.value);
      // A duplicate key (`1` and `01` are the same key): parseYaml reports it.
      if (Object.hasOwn(value, name)) throw new StepAside('duplicate key');
      map.items.push(makePair(key.node, val.node));
      if (name === '__proto__')
        Object.defineProperty(value, name, {
          value: val.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else value[name] = val.value;
    }
    return this.collection(map, value, kids, start, at);
  }

  private sequence(frame: Frame, start: number, at: number): Built {
    const kids = frame.children;
    const seq = makeSeq();
    const value: unknown[] = [];
    for (const k of kids) {
      seq.items.push(k.node);
      value.push(k.value);
    }
    return this.collection(seq, value, kids, start, at);
  }

  private collection(
    node: YAMLMap | YAMLSeq,
    value: unknown,
    kids: Built[],
    start: number,
    closeAt: number,
  ): Built {
    const first = this.text.charCodeAt(start);
    if (first === 123 /* { */ || first === 91 /* [ */) {
      // Only the flow lists spec files use (`[REQ-1, REQ-2]`): scalars, no
      // pairs. Flow mappings and `[a: b]` follow rules where the two readers differ.
      const end = this.trimBack(closeAt, start);
      if (
        first === 123 ||
        kids.some(k => !(k.node instanceof Scalar)) ||
        /[:?]/.test(this.text.slice(start, end))
      )
        throw new StepAside('flow mapping or pair');
      // Across lines, yaml also checks the indentation of each line; js-yaml does not.
      if (/[\r\n]/.test(this.text.slice(start, end))) throw new StepAside('flow list across lines');
      if (this.text.charCodeAt(end) === HASH) throw new StepAside('comment touching a bracket');
      (node as { flow?: boolean }).flow = true;
      return this.made(node, value, start, end);
    }
    // A block collection ends where its last line ends (its comment and line break included).
    const last = kids[kids.length - 1];
    if (!last) throw new StepAside('empty block collection');
    // Where yaml ends a collection whose last value is empty depends on what follows it.
    if (last.start === last.end) throw new StepAside('empty last value');
    const end = this.lineEnd(last.end);
    this.checkTrailingComment(end, start, node instanceof YAMLSeq);
    return this.made(node, value, start, end);
  }

  /**
   * yaml counts some comment lines after a block collection's last item as
   * part of it: for a mapping, those indented deeper than its keys; for a
   * list it depends on what came before.
   * Those files are left to parseYaml; a comment less indented than the
   * collection (a section comment before the next key) is outside it.
   */
  private checkTrailingComment(end: number, start: number, isSeq: boolean): void {
    const text = this.text;
    let i = end;
    for (;;) {
      let col = 0;
      while (text.charCodeAt(i + col) === SPACE) col++;
      const c = text.charCodeAt(i + col);
      if (c === LF || (c === CR && text.charCodeAt(i + col + 1) === LF)) {
        i += col + (c === CR ? 2 : 1);
        continue; // a blank line
      }
      if (c !== HASH) return;
      // Any comment line of the run decides: a deeper one pulls the lines before it in.
      const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
      if (col > indent || (isSeq && col === indent)) throw new StepAside('comment after a block collection');
      const eol = text.indexOf('\n', i + col);
      if (eol < 0) return;
      i = eol + 1;
    }
  }

  private made(node: Node, value: unknown, start: number, end: number): Built {
    node.range = [start, end, end];
    return { node, value, start, end };
  }

  /** The first offset at or after `from` that is not space, a line break or a comment. */
  private skipSpace(from: number, limit: number): number {
    const text = this.text;
    let i = from;
    while (i < limit) {
      const c = text.charCodeAt(i);
      if (c === SPACE || c === TAB || c === LF || c === CR) i++;
      else if (c === HASH && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
        while (i < limit && text.charCodeAt(i) !== LF) i++;
      } else break;
    }
    return i;
  }

  /** Back from `end` over spaces and line breaks, not before `start`. */
  private trimBack(end: number, start: number): number {
    const text = this.text;
    let e = end;
    while (e > start && isBlank(text.charCodeAt(e - 1))) e--;
    return e;
  }

  /**
   * From the end of a node's text to the end of its line, past trailing
   * spaces and a comment, line break included. Anything else on the line
   * means the file is not laid out as this reader assumes.
   */
  private lineEnd(end: number): number {
    const text = this.text;
    if (end > 0 && text.charCodeAt(end - 1) === LF) return end;
    let i = end;
    while (i < text.length && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
    if (text.charCodeAt(i) === HASH) while (i < text.length && text.charCodeAt(i) !== LF) i++;
    if (i >= text.length) return text.length;
    if (text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF) return i + 2;
    if (text.charCodeAt(i) === LF) return i + 1;
    throw new StepAside(`text after a node: ${JSON.stringify(text.slice(i, i + 10))}`);
  }

  /**
   * Where yaml places an empty value: after the indicator before it (`:`,
   * `-`, `,`) and the spaces that follow it on its line.
   */
  private emptyAt(open: number): number {
    const text = this.text;
    let at = open;
    while (at > 0 && isSpace(text.charCodeAt(at - 1))) at--;
    while (isSpace(text.charCodeAt(at))) at++;
    return at;
  }
}

/** Whether a line holds a dash and nothing else but spaces and a comment (a scan: a regex here costs more than reading the file). */
function hasBareDash(text: string): boolean {
  for (let i = text.indexOf('-'); i >= 0; i = text.indexOf('-', i + 1)) {
    let b = i;
    // Back over spaces and other dashes (`- -` is a list in a list).
    while (b > 0 && (isSpace(text.charCodeAt(b - 1)) || text.charCodeAt(b - 1) === 45) /* - */) b--;
    if (b > 0 && text.charCodeAt(b - 1) !== LF) continue; // not an indicator at the start of its line
    if (text.startsWith('---', b) && (b + 3 >= text.length || isBlank(text.charCodeAt(b + 3)))) {
      i = b + 3;
      continue;
    } // a document marker
    let a = i + 1;
    while (isSpace(text.charCodeAt(a))) a++;
    if (a >= text.length) return true;
    const c = text.charCodeAt(a);
    if (c === LF || c === HASH || (c === CR && text.charCodeAt(a + 1) === LF)) return true;
    // `- -` or `-x`: look at what follows instead.
  }
  return false;
}

/** Whether only blank lines and comment lines follow `from`. */
function onlyCommentsAfter(text: string, from: number): boolean {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isBlank(c)) i++;
    else if (c === HASH) {
      while (i < text.length && text.charCodeAt(i) !== LF) i++;
    } else return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR;
}
