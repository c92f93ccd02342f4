import { rollupLink } from '../model';
import type { FileIndex, Item, Link } from '../types';

/** A link together with the item and file that hold it. */
export interface IncomingLink extends Link {
  uri: string;
  holder: Item;
}

/**
 * The workspace's items, by file and by ID, with reverse links. Updated one
 * file at a time; nothing here re-reads a file or walks the whole workspace.
 */
export class WorkspaceIndex {
  readonly files = new Map<string, FileIndex>();
  private readonly defs = new Map<string, Item[]>();
  private readonly incomingLinks = new Map<string, IncomingLink[]>();
  private readonly contained = new Map<string, Item[]>();

  /** Replace (or with undefined, remove) what the index holds for one file. */
  set(uri: string, file: FileIndex | undefined): void {
    const old = this.files.get(uri);
    if (old) this.unlink(old);
    if (file) {
      this.files.set(uri, file);
      this.link(file);
    } else {
      this.files.delete(uri);
    }
  }

  /** Every definition of an ID (more than one is a duplicate). */
  definitions(id: string): readonly Item[] {
    return this.defs.get(id) ?? none;
  }

  /** The links that name an ID, from any file. */
  incoming(id: string): readonly IncomingLink[] {
    return this.incomingLinks.get(id) ?? none;
  }

  /** Items contained in an item's file lists (a PRD's requirements, an iteration's stories). */
  containedIn(id: string): readonly Item[] {
    return this.contained.get(id) ?? none;
  }

  /**
   * The children an item rolls up: contained items, plus items whose roll-up
   * link names it (a release's epics, an epic's PRDs, a requirement's stories).
   */
  children(id: string): Item[] {
    const out: Item[] = [...this.containedIn(id)];
    for (const l of this.incoming(id)) {
      if (rollupLink[l.holder.kind] === l.field && !out.includes(l.holder)) out.push(l.holder);
    }
    return out;
  }

  ids(): IterableIterator<string> {
    return this.defs.keys();
  }

  *items(): IterableIterator<Item> {
    for (const f of this.files.values()) yield* f.items;
  }

  private link(file: FileIndex): void {
    for (const item of file.items) {
      push(this.defs, item.id, item);
      if (item.parent) push(this.contained, item.parent, item);
      for (const l of item.links) push(this.incomingLinks, l.target, { ...l, uri: file.uri, holder: item });
    }
  }

  private unlink(file: FileIndex): void {
    for (const item of file.items) {
      pull(this.defs, item.id, d => d === item);
      if (item.parent) pull(this.contained, item.parent, d => d === item);
      for (const l of item.links) pull(this.incomingLinks, l.target, d => d.holder === item);
    }
  }
}

const none: readonly never[] = [];

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

function pull<T>(map: Map<string, T[]>, key: string, match: (v: T) => boolean): void {
  const list = map.get(key);
  if (!list) return;
  const kept = list.filter(v => !match(v));
  if (kept.length) map.set(key, kept); else map.delete(key);
}
