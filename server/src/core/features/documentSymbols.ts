import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { topItemKind } from '../parse/fileKind';
import type { WorkspaceView } from '../workspaceView';
import type { Item, ItemKind } from '../types';
import { itemTitle as titleOfItem } from '../text/itemTitle';

/** The symbol kind (icon) of each item kind. */
export const symbolKinds: Record<ItemKind, SymbolKind> = {
  vision: SymbolKind.Package,
  goal: SymbolKind.Constant,
  persona: SymbolKind.Object,
  roadmap: SymbolKind.Module,
  release: SymbolKind.Event,
  epic: SymbolKind.Class,
  prd: SymbolKind.Namespace,
  requirement: SymbolKind.Interface,
  iteration: SymbolKind.Array,
  story: SymbolKind.Function,
};

/**
 * A document's outline: its top item (vision, roadmap, epic, PRD or
 * iteration) with the items of its lists as children (goals and personas,
 * releases, requirements, stories). Read from the index, so closed files
 * have an outline too. When the top item has no ID, its children are listed
 * at the top.
 */
export function documentSymbols(service: WorkspaceView, uri: string): DocumentSymbol[] {
  const file = service.index.files.get(uri);
  if (!file) return [];
  const [first, ...rest] = file.items;
  if (!first) return [];
  if (first.kind !== topItemKind[file.kind]) return file.items.map(i => symbolOf(i));
  return [
    symbolOf(
      first,
      rest.map(i => symbolOf(i)),
    ),
  ];
}

function symbolOf(item: Item, children?: DocumentSymbol[]): DocumentSymbol {
  const detail = itemDetail(item);
  return {
    name: itemLabel(item),
    ...(detail ? { detail } : {}),
    kind: symbolKinds[item.kind],
    range: item.range,
    selectionRange: item.idRange,
    ...(children ? { children } : {}),
  };
}

/** An item's display name: the title (a vision's product, a persona's name), if any. */
export function itemTitle(item: Item): string | undefined {
  return titleOfItem(item) || undefined;
}

/** `ID title`, or the ID alone. */
export function itemLabel(item: Item): string {
  const title = itemTitle(item);
  return title ? `${item.id} ${title}` : item.id;
}

/** The written status and priority (and a release's horizon), joined by ` · `. */
export function itemDetail(item: Item): string {
  const parts: string[] = [];
  for (const key of ['horizon', 'status', 'priority']) {
    const v = item.fields[key];
    if (typeof v === 'string' && v !== '') parts.push(v);
  }
  return parts.join(' · ');
}
