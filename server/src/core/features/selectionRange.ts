import { isCollection, isMap, isPair, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedYaml } from '../parse/parseDocument';
import type { WorkspaceView } from '../workspaceView';
import type { SelectionRange } from 'vscode-languageserver-types';
import type { Position } from '../types';

/**
 * For each position, the ranges an "expand selection" steps through, from
 * the innermost outwards: scalar → key/value pair → map → list item (with
 * its dash) → list → pair → ... → document. Needs the syntax tree, so only
 * open documents have them; for others each position gets an empty range.
 */
export function selectionRanges(
  service: WorkspaceView,
  uri: string,
  positions: readonly Position[],
): SelectionRange[] {
  const parsed = service.tree(uri)?.parsed;
  return positions.map(pos => {
    if (!parsed) return { range: { start: pos, end: pos } };
    const spans = spansAt(parsed, parsed.lines.offsetAt(pos));
    // Spans come outermost first, so each one becomes the parent of the next.
    let result: SelectionRange | undefined;
    for (const [start, end] of spans) {
      const range = parsed.lines.range(start, end);
      result = result ? { range, parent: result } : { range };
    }
    return result ?? { range: { start: pos, end: pos } };
  });
}

/** Offsets [start, end] from the outermost (the document) to the innermost node at `offset`, without repeats. */
function spansAt(parsed: ParsedYaml, offset: number): [number, number][] {
  const text = parsed.text;
  const spans: [number, number][] = [];
  const push = (start: number, end: number): void => {
    const last = spans[spans.length - 1];
    if (start <= offset && offset <= end && !(last && last[0] === start && last[1] === end))
      spans.push([start, end]);
  };
  push(0, text.length);
  let node: Node | null | undefined = parsed.doc?.contents;
  while (node?.range) {
    const [start, end] = [node.range[0], contentEnd(text, node)];
    if (offset < start || offset > end) break;
    push(start, end);
    let next: Node | undefined;
    if (isCollection(node)) {
      for (const entry of node.items as unknown[]) {
        if (isPair(entry)) {
          const pair = pairSpan(text, entry);
          if (!pair || offset < pair[0] || offset > pair[1]) continue;
          push(pair[0], pair[1]);
          next = within(entry.key, text, offset) ?? within(entry.value, text, offset);
          break;
        }
        const n = entry as Node;
        if (!n?.range) continue;
        const itemStart = isSeq(node) && !isFlow(text, node) ? dashBefore(text, n.range[0]) : n.range[0];
        const itemEnd = contentEnd(text, n);
        if (offset < itemStart || offset > itemEnd) continue;
        push(itemStart, itemEnd);
        next = n;
        break;
      }
    }
    node = next;
  }
  return spans;
}

function within(node: unknown, text: string, offset: number): Node | undefined {
  const n = node as Node | null | undefined;
  if (!n?.range) return undefined;
  return n.range[0] <= offset && offset <= contentEnd(text, n) ? n : undefined;
}

// ---- node extents, shared with folding ------------------------------------------

/**
 * Where a node's content ends: the end of its last value, before trailing
 * newlines, blank lines and comments (which yaml counts into block nodes).
 */
export function contentEnd(text: string, node: Node): number {
  let end = node.range![1];
  let n: Node | undefined = node;
  // Follow the last entry of block collections down to the last scalar.
  while (n && isCollection(n) && !isFlow(text, n)) {
    const last = n.items[n.items.length - 1];
    let next: Node | undefined;
    if (isPair(last)) {
      const v = last.value as Node | null;
      const k = last.key as Node | null;
      next = v?.range ? v : (k ?? undefined);
    } else {
      next = (last as Node | undefined) ?? undefined;
    }
    if (!next?.range) break;
    end = next.range[1];
    n = next;
  }
  const start = node.range![0];
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** A pair's extent: from its key (or value, when the key is empty) to the end of its value. */
export function pairSpan(text: string, pair: Pair): [number, number] | undefined {
  const k = pair.key as Node | null;
  const v = pair.value as Node | null;
  const start = k?.range?.[0] ?? v?.range?.[0];
  if (start === undefined) return undefined;
  const ends = [k?.range ? contentEnd(text, k) : start, v?.range ? contentEnd(text, v) : start];
  return [start, Math.max(...ends)];
}

/** True for `[...]` and `{...}` collections. */
export function isFlow(text: string, node: Node): boolean {
  if (!isMap(node) && !isSeq(node)) return false;
  const c = text[node.range![0]];
  return node.flow === true || c === '[' || c === '{';
}

/** The offset of the `-` of a block-list entry starting at `start` (or `start` when there is none). */
export function dashBefore(text: string, start: number): number {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && text[i] === '-' ? i : start;
}
