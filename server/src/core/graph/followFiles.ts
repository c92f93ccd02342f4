import type { FileIndex } from '../types';
import type { ReadonlyIndex } from './workspaceIndex';

/**
 * What changed in the index since `seen` was brought up to date: `changed`
 * is called for every file added, replaced or removed (old object, new
 * object), and `seen` then holds the index's file objects. The index
 * replaces a file's object whenever it changes, so one pass over its file
 * map finds the changes without reading an item. Derived counts that follow
 * the index by themselves (UncoveredCount, CurrentReleaseTracker) use it.
 */
export function followFiles(
  index: ReadonlyIndex,
  seen: Map<string, FileIndex>,
  changed: (uri: string, old: FileIndex | undefined, file: FileIndex | undefined) => void,
): void {
  for (const [uri, file] of index.files) {
    const old = seen.get(uri);
    if (old === file) continue;
    changed(uri, old, file);
    seen.set(uri, file);
  }
  // Additions are in `seen` now: it holds more files than the index only when some were removed.
  if (seen.size > index.files.size)
    for (const [uri, old] of seen)
      if (!index.files.has(uri)) {
        changed(uri, old, undefined);
        seen.delete(uri);
      }
}
