import type { SymbolInformation } from 'vscode-languageserver-types';
import type { WorkspaceView } from '../workspaceView';
import { compareItemIds } from '../text/compareIds';
import type { Item } from '../types';
import { itemLabel, itemTitle, symbolKinds } from './documentSymbols';
import { idText } from './idAt';

export const defaultSymbolLimit = 200;

/**
 * Items whose ID or title matches the query, case-insensitively: first IDs
 * that start with it, then IDs that contain it, then titles that contain it,
 * then `ID title` labels that hold its characters in order. Ties go by ID
 * (text/compareIds.ts, the order of every list of IDs). At most `limit` results; an empty query
 * lists every item. A symbol's location is the item's ID; its container is
 * the ID of the file's top item (a requirement's PRD), absent for top items.
 */
export function workspaceSymbols(
  service: WorkspaceView,
  query: string,
  limit = defaultSymbolLimit,
): SymbolInformation[] {
  const q = query.trim().toLowerCase();
  const hits: { rank: number; item: Item }[] = [];
  for (const item of service.index.items()) {
    const rank = matchRank(item, q);
    if (rank !== undefined) hits.push({ rank, item });
  }
  hits.sort((a, b) => a.rank - b.rank || compareItemIds(a.item, b.item));
  return hits.slice(0, Math.max(0, limit)).map(({ item }) => ({
    name: itemLabel(item),
    kind: symbolKinds[item.kind],
    location: { uri: item.uri, range: idText(item.idRange, item.id).range },
    ...(item.parent !== undefined ? { containerName: item.parent } : {}),
  }));
}

/** 0 ID prefix, 1 ID substring, 2 title substring, 3 subsequence of `ID title`; undefined: no match. */
function matchRank(item: Item, q: string): number | undefined {
  if (q === '') return 0;
  const id = item.id.toLowerCase();
  if (id.startsWith(q)) return 0;
  if (id.includes(q)) return 1;
  const title = itemTitle(item)?.toLowerCase() ?? '';
  if (title.includes(q)) return 2;
  if (isSubsequence(q, itemLabel(item).toLowerCase())) return 3;
  return undefined;
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (let j = 0; j < hay.length && i < needle.length; j++) if (hay[j] === needle[i]) i++;
  return i === needle.length;
}
