import { ItemTree } from '../graph/itemTree';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { statusOf, statuses } from '../model';
import type { WorkspaceView } from '../workspaceView';
import type { Item, Position, Range } from '../types';
import { rangeContains } from './edits';
import { idAt } from './idAt';
import { NodeFactory, progressMeasures, type ProgressMeasure, type ViewNode } from './viewNodes';

/**
 * The Roadmap view: rows (features/viewNodes.ts) over the item tree
 * (graph/itemTree.ts) — releases by horizon (now, next, later) → epics → PRDs →
 * requirements → stories, plus "Unscheduled" and "Unlinked" nodes; or epics grouped by
 * status or owner. Lazy: each call returns one level, the children of one
 * node, named by the node's id. The id is the node's path from the top, so
 * the same item under two parents (a story implementing two requirements)
 * gets two ids, and an id stays the same from one refresh to the next.
 */

export type { FindingCounts, ProgressMeasure, ViewNode, ViewNodeKind } from './viewNodes';

export type GroupBy = 'release' | 'status' | 'owner';
export const groupByModes: readonly GroupBy[] = ['release', 'status', 'owner'];

export interface RoadmapOptions {
  /** How the top level is grouped; default `release`. */
  groupBy?: GroupBy;
  /** Leave out items (and status groups) that are done or cancelled. */
  hideDone?: boolean;
  /** Which progress the rows show (viewNodes.ts): `specified` (default, stories done) or `verified`. */
  progress?: ProgressMeasure;
}

/** The children of a roadmap node; with no `parent`, the top level. Unknown ids have none. */
export function roadmapChildren(
  service: WorkspaceView,
  parent: string | undefined,
  options: RoadmapOptions = {},
): ViewNode[] {
  const tree = new RoadmapTree(service, options);
  return parent === undefined || parent === '' ? tree.top() : tree.childrenOf(parent);
}

/**
 * The path of nodes from the top down to the node of the item at a position
 * (for "Reveal in Roadmap"), with the same ids `roadmapChildren` gives.
 * Undefined when the item has no place in the tree (a goal, a persona, an
 * iteration) or the options hide it.
 */
export function roadmapPath(
  service: WorkspaceView,
  uri: string,
  position: Position,
  options: RoadmapOptions = {},
): ViewNode[] | undefined {
  const item = itemAt(service, uri, position);
  return item ? new RoadmapTree(service, options).pathTo(item) : undefined;
}

/**
 * The item a position is about: the item an ID under the cursor names (a
 * link's target, or the definition), else the innermost item whose range
 * contains the position.
 */
export function itemAt(service: WorkspaceView, uri: string, position: Position): Item | undefined {
  const at = idAt(service, uri, position);
  if (at?.role === 'definition' && at.item) return at.item;
  if (at?.role === 'link') {
    const target = service.index.definitions(at.id)[0];
    if (target) return target;
  }
  const items = service.index.files.get(uri)?.items ?? [];
  let best: Item | undefined;
  for (const item of items) {
    if (rangeContains(item.range, position) && (!best || rangeSize(item.range) < rangeSize(best.range)))
      best = item;
  }
  // Outside every mapping (a comment above the document): the file's top item.
  return best ?? items.find(i => i.parent === undefined);
}

// ---- the roadmap tree ------------------------------------------------------------

const unscheduledSegment = 'g:unscheduled';
const unlinkedSegment = 'g:unlinked';
const noOwner = '';

class RoadmapTree {
  private readonly nodes: NodeFactory;
  private readonly groupBy: GroupBy;
  private readonly hideDone: boolean;
  /** The shape (graph/itemTree.ts): which items hang where, in which order, what "Hide done" hides. */
  private readonly tree: ItemTree;

  constructor(
    private readonly service: WorkspaceView,
    options: RoadmapOptions,
  ) {
    this.nodes = new NodeFactory(
      service,
      options.progress && progressMeasures.includes(options.progress) ? options.progress : 'specified',
    );
    this.groupBy = options.groupBy && groupByModes.includes(options.groupBy) ? options.groupBy : 'release';
    this.hideDone = options.hideDone === true;
    // With "Hide done", a done item with a finding stays: a problem is work left to do, and a row counts
    // the findings inside it (a PRD those of its requirements), so hiding the item would leave its
    // parent counting a warning no visible row has.
    this.tree = new ItemTree(service.index, this.hideDone, item => {
      const f = this.nodes.findings(item);
      return f.errors + f.warnings + f.infos > 0;
    });
  }

  private get index(): ReadonlyIndex {
    return this.service.index;
  }

  top(): ViewNode[] {
    switch (this.groupBy) {
      case 'release': {
        const out = this.tree.releases().map(r => this.itemNode(r, undefined));
        const loose = this.tree.unscheduled();
        if (loose.length)
          out.push(
            this.nodes.group(
              unscheduledSegment,
              'Unscheduled',
              'unscheduled',
              countText(loose.length, 'item'),
              true,
            ),
          );
        const unlinked = this.tree.unlinked();
        if (unlinked.length)
          out.push(
            this.nodes.group(
              unlinkedSegment,
              'Unlinked',
              'unlinked',
              `${countText(unlinked.length, 'item')} whose links are broken`,
              true,
            ),
          );
        return out;
      }
      case 'status':
        return (
          statuses
            // With "Hide done", the done and cancelled groups hold only what stays visible (ItemTree.visible).
            .map(s => ({ s, items: this.tree.workItems().filter(i => statusOf(i.fields) === s) }))
            .filter(g => g.items.length)
            .map(g =>
              this.nodes.group(`g:status:${g.s}`, g.s, 'group', countText(g.items.length, 'item'), true),
            )
        );
      case 'owner': {
        const owners = new Map<string, number>();
        for (const i of this.tree.workItems()) owners.set(ownerOf(i), (owners.get(ownerOf(i)) ?? 0) + 1);
        return [...owners.keys()]
          .sort((a, b) => (a === noOwner ? 1 : 0) - (b === noOwner ? 1 : 0) || compareOwners(a, b))
          .map(o =>
            this.nodes.group(
              `g:owner:${encodeURIComponent(o)}`,
              o === noOwner ? 'No owner' : o,
              'group',
              countText(owners.get(o)!, 'item'),
              true,
            ),
          );
      }
    }
  }

  childrenOf(parentId: string): ViewNode[] {
    const last = parentId.slice(parentId.lastIndexOf('/') + 1);
    if (last === unscheduledSegment) return this.tree.unscheduled().map(i => this.itemNode(i, parentId));
    if (last === unlinkedSegment) return this.tree.unlinked().map(i => this.itemNode(i, parentId));
    if (last.startsWith('g:status:')) {
      const s = last.slice('g:status:'.length);
      return this.tree
        .workItems()
        .filter(i => statusOf(i.fields) === s)
        .map(i => this.itemNode(i, parentId));
    }
    if (last.startsWith('g:owner:')) {
      const o = safeDecode(last.slice('g:owner:'.length));
      return this.tree
        .workItems()
        .filter(i => ownerOf(i) === o)
        .map(i => this.itemNode(i, parentId));
    }
    if (last.startsWith('i:')) {
      const item = this.index.definitions(last.slice(2).replace(/#\d+$/, ''))[0];
      return item ? this.tree.children(item).map(c => this.itemNode(c, parentId)) : [];
    }
    return [];
  }

  /** Top-down path to an item's node; see `roadmapPath`. */
  pathTo(item: Item): ViewNode[] | undefined {
    const chain: Item[] = [];
    for (let cur: Item | undefined = item; cur; cur = this.tree.parent(cur)) {
      if (chain.includes(cur)) return undefined;
      chain.unshift(cur);
    }
    const head = chain[0];
    const unlinked = this.groupBy === 'release' && this.tree.isUnlinked(head);
    if (!['release', 'epic', 'prd'].includes(head.kind) && !unlinked) return undefined;
    if (this.groupBy !== 'release' && head.kind === 'release') chain.shift();
    if (!chain.length || chain.some(i => !this.tree.visible(i))) return undefined;

    const path: ViewNode[] = [];
    let parentId: string | undefined;
    const first = chain[0];
    if (unlinked) {
      parentId = unlinkedSegment;
    } else if (this.groupBy === 'release' && first.kind !== 'release') {
      parentId = unscheduledSegment;
    } else if (this.groupBy === 'status') {
      parentId = `g:status:${statusOf(first.fields)}`;
    } else if (this.groupBy === 'owner') {
      parentId = `g:owner:${encodeURIComponent(ownerOf(first))}`;
    }
    if (parentId !== undefined) {
      const group = this.top().find(n => n.id === parentId);
      if (!group) return undefined;
      path.push(group);
    }
    for (const i of chain) {
      const node = this.itemNode(i, parentId);
      path.push(node);
      parentId = node.id;
    }
    return path;
  }

  // ---- the shape of the tree ----

  private itemNode(item: Item, parentId: string | undefined): ViewNode {
    return this.nodes.item(item, parentId, this.tree.children(item).length > 0);
  }
}

// ---- small helpers -----------------------------------------------------------------

/**
 * Owners are people's names, not IDs: in the reader's alphabetical order.
 * Made on first use: a collator loads ICU's data (~11 ms), which no start-up
 * should pay (test/cli/startup.test.ts). IDs have their own order without
 * a locale (text/compareIds.ts).
 */
let ownerCollator: Intl.Collator | undefined;
function compareOwners(a: string, b: string): number {
  ownerCollator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return ownerCollator.compare(a, b);
}

function ownerOf(item: Item): string {
  return typeof item.fields.owner === 'string' ? item.fields.owner.trim() : noOwner;
}

function countText(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function rangeSize(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
