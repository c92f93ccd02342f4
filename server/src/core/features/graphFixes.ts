import { hasAcceptanceCriteria } from '../checks/missingAcceptance';
import { isClosed, statuses, statusOf } from '../model';
import type { WorkspaceView } from '../workspaceView';
import type { Item, ItemKind, Position, Range } from '../types';
import type { TextEdit } from 'vscode-languageserver-types';
import { idText } from './idAt';

/**
 * Quick fixes for findings about how items relate (a dependency, a status
 * roll-up, a schedule) and for the local ones whose remedy is one edit
 * (dates in the wrong order, a wrong `kind`, an item that names no parent).
 * Each fix removes its finding and makes none: it edits values the finding
 * names, never adds placeholder text that would hide a problem.
 */

/** A fix before it becomes a code action: a title and edits by URI (codeActions.ts wraps it). */
export interface Fix {
  title: string;
  changes: Record<string, TextEdit[]>;
  isPreferred?: boolean;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function replace(uri: string, range: Range, newText: string): Record<string, TextEdit[]> {
  return { [uri]: [{ range, newText }] };
}

function defined(service: WorkspaceView, id: string | undefined, kind?: ItemKind): Item | undefined {
  return id === undefined ? undefined : service.index.definitions(id).find(d => !kind || d.kind === kind);
}

function itemIn(
  service: WorkspaceView,
  uri: string,
  id: string | undefined,
  kind?: ItemKind,
): Item | undefined {
  return (service.index.files.get(uri)?.items ?? []).find(i => i.id === id && (!kind || i.kind === kind));
}

// ---------------------------------------------------------------------------
// schedule-conflict: move the epic to its dependency's release, or drop the dependency

export function scheduleConflictFixes(service: WorkspaceView, uri: string, range: Range, data: Data): Fix[] {
  const epic = itemIn(service, uri, str(data.id), 'epic');
  const dep = defined(service, str(data.dependsOn), 'epic');
  if (!epic || !dep) return [];
  const out: Fix[] = [];
  const release = str(dep.fields.release);
  const at = epic.fieldRanges.release;
  if (release && at)
    out.push({
      title: `Move ${epic.id} to ${release} (the release of ${dep.id})`,
      changes: replace(uri, at, release),
      isPreferred: true,
    });
  const remove = removeListEntry(service, uri, range);
  if (remove)
    out.push({ title: `Remove the dependency of ${epic.id} on ${dep.id}`, changes: { [uri]: remove } });
  return out;
}

// ---------------------------------------------------------------------------
// status-rollup: set the item back to its children's status, or mark them done

/** Open statuses from least to most advanced. */
const openOrder = statuses.filter(s => !isClosed(s));

export function statusRollupFixes(service: WorkspaceView, uri: string, range: Range, data: Data): Fix[] {
  const id = str(data.id);
  const open = (Array.isArray(data.open) ? data.open : [])
    .map(o => defined(service, str(o)))
    .filter((i): i is Item => !!i && !isClosed(statusOf(i.fields)));
  if (!id || !open.length) return [];
  // The most advanced status among the open children: the parent is at least that far, and not done.
  const back = open
    .map(c => statusOf(c.fields))
    .sort((a, b) => openOrder.indexOf(b as never) - openOrder.indexOf(a as never))[0];
  const out: Fix[] = [
    { title: `Set ${id} back to ${back}`, changes: replace(uri, range, back), isPreferred: true },
  ];
  const all: Record<string, TextEdit[]> = {};
  for (const child of open) {
    if (!canBeDone(service, child)) continue;
    const edit = setStatus(service, child, 'done');
    if (!edit) continue;
    out.push({ title: `Mark ${child.id} done`, changes: { [child.uri]: [edit] } });
    (all[child.uri] ??= []).push(edit);
  }
  // All at once, when each of them can be: that alone clears the finding.
  if (open.length > 1 && out.length - 1 === open.length)
    out.push({ title: `Mark all ${open.length} open items done`, changes: all });
  return out;
}

/**
 * Marking an item done makes no finding of its own: its children are closed,
 * and a requirement or story has acceptance criteria (missing-acceptance).
 */
function canBeDone(service: WorkspaceView, item: Item): boolean {
  if (service.index.children(item.id).some(c => !isClosed(statusOf(c.fields)))) return false;
  if (item.kind !== 'requirement' && item.kind !== 'story') return true;
  return hasAcceptanceCriteria(item.fields.acceptance_criteria);
}

/** Set an item's status: replace the value, or add a `status:` line after its `id` when it has none. */
function setStatus(service: WorkspaceView, item: Item, status: string): TextEdit | undefined {
  const at = item.fieldRanges.status;
  if (at) return { range: at, newText: status };
  return addField(service, item, 'status', status);
}

/** A new `key: value` line right after the item's `id` line, at the column of its keys. */
function addField(service: WorkspaceView, item: Item, key: string, value: string): TextEdit | undefined {
  const idKey = item.keyRanges.id;
  if (!idKey) return undefined;
  const end = endOfLine(service, item.uri, item.idRange.end);
  return { range: { start: end, end }, newText: `\n${' '.repeat(idKey.start.character)}${key}: ${value}` };
}

// ---------------------------------------------------------------------------
// priority-inversion: raise the dependency, lower this one, or drop the dependency

export function priorityInversionFixes(service: WorkspaceView, uri: string, range: Range, data: Data): Fix[] {
  const req = itemIn(service, uri, str(data.id), 'requirement');
  const dep = defined(service, str(data.dependsOn), 'requirement');
  if (!req || !dep) return [];
  const out: Fix[] = [];
  const depAt = dep.fieldRanges.priority;
  if (depAt) {
    out.push({
      title: `Raise ${dep.id} to must`,
      changes: replace(dep.uri, depAt, 'must'),
      isPreferred: true,
    });
    out.push({ title: `Raise ${dep.id} to should`, changes: replace(dep.uri, depAt, 'should') });
  }
  const own = req.fieldRanges.priority;
  if (own) out.push({ title: `Lower ${req.id} to should`, changes: replace(uri, own, 'should') });
  const remove = removeListEntry(service, uri, range);
  if (remove)
    out.push({ title: `Remove the dependency of ${req.id} on ${dep.id}`, changes: { [uri]: remove } });
  return out;
}

// ---------------------------------------------------------------------------
// dependency-cycle: remove this edge

export function dependencyCycleFixes(service: WorkspaceView, uri: string, range: Range, data: Data): Fix[] {
  const from = str(data.id);
  const to = str(data.dependsOn);
  const remove = removeListEntry(service, uri, range);
  return remove && from && to
    ? [{ title: `Remove the dependency of ${from} on ${to}`, changes: { [uri]: remove } }]
    : [];
}

// ---------------------------------------------------------------------------
// date-order: swap the dates

export function dateOrderFixes(service: WorkspaceView, uri: string, range: Range): Fix[] {
  const item = (service.index.files.get(uri)?.items ?? []).find(
    i => i.fieldRanges.end && sameRange(i.fieldRanges.end, range),
  );
  const start = item && str(item.fields.start);
  const end = item && str(item.fields.end);
  if (!item || !start || !end || !item.fieldRanges.start) return [];
  return [
    {
      title: `Swap the start and end of ${item.id} (${end} to ${start})`,
      changes: {
        [uri]: [
          { range: item.fieldRanges.start, newText: end },
          { range, newText: start },
        ],
      },
      isPreferred: true,
    },
  ];
}

// ---------------------------------------------------------------------------
// link-kind: the closest ID of a kind the field takes

export function linkKindFixes(service: WorkspaceView, uri: string, range: Range, data: Data): Fix[] {
  const target = str(data.target);
  const kinds = Array.isArray(data.kinds) ? (data.kinds as ItemKind[]) : undefined;
  if (!target || !kinds) return [];
  const holder = itemIn(service, uri, str(data.from));
  const listed = new Set(holder?.links.filter(l => l.field === data.field).map(l => l.target) ?? []);
  const at = idText(range, target).range;
  // The wrong item's own children of the right kind first (a story that
  // implements PRD-1 means one of PRD-1's requirements), then IDs spelled alike.
  const contained = service.index
    .children(target)
    .filter(c => kinds.includes(c.kind))
    .map(c => c.id);
  const near = service.index.closestIds(target, kinds, 3 + listed.size);
  return [...new Set([...contained, ...near])]
    .filter(id => !listed.has(id))
    .slice(0, 3)
    .map((id, i) => ({ title: `Change to ${id}`, changes: replace(uri, at, id), isPreferred: i === 0 }));
}

// ---------------------------------------------------------------------------
// kind-mismatch: write the kind the file name gives

export function kindMismatchFixes(uri: string, range: Range, data: Data): Fix[] {
  const expected = str(data.expected);
  return expected
    ? [{ title: `Change kind to ${expected}`, changes: replace(uri, range, expected), isPreferred: true }]
    : [];
}

// ---------------------------------------------------------------------------
// orphan: pick the release (an epic) or the epic (a PRD)

/** Fixes offered per orphan at most (one per candidate). */
export const orphanCandidates = 10;

export function orphanFixes(service: WorkspaceView, uri: string, range: Range): Fix[] {
  const item = (service.index.files.get(uri)?.items ?? []).find(
    i => sameRange(i.idRange, range) && (i.kind === 'epic' || i.kind === 'prd'),
  );
  if (!item) return [];
  const [key, kind] = item.kind === 'epic' ? (['release', 'release'] as const) : (['epic', 'epic'] as const);
  const candidates = [...service.index.items()].filter(i => i.kind === kind);
  const seen = new Set<string>();
  const out: Fix[] = [];
  for (const c of candidates) {
    if (seen.has(c.id) || out.length >= orphanCandidates) continue;
    seen.add(c.id);
    const edit = addField(service, item, key, c.id);
    const title = typeof c.fields.title === 'string' ? ` (${c.fields.title})` : '';
    if (edit)
      out.push({
        title:
          item.kind === 'epic'
            ? `Schedule ${item.id} in ${c.id}${title}`
            : `Put ${item.id} under ${c.id}${title}`,
        changes: { [uri]: [edit] },
      });
  }
  return out;
}

// ---------------------------------------------------------------------------
// text helpers (the document the fix is asked for is open: its text is known)

/**
 * Edits that remove one entry from a YAML list, given the range of the entry
 * in an open document: a block entry (`- REQ-1`) loses its line, a flow entry
 * (`[REQ-1, REQ-2]`) its text and one comma. The key goes too when the entry
 * was the only one (an empty `depends_on:` would be null, which the schema refuses).
 */
export function removeListEntry(service: WorkspaceView, uri: string, range: Range): TextEdit[] | undefined {
  const parsed = service.tree(uri)?.parsed;
  if (!parsed || range.start.line !== range.end.line) return undefined;
  const lines = parsed.text.split(/\r?\n|\r/);
  const n = range.start.line;
  const line = lines[n] ?? '';
  const before = line.slice(0, range.start.character);
  const after = line.slice(range.end.character);
  const wholeLines = (from: number, to: number): TextEdit[] => [
    { range: { start: { line: from, character: 0 }, end: { line: to + 1, character: 0 } }, newText: '' },
  ];

  const block = /^(\s*)-\s*$/.exec(before);
  if (block && /^\s*(#.*)?$/.test(after)) {
    const dash = block[1].length;
    const isSibling = (l: string | undefined) => l !== undefined && new RegExp(`^\\s{${dash}}-\\s`).test(l);
    let up = n - 1;
    while (up >= 0 && /^\s*#/.test(lines[up])) up--;
    let down = n + 1;
    while (down < lines.length && /^\s*#/.test(lines[down])) down++;
    if (isSibling(lines[up]) || isSibling(lines[down])) return wholeLines(n, n);
    return up >= 0 && /^\s*[\w-]+:\s*(#.*)?$/.test(lines[up]) ? wholeLines(up, n) : undefined;
  }

  const open = before.lastIndexOf('[');
  const close = after.indexOf(']');
  if (open < 0 || close < 0) return undefined;
  const lead = /,\s*$/.exec(before.slice(open + 1));
  const trail = /^\s*,\s*/.exec(after);
  if (trail)
    return [
      {
        range: { start: range.start, end: { line: n, character: range.end.character + trail[0].length } },
        newText: '',
      },
    ];
  if (lead)
    return [
      {
        range: { start: { line: n, character: range.start.character - lead[0].length }, end: range.end },
        newText: '',
      },
    ];
  // The only entry: the whole `key: [ID]` line goes.
  return /^\s*[\w-]+:\s*\[\s*$/.test(before) && /^\s*\]\s*(#.*)?$/.test(after) ? wholeLines(n, n) : undefined;
}

export function endOfLine(service: WorkspaceView, uri: string, pos: Position): Position {
  const parsed = service.tree(uri)?.parsed;
  if (!parsed) return pos;
  const start = parsed.lines.offsetAt({ line: pos.line, character: 0 });
  const next =
    pos.line + 1 < parsed.lines.lineCount
      ? parsed.lines.offsetAt({ line: pos.line + 1, character: 0 })
      : parsed.text.length;
  const text = parsed.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  return { line: pos.line, character: Math.max(pos.character, text.length) };
}

export function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
