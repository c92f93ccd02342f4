import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { itemLists, linkFields } from '../model';
import type { DocKind, Item, ItemKind, Link, Range } from '../types';
import { topItemKind } from './fileKind';
import type { LineMap } from './sourceText';

/**
 * Walk a parsed document and pull out its items and links, with the exact
 * source range of every ID, key and value. Reads the YAML tree (not plain
 * values) so ranges come from the parser, never from searching text.
 */
export function extractItems(uri: string, kind: DocKind, doc: Document.Parsed | undefined, lines: LineMap): Item[] {
  const items: Item[] = [];
  const root = doc ? deref(doc, doc.contents) : undefined;
  if (!doc || !isMap(root)) return items;

  const childKeys = new Set(itemLists[kind].map(l => l.key));
  const top = readItem(uri, topItemKind[kind], root, doc, lines, undefined, childKeys);
  if (top) items.push(top);
  for (const list of itemLists[kind]) {
    const seq = deref(doc, root.get(list.key, true) as Node | undefined);
    if (!isSeq(seq)) continue;
    for (const entry of seq.items) {
      const map = deref(doc, entry as Node);
      if (!isMap(map)) continue;
      const item = readItem(uri, list.kind, map, doc, lines, top?.id, noKeys);
      if (item) items.push(item);
    }
  }
  return items;
}

const noKeys: ReadonlySet<string> = new Set();

/** Set a property as an own, enumerable one, even when its name is `__proto__`. */
function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  // Only `__proto__` has a setter on Object.prototype; plain assignment is faster for the rest.
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function readItem(
  uri: string, kind: ItemKind, map: YAMLMap, doc: Document.Parsed, lines: LineMap,
  parent: string | undefined, childKeys: ReadonlySet<string>,
): Item | undefined {
  const idNode = deref(doc, map.get('id', true) as Node | undefined);
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
    const valueNode = deref(doc, pair.value as Node | null);
    if (valueNode?.range) setOwn(fieldRanges, key, nodeRange(lines, valueNode));
    if (Object.hasOwn(linkDefs, key)) {
      collectLinks(doc, valueNode, id, key, lines, links);
    }
    setOwn(fields, key, plain(doc, valueNode));
  }
  return { id, kind, uri, idRange: nodeRange(lines, idNode), range: nodeRange(lines, map), fields, fieldRanges, keyRanges, parent, links };
}

function collectLinks(doc: Document.Parsed, node: Node | undefined, from: string, field: string, lines: LineMap, out: Link[]): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.value !== '' && node.range) {
      out.push({ field, from, target: node.value, range: nodeRange(lines, node) });
    }
  } else if (isSeq(node)) {
    for (const entry of node.items) {
      const n = deref(doc, entry as Node);
      if (isScalar(n) && typeof n.value === 'string' && n.value !== '' && n.range) {
        out.push({ field, from, target: n.value, range: nodeRange(lines, n) });
      }
    }
  }
}

/** A node's value as plain data; aliases are followed one level, never expanded recursively. */
function plain(doc: Document.Parsed, node: Node | undefined): unknown {
  if (!node) return null;
  try {
    const value: unknown = node.toJS(doc, { maxAliasCount: 50 });
    // A recursive alias (`&a [*a]`) makes a circular value that nothing can print or compare.
    return isCircular(value) ? undefined : value;
  } catch {
    return undefined;
  }
}

function isCircular(value: unknown): boolean {
  // Iterative depth-first walk; `open` holds the objects on the current path.
  const open = new Set<object>();
  const work: { v: unknown; leave?: object }[] = [{ v: value }];
  while (work.length) {
    const { v, leave } = work.pop()!;
    if (leave) { open.delete(leave); continue; }
    if (typeof v !== 'object' || v === null) continue;
    if (open.has(v)) return true;
    open.add(v);
    work.push({ v: undefined, leave: v });
    for (const child of Object.values(v)) work.push({ v: child });
  }
  return false;
}

function deref(doc: Document.Parsed, node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target && !isAlias(target) ? (target as Node) : undefined;
  }
  return node;
}

/** The range of a node's value, without trailing comments or blank lines. */
export function nodeRange(lines: LineMap, node: Node): Range {
  const r = node.range!;
  return lines.range(r[0], r[1]);
}
