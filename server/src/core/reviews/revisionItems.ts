import { DiagnosticCode } from '../codes';
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

/** A file of a revision that cannot be read as YAML (a syntax error, binary, too large): what its items were is unknown there. */
export interface UnreadableFile {
  path: string;
  /** The first `yaml-syntax` finding: its 1-based line and message. */
  line: number;
  reason: string;
}

/** What a revision's files define, and which of them could not be read. */
export interface RevisionItems {
  /**
   * By ID (the first definition, in path order, where an ID is defined
   * twice), from the files that could be read: what a file that cannot be
   * read held at this revision is unknown (what was read of it may be cut short).
   */
  items: Map<string, PlacedItem>;
  /** In path order. */
  unreadable: UnreadableFile[];
}

/**
 * The items that a set of files defines, by ID (the first definition, in
 * path order, where an ID is defined twice), read by the same analysis as
 * `check` (a SpecService of their own, under the workspace's configuration
 * text): no second reader, so a revision reads as the working tree would.
 * Files with a syntax error give what the check reads of them.
 */
export function itemsOfFiles(files: readonly RevisionFile[], config?: string): Map<string, PlacedItem> {
  return read(files, config, false).items;
}

/** The items of the files that can be read, and those that cannot (by the check's own `yaml-syntax` finding). */
export function readRevision(files: readonly RevisionFile[], config?: string): RevisionItems {
  return read(files, config, true);
}

function read(
  files: readonly RevisionFile[],
  config: string | undefined,
  readableOnly: boolean,
): RevisionItems {
  const service = new SpecService();
  service.setConfig(revisionRoot, config);
  const paths = new Map<string, string>();
  for (const f of files) paths.set(revisionRoot + f.path, f.path);
  service.apply(files.map(f => ({ uri: revisionRoot + f.path, bytes: f.bytes })));
  const items = new Map<string, PlacedItem>();
  const unreadable: UnreadableFile[] = [];
  for (const uri of [...service.index.files.keys()].sort()) {
    const path = paths.get(uri);
    if (path === undefined) continue;
    const file = service.index.files.get(uri)!;
    const syntax = file.local.find(f => f.code === DiagnosticCode.yamlSyntax);
    if (syntax) unreadable.push({ path, line: syntax.range.start.line + 1, reason: syntax.message });
    if (syntax && readableOnly) continue;
    for (const item of file.items) if (!items.has(item.id)) items.set(item.id, { item, path });
  }
  return { items, unreadable };
}
