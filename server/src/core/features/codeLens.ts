import type { CodeLens, Command, Location } from 'vscode-languageserver-types';
import { formatNumber } from '../text/numbers';
import {
  coverageOf,
  implementersOf,
  percent,
  progressOf,
  progressOfStories,
  requirementsOf,
  riceScore,
  type Progress,
} from '../graph/progress';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import type { WorkspaceView } from '../workspaceView';
import type { Item, Position } from '../types';
import { compareLocations } from './edits';
import { idText } from './idAt';
import { linksToReview } from './linksToReview';
import { evidenceOf, evidenceTitle, tracesConfigured } from './traceEvidence';

/** The client command a resolved lens runs: VS Code's references peek, via the extension. */
export const showReferencesCommand = 'specwright.showReferences';

/**
 * The client command of the requirement's code-and-tests lens: a pick list
 * of its code references and tests (arguments `[uri, position, entries]`,
 * entries as traceEvidence.ts words them, outcomes included), each opening
 * its place.
 */
export const showCodeAndTestsCommand = 'specwright.showCodeAndTests';

/** What a lens carries from `codeLenses` to `resolveCodeLens` (plain JSON). */
export interface CodeLensData {
  uri: string;
  id: string;
  /** The lens of the links to the item that wait for a review (`3 links to review`). */
  review?: true;
  /** A requirement's lens of its code references and tests (`2 code · 3 tests (1 failing)`). */
  trace?: true;
}

/** An unresolved lens: where it goes, and what to resolve it from. */
export interface SpecCodeLens extends CodeLens {
  data: CodeLensData;
}

const lensKinds: ReadonlySet<string> = new Set(['requirement', 'prd', 'epic', 'release']);

/**
 * Where a file's lenses go: on the ID of every requirement, PRD, epic and
 * release, and on the ID of every item with links to it that wait for a
 * review (whose findings are read here: the lens is there only when it has
 * a count). Titles are computed by `resolveCodeLens`, for visible lenses only.
 */
export function codeLenses(service: WorkspaceView, uri: string): SpecCodeLens[] {
  const file = service.index.files.get(uri);
  if (!file) return [];
  const toReview = linksToReview(service, new Set(file.items.map(i => i.id)));
  const traced = tracesConfigured(service, uri);
  const out: SpecCodeLens[] = [];
  for (const item of file.items) {
    if (lensKinds.has(item.kind)) out.push({ range: item.idRange, data: { uri, id: item.id } });
    if (traced && item.kind === 'requirement')
      out.push({ range: item.idRange, data: { uri, id: item.id, trace: true } });
    if (toReview.has(item.id)) out.push({ range: item.idRange, data: { uri, id: item.id, review: true } });
  }
  return out;
}

/**
 * A lens's title and command, from the index as it is now:
 * - requirement: `implemented by N stories · M done` (`no stories yet`)
 * - PRD: `K/N requirements covered · progress X%`
 * - epic: `RICE 12.5 · N PRDs · progress X%` (no RICE part while `rice` is incomplete)
 * - release: `N epics · X% of stories done`
 *
 * - any item with links waiting for a review: `N links to review`
 * - a requirement, where `trace:` is configured: `2 code · 3 tests (1 failing)`
 *   (graph/verification.ts: references to it, its acceptance criteria and its
 *   stories; tests are the results' runs, else the test files' references);
 *   its command lists them (`showCodeAndTestsCommand`)
 *
 * Progress counts the stories under the item; cancelled stories are left out.
 * The command (arguments `[uri, position, locations]`) shows the links the
 * numbers come from. Undefined when the item is no longer defined in that file.
 */
export function resolveCodeLens(service: WorkspaceView, data: CodeLensData): Command | undefined {
  const index = service.index;
  const item = index.definitions(data.id).find(d => d.uri === data.uri);
  if (!item) return undefined;
  const position: Position = idText(item.idRange, item.id).range.start;
  if (data.trace) {
    const e = evidenceOf(service, item);
    const entries = [...e.code, ...e.tests];
    return {
      title: evidenceTitle(e.verification),
      command: showCodeAndTestsCommand,
      arguments: [data.uri, position, entries],
    };
  }
  const lens = data.review ? reviewLens(service, item) : describe(index, item);
  if (!lens) return undefined;
  const locations = lens.links.sort(compareLocations);
  return { title: lens.title, command: showReferencesCommand, arguments: [data.uri, position, locations] };
}

function describe(index: ReadonlyIndex, item: Item): { title: string; links: Location[] } | undefined {
  switch (item.kind) {
    case 'requirement': {
      const stories = implementersOf(index, item.id);
      const p = progressOfStories(stories);
      const parts =
        stories.length === 0
          ? ['no stories yet']
          : [`implemented by ${count(p.stories, 'story', 'stories')}`, `${p.done} done`];
      if (p.cancelled) parts.push(`${p.cancelled} cancelled`);
      return { title: parts.join(' · '), links: linksTo(index, [item.id], 'implements', 'story') };
    }
    case 'prd': {
      const c = coverageOf(index, item.id);
      // Coverage counts committed requirements only (graph/coverage.ts).
      const parts = [
        c.total
          ? `${c.covered.length}/${count(c.total, 'requirement', 'requirements')} covered`
          : 'no requirement committed yet',
      ];
      const p = progressOf(index, item.id);
      if (p.total) parts.push(progressText(p));
      return {
        title: parts.join(' · '),
        links: linksTo(
          index,
          requirementsOf(index, item.id).map(r => r.id),
          'implements',
          'story',
        ),
      };
    }
    case 'epic': {
      const parts: string[] = [];
      const rice = riceScore(item.fields);
      if (rice !== undefined) parts.push(`RICE ${formatNumber(rice)}`);
      const prds = index.children(item.id).filter(c => c.kind === 'prd');
      parts.push(count(prds.length, 'PRD', 'PRDs'));
      const p = progressOf(index, item.id);
      if (p.total) parts.push(progressText(p));
      return { title: parts.join(' · '), links: linksTo(index, [item.id], 'epic', 'prd') };
    }
    case 'release': {
      const epics = index.children(item.id).filter(c => c.kind === 'epic');
      const parts = [count(epics.length, 'epic', 'epics'), releaseProgress(progressOf(index, item.id))];
      return { title: parts.join(' · '), links: linksTo(index, [item.id], 'release', 'epic') };
    }
    default:
      return undefined;
  }
}

/** The links to an item that wait for a review (suspect-link, unreviewed-link), if any. */
function reviewLens(service: WorkspaceView, item: Item): { title: string; links: Location[] } | undefined {
  const links = linksToReview(service, new Set([item.id])).get(item.id);
  return links && { title: `${count(links.length, 'link', 'links')} to review`, links };
}

function releaseProgress(p: Progress): string {
  return p.total === 0 ? 'no stories yet' : progressText(p);
}

/** The one progress measure, labelled as everywhere: stories done of those that count. */
function progressText(p: Progress): string {
  return `${percent(p.done, p.total)}% of stories done`;
}

/** The links in `field` (from items of `holderKind`, if given) that name one of the IDs. */
function linksTo(
  index: ReadonlyIndex,
  ids: readonly string[],
  field: string,
  holderKind?: string,
): Location[] {
  const out: Location[] = [];
  for (const id of ids) {
    for (const l of index.incoming(id)) {
      if (l.field === field && (!holderKind || l.holder.kind === holderKind))
        out.push({ uri: l.uri, range: idText(l.range, id).range });
    }
  }
  return out;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
