import type { DocumentLink } from 'vscode-languageserver-types';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { itemLists } from '../model';
import { fileKind, topItemKind } from '../parse/fileKind';
import type { LineMap } from '../parse/sourceText';
import { ticketKinds, ticketLink } from '../tickets';
import type { TicketTemplate } from '../config';
import type { ItemKind } from '../types';
import type { WorkspaceView } from '../workspaceView';

/** LSP's DocumentLink as Specwright answers it: always with its target and a tooltip. */
export interface TicketDocumentLink extends DocumentLink {
  target: string;
  tooltip: string;
}

/**
 * The document links of an open spec file: each ticket key of an epic, PRD,
 * requirement or story (`tickets: [PAY-123]`) that a `tickets:` pattern of
 * `.specwright.yaml` matches, linked to its tracker's URL (core/tickets.ts).
 * A key no pattern matches is no link. Read from the syntax tree, so the
 * range is the key's own (inside its quotes); closed files have none.
 */
export function documentLinks(service: WorkspaceView, uri: string): TicketDocumentLink[] {
  const kind = fileKind(uri);
  const parsed = service.tree(uri)?.parsed;
  const templates = service.ticketTemplates(uri);
  if (!kind || !parsed || !templates.length) return [];
  const root = parsed.doc?.contents as Node | null | undefined;
  if (!isMap(root)) return [];
  const out: TicketDocumentLink[] = [];
  const visit = (map: Node | null, itemKind: ItemKind): void => {
    if (!isMap(map) || !ticketKinds.includes(itemKind)) return;
    const list = map.get('tickets', true) as Node | undefined;
    if (!isSeq(list)) return;
    for (const entry of list.items as Node[]) linkOf(entry, parsed.lines, templates, out);
  };
  visit(root, topItemKind[kind]);
  for (const { key, kind: childKind } of itemLists[kind]) {
    const children = root.get(key, true) as Node | undefined;
    if (isSeq(children)) for (const child of children.items as Node[]) visit(child, childKind);
  }
  return out;
}

function linkOf(
  node: Node | null,
  lines: LineMap,
  templates: readonly TicketTemplate[],
  out: TicketDocumentLink[],
): void {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return;
  const { url, ticket } = ticketLink(node.value.trim(), templates);
  if (!url) return;
  // A quoted key links its text, not its quotes.
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  out.push({
    range: lines.range(node.range[0] + quoted, node.range[1] - quoted),
    target: url,
    tooltip: `Open ${ticket} in the tracker`,
  });
}
