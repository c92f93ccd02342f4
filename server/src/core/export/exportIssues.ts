import { acceptancePlaceholder } from '../checks/missingAcceptance';
import { ItemTree } from '../graph/itemTree';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { priorities, statusOf } from '../model';
import { isRead } from '../parse/unread';
import { compareItemIds } from '../text/compareIds';
import { itemTitle } from '../text/itemTitle';
import { oneLine } from '../text/oneLine';
import type { Item, ItemKind } from '../types';

/**
 * Which items `specwright export` hands to a tracker, and what each says,
 * the same for every format (jiraCsv.ts, linearCsv.ts, githubJson.ts): epics
 * and stories (and requirements, by flag), parents before children.
 *
 * The parent of a story and of a requirement is the epic the item tree
 * (graph/itemTree.ts) hangs it under (story → requirement → PRD → epic), so
 * the export has the roadmap's shape and no rule of its own about it.
 */

export type Priority = (typeof priorities)[number];
export type IssueKind = 'epic' | 'story' | 'requirement';

/** One issue to create in a tracker. */
export interface ExportIssue {
  /** The spec item's ID. */
  id: string;
  kind: IssueKind;
  /** Its title on one line (the ID when it has none). */
  title: string;
  /** Its status (`draft` when it has none). */
  status: string;
  /** MoSCoW: its own, or for a story without one, the highest of the requirements it implements. */
  priority?: Priority;
  /** A story's estimate. */
  estimate?: number;
  /** The release it ships in: an epic's, a story's iteration's (else its epic's), a requirement's epic's. */
  release?: string;
  /** The epic it belongs to, if any. */
  parent?: {
    id: string;
    title: string;
    /** Whether the parent is exported too (listed earlier); otherwise `ticket` is where it already is. */
    exported: boolean;
    /** The parent's first ticket, when it already has one and is left out. */
    ticket?: string;
  };
  /** Paragraphs of its text, in order: summary, problem and outcome; the user story; statement and rationale; description. */
  text: string[];
  /** Its acceptance criteria, one sentence each. */
  criteria: string[];
  /** What a story implements, as `REQ-1 Title`. */
  implements: string[];
  /** Its file, as the caller names files. */
  file: string;
}

export interface ExportOptions {
  /** Only this release's epics and what belongs to them. */
  release?: string;
  /** Requirements too, as sub-tasks of their epic. */
  requirements?: boolean;
  /** Items that already have a ticket too. */
  all?: boolean;
  /** A file's name as the output shows it. */
  displayPath: (uri: string) => string;
}

export type ExportResult =
  | { ok: true; issues: ExportIssue[]; leftOut: string[] }
  | { ok: false; problem: 'unknown-release'; suggestions: string[] }
  | { ok: false; problem: 'not-a-release'; kind: ItemKind };

/** The kinds in the order a tracker needs them: a parent's row comes before its children's. */
const order: readonly IssueKind[] = ['epic', 'story', 'requirement'];

/**
 * The issues to export: every epic and story (with `requirements`, every
 * requirement) of the workspace, or of one release; items that already have
 * a ticket are left out (`leftOut`, by ID) unless `all`. Each item is its
 * first definition's (a duplicated ID is exported once).
 */
export function exportIssues(index: ReadonlyIndex, options: ExportOptions): ExportResult {
  if (options.release !== undefined) {
    const defs = index.definitions(options.release);
    if (!defs.length)
      return {
        ok: false,
        problem: 'unknown-release',
        suggestions: index.closestIds(options.release, ['release']),
      };
    if (!defs.some(d => d.kind === 'release'))
      return { ok: false, problem: 'not-a-release', kind: defs[0].kind };
  }
  const tree = new ItemTree(index);
  const epicOf = (item: Item): Item | undefined => {
    let at: Item | undefined = item;
    while (at && at.kind !== 'epic') at = tree.parent(at);
    return at;
  };
  const releaseOf = (epic: Item | undefined): string | undefined =>
    epic ? tree.parent(epic)?.id : undefined;

  const wanted = new Set<ItemKind>(options.requirements ? order : order.slice(0, 2));
  const chosen: Item[] = [];
  for (const item of index.items()) {
    if (!wanted.has(item.kind) || index.definitions(item.id)[0] !== item) continue;
    const epic = epicOf(item);
    if (options.release !== undefined && releaseOf(epic) !== options.release) continue;
    chosen.push(item);
  }
  chosen.sort(
    (a, b) => order.indexOf(a.kind as IssueKind) - order.indexOf(b.kind as IssueKind) || compareItemIds(a, b),
  );

  const leftOut = new Set<string>();
  if (!options.all) for (const item of chosen) if (ticketsOf(item).length) leftOut.add(item.id);
  const issues: ExportIssue[] = [];
  for (const item of chosen) {
    if (leftOut.has(item.id)) continue;
    const epic = epicOf(item);
    const kind = item.kind as IssueKind;
    issues.push({
      id: item.id,
      kind,
      title: itemTitle(item) || item.id,
      status: statusOf(item.fields),
      ...definedOnly({
        priority: priorityOf(index, item),
        estimate: typeof item.fields.estimate === 'number' ? item.fields.estimate : undefined,
        release: kind === 'epic' ? releaseOf(item) : (iterationRelease(index, item) ?? releaseOf(epic)),
        parent:
          epic && epic !== item
            ? {
                id: epic.id,
                title: itemTitle(epic) || epic.id,
                exported: !leftOut.has(epic.id),
                ...definedOnly({ ticket: leftOut.has(epic.id) ? ticketsOf(epic)[0] : undefined }),
              }
            : undefined,
      }),
      text: textOf(index, item),
      criteria: criteriaOf(item),
      implements: kind === 'story' ? implemented(index, item).map(r => `${r.id} ${itemTitle(r)}`.trim()) : [],
      file: options.displayPath(item.uri),
    });
  }
  return { ok: true, issues, leftOut: [...leftOut] };
}

/** The tickets an item names (the optional `tickets` list): it is already in a tracker when there is one. */
export function ticketsOf(item: Item): string[] {
  const value = item.fields.tickets;
  if (!Array.isArray(value) || !isRead(item, 'tickets')) return [];
  return value.filter((t): t is string => typeof t === 'string' && t.trim() !== '').map(t => t.trim());
}

/** An item's own priority; a story without one takes the highest of the requirements it implements. */
function priorityOf(index: ReadonlyIndex, item: Item): Priority | undefined {
  const own = moscow(item);
  if (own !== undefined || item.kind !== 'story') return own;
  const ranks = implemented(index, item)
    .map(moscow)
    .filter((p): p is Priority => p !== undefined)
    .map(p => priorities.indexOf(p));
  return ranks.length ? priorities[Math.min(...ranks)] : undefined;
}

function moscow(item: Item): Priority | undefined {
  const p = item.fields.priority;
  return isRead(item, 'priority') && (priorities as readonly unknown[]).includes(p)
    ? (p as Priority)
    : undefined;
}

/** The requirements a story implements, as written (links that name no requirement left out). */
function implemented(index: ReadonlyIndex, story: Item): Item[] {
  const out: Item[] = [];
  for (const l of story.links) {
    if (l.field !== 'implements' || l.unread) continue;
    const def = index.definitions(l.target).find(d => d.kind === 'requirement');
    if (def && !out.includes(def)) out.push(def);
  }
  return out;
}

/** The release of the iteration that holds a story, when it names one that exists. */
function iterationRelease(index: ReadonlyIndex, story: Item): string | undefined {
  if (story.kind !== 'story' || !story.parent) return undefined;
  const iteration = index.definitions(story.parent).find(d => d.kind === 'iteration' && d.uri === story.uri);
  const link = iteration?.links.find(l => l.field === 'release' && !l.unread);
  return link && index.definitions(link.target).some(d => d.kind === 'release') ? link.target : undefined;
}

/** The paragraphs of an item's text, each as written (line breaks kept, ends trimmed). */
function textOf(index: ReadonlyIndex, item: Item): string[] {
  const field = (key: string): string | undefined => {
    const v = item.fields[key];
    return typeof v === 'string' && v.trim() !== '' && isRead(item, key) ? v.trim() : undefined;
  };
  const labelled = (label: string, key: string): string | undefined => {
    const v = field(key);
    return v === undefined ? undefined : `${label}: ${v}`;
  };
  const out: (string | undefined)[] = [];
  switch (item.kind) {
    case 'epic':
      out.push(field('summary'), labelled('Problem', 'problem'), labelled('Outcome', 'outcome'));
      break;
    case 'story':
      out.push(userStory(index, item));
      break;
    case 'requirement':
      out.push(field('statement'), labelled('Rationale', 'rationale'));
      break;
  }
  out.push(field('description'));
  return out.filter((p): p is string => p !== undefined);
}

/** "As Maya (P-PARENT), I want …, so that …", from what the story has of it (the persona's name when it has one). */
function userStory(index: ReadonlyIndex, story: Item): string | undefined {
  const text = (key: string): string | undefined => {
    const v = story.fields[key];
    return typeof v === 'string' && isRead(story, key) && oneLine(v) !== '' ? oneLine(v) : undefined;
  };
  const persona = text('as_a');
  const name = persona ? itemTitle(index.definitions(persona).find(d => d.kind === 'persona')) : '';
  const parts = [
    persona && (name ? `As ${name} (${persona})` : `As a ${persona}`),
    text('i_want') && `I want ${text('i_want')}`,
    text('so_that') && `so that ${text('so_that')}`,
  ].filter((p): p is string => !!p);
  if (!parts.length) return undefined;
  const sentence = parts.join(', ');
  return `${sentence[0].toUpperCase()}${sentence.slice(1)}${/[.!?]$/.test(sentence) ? '' : '.'}`;
}

/**
 * The acceptance criteria, one line each: a string as written, a
 * `{given, when, then}` criterion as "Given …, when …, then …"; the
 * placeholder the quick fix inserts is no criterion.
 */
function criteriaOf(item: Item): string[] {
  const value = item.fields.acceptance_criteria;
  if (!Array.isArray(value) || !isRead(item, 'acceptance_criteria')) return [];
  const out: string[] = [];
  for (const c of value) {
    let text = '';
    if (typeof c === 'string' || typeof c === 'number') text = oneLine(String(c));
    else if (c && typeof c === 'object') {
      const g = c as Record<string, unknown>;
      text = (['given', 'when', 'then'] as const)
        .filter(k => typeof g[k] === 'string' && oneLine(g[k]) !== '')
        .map(k => `${k} ${oneLine(g[k] as string)}`)
        .join(', ');
      text = text && `${text[0].toUpperCase()}${text.slice(1)}`;
    }
    if (text !== '' && text !== acceptancePlaceholder) out.push(text);
  }
  return out;
}

/** An object without its undefined values (the issues are compared and printed whole). */
function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
