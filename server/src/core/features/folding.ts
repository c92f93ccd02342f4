import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import { isCollection, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { WorkspaceView } from '../workspaceView';
import { contentEnd, dashBefore, isFlow, pairSpan } from './selectionRange';

/**
 * Folding ranges of an open document, from its syntax tree: every key whose
 * value spans lines (a block or flow map or list, a block scalar), every
 * list entry that spans lines (from its dash), and every run of two or more
 * comment lines (a `#` line inside a block or quoted scalar is text). One range per start line, the largest. A document with a
 * syntax error folds whatever did parse. Closed documents have none.
 */
export function foldingRanges(service: WorkspaceView, uri: string): FoldingRange[] {
  const parsed = service.tree(uri)?.parsed;
  if (!parsed) return [];
  const { text, lines } = parsed;
  const line = (offset: number): number => lines.positionAt(offset).line;
  const byStart = new Map<number, FoldingRange>();
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind): void => {
    if (endLine <= startLine) return;
    const old = byStart.get(startLine);
    if (!old || old.endLine < endLine)
      byStart.set(startLine, kind ? { startLine, endLine, kind } : { startLine, endLine });
  };

  /** Lines inside block and quoted scalars (after their first line): a `#` there is text, not a comment. */
  const textLines = new Set<number>();
  const stack: Node[] = [];
  const root = parsed.doc?.contents as Node | null | undefined;
  if (root) stack.push(root);
  while (stack.length) {
    const node = stack.pop()!;
    if (!node.range) continue;
    if (isScalar(node)) {
      if (node.type !== 'PLAIN') {
        for (let l = line(node.range[0]) + 1; l <= line(contentEnd(text, node)); l++) textLines.add(l);
      }
      continue;
    }
    if (!isCollection(node)) continue;
    const blockSeq = isSeq(node) && !isFlow(text, node);
    for (const entry of node.items as unknown[]) {
      if (isPair(entry)) {
        const span = pairSpan(text, entry);
        if (span) add(line(span[0]), line(span[1]));
        for (const n of [entry.key, entry.value] as (Node | null)[]) if (n) stack.push(n);
        continue;
      }
      const n = entry as Node | null;
      if (!n?.range) continue;
      const start = blockSeq ? dashBefore(text, n.range[0]) : n.range[0];
      add(line(start), line(contentEnd(text, n)));
      stack.push(n);
    }
  }

  // Comment blocks: consecutive lines that hold only a comment.
  let runStart = -1;
  for (let l = 0; l <= lines.lineCount; l++) {
    const isComment =
      l < lines.lineCount &&
      !textLines.has(l) &&
      /^[ \t]*#/.test(lineText(text, lines.offsetAt({ line: l, character: 0 })));
    if (isComment) {
      if (runStart < 0) runStart = l;
    } else {
      if (runStart >= 0) add(runStart, l - 1, FoldingRangeKind.Comment);
      runStart = -1;
    }
  }
  return [...byStart.values()].sort((a, b) => a.startLine - b.startLine);
}

function lineText(text: string, start: number): string {
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return text.slice(start, end);
}
