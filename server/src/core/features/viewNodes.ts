import type { Location } from 'vscode-languageserver-types';
import {
  coverageOf,
  implementersOf,
  percent,
  progressOf,
  requirementsUnder,
  riceScore,
  estimateOf,
} from '../graph/progress';
import { countVerification, verificationOf } from '../graph/verification';
import type { TestOutcome } from '../refs/readJUnit';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { statusOf } from '../model';
import type { WorkspaceView } from '../workspaceView';
import { formatNumber } from '../text/numbers';
import { itemTitle } from '../text/itemTitle';
import type { Diagnostic, Item, ItemKind } from '../types';
import { rangeContains } from './edits';
import { suspectTargets, type SuspectLink } from './suspectLinks';

/**
 * The rows of Specwright's tree views (Roadmap and Trace): plain data sent
 * to the client as is, and the factory that makes an item's row — its
 * label, its short description and tooltip, its finding counts — so both
 * views show an item the same way.
 */

/** What a tree row shows an icon for: an item kind, a grouping row, a code reference or a test. */
export type ViewNodeKind = ItemKind | 'group' | 'unscheduled' | 'unlinked' | 'code' | 'test';

/**
 * Which progress a row shows: `specified`, the share of the stories under
 * the item that are done (`60% done`), or `verified`, the share of the
 * committed requirements under it that are verified (`40% verified`,
 * graph/verification.ts).
 */
export type ProgressMeasure = 'specified' | 'verified';
export const progressMeasures: readonly ProgressMeasure[] = ['specified', 'verified'];

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
  /**
   * Percentage of the stories under the item that are done (cancelled ones
   * left out), or with the `verified` measure of its committed requirements
   * that are verified; absent with nothing to count.
   */
  progress?: number;
  /** A test row's latest outcome (absent for a test file's reference, whose outcome no result gives). */
  outcome?: TestOutcome;
  /** Where the item is defined: its file and the range of its `id` value. */
  location?: Location;
  hasChildren: boolean;
  /** Errors and warnings inside the item's range of its file (after the workspace's severities). */
  findings: FindingCounts;
  /** The upstream IDs whose content changed since this item was reviewed against them (suspectLinks.ts); absent when none. */
  suspect?: string[];
}

/** Builds item rows; remembers each file's diagnostics for the length of one request. */
export class NodeFactory {
  private readonly diags = new Map<string, Diagnostic[]>();
  /** Ids handed out: a duplicate ID (an error the user is fixing) must not give two rows one id. */
  private readonly taken = new Set<string>();
  private readonly suspects = new Map<string, SuspectLink[]>();

  constructor(
    readonly service: WorkspaceView,
    private readonly measure: ProgressMeasure = 'specified',
  ) {}

  get index(): ReadonlyIndex {
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
      label: `${item.id} ${itemTitle(item)}`.trim(),
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

  /** A requirement's verification in words, for the `verified` measure: `verified`, `1 failing`, `not verified`. */
  private verifiedText(item: Item): string {
    const v = verificationOf(this.index, this.service.traces, item);
    return v.verified ? 'verified' : v.failing ? `${v.failing} failing` : 'not verified';
  }

  /** What the row says: `short` in its description, `more` only in its tooltip (see ViewNode). */
  private describe(item: Item, status: string, node: ViewNode): { short: string[]; more: string[] } {
    const f = item.fields;
    const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
    const dates =
      f.start !== undefined || f.end !== undefined ? `${text(f.start) || '…'} → ${text(f.end) || '…'}` : '';
    const progress = (): string => {
      if (this.measure === 'verified') {
        const v = countVerification(this.index, this.service.traces, requirementsUnder(this.index, item.id));
        if (v.specified === 0) return '';
        node.progress = percent(v.verified, v.specified);
        return `${node.progress}% verified`;
      }
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
          short: [
            status,
            this.measure === 'verified' ? this.verifiedText(item) : progress(),
            n ? `${n} ${n === 1 ? 'story' : 'stories'}` : 'no stories',
          ],
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
