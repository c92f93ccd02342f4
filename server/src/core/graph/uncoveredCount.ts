import { isUncovered } from './coverage';
import type { FileIndex } from '../types';
import { followFiles } from './followFiles';
import type { ReadonlyIndex } from './workspaceIndex';

/**
 * How many requirements are uncovered (graph/coverage.ts, what the
 * `uncovered` check reports), kept up to date as the index changes. Whether
 * a requirement is uncovered depends only on the definitions of its ID, the
 * `implements` links that name it and the damaged files that mention it, so after a
 * change only the requirements that changed files define and the IDs their
 * stories implement (before and after) are counted again. Changed files are
 * found by `followFiles`, which reads no items.
 */
export class UncoveredCount {
  /** The file objects counted, by URI. */
  private readonly counted = new Map<string, FileIndex>();
  /** Uncovered definitions per ID (only IDs that have some). */
  private readonly byId = new Map<string, number>();
  private total = 0;
  private generation = -1;

  constructor(private readonly index: ReadonlyIndex) {}

  get(): number {
    if (this.index.generation !== this.generation) this.update();
    return this.total;
  }

  private update(): void {
    if (this.counted.size === 0) this.countAll();
    else this.recount();
    this.generation = this.index.generation;
  }

  /** The first count: every requirement once, without first gathering their IDs. */
  private countAll(): void {
    this.byId.clear();
    this.total = 0;
    for (const [uri, file] of this.index.files) {
      this.counted.set(uri, file);
      for (const item of file.items) {
        if (!isUncovered(this.index, item)) continue;
        this.byId.set(item.id, (this.byId.get(item.id) ?? 0) + 1);
        this.total++;
      }
    }
  }

  private recount(): void {
    const dirty = new Set<string>();
    followFiles(this.index, this.counted, (_uri, old, file) => {
      if (old) affectedIds(old, dirty);
      if (file) affectedIds(file, dirty);
    });
    for (const id of dirty) {
      this.total -= this.byId.get(id) ?? 0;
      const n = this.uncoveredDefinitions(id);
      if (n) this.byId.set(id, n);
      else this.byId.delete(id);
      this.total += n;
    }
  }

  private uncoveredDefinitions(id: string): number {
    let n = 0;
    for (const d of this.index.definitions(id)) if (isUncovered(this.index, d)) n++;
    return n;
  }
}

/**
 * The IDs whose count a file can change: the requirements it defines, those
 * its stories implement and, when it has a syntax error, those it mentions.
 */
function affectedIds(file: FileIndex, out: Set<string>): void {
  for (const id of file.unread?.mentions ?? []) out.add(id);
  for (const item of file.items) {
    if (item.kind === 'requirement') out.add(item.id);
    else if (item.kind === 'story')
      for (const l of item.links) if (l.field === 'implements') out.add(l.target);
  }
}
