import { DiagnosticCode } from '../codes';
import { reviewTarget } from '../reviews/reviewedLinks';
import { fieldChanges, type FieldChange } from '../reviews/semanticDiff';
import { fieldMarkdown } from '../reviews/changeMarkdown';
import type { ContentPrint } from '../reviews/fingerprint';
import type { ReviewedVersion } from '../reviews/reviewedVersion';
import type { WorkspaceView } from '../workspaceView';
import { mdCode, mdText } from '../text/markdown';
import type { Item, Range } from '../types';
import { isUnder } from '../workspace';

/**
 * A link that is suspect (docs/format.md, "Review stamps and suspect
 * links"), read from the `suspect-link` finding the service reports for it:
 * one code path for the finding, the hover, the Review Changes list and the
 * views' marks.
 */
export interface SuspectLink {
  /** The item that holds the link, its file and the range of the link's ID. */
  from: string;
  field: string;
  uri: string;
  range: Range;
  /** The upstream item, where it is defined now, and the range of its `id` value. */
  target: string;
  targetUri: string;
  targetRange: Range;
  /** The content fields that changed since the review (in field order). */
  changed: string[];
  /** The stamp was made under a longer list of content fields (`reviews.content` lost one since). */
  fieldListChanged: boolean;
  /** The stamp the link was reviewed with. */
  stamp: string;
  /**
   * The root folder that keeps the stamps, and the upstream file relative to
   * it (`/`): where git may have the reviewed version. Absent when the
   * upstream file lies outside that root.
   */
  rootUri: string;
  targetPath?: string;
  /** The upstream item's content fields (its kind's, with the root's `reviews.content`), one per fingerprint segment. */
  content: Pick<ContentPrint, 'fields' | 'builtin'>;
}

/** Looks up the reviewed version of a suspect link's target, from what is known now (never waits). */
export type ReviewedLookup = (link: SuspectLink) => ReviewedVersion | undefined;

function relativePath(uri: string, root: string): string {
  return decodeURIComponent(uri.slice(root.replace(/\/+$/, '').length + 1));
}

/** The suspect links held by the items of one file, in source order. */
export function suspectLinksOf(service: WorkspaceView, uri: string): SuspectLink[] {
  const roots = service.reviewRoots().filter(r => isUnder(uri, r));
  if (!roots.length) return [];
  const rootUri = roots.reduce((a, b) => (b.length > a.length ? b : a));
  const out: SuspectLink[] = [];
  for (const d of service.diagnostics(uri)) {
    if (d.code !== DiagnosticCode.suspectLink || !d.data) continue;
    const { from, field, target, changed, stamp, fieldListChanged } = d.data;
    if (typeof from !== 'string' || typeof field !== 'string' || typeof target !== 'string') continue;
    if (typeof stamp !== 'string' || !Array.isArray(changed)) continue;
    const up = upstreamItem(service, uri, from, field, target);
    if (!up) continue;
    const print = service.contentPrint(up, rootUri);
    out.push({
      from,
      field,
      uri,
      range: d.range,
      target,
      targetUri: up.uri,
      targetRange: up.idRange,
      changed: changed.filter((c): c is string => typeof c === 'string'),
      fieldListChanged: fieldListChanged === true,
      stamp,
      rootUri,
      content: { fields: print.fields, builtin: print.builtin },
      ...(isUnder(up.uri, rootUri) ? { targetPath: relativePath(up.uri, rootUri) } : {}),
    });
  }
  return out;
}

/** Every suspect link of the workspace, by file URI then source order. */
export function allSuspectLinks(service: WorkspaceView): SuspectLink[] {
  const roots = service.reviewRoots();
  if (!roots.length) return [];
  return [...service.index.files.keys()]
    .filter(uri => roots.some(r => isUnder(uri, r)))
    .sort()
    .flatMap(uri => suspectLinksOf(service, uri));
}

/**
 * The upstream IDs an item's suspect links point at, each once: what a
 * tree row (roadmap, trace) marks as changed since review. `cache` holds
 * each file's suspect links for the rows of one answer.
 */
export function suspectTargets(
  service: WorkspaceView,
  item: Item,
  cache: Map<string, SuspectLink[]>,
): string[] {
  let links = cache.get(item.uri);
  if (!links) cache.set(item.uri, (links = suspectLinksOf(service, item.uri)));
  return [...new Set(links.filter(l => l.from === item.id).map(l => l.target))];
}

/** The suspect link whose ID is at `range` in `uri`, if that link is suspect. */
export function suspectLinkAt(service: WorkspaceView, uri: string, range: Range): SuspectLink | undefined {
  return suspectLinksOf(service, uri).find(
    l =>
      l.range.start.line === range.start.line &&
      l.range.start.character === range.start.character &&
      l.range.end.line === range.end.line &&
      l.range.end.character === range.end.character,
  );
}

/**
 * What a hover on a suspect link adds to the card: the fields that changed
 * since the review, and, once the reviewed version is known from history,
 * each of them old → new (text as a word diff).
 */
export function suspectMarkdown(
  service: WorkspaceView,
  link: SuspectLink,
  reviewed: ReviewedVersion | undefined,
): string {
  const names = link.changed.map(f => mdCode(f)).join(', ');
  const out = [`**Changed since ${mdText(link.from)} was reviewed against it**${names ? `: ${names}` : ''}`];
  if (link.fieldListChanged)
    out.push('The content fields in `.specwright.yaml` (`reviews.content`) changed since the review.');
  const now = upstreamItem(service, link.uri, link.from, link.field, link.target);
  if (reviewed && now) {
    const lines = link.changed
      .flatMap(field => changeOf(now, field, reviewed.fields[field]))
      .flatMap(fieldMarkdown);
    if (lines.length) out.push(lines.join('\n'));
    out.push(`Reviewed version: ${mdCode(reviewed.commit.slice(0, 12))} (${mdCode(reviewed.path)})`);
  }
  return out.join('\n\n');
}

/**
 * One content field's change since the reviewed version (`was`), as the
 * semantic diff shows it. The field is
 * compared under a neutral name: the diff lists `priority` apart, as a
 * transition, but for a review it is content like any other field.
 */
function changeOf(item: Item, field: string, was: unknown): FieldChange[] {
  const one = (value: unknown): Item => ({ ...item, fields: { value } });
  return fieldChanges(one(was), one(item.fields[field])).map(c => ({ ...c, field }));
}

/** The item a link of `from` in `uri` is reviewed against: the definition its finding was computed from. */
function upstreamItem(
  service: WorkspaceView,
  uri: string,
  from: string,
  field: string,
  target: string,
): Item | undefined {
  const holder = service.index.files.get(uri)?.items.find(i => i.id === from);
  const link = holder?.links.find(l => l.field === field && l.target === target);
  if (!holder || !link) return undefined;
  return reviewTarget(holder.kind, link, service.index.definitions(target));
}
