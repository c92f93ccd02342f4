import { SpecService } from '../service';
import type { Item } from '../types';

/** A spec file of one revision: its path relative to the workspace root (`/`) and its bytes. */
export interface RevisionFile {
  path: string;
  bytes: Uint8Array;
}

/** An item of a revision and the file that defines it. */
export interface PlacedItem {
  item: Item;
  path: string;
}

/** Where a revision's files are put: a root no real file has. */
const revisionRoot = 'specwright-revision:///';

/**
 * The items that a set of files defines, by ID (the first definition, in
 * path order, where an ID is defined twice), read by the same analysis as
 * `check` (a SpecService of their own, under the workspace's configuration
 * text): no second reader, so a revision reads as the working tree would.
 */
export function itemsOfFiles(files: readonly RevisionFile[], config?: string): Map<string, PlacedItem> {
  const service = new SpecService();
  service.setConfig(revisionRoot, config);
  const paths = new Map<string, string>();
  for (const f of files) paths.set(revisionRoot + f.path, f.path);
  service.apply(files.map(f => ({ uri: revisionRoot + f.path, bytes: f.bytes })));
  const out = new Map<string, PlacedItem>();
  for (const uri of [...service.index.files.keys()].sort()) {
    const path = paths.get(uri);
    if (path === undefined) continue;
    for (const item of service.index.files.get(uri)!.items)
      if (!out.has(item.id)) out.set(item.id, { item, path });
  }
  return out;
}
