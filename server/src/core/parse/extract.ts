import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { itemLists, linkFields } from '../model';
import type { DocKind, Item, ItemKind, Link, Range } from '../types';
import { topItemKind } from './fileKind';
import type { LineMap } from './sourceText';

/**
 * Walk a parsed document and pull out its items and links, with the exact
 * source range of every ID, key and value. Reads the YAML tree (not plain
 * values) so ranges come from the parser, never from searching text.
 */
export function extractItems(
  uri: string,
  kind: DocKind,
  doc: Document.Parsed | undefined,
  lines: LineMap,
  aliases: ReadonlyMap<Alias, Node> = doc ? aliasesOf(doc) : new Map(),
): Item[] {
  const items: Item[] = [];
  const ctx: Ctx = { aliases, lines };
  const root = doc ? deref(ctx, doc.contents) : undefined;
  if (!doc || !isMap(root)) return items;

  const childKeys = new Set(itemLists[kind].map(l => l.key));
  const top = readItem(uri, topItemKind[kind], root, ctx, undefined, childKeys);
  if (top) items.push(top);
  for (const list of itemLists[kind]) {
    const seq = deref(ctx, root.get(list.key, true));
    if (!isSeq(seq)) continue;
    for (const entry of seq.items) {
      const map = deref(ctx, entry as Node);
      if (!isMap(map)) continue;
      const item = readItem(uri, list.kind, map, ctx, top?.id, noKeys);
      if (item) items.push(item);
    }
  }
  return items;
}

const noKeys: ReadonlySet<string> = new Set();

/** What every step of the walk needs: where aliases lead, and offsets to positions. */
interface Ctx {
  aliases: ReadonlyMap<Alias, Node>;
  lines: LineMap;
}

/** Where each alias leads, for a caller without parseYaml's map (walks the document once per alias). */
function aliasesOf(doc: Document.Parsed): Map<Alias, Node> {
  const out = new Map<Alias, Node>();
  const work: unknown[] = [doc.contents];
  while (work.length) {
    const node = work.pop();
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (target) out.set(node, target);
    } else if (isMap(node)) {
      for (const p of node.items) work.push(p.key, p.value);
    } else if (isSeq(node)) {
      for (const i of node.items) work.push(i);
    }
  }
  return out;
}

/** Set a property as an own, enumerable one, even when its name is `__proto__`. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` has a setter on Object.prototype; plain assignment is faster for the rest.
  if (key === '__proto__')
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function readItem(
  uri: string,
  kind: ItemKind,
  map: YAMLMap,
  ctx: Ctx,
  parent: string | undefined,
  childKeys: ReadonlySet<string>,
): Item | undefined {
  const { lines } = ctx;
  const idNode = deref(ctx, map.get('id', true));
  if (!isScalar(idNode) || typeof idNode.value !== 'string' || !idNode.range) return undefined;
  const fields: Record<string, unknown> = {};
  const fieldRanges: Record<string, Range> = {};
  const keyRanges: Record<string, Range> = {};
  const links: Link[] = [];
  const id = idNode.value;
  const linkDefs = linkFields[kind];

  for (const pair of map.items) {
    const keyNode = pair.key as Node | null;
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string') continue;
    const key = keyNode.value;
    // A duplicate key is a yaml-syntax error at its second occurrence; the first
    // one counts, as it does for `id` (map.get) and the item lists.
    if (Object.hasOwn(keyRanges, key) || Object.hasOwn(fields, key)) continue;
    // Keys are user text: `__proto__`, `constructor`, ... must become own
    // properties, never a prototype or an inherited link definition.
    if (keyNode.range) setOwn(keyRanges, key, nodeRange(lines, keyNode));
    if (childKeys.has(key)) continue; // child items are items of their own
    const valueNode = deref(ctx, pair.value as Node | null);
    if (valueNode?.range) setOwn(fieldRanges, key, nodeRange(lines, valueNode));
    if (Object.hasOwn(linkDefs, key)) {
      collectLinks(ctx, valueNode, id, key, links);
    }
    setOwn(fields, key, plain(ctx, valueNode));
  }
  return {
    id,
    kind,
    uri,
    idRange: nodeRange(lines, idNode),
    range: nodeRange(lines, map),
    fields,
    fieldRanges,
    keyRanges,
    parent,
    links,
  };
}

function collectLinks(ctx: Ctx, node: Node | undefined, from: string, field: string, out: Link[]): void {
  const { lines } = ctx;
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.value !== '' && node.range) {
      out.push({ field, from, target: node.value, range: nodeRange(lines, node) });
    }
  } else if (isSeq(node)) {
    for (const entry of node.items) {
      const n = deref(ctx, entry as Node);
      if (isScalar(n) && typeof n.value === 'string' && n.value !== '' && n.range) {
        out.push({ field, from, target: n.value, range: nodeRange(lines, n) });
      }
    }
  }
}

/** Nodes reached through aliases that one field may expand to ("billion laughs" guard). */
const maxAliasNodes = 10_000;
/** Nesting followed when converting one field; deeper (an alias chain) gives no value. */
const maxPlainDepth = 250;

/**
 * A node's value as plain data, as yaml's toJS gives it (a mapping's later
 * duplicate key wins; `__proto__` is an own property), or undefined when
 * aliases expand it past maxAliasNodes nodes or maxPlainDepth levels (a
 * recursive alias does both).
 */
function plain(ctx: Ctx, node: Node | undefined): unknown {
  if (!node) return null;
  try {
    return toPlain(ctx, node, { left: maxAliasNodes }, false, 0);
  } catch {
    return undefined;
  }
}

function toPlain(
  ctx: Ctx,
  node: unknown,
  budget: { left: number },
  aliased: boolean,
  depth: number,
): unknown {
  if (node === null || node === undefined) return null;
  if (depth > maxPlainDepth) throw new RangeError('too deep');
  if (aliased && --budget.left < 0) throw new RangeError('too many alias expansions');
  if (isAlias(node)) {
    const target = ctx.aliases.get(node);
    if (!target) throw new ReferenceError(`unresolved alias ${node.source}`);
    return toPlain(ctx, target, budget, true, depth + 1);
  }
  if (isScalar(node)) return node.value;
  if (isSeq(node)) return node.items.map(i => toPlain(ctx, i, budget, aliased, depth + 1));
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = keyString(toPlain(ctx, pair.key, budget, aliased, depth + 1));
      const value = toPlain(ctx, pair.value, budget, aliased, depth + 1);
      if (key in out)
        Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else out[key] = value;
    }
    return out;
  }
  return undefined;
}

/** A mapping key as a property name, as yaml's toJS writes it. */
function keyString(key: unknown): string {
  if (key === null || key === undefined) return '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- not an object: a primitive
  if (typeof key !== 'object') return String(key);
  try {
    return JSON.stringify(key);
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what toJS writes for a key JSON cannot hold
    return String(key);
  }
}

function deref(ctx: Ctx, node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (isAlias(node)) {
    const target = ctx.aliases.get(node);
    return target && !isAlias(target) ? target : undefined;
  }
  return node;
}

/** The range of a node's value, without trailing comments or blank lines. */
export function nodeRange(lines: LineMap, node: Node): Range {
  const r = node.range!;
  return lines.range(r[0], r[1]);
}
