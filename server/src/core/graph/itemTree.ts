import { horizons, isClosed, priorities, statusOf } from '../model';
import { compareItemIds, compareSource } from '../text/compareIds';
import type { Item, ItemKind } from '../types';
import { implementersOf, riceScore } from './progress';
import type { ReadonlyIndex } from './workspaceIndex';

/**
 * The item tree of the workspace, the one definition of its shape: releases
 * (now, next, later, then by start date) → epics (by priority, RICE, ID) →
 * PRDs → requirements → stories, plus the Unscheduled items (epics without a
 * release, PRDs without an epic) and the Unlinked ones (PRDs and stories
 * whose links up the tree are all broken). The Roadmap view
 * (features/roadmapTree.ts) walks it lazily, one level per request, and
 * makes rows of it; the report and the board (report/reportModel.ts) take it
 * whole with `itemTree`. Each item is its first definition's.
 */
export class ItemTree {
  constructor(
    private readonly index: ReadonlyIndex,
    /** Leave out done and cancelled items with nothing open under them (the view's "Hide done"). */
    private readonly hideDone = false,
    /** Whether an item has a finding: a done item with one is still work to do, and stays. */
    private readonly hasFinding: (item: Item) => boolean = () => false,
  ) {}

  /** Releases of every roadmap: now, next, later (unknown horizons last), then by start date, then as written. */
  releases(): Item[] {
    const all = [...this.index.items()].filter(
      i => i.kind === 'release' && this.visible(i) && this.index.definitions(i.id)[0] === i,
    );
    const rank = (i: Item): number => {
      const h = horizons.indexOf(i.fields.horizon as (typeof horizons)[number]);
      return h < 0 ? horizons.length : h;
    };
    const start = (i: Item): string => (typeof i.fields.start === 'string' ? i.fields.start : '9999');
    return all.sort((a, b) => rank(a) - rank(b) || start(a).localeCompare(start(b)) || compareSource(a, b));
  }

  /** The children of an item, in display order, without hidden ones. */
  children(item: Item): Item[] {
    return this.childItems(item).filter(i => this.visible(i));
  }

  /** The item a tree item hangs under (undefined at the top or outside the tree). */
  parent(item: Item): Item | undefined {
    const target = (field: string, kind: ItemKind): Item | undefined => {
      for (const l of item.links) {
        if (l.field !== field) continue;
        const def = this.index.definitions(l.target)[0];
        if (def?.kind === kind) return def;
      }
      return undefined;
    };
    switch (item.kind) {
      case 'story':
        return target('implements', 'requirement');
      case 'requirement':
        return item.parent
          ? this.index.definitions(item.parent).find(d => d.kind === 'prd' && d.uri === item.uri)
          : undefined;
      case 'prd':
        return target('epic', 'epic');
      case 'epic':
        return target('release', 'release');
      default:
        return undefined;
    }
  }

  /** Epics without a release, then PRDs that name no epic (neither would appear otherwise). */
  unscheduled(): Item[] {
    return this.workItems().filter(i => this.parent(i) === undefined && !this.isUnlinked(i));
  }

  /**
   * PRDs and stories whose links up the tree are all broken (a PRD whose
   * `epic` names no epic, a story whose `implements` names no requirement):
   * with no row under anything, they would have none at all.
   */
  unlinked(): Item[] {
    const out: Item[] = [];
    for (const i of this.index.items()) {
      if (
        (i.kind === 'prd' || i.kind === 'story') &&
        this.index.definitions(i.id)[0] === i &&
        this.visible(i) &&
        this.isUnlinked(i)
      )
        out.push(i);
    }
    return out.sort((a, b) => (a.kind === b.kind ? compareItemIds(a, b) : a.kind === 'prd' ? -1 : 1));
  }

  isUnlinked(item: Item): boolean {
    const field = item.kind === 'prd' ? 'epic' : item.kind === 'story' ? 'implements' : undefined;
    return field !== undefined && item.links.some(l => l.field === field) && this.parent(item) === undefined;
  }

  /**
   * The items at the top of a status or owner grouping: every epic, and PRDs
   * whose epic link does not lead to an epic.
   */
  workItems(): Item[] {
    const epics: Item[] = [];
    const prds: Item[] = [];
    for (const i of this.index.items()) {
      if (this.index.definitions(i.id)[0] !== i || !this.visible(i)) continue;
      if (i.kind === 'epic') epics.push(i);
      else if (i.kind === 'prd' && this.parent(i) === undefined) prds.push(i);
    }
    return [...epics.sort(compareEpics), ...prds.sort(compareItemIds)];
  }

  /**
   * Shown unless "Hide done" hides it: a done or cancelled item stays while
   * it needs work (it has a finding) or something that needs work hangs under
   * it (an in-progress story under a done requirement), so no open work
   * disappears with its parent.
   */
  visible(item: Item): boolean {
    if (!this.hideDone) return true;
    return this.needsWork(item) || this.hasWorkBelow(item, new Set());
  }

  private needsWork(item: Item): boolean {
    return !isClosed(statusOf(item.fields)) || this.hasFinding(item);
  }

  /** The children of an item, in display order. */
  private childItems(item: Item): Item[] {
    switch (item.kind) {
      case 'release':
        return this.linked(item.id, 'release', 'epic').sort(compareEpics);
      case 'epic':
        return this.linked(item.id, 'epic', 'prd').sort(compareItemIds);
      case 'prd':
        return this.index.containedIn(item.id).filter(i => i.kind === 'requirement' && i.uri === item.uri);
      case 'requirement':
        return implementersOf(this.index, item.id).sort(compareItemIds);
      default:
        return [];
    }
  }

  private linked(id: string, field: string, kind: ItemKind): Item[] {
    const out: Item[] = [];
    for (const l of this.index.incoming(id)) {
      if (l.field === field && l.holder.kind === kind && !out.includes(l.holder)) out.push(l.holder);
    }
    return out;
  }

  private hasWorkBelow(item: Item, seen: Set<Item>): boolean {
    if (seen.has(item)) return false;
    seen.add(item);
    return this.childItems(item).some(c => this.needsWork(c) || this.hasWorkBelow(c, seen));
  }
}

/** An item with the branches under it (empty when not opened). */
export interface Branch {
  item: Item;
  children: Branch[];
}

/** The whole tree, built once: what the report and the board read. */
export interface ItemForest {
  releases: Branch[];
  /** Epics without a release, then PRDs without an epic. */
  unscheduled: Branch[];
  /** PRDs and stories whose links up the tree are all broken. */
  unlinked: Branch[];
}

/**
 * The item tree with the items of the `expand` kinds opened (release →
 * epics, epic → PRDs, PRD → requirements, requirement → stories). Each
 * level is a kind further down, so a branch never holds itself.
 */
export function itemTree(index: ReadonlyIndex, expand: readonly ItemKind[]): ItemForest {
  const tree = new ItemTree(index);
  const branch = (item: Item): Branch => ({
    item,
    children: expand.includes(item.kind) ? tree.children(item).map(branch) : [],
  });
  return {
    releases: tree.releases().map(branch),
    unscheduled: tree.unscheduled().map(branch),
    unlinked: tree.unlinked().map(branch),
  };
}

/** Epics by priority (must first), then RICE score (highest first), then ID. */
function compareEpics(a: Item, b: Item): number {
  const rank = (i: Item): number => {
    const p = priorities.indexOf(i.fields.priority as (typeof priorities)[number]);
    return p < 0 ? priorities.length : p;
  };
  const rice = (i: Item): number => riceScore(i.fields) ?? -1;
  return rank(a) - rank(b) || rice(b) - rice(a) || compareItemIds(a, b);
}
