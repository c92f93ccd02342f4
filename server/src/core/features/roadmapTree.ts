import type { Location } from 'vscode-languageserver-types';
import { formatNumber } from '../text/numbers';
import { coverageOf, implementersOf, percent, progressOf, riceScore, estimateOf } from '../graph/progress';
import type { WorkspaceIndex } from '../graph/workspaceIndex';
import { horizons, isClosed, priorities, statusOf, statuses } from '../model';
import type { SpecService } from '../service';
import type { Diagnostic, Item, ItemKind, Position, Range } from '../types';
import { idAt } from './idAt';
import { rangeContains } from './edits';
import { suspectTargets, type SuspectLink } from './suspectLinks';

/**
 * The roadmap tree: releases by horizon (now, next, later) → epics → PRDs →
 * requirements → stories, plus an "Unscheduled" node; or epics grouped by
 * status or owner. Lazy: each call returns one level, the children of one
 * node, named by the node's id. The id is the node's path from the top, so
 * the same item under two parents (a story implementing two requirements)
 * gets two ids, and an id stays the same from one refresh to the next.
 */

/** What a tree row shows an icon for: an item kind, or a grouping row. */
export type ViewNodeKind = ItemKind | 'group' | 'unscheduled' | 'unlinked';

export interface FindingCounts {
  errors: number;
  warnings: number;
  /** Info findings (an `uncovered` requirement): counted on the row too. */
  infos: number;
}

/** One row of a Specwright tree view (roadmap or trace). Plain data, sent to the client as is. */
export interface ViewNode {
  /** Stable and unique within its tree: the path of segments from the top, joined by `/`. */
  id: string;
  label: string;
  /**
   * The short text after the label, short enough for the default sidebar
   * width: status and progress first, then counts (coverage, stories,
   * points); the rest is in `details`.
   */
  description: string;
  /** Every fact of the row (the description's, then horizon, dates, priority, RICE), for its tooltip; absent when the description says all. */
  details?: string;
  kind: ViewNodeKind;
  /** The item's ID, for rows that are items. */
  itemId?: string;
  /** The item's status (with the format's default `draft`), for rows that are items. */
  status?: string;
  /** Percentage of the stories under the item that are done (cancelled ones left out); absent with no stories. */
  progress?: number;
  /** Where the item is defined: its file and the range of its `id` value. */
  location?: Location;
  hasChildren: boolean;
  /** Errors and warnings inside the item's range of its file (after the workspace's severities). */
  findings: FindingCounts;
  /** The upstream IDs whose content changed since this item was reviewed against them (suspectLinks.ts); absent when none. */
  suspect?: string[];
}

export type GroupBy = 'release' | 'status' | 'owner';
export const groupByModes: readonly GroupBy[] = ['release', 'status', 'owner'];

export interface RoadmapOptions {
  /** How the top level is grouped; default `release`. */
  groupBy?: GroupBy;
  /** Leave out items (and status groups) that are done or cancelled. */
  hideDone?: boolean;
}

/** The children of a roadmap node; with no `parent`, the top level. Unknown ids have none. */
export function roadmapChildren(
  service: SpecService,
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
  service: SpecService,
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
export function itemAt(service: SpecService, uri: string, position: Position): Item | undefined {
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

// ---- node building, shared with the trace view ----------------------------------

/** Builds item rows; remembers each file's diagnostics for the length of one request. */
export class NodeFactory {
  private readonly diags = new Map<string, Diagnostic[]>();
  /** Ids handed out: a duplicate ID (an error the user is fixing) must not give two rows one id. */
  private readonly taken = new Set<string>();
  private readonly suspects = new Map<string, SuspectLink[]>();

  constructor(readonly service: SpecService) {}

  get index(): WorkspaceIndex {
    return this.service.index;
  }

  /** The row of an item under the node `parentId` (undefined at the top). */
  item(item: Item, parentId: string | undefined, hasChildren: boolean): ViewNode {
    const status = statusOf(item.fields);
    let id = join(parentId, itemSegment(item.id));
    for (let n = 2; this.taken.has(id); n++) id = join(parentId, `${itemSegment(item.id)}#${n}`);
    this.taken.add(id);
    const node: ViewNode = {
      id,
      label: `${item.id} ${labelOf(item)}`.trim(),
      description: '',
      kind: item.kind,
      itemId: item.id,
      status,
      location: { uri: item.uri, range: item.idRange },
      hasChildren,
      findings: this.findings(item),
    };
    const { short, more } = this.describe(item, status, node);
    const suspect = suspectTargets(this.service, item, this.suspects);
    if (suspect.length) short.push(`${(node.suspect = suspect).join(', ')} changed since review`);
    const text = (parts: string[]): string => parts.filter(p => p !== '').join(' · ');
    node.description = text(short);
    if (text(more)) node.details = text([...short, ...more]);
    return node;
  }

  group(
    id: string,
    label: string,
    kind: 'group' | 'unscheduled' | 'unlinked',
    description: string,
    hasChildren: boolean,
  ): ViewNode {
    return { id, label, description, kind, hasChildren, findings: { errors: 0, warnings: 0, infos: 0 } };
  }

  findings(item: Item): FindingCounts {
    let diags = this.diags.get(item.uri);
    if (!diags) this.diags.set(item.uri, (diags = this.service.diagnostics(item.uri)));
    const counts = { errors: 0, warnings: 0, infos: 0 };
    for (const d of diags) {
      if (!rangeContains(item.range, d.range.start)) continue;
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else if (d.severity === 'info') counts.infos++;
    }
    return counts;
  }

  /** What the row says: `short` in its description, `more` only in its tooltip (see ViewNode). */
  private describe(item: Item, status: string, node: ViewNode): { short: string[]; more: string[] } {
    const f = item.fields;
    const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
    const dates =
      f.start !== undefined || f.end !== undefined ? `${text(f.start) || '…'} → ${text(f.end) || '…'}` : '';
    const progress = (): string => {
      const p = progressOf(this.index, item.id);
      if (p.total === 0) return '';
      node.progress = percent(p.done, p.total);
      return `${node.progress}% done`;
    };
    switch (item.kind) {
      case 'release':
        return { short: [status, progress()], more: [text(f.horizon), dates] };
      case 'epic': {
        const rice = riceScore(f);
        return {
          short: [status, progress()],
          more: [text(f.priority), rice === undefined ? '' : `RICE ${formatNumber(rice)}`],
        };
      }
      case 'prd': {
        const c = coverageOf(this.index, item.id);
        return {
          short: [status, progress(), c.total ? `${c.covered.length}/${c.total} covered` : ''],
          more: [],
        };
      }
      case 'requirement': {
        const n = implementersOf(this.index, item.id).length;
        return {
          short: [status, progress(), n ? `${n} ${n === 1 ? 'story' : 'stories'}` : 'no stories'],
          more: [text(f.priority)],
        };
      }
      case 'story': {
        const e = estimateOf(item);
        return { short: [status, f.estimate !== undefined ? `${e} pt${e === 1 ? '' : 's'}` : ''], more: [] };
      }
      case 'iteration':
        return { short: [status, progress()], more: [dates] };
      default:
        return { short: [item.fields.status !== undefined ? status : ''], more: [] };
    }
  }
}

export function itemSegment(id: string): string {
  return `i:${id}`;
}

export function join(parentId: string | undefined, segment: string): string {
  return parentId ? `${parentId}/${segment}` : segment;
}

// ---- the roadmap tree ------------------------------------------------------------

const unscheduledSegment = 'g:unscheduled';
const unlinkedSegment = 'g:unlinked';
const noOwner = '';

class RoadmapTree {
  private readonly nodes: NodeFactory;
  private readonly groupBy: GroupBy;
  private readonly hideDone: boolean;

  constructor(
    private readonly service: SpecService,
    options: RoadmapOptions,
  ) {
    this.nodes = new NodeFactory(service);
    this.groupBy = options.groupBy && groupByModes.includes(options.groupBy) ? options.groupBy : 'release';
    this.hideDone = options.hideDone === true;
  }

  private get index(): WorkspaceIndex {
    return this.service.index;
  }

  top(): ViewNode[] {
    switch (this.groupBy) {
      case 'release': {
        const out = this.releases().map(r => this.itemNode(r, undefined));
        const loose = this.unscheduled();
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
        const unlinked = this.unlinked();
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
        return statuses
          .filter(s => !(this.hideDone && isClosed(s)))
          .map(s => ({ s, items: this.workItems().filter(i => statusOf(i.fields) === s) }))
          .filter(g => g.items.length)
          .map(g =>
            this.nodes.group(`g:status:${g.s}`, g.s, 'group', countText(g.items.length, 'item'), true),
          );
      case 'owner': {
        const owners = new Map<string, number>();
        for (const i of this.workItems()) owners.set(ownerOf(i), (owners.get(ownerOf(i)) ?? 0) + 1);
        return [...owners.keys()]
          .sort((a, b) => (a === noOwner ? 1 : 0) - (b === noOwner ? 1 : 0) || collator.compare(a, b))
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
    if (last === unscheduledSegment) return this.unscheduled().map(i => this.itemNode(i, parentId));
    if (last === unlinkedSegment) return this.unlinked().map(i => this.itemNode(i, parentId));
    if (last.startsWith('g:status:')) {
      const s = last.slice('g:status:'.length);
      return this.workItems()
        .filter(i => statusOf(i.fields) === s)
        .map(i => this.itemNode(i, parentId));
    }
    if (last.startsWith('g:owner:')) {
      const o = safeDecode(last.slice('g:owner:'.length));
      return this.workItems()
        .filter(i => ownerOf(i) === o)
        .map(i => this.itemNode(i, parentId));
    }
    if (last.startsWith('i:')) {
      const item = this.index.definitions(last.slice(2).replace(/#\d+$/, ''))[0];
      return item ? this.children(item).map(c => this.itemNode(c, parentId)) : [];
    }
    return [];
  }

  /** Top-down path to an item's node; see `roadmapPath`. */
  pathTo(item: Item): ViewNode[] | undefined {
    const chain: Item[] = [];
    for (let cur: Item | undefined = item; cur; cur = this.treeParent(cur)) {
      if (chain.includes(cur)) return undefined;
      chain.unshift(cur);
    }
    const head = chain[0];
    const unlinked = this.groupBy === 'release' && this.isUnlinked(head);
    if (!['release', 'epic', 'prd'].includes(head.kind) && !unlinked) return undefined;
    if (this.groupBy !== 'release' && head.kind === 'release') chain.shift();
    if (!chain.length || chain.some(i => !this.visible(i))) return undefined;

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
    return this.nodes.item(item, parentId, this.children(item).length > 0);
  }

  /** The children of an item row, in display order, without hidden ones. */
  private children(item: Item): Item[] {
    return this.childItems(item).filter(i => this.visible(i));
  }

  /** The children of an item row, in display order. */
  private childItems(item: Item): Item[] {
    let kids: Item[];
    switch (item.kind) {
      case 'release':
        kids = this.linked(item.id, 'release', 'epic').sort(compareEpics);
        break;
      case 'epic':
        kids = this.linked(item.id, 'epic', 'prd').sort(compareIds);
        break;
      case 'prd':
        kids = this.index.containedIn(item.id).filter(i => i.kind === 'requirement' && i.uri === item.uri);
        break;
      case 'requirement':
        kids = implementersOf(this.index, item.id).sort(compareIds);
        break;
      default:
        kids = [];
    }
    return kids;
  }

  /** The row an item hangs under (undefined at the top or outside the tree). */
  private treeParent(item: Item): Item | undefined {
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

  private linked(id: string, field: string, kind: ItemKind): Item[] {
    const out: Item[] = [];
    for (const l of this.index.incoming(id)) {
      if (l.field === field && l.holder.kind === kind && !out.includes(l.holder)) out.push(l.holder);
    }
    return out;
  }

  /** Releases of every roadmap: now, next, later (unknown horizons last), then by start date, then as written. */
  private releases(): Item[] {
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

  /** Epics without a release, then PRDs that name no epic (neither would appear otherwise). */
  private unscheduled(): Item[] {
    return this.workItems().filter(i => this.treeParent(i) === undefined && !this.isUnlinked(i));
  }

  /**
   * PRDs and stories whose links up the tree are all broken (a PRD whose
   * `epic` names no epic, a story whose `implements` names no requirement):
   * with no row under anything, they would have none at all.
   */
  private unlinked(): Item[] {
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
    return out.sort((a, b) => (a.kind === b.kind ? compareIds(a, b) : a.kind === 'prd' ? -1 : 1));
  }

  private isUnlinked(item: Item): boolean {
    const field = item.kind === 'prd' ? 'epic' : item.kind === 'story' ? 'implements' : undefined;
    return (
      field !== undefined && item.links.some(l => l.field === field) && this.treeParent(item) === undefined
    );
  }

  /**
   * The items at the top of a status or owner grouping: every epic, and PRDs
   * whose epic link does not lead to an epic.
   */
  private workItems(): Item[] {
    const epics: Item[] = [];
    const prds: Item[] = [];
    for (const i of this.index.items()) {
      if (this.index.definitions(i.id)[0] !== i || !this.visible(i)) continue;
      if (i.kind === 'epic') epics.push(i);
      else if (i.kind === 'prd' && this.treeParent(i) === undefined) prds.push(i);
    }
    return [...epics.sort(compareEpics), ...prds.sort(compareIds)];
  }

  /**
   * Shown unless "Hide done" hides it: a done or cancelled item stays while
   * something open hangs under it (an in-progress story under a done
   * requirement), so no open work disappears with its parent.
   */
  private visible(item: Item): boolean {
    if (!this.hideDone || !isClosed(statusOf(item.fields))) return true;
    return this.hasOpenBelow(item, new Set());
  }

  private hasOpenBelow(item: Item, seen: Set<Item>): boolean {
    if (seen.has(item)) return false;
    seen.add(item);
    return this.childItems(item).some(c => !isClosed(statusOf(c.fields)) || this.hasOpenBelow(c, seen));
  }
}

// ---- small helpers -----------------------------------------------------------------

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareIds(a: Item, b: Item): number {
  return collator.compare(a.id, b.id) || compareSource(a, b);
}

function compareSource(a: Item, b: Item): number {
  return (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || a.range.start.line - b.range.start.line;
}

/** Epics by priority (must first), then RICE score (highest first), then ID. */
function compareEpics(a: Item, b: Item): number {
  const rank = (i: Item): number => {
    const p = priorities.indexOf(i.fields.priority as (typeof priorities)[number]);
    return p < 0 ? priorities.length : p;
  };
  const rice = (i: Item): number => riceScore(i.fields) ?? -1;
  return rank(a) - rank(b) || rice(b) - rice(a) || compareIds(a, b);
}

function labelOf(item: Item): string {
  const f = item.fields;
  const t =
    typeof f.title === 'string'
      ? f.title
      : typeof f.name === 'string'
        ? f.name
        : typeof f.product === 'string'
          ? f.product
          : '';
  return t.replace(/\s+/g, ' ').trim();
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
