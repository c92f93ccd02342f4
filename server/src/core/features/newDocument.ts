import { stringify } from 'yaml';
import { isUncovered } from '../graph/coverage';
import { compareIds, compareItemIds } from '../text/compareIds';
import type { WorkspaceView } from '../workspaceView';
import type { DocKind, ItemKind, Range } from '../types';
import { isUnder, joinUri } from '../workspace';
import { defaultPrefixes } from './nextFreeId';

/**
 * The text of a new spec document of each kind, for the "New Epic" (and
 * friends) commands. Every ID in it is the next free one with the prefix the
 * workspace already uses for that kind of item (EPIC-7 after EPIC-6); the
 * text is valid against the kind's schema and links only to items that exist,
 * so a new document has no error finding.
 */

export interface NewDocumentOptions {
  kind: DocKind;
  /** The document's title (a vision's `product`). */
  title: string;
  /** The folder the file will be written in; used to keep the suggested name free. */
  folderUri?: string;
  /**
   * The item the new one hangs under, chosen from `parents`: the epic of a
   * PRD, the release of an epic or an iteration. Without one (or with an ID
   * that is not such an item) the text leaves a comment where it goes.
   */
  parent?: string;
}

/** An item a new document can hang under, for the client's quick pick. */
export interface ParentChoice {
  id: string;
  title: string;
}

export interface NewDocument {
  kind: DocKind;
  /** The ID of the document's top item. */
  id: string;
  /** A file name for it: the title in kebab case and the kind's suffix (`express-checkout.prd.yaml`). */
  fileName: string;
  text: string;
  /** The first tab stop: the first value the author should replace, to select after opening. */
  selection: Range;
  /** What the document can hang under (epics for a PRD, releases for an epic or an iteration); empty for the others. */
  parents: ParentChoice[];
}

/** The kind of item a document of each kind links to as its parent, and the key it is written under. */
const parentOf: Partial<Record<DocKind, { kind: ItemKind; key: string }>> = {
  epic: { kind: 'release', key: 'release' },
  prd: { kind: 'epic', key: 'epic' },
  stories: { kind: 'release', key: 'release' },
};

/** The candidates for a document's parent, in workspace order, one per ID. */
export function parentChoices(service: WorkspaceView, kind: DocKind): ParentChoice[] {
  const want = parentOf[kind]?.kind;
  if (!want) return [];
  const seen = new Map<string, ParentChoice>();
  for (const item of service.index.items()) {
    if (item.kind === want && !seen.has(item.id))
      seen.set(item.id, {
        id: item.id,
        title: typeof item.fields.title === 'string' ? item.fields.title : '',
      });
  }
  return [...seen.values()];
}

export const docKindsInOrder: readonly DocKind[] = ['vision', 'roadmap', 'epic', 'prd', 'stories'];

export function newDocument(service: WorkspaceView, options: NewDocumentOptions): NewDocument {
  const ids = new IdAllocator(service);
  const title = options.title.replace(/\s+/g, ' ').trim() || defaultTitles[options.kind];
  const doc = new DocWriter();
  const parents = parentChoices(service, options.kind);
  const parent = parents.find(p => p.id === options.parent)?.id;
  let id: string;
  switch (options.kind) {
    case 'vision':
      id = ids.next('vision');
      doc.line(`id: ${id}`);
      doc.line(`product: ${scalar(title)}`);
      doc.stop('statement: ', 'Who the product is for, what it lets them do, and why that matters');
      doc.line('goals:');
      doc.line(`  - id: ${ids.next('goal')}`);
      doc.line('    title: A measurable outcome the product should reach');
      doc.line('    metric: How the outcome is measured');
      doc.line('personas:');
      doc.line(`  - id: ${ids.next('persona')}`);
      doc.line('    name: A typical user');
      doc.line('    needs:');
      doc.line('      - What this user needs from the product');
      break;
    case 'roadmap':
      id = ids.next('roadmap');
      doc.line(`id: ${id}`);
      doc.line(`title: ${scalar(title)}`);
      doc.line('releases:');
      doc.line(`  - id: ${ids.next('release')}`);
      doc.stop('    title: ', 'First release');
      doc.line('    horizon: now');
      break;
    case 'epic':
      id = ids.next('epic');
      doc.line(`id: ${id}`);
      doc.line(`title: ${scalar(title)}`);
      doc.line('status: draft');
      doc.line('priority: should');
      doc.stop('summary: ', 'What this epic delivers, in one or two sentences');
      doc.line('problem: The problem it solves, and the evidence for it');
      doc.line('outcome: How we will know that it worked');
      doc.line(parent ? `release: ${parent}` : '# release: the ID of the release this epic ships in');
      break;
    case 'prd':
      id = ids.next('prd');
      doc.line(`id: ${id}`);
      doc.line(`title: ${scalar(title)}`);
      doc.line('status: draft');
      doc.line(parent ? `epic: ${parent}` : '# epic: the ID of the epic this PRD belongs to');
      doc.stop('problem: ', 'The problem this PRD solves, and for whom');
      doc.line('requirements:');
      doc.line(`  - id: ${ids.nextRequirementOf(id)}`);
      doc.line('    title: First requirement');
      doc.line('    statement: What the product must do');
      doc.line('    priority: must');
      break;
    case 'stories': {
      id = ids.next('iteration');
      doc.line(`id: ${id}`);
      doc.stop('title: ', title, scalar(title));
      if (parent) doc.line(`release: ${parent}`);
      doc.line('status: draft');
      // A story must implement a requirement; offer one that needs it, else start empty.
      const target = firstUncovered(service);
      if (target) {
        doc.line('stories:');
        doc.line(`  - id: ${ids.next('story')}`);
        doc.line('    title: First story');
        doc.line('    i_want: what the user wants to do');
        doc.line('    so_that: why it matters to them');
        doc.line(`    implements: [${target}]`);
      } else {
        doc.line('stories: []');
      }
      break;
    }
  }
  return {
    kind: options.kind,
    id,
    fileName: fileNameFor(service, options.kind, title, options.folderUri),
    text: doc.text(),
    selection: doc.selection!,
    parents,
  };
}

const defaultTitles: Record<DocKind, string> = {
  vision: 'New product',
  roadmap: 'Roadmap',
  epic: 'New epic',
  prd: 'New PRD',
  stories: 'New iteration',
};

/** `Express Checkout!` → `express-checkout.prd.yaml`, numbered when the folder already has that name. */
export function fileNameFor(
  service: WorkspaceView,
  kind: DocKind,
  title: string,
  folderUri?: string,
): string {
  const base = kebab(title) || kind;
  const taken = (name: string): boolean =>
    folderUri !== undefined &&
    [...service.index.files.keys()].some(
      u => isUnder(u, folderUri) && u.toLowerCase() === joinUri(folderUri, name).toLowerCase(),
    );
  let name = `${base}.${kind}.yaml`;
  for (let n = 2; taken(name); n++) name = `${base}-${n}.${kind}.yaml`;
  return name;
}

export function kebab(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** A YAML scalar for a one-line string: plain when that reads back the same, quoted otherwise. */
function scalar(text: string): string {
  return stringify(text, { lineWidth: 0 }).trimEnd();
}

function firstUncovered(service: WorkspaceView): string | undefined {
  const reqs = [...service.index.items()].filter(i => isUncovered(service.index, i));
  return reqs.sort(compareItemIds)[0]?.id;
}

/**
 * Hands out fresh IDs. For each item kind, the prefix is the one most of the
 * workspace's items of that kind use (else the default); the number follows
 * the highest one in use, keeping its stem and width (`R-2026.4` → `R-2026.5`,
 * `ST-009` → `ST-010`); an ID is never one that exists or was handed out.
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly byKind = new Map<ItemKind, string[]>();
  /** Requirement IDs by the PRD that holds them. */
  private readonly requirementsByPrd = new Map<string, string[]>();

  constructor(service: WorkspaceView) {
    for (const item of service.index.items()) {
      if (item.kind === 'requirement' && item.parent) {
        let reqs = this.requirementsByPrd.get(item.parent);
        if (!reqs) this.requirementsByPrd.set(item.parent, (reqs = []));
        reqs.push(item.id);
      }
      this.used.add(item.id);
      let list = this.byKind.get(item.kind);
      if (!list) this.byKind.set(item.kind, (list = []));
      list.push(item.id);
    }
  }

  next(kind: ItemKind): string {
    const ids = this.byKind.get(kind) ?? [];
    const prefix = mostCommonPrefix(ids) ?? defaultPrefixes[kind];
    let best: string | undefined;
    for (const id of ids) {
      if (!id.startsWith(prefix)) continue;
      const rest = id.slice(prefix.length);
      if (/\d$/.test(rest) && (best === undefined || compareIds(rest, best) > 0)) best = rest;
    }
    let candidate = prefix + (best === undefined ? '1' : increment(best));
    while (this.used.has(candidate)) candidate = prefix + increment(candidate.slice(prefix.length));
    this.used.add(candidate);
    let list = this.byKind.get(kind);
    if (!list) this.byKind.set(kind, (list = []));
    list.push(candidate);
    return candidate;
  }

  /**
   * The first requirement ID of a new PRD. Where the workspace numbers
   * requirements by their PRD (REQ-101… in PRD-1, REQ-401… in PRD-4), the
   * new PRD's block (REQ-501 in PRD-5); otherwise the next free requirement ID.
   */
  nextRequirementOf(prdId: string): string {
    const prdNumber = /(\d+)$/.exec(prdId)?.[1];
    const blocks = [...this.requirementsByPrd.entries()];
    const numberedByPrd =
      blocks.length > 0 &&
      blocks.every(([prd, reqs]) => {
        const n = /(\d+)$/.exec(prd)?.[1];
        return n !== undefined && reqs.every(r => new RegExp(`^[A-Z][A-Z0-9_]*-${n}\\d{2}$`).test(r));
      });
    if (prdNumber !== undefined && numberedByPrd) {
      const candidate = `${/^[A-Z][A-Z0-9_]*-/.exec(blocks[0][1][0])![0]}${prdNumber}01`;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return candidate;
      }
    }
    return this.next('requirement');
  }
}

function mostCommonPrefix(ids: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) {
    const m = /^[A-Z][A-Z0-9_]*-/.exec(id);
    if (m) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [p, n] of counts) if (best === undefined || n > counts.get(best)!) best = p;
  return best;
}

/** Add one to the trailing number of `rest`, keeping its width (`2026.09` → `2026.10`); `x` → `x1`. */
function increment(rest: string): string {
  const m = /^(.*?)(\d+)$/.exec(rest);
  if (!m) return rest + '1';
  const next = String(BigInt(m[2]) + 1n).padStart(m[2].length, '0');
  return m[1] + next;
}

/** Builds the text line by line and remembers the first tab stop. */
class DocWriter {
  private readonly lines: string[] = [];
  selection: Range | undefined;

  line(text: string): void {
    this.lines.push(text);
  }

  /** A line `prefix + value` whose value is the first tab stop (the written form may differ: quoting). */
  stop(prefix: string, value: string, written = value): void {
    const line = this.lines.length;
    this.lines.push(prefix + written);
    this.selection ??= {
      start: { line, character: prefix.length },
      end: { line, character: prefix.length + written.length },
    };
  }

  text(): string {
    return this.lines.join('\n') + '\n';
  }
}
