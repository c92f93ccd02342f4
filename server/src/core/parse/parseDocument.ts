import { Composer, Document, isAlias, isCollection, isDocument, isPair, Parser, type CST, type Node } from 'yaml';
import { DiagnosticCode } from '../codes';
import type { Finding } from '../types';
import { LineMap } from './sourceText';

/** Alias expansions allowed when turning YAML into plain values ("billion laughs" guard). */
export const maxAliasCount = 200;

/**
 * Deepest nesting of collections read. Spec files need about six levels; the
 * YAML composer recurses per level, so without a fixed limit whether a deep
 * file fails (and where) would depend on how much stack happens to be left.
 */
export const maxDepth = 100;

export interface ParsedYaml {
  text: string;
  lines: LineMap;
  /** The first (and only allowed) document; undefined for an empty file. */
  doc: Document.Parsed | undefined;
  /** yaml-syntax findings. */
  syntax: Finding[];
  /** The document as plain values, for schema validation; undefined when it could not be built. */
  value: unknown;
}

/**
 * Parse a spec file's text. Never throws: whatever goes wrong becomes a
 * `yaml-syntax` finding, and whatever did parse is still returned so the
 * other checks can run on it.
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
    syntax.push({ code: DiagnosticCode.yamlSyntax, range: lines.range(start, Math.max(end, start)), message, data });
  };

  let doc: Document.Parsed | undefined;
  try {
    // The CST parser is iterative; collections nested deeper than maxDepth are
    // cut from the token tree before the (recursive) composer sees them.
    const tokens = [...new Parser().parse(text)];
    for (const offset of pruneDeep(tokens)) finding(offset, offset + 1, tooDeep);
    const composer = new Composer({ prettyErrors: false, uniqueKeys: true, version: '1.2', logLevel: 'error' });
    const list = [...composer.compose(tokens)];
    doc = list[0];
    for (const d of list) {
      for (const e of d.errors) {
        // yaml reports a stack overflow as an error (RESOURCE_EXHAUSTION, or
        // TAG_RESOLVE_FAILED when it strikes in a scalar), not by throwing.
        const message = /maximum call stack/i.test(e.message)
          ? tooDeep
          : cleanMessage(e.message);
        finding(e.pos[0], e.pos[1], message, { yamlCode: e.code });
      }
    }
    if (list.length > 1) {
      const second = list[1];
      const start = second.range?.[0] ?? text.length;
      finding(start, Math.min(text.length, start + 3), 'a spec file holds one YAML document; this is a second one (remove the "---" or move it to its own file)');
    }
  } catch (err) {
    // The parser recurses per nesting level; absurd nesting can exhaust the stack.
    finding(0, 0, err instanceof RangeError ? tooDeep : `the file could not be read as YAML: ${describe(err)}`);
    return { text, lines, doc: undefined, syntax, value: undefined };
  }

  let value: unknown;
  const recursive = doc && isDocument(doc) ? recursiveAliases(doc) : [];
  // toJS would build a circular value, which nothing downstream can walk or print.
  for (const [start, end] of recursive) {
    finding(start, end, 'this alias refers to a node that contains it; spec files cannot hold recursive structures');
  }
  if (doc && isDocument(doc) && recursive.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      const msg = /alias/i.test(describe(err))
        ? `too many alias expansions (more than ${maxAliasCount}); spec files should not need YAML aliases`
        : err instanceof RangeError ? tooDeep : `the file could not be read as YAML: ${describe(err)}`;
      // Said once: the parser may have reported the same depth problem already.
      if (!syntax.some(f => f.message === msg)) finding(0, 0, msg);
      value = undefined;
    }
  }
  return { text, lines, doc, syntax, value };
}

const tooDeep = `the file is nested too deeply to read as YAML (more than ${maxDepth} levels); spec files need only a few levels of nesting`;

type Slot = { token: CST.Token; depth: number; set: (t: CST.Token) => void };

/**
 * Replace every collection nested more than maxDepth levels deep by an empty
 * scalar, in place. Returns the offsets of the collections cut.
 */
function pruneDeep(tokens: CST.Token[]): number[] {
  const cut: number[] = [];
  const work: Slot[] = [];
  tokens.forEach((t, i) => work.push({ token: t, depth: 0, set: v => { tokens[i] = v; } }));
  while (work.length) {
    const { token, depth, set } = work.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) work.push({ token: token.value, depth, set: v => { token.value = v; } });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth >= maxDepth) {
          cut.push(token.offset);
          set({ type: 'scalar', offset: token.offset, indent: token.indent, source: '' });
          break;
        }
        for (const item of token.items as CST.CollectionItem[]) {
          if (item.key) { const key = item.key; work.push({ token: key, depth: depth + 1, set: v => { item.key = v; } }); }
          if (item.value) work.push({ token: item.value, depth: depth + 1, set: v => { item.value = v; } });
        }
        break;
      }
    }
  }
  return cut.sort((a, b) => a - b);
}

/** The ranges of the aliases that name one of their own ancestors, in source order. */
function recursiveAliases(doc: Document.Parsed): [number, number][] {
  const out: [number, number][] = [];
  const work: { node: unknown; ancestors: Set<unknown> }[] = [{ node: doc.contents, ancestors: new Set() }];
  while (work.length) {
    const { node, ancestors } = work.pop()!;
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target && ancestors.has(target) && node.range) out.push([node.range[0], node.range[1]]);
    } else if (isCollection(node)) {
      const inner = new Set(ancestors).add(node);
      for (const item of node.items) {
        if (isPair(item)) {
          work.push({ node: item.key, ancestors: inner }, { node: item.value, ancestors: inner });
        } else work.push({ node: item as Node, ancestors: inner });
      }
    }
  }
  return out.sort((a, b) => a[0] - b[0]);
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
