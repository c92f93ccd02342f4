import { MarkupKind, type Hover, type MarkupContent } from 'vscode-languageserver-types';
import { formatNumber } from '../text/numbers';
import {
  coverageOf,
  implementersOf,
  progressOf,
  progressOfStories,
  requirementsOf,
  riceScore,
  type Progress,
} from '../graph/progress';
import { parentsOf } from '../graph/trace';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { idPattern, linkFields, statuses, statusOf } from '../model';
import { fileKind } from '../parse/fileKind';
import { describeKey, type KeyInfo } from '../schema/schemas';
import type { WorkspaceView } from '../workspaceView';
import { mdCode, mdLinkTarget, mdParagraphs, mdText } from '../text/markdown';
import type { DocKind, Item, ItemKind, Position, Range } from '../types';
import { acceptanceCriterion } from './codeReferences';
import { idAt } from './idAt';
import { suspectLinkAt, suspectMarkdown, type ReviewedLookup } from './suspectLinks';
import { indexContext } from './indexContext';
import { yamlContext, type CursorPlace, type PathSegment } from './yamlContext';
import { itemTitle } from '../text/itemTitle';
import type { TicketTemplate } from '../config';
import { ticketLinksOf } from '../tickets';

/** LSP's Hover as Specwright answers it: Markdown contents, and the range of the word hovered. */
export interface MarkdownHover extends Hover {
  contents: MarkupContent;
  range: Range;
}

/**
 * What the thing under the cursor is:
 * - an ID (its definition or a link to it): a card with its kind, title,
 *   status, priority, owner and place, the chain above it (story →
 *   requirement → PRD → epic → release → goals), what rolls up into it, and
 *   an epic's RICE score;
 *   on a suspect link, what changed since the link's review (the fields,
 *   old → new once `reviewed` knows the reviewed version);
 * - an ID that no item has: that it is not defined, and the closest IDs of
 *   the kind the field takes;
 * - a key: what the schema says it is for;
 * - a `status`, `priority`, `horizon` (any enum) value: what the value means.
 *
 * IDs are read from the index, so they hover in closed files too; keys and
 * values need the open document.
 */
export function hover(
  service: WorkspaceView,
  uri: string,
  position: Position,
  reviewed?: ReviewedLookup,
): MarkdownHover | undefined {
  const index = service.index;
  const at = idAt(service, uri, position);
  if (at) {
    const holder = at.link ? index.files.get(uri)?.items.find(i => i.links.includes(at.link!)) : undefined;
    const targets = holder && at.link ? linkFields[holder.kind][at.link.field]?.targets : undefined;
    // A suspect link also says what changed since its review (suspectLinks.ts).
    const suspect = at.link ? suspectLinkAt(service, uri, at.link.range) : undefined;
    const card = idMarkdown(service, at.id, targets) + criterionMarkdown(index, at.id, at.reference?.ac);
    return markdown(
      suspect ? `${card}\n\n${suspectMarkdown(service, suspect, reviewed?.(suspect))}` : card,
      at.range,
    );
  }

  const kind = fileKind(uri);
  if (!kind) return undefined;
  // An item's own key or value: from the index when it can tell, so that a
  // first hover in a file does not build the file's syntax tree.
  const text = service.openText(uri);
  const file = index.files.get(uri);
  const quick = text !== undefined && file ? indexContext(text, kind, file, position) : undefined;
  if (quick)
    return schemaHover(service, uri, kind, quick.place, quick.schemaPath, quick.word, quick.wordRange);

  const ctx = yamlContext(service, uri, position);
  if (!ctx || ctx.word === '') return undefined;
  // An ID the index does not have yet (the document is momentarily invalid).
  if (ctx.link && ctx.place === 'value' && idPattern.test(ctx.word)) {
    return markdown(idMarkdown(service, ctx.word, ctx.link.targets), ctx.wordRange);
  }
  return schemaHover(service, uri, kind, ctx.place, ctx.path, ctx.word, ctx.wordRange);
}

/** On a key, what the schema says it is for; on an enum value, what the value means. */
function schemaHover(
  service: WorkspaceView,
  uri: string,
  kind: DocKind,
  place: CursorPlace,
  path: readonly PathSegment[],
  word: string,
  wordRange: Range,
): MarkdownHover | undefined {
  // A team's schema (`.specwright.yaml` `schemas:`) describes the keys it adds.
  const team = service.extensionSchema(uri);
  if (place === 'key') {
    const info = describeKey(kind, path, team);
    return info ? markdown(keyMarkdown(String(path[path.length - 1]), info), wordRange) : undefined;
  }
  if (place === 'value') {
    const info = describeKey(kind, path, team);
    const i = info?.enum?.indexOf(word) ?? -1;
    if (info && i >= 0) return markdown(enumMarkdown(path, info, i), wordRange);
  }
  return undefined;
}

/** On `REQ-101#2` in a code or test file: the criterion it names (or that there is none). */
function criterionMarkdown(index: ReadonlyIndex, id: string, ac: number | undefined): string {
  const item = ac === undefined ? undefined : index.definitions(id)[0];
  if (!item || ac === undefined) return '';
  const text = acceptanceCriterion(item, ac);
  return text === undefined
    ? `\n\n${mdText(item.id)} has no acceptance criterion ${ac}`
    : `\n\nAcceptance criterion ${ac}: ${mdText(text)}`;
}

function markdown(value: string, range: Range): MarkdownHover {
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}

// ---------------------------------------------------------------------------
// IDs

function idMarkdown(service: WorkspaceView, id: string, targets: readonly ItemKind[] | undefined): string {
  const index = service.index;
  const defs = index.definitions(id);
  return defs.length
    ? itemCard(index, defs[0], defs.length, service.ticketTemplates(defs[0].uri))
    : unresolvedCard(index, id, targets);
}

/** The card of an item, as shown on its ID; its tickets link where one of `tickets` matches. */
export function itemCard(
  index: ReadonlyIndex,
  item: Item,
  definitions = 1,
  tickets: readonly TicketTemplate[] = [],
): string {
  const out: string[] = [];
  const title = itemTitle(item);
  out.push(`**${kindLabel(item.kind)} ${mdText(item.id)}**${title ? ` — ${mdText(title)}` : ''}`);

  const facts: string[] = [`status ${mdCode(statusOf(item.fields))}`];
  for (const key of ['priority', 'horizon'] as const) {
    const v = item.fields[key];
    if (typeof v === 'string') facts.push(`${key} ${mdCode(v)}`);
  }
  if (typeof item.fields.owner === 'string') facts.push(`owner ${mdText(item.fields.owner)}`);
  out.push(facts.join(' · '));
  const ticketLinks = ticketLinksOf(item, tickets);
  if (ticketLinks.length)
    out.push(
      `Tickets: ${ticketLinks.map(t => (t.url ? `[${mdText(t.ticket)}](${mdLinkTarget(t.url)})` : mdText(t.ticket))).join(' · ')}`,
    );

  const chain = upstreamChain(index, item);
  if (chain.length) {
    out.push(
      [
        'Upstream:',
        ...chain.map(
          level =>
            `- ${level.map(i => `${kindLabel(i.kind)} ${mdCode(i.id)}${itemTitle(i) ? ` ${mdText(itemTitle(i))}` : ''}`).join(', ')}`,
        ),
      ].join('\n'),
    );
  }
  const rollup = rollupOf(index, item);
  if (rollup.length) out.push(rollup.join(' · '));

  const place = `${fileName(item.uri)}:${item.idRange.start.line + 1}`;
  out.push(
    `[${mdText(place)}](${mdLinkTarget(`${item.uri}#L${item.idRange.start.line + 1}`)})${definitions > 1 ? ` — defined ${definitions} times` : ''}`,
  );
  return out.join('\n\n');
}

function unresolvedCard(index: ReadonlyIndex, id: string, targets: readonly ItemKind[] | undefined): string {
  const out = [`**${mdText(id)}** is not defined in this workspace.`];
  const near = index.closestIds(id, targets);
  if (near.length) {
    out.push(
      `Did you mean ${near
        .map(n => {
          const t = itemTitle(index.definitions(n)[0]);
          return `${mdCode(n)}${t ? ` (${mdText(t)})` : ''}`;
        })
        .join(', ')}?`,
    );
  }
  return out.join('\n\n');
}

/** The fields followed upstream, one per kind: the product chain and nothing beside it. */
const chainField: Partial<Record<ItemKind, string>> = {
  story: 'implements',
  requirement: 'parent',
  prd: 'epic',
  epic: 'release',
  release: 'goals',
  iteration: 'release',
};

/** The items above an item, level by level (each item once). */
export function upstreamChain(index: ReadonlyIndex, item: Item): Item[][] {
  const levels: Item[][] = [];
  const seen = new Set<Item>([item]);
  let current = [item];
  while (current.length && levels.length < 8) {
    const next: Item[] = [];
    for (const i of current) {
      for (const p of parentsOf(index, i)) {
        if (p.via !== chainField[i.kind] || seen.has(p.item)) continue;
        seen.add(p.item);
        next.push(p.item);
      }
    }
    if (next.length) levels.push(next);
    current = next;
  }
  return levels;
}

/** What rolls up into an item, in words: `stories 2/3 done`, `requirements 5 (3 approved)`, `epics 4`, `RICE 12.5`. */
export function rollupOf(index: ReadonlyIndex, item: Item): string[] {
  const parts: string[] = [];
  switch (item.kind) {
    case 'requirement':
      parts.push(storiesPart(progressOfStories(implementersOf(index, item.id))));
      break;
    case 'prd': {
      const reqs = requirementsOf(index, item.id);
      parts.push(`requirements ${reqs.length}${byStatus(reqs)}`);
      const c = coverageOf(index, item.id);
      if (c.total) parts.push(`covered ${c.covered.length}/${c.total}`);
      parts.push(storiesPart(progressOf(index, item.id)));
      break;
    }
    case 'epic': {
      const rice = riceScore(item.fields);
      if (rice !== undefined) parts.push(`RICE ${formatNumber(rice)}`);
      parts.push(`PRDs ${index.children(item.id).filter(c => c.kind === 'prd').length}`);
      parts.push(storiesPart(progressOf(index, item.id)));
      break;
    }
    case 'release':
      parts.push(`epics ${index.children(item.id).filter(c => c.kind === 'epic').length}`);
      parts.push(storiesPart(progressOf(index, item.id)));
      break;
    case 'iteration':
      parts.push(storiesPart(progressOf(index, item.id)));
      break;
    case 'roadmap':
      parts.push(`releases ${index.containedIn(item.id).length}`);
      break;
    case 'vision': {
      const kids = index.containedIn(item.id);
      parts.push(
        `goals ${kids.filter(k => k.kind === 'goal').length}`,
        `personas ${kids.filter(k => k.kind === 'persona').length}`,
      );
      break;
    }
    default:
      break;
  }
  return parts;
}

function storiesPart(p: Progress): string {
  if (p.stories === 0) return 'no stories yet';
  return `stories ${p.done}/${p.total} done${p.cancelled ? ` (${p.cancelled} cancelled)` : ''}`;
}

/** ` (1 draft, 3 approved, 1 done)`: counts by status, in the order of the workflow. */
function byStatus(items: readonly Item[]): string {
  if (!items.length) return '';
  const counts = new Map<string, number>();
  for (const i of items) counts.set(statusOf(i.fields), (counts.get(statusOf(i.fields)) ?? 0) + 1);
  const order = [
    ...statuses,
    ...[...counts.keys()].filter(s => !(statuses as readonly string[]).includes(s)),
  ];
  return ` (${order
    .filter(s => counts.has(s))
    .map(s => `${counts.get(s)} ${s}`)
    .join(', ')})`;
}

export function kindLabel(kind: ItemKind): string {
  return kind === 'prd' ? 'PRD' : kind[0].toUpperCase() + kind.slice(1);
}

function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

// ---------------------------------------------------------------------------
// Keys and values

function keyMarkdown(key: string, info: KeyInfo): string {
  const out = [`**${mdText(key)}**${info.required ? ' (required)' : ''}${info.team ? ' — team schema' : ''}`];
  if (info.description) out.push(mdParagraphs(info.description));
  if (info.enum) out.push(enumList(info));
  return out.join('\n\n');
}

function enumMarkdown(path: readonly (string | number)[], info: KeyInfo, i: number): string {
  const key = [...path].reverse().find((s): s is string => typeof s === 'string') ?? '';
  const value = info.enum![i];
  const meaning = info.enumDescriptions?.[i];
  const out = [
    `**${mdText(key)}: ${mdCode(String(value))}**${info.default === value ? ' (the default)' : ''}`,
  ];
  if (meaning) out.push(mdParagraphs(meaning));
  return out.join('\n\n');
}

function enumList(info: KeyInfo): string {
  return info
    .enum!.map(
      (v, i) =>
        `- ${mdCode(String(v))}${info.enumDescriptions?.[i] ? ` — ${mdText(info.enumDescriptions[i])}` : ''}`,
    )
    .join('\n');
}
