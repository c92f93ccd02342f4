import { GraphReader } from '../checks/check';
import { diffFacts, noFactChanges, type FactChanges } from '../factDiff';
import { followFiles } from '../graph/followFiles';
import { coverageOf, percent, progressOfStories, storiesThrough } from '../graph/progress';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { compareSource } from '../text/compareIds';
import type { FileIndex, Item } from '../types';

/** The release being worked on, with its numbers, for the status bar. */
export interface ReleaseStatus {
  id: string;
  title: string;
  stories: { done: number; total: number; percent: number };
  requirements: { covered: number; total: number; percent: number };
}

/**
 * The current release (horizon `now`, the first in progress, else the first
 * — in source order: by file, then position) and its numbers; undefined when
 * no release has horizon `now`. Computed from scratch.
 */
export function currentRelease(index: ReadonlyIndex): ReleaseStatus | undefined {
  return new CurrentReleaseTracker(index).get();
}

/**
 * The current release's status, kept while the index changes. Walking the
 * release's subtree (its epics, PRDs, requirements and stories) took ~20–40
 * ms at 50,000 requirements, and the server sends the status after each
 * burst of typing, on the thread that checks the next edit — and the PRDs
 * people edit are the current release's. So the walk is kept in parts, one
 * per child of the release (its epics, mostly), each read through a
 * recording GraphReader; a part is walked again only when a change touches
 * an ID it read: a changed definition (kind, status) of one, or a link to
 * one gained or lost. The release's own reads (its definitions and
 * children) are kept the same way. Changed files are found as
 * UncoveredCount finds them (`followFiles`).
 */
export class CurrentReleaseTracker {
  /** The file objects followed, by URI. */
  private readonly seen = new Map<string, FileIndex>();
  /** Releases with horizon `now`, by file. */
  private readonly nowByUri = new Map<string, Item[]>();
  private generation = -1;
  private release: Item | undefined;
  private status: ReleaseStatus | undefined;
  /** What the release level read (its definitions and children); undefined: read them again. */
  private top: { reads: GraphReader; children: readonly Item[]; stories: readonly Item[] } | undefined;
  /** One part per child of the release. */
  private parts = new Map<Item, Part>();

  constructor(private readonly index: ReadonlyIndex) {}

  get(): ReleaseStatus | undefined {
    if (this.index.generation === this.generation) return this.status;
    this.generation = this.index.generation;
    const changes = this.follow();
    const release = this.choose();
    if (release !== this.release) {
      this.release = release;
      this.top = undefined;
      this.parts.clear();
    }
    if (!release) this.status = undefined;
    else if (this.update(release, changes) || !this.status) this.status = this.sum(release);
    return this.status;
  }

  /** Walk again what `changes` touch (everything when undefined); whether anything was. */
  private update(release: Item, changes: FactChanges | undefined): boolean {
    const stale = (reads: GraphReader): boolean => !changes || touches(changes, reads);
    let walked = false;
    if (!this.top || stale(this.top.reads)) {
      const reads = new GraphReader(this.index);
      const stories = reads.definitions(release.id).filter(d => d.kind === 'story');
      this.top = { reads, children: reads.children(release.id), stories };
      walked = true;
    }
    const parts = new Map<Item, Part>();
    for (const child of this.top.children) {
      let part = this.parts.get(child);
      if (!part || stale(part.reads)) {
        part = partOf(this.index, release.id, child);
        walked = true;
      }
      parts.set(child, part);
    }
    if (parts.size !== this.parts.size) walked = true;
    this.parts = parts;
    return walked;
  }

  private sum(release: Item): ReleaseStatus {
    const stories = new Set<Item>(this.top?.stories);
    let covered = 0;
    let total = 0;
    for (const part of this.parts.values()) {
      for (const s of part.stories) stories.add(s);
      covered += part.covered;
      total += part.total;
    }
    const p = progressOfStories([...stories]);
    return {
      id: release.id,
      title: typeof release.fields.title === 'string' ? release.fields.title : '',
      stories: { done: p.done, total: p.total, percent: percent(p.done, p.total) },
      requirements: { covered, total, percent: percent(covered, total) },
    };
  }

  /** Follow the changed files; their fact changes, unless nothing was walked yet that they could touch. */
  private follow(): FactChanges | undefined {
    const changes = this.top ? noFactChanges() : undefined;
    followFiles(this.index, this.seen, (uri, old, file) => {
      if (changes) diffFacts(old, file, changes, { contents: false });
      const now = file?.items.filter(i => i.kind === 'release' && i.fields.horizon === 'now') ?? [];
      if (now.length) this.nowByUri.set(uri, now);
      else this.nowByUri.delete(uri);
    });
    return changes;
  }

  private choose(): Item | undefined {
    const now = [...this.nowByUri.values()].flat().sort(compareSource);
    return now.find(r => r.fields.status === 'in-progress') ?? now[0];
  }
}

/** What the release rolls up through one of its children, and what finding that read. */
interface Part {
  reads: GraphReader;
  /** The stories under the child (graph/progress.ts `storiesThrough`). */
  stories: readonly Item[];
  /** The coverage of the child's PRDs when the child is an epic (counted per PRD, as the status bar counts). */
  covered: number;
  total: number;
}

function partOf(index: ReadonlyIndex, releaseId: string, child: Item): Part {
  const reads = new GraphReader(index);
  reads.definitions(child.id);
  const stories = new Set<Item>();
  storiesThrough(reads, releaseId, child, stories);
  let covered = 0;
  let total = 0;
  if (child.kind === 'epic')
    for (const prd of reads.children(child.id).filter(c => c.kind === 'prd')) {
      const c = coverageOf(reads, prd.id);
      covered += c.covered.length;
      total += c.total;
    }
  return { reads, stories: [...stories], covered, total };
}

/**
 * Whether a change touches what was read: an ID read either way whose
 * definitions changed, or one whose links or contained items were read and
 * changed. (`children` reads an ID's definitions through its links — their
 * kinds — so a changed definition is checked against both sets.) Of the
 * items read, the walk uses kinds and statuses, which `definitions` follows
 * (factDiff.ts), and the release's horizon and title, read from the release
 * item itself, whose file is replaced when they change.
 */
function touches(changes: FactChanges, reads: GraphReader): boolean {
  const read = (id: string): boolean => reads.definitionReads.has(id) || reads.linkReads.has(id);
  for (const id of changes.definitions) if (read(id)) return true;
  for (const id of changes.links) if (reads.linkReads.has(id)) return true;
  return false;
}
