import {
  CodeActionKind,
  type CodeAction as LspCodeAction,
  type Command,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-types';
import { acceptancePlaceholder } from '../checks/missingAcceptance';
import { DiagnosticCode } from '../codes';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { idPattern, itemLists } from '../model';
import type { WorkspaceView } from '../workspaceView';
import { closestMatches, editDistance } from '../text/closest';
import type { DocKind, Item, ItemKind, Position, Range } from '../types';
import { nextFreeId } from './completion';
import {
  dateOrderFixes,
  dependencyCycleFixes,
  endOfLine,
  kindMismatchFixes,
  linkKindFixes,
  orphanFixes,
  priorityInversionFixes,
  sameRange,
  scheduleConflictFixes,
  statusRollupFixes,
  type Fix,
} from './graphFixes';
import { idText } from './idAt';
import { reviewFixes } from './reviewFixes';

/**
 * LSP's CodeAction as a quick fix: the diagnostics it removes (the objects
 * that came in), its edit as `changes` by URI, and maybe a command the editor
 * runs after it: `specwright.selectPlaceholder` (uri, range) opens the file
 * and selects the text the user is to replace.
 */
export interface CodeAction extends LspCodeAction {
  kind: CodeActionKind;
  diagnostics: Diagnostic[];
  edit: { changes: Record<string, TextEdit[]> };
}

/** The client command that selects a fix's placeholder (client/src/commands.ts). */
export const selectPlaceholderCommand = 'specwright.selectPlaceholder';

/**
 * Quick fixes for the diagnostics in a code action request (each read from
 * its `code` and the `data` the core's findings carry):
 * - `unresolved-link`: "Change to X" for the closest IDs of the kinds the
 *   field takes (the first preferred), and "Create requirement X in
 *   <file>" (likewise a story, release, goal or persona): a valid stub item
 *   at the end of the right list in the right file;
 * - `schema`, unknown key: rename it to the closest known key;
 * - `schema`, bad enum value: one fix per allowed value, closest first;
 * - `missing-acceptance`: an `acceptance_criteria:` list with one
 *   placeholder criterion, selected afterwards (typing replaces it; left
 *   as it is, the check still reports the item, and offers no fix then);
 * - `duplicate-id`: give this item the next free ID with the same prefix;
 * - `uncovered`: a draft story implementing the requirement at the end of
 *   the current iteration, its title selected afterwards;
 * - the relations and local findings of graphFixes.ts (schedule-conflict,
 *   status-rollup, priority-inversion, dependency-cycle, date-order,
 *   link-kind, kind-mismatch, orphan);
 * - `suspect-link`, `unreviewed-link`: stamp the link, or every link to its
 *   target, as reviewed (reviewFixes.ts).
 */
export function codeActions(
  service: WorkspaceView,
  uri: string,
  _range: Range,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diag of diagnostics) {
    const data = (diag.data && typeof diag.data === 'object' ? diag.data : {}) as Record<string, unknown>;
    try {
      switch (diag.code) {
        case DiagnosticCode.unresolvedLink:
          out.push(...unresolvedLinkFixes(service, uri, diag, data));
          break;
        case DiagnosticCode.schema:
          out.push(...schemaFixes(service, uri, diag, data));
          break;
        case DiagnosticCode.missingAcceptance:
          out.push(...missingAcceptanceFixes(service, uri, diag, data));
          break;
        case DiagnosticCode.duplicateId:
          out.push(...duplicateIdFixes(service, uri, diag, data));
          break;
        case DiagnosticCode.uncovered:
          out.push(...uncoveredFixes(service, diag, data));
          break;
        case DiagnosticCode.scheduleConflict:
          out.push(...wrap(scheduleConflictFixes(service, uri, diag.range, data), diag));
          break;
        case DiagnosticCode.statusRollup:
          out.push(...wrap(statusRollupFixes(service, uri, diag.range, data), diag));
          break;
        case DiagnosticCode.priorityInversion:
          out.push(...wrap(priorityInversionFixes(service, uri, diag.range, data), diag));
          break;
        case DiagnosticCode.dependencyCycle:
          out.push(...wrap(dependencyCycleFixes(service, uri, diag.range, data), diag));
          break;
        case DiagnosticCode.dateOrder:
          out.push(...wrap(dateOrderFixes(service, uri, diag.range), diag));
          break;
        case DiagnosticCode.linkKind:
          out.push(...wrap(linkKindFixes(service, uri, diag.range, data), diag));
          break;
        case DiagnosticCode.kindMismatch:
          out.push(...wrap(kindMismatchFixes(uri, diag.range, data), diag));
          break;
        case DiagnosticCode.orphan:
          out.push(...wrap(orphanFixes(service, uri, diag.range), diag));
          break;
        case DiagnosticCode.suspectLink:
        case DiagnosticCode.unreviewedLink:
          out.push(...wrap(reviewFixes(service, uri, data), diag));
          break;
        default:
          break;
      }
    } catch {
      // A fix that cannot be worked out is left out; the others still come.
    }
  }
  return out;
}

function action(
  title: string,
  diag: Diagnostic,
  changes: Record<string, TextEdit[]>,
  isPreferred = false,
): CodeAction {
  const a: CodeAction = { title, kind: CodeActionKind.QuickFix, diagnostics: [diag], edit: { changes } };
  if (isPreferred) a.isPreferred = true;
  return a;
}

function wrap(fixes: readonly Fix[], diag: Diagnostic): CodeAction[] {
  return fixes.map(f => action(f.title, diag, f.changes, f.isPreferred));
}

/**
 * An edit that inserts `text` at `at`, where `text` holds the placeholder
 * once as `\u0001`; and the command that selects the placeholder once the
 * edit is applied.
 */
function withPlaceholder(
  uri: string,
  at: Position,
  replacing: Position,
  text: string,
  placeholder: string,
): { edit: TextEdit; command: Command } {
  const i = text.indexOf('\u0001');
  const beforeLines = text.slice(0, i).split('\n');
  const line = at.line + beforeLines.length - 1;
  const character =
    (beforeLines.length === 1 ? at.character : 0) + beforeLines[beforeLines.length - 1].length;
  const range = { start: { line, character }, end: { line, character: character + placeholder.length } };
  return {
    edit: { range: { start: at, end: replacing }, newText: text.replace('\u0001', placeholder) },
    command: { title: 'Select the placeholder', command: selectPlaceholderCommand, arguments: [uri, range] },
  };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

// ---------------------------------------------------------------------------
// unresolved-link

function unresolvedLinkFixes(
  service: WorkspaceView,
  uri: string,
  diag: Diagnostic,
  data: Record<string, unknown>,
): CodeAction[] {
  const index = service.index;
  const target = str(data.target);
  if (!target) return [];
  const kinds = Array.isArray(data.kinds) ? (data.kinds as ItemKind[]) : undefined;
  const range = idText(diag.range, target).range;
  const holder = holderOf(index, uri, str(data.from), target, str(data.field));
  // IDs the field already lists would only become duplicates.
  const listed = new Set(holder?.links.filter(l => l.field === data.field).map(l => l.target) ?? []);
  const near = index
    .closestIds(target, kinds, 3 + listed.size)
    .filter(id => !listed.has(id))
    .slice(0, 3);
  const out = near.map((id, i) =>
    action(`Change to ${id}`, diag, { [uri]: [{ range, newText: id }] }, i === 0),
  );

  if (!kinds || !idPattern.test(target)) return out;
  for (const kind of kinds) {
    const create = createFix(service, kind, target, holder, str(data.field));
    if (create) out.push(action(create.title, diag, create.changes));
  }
  return out;
}

/** The item whose link is unresolved. */
function holderOf(
  index: ReadonlyIndex,
  uri: string,
  from: string | undefined,
  target: string,
  field: string | undefined,
): Item | undefined {
  const items = index.files.get(uri)?.items ?? [];
  return (
    items.find(i => i.id === from && i.links.some(l => l.target === target && l.field === field)) ??
    items.find(i => i.id === from)
  );
}

/** Where a new item of a kind goes: the document kind and the list that holds such items. */
function listOf(kind: ItemKind): { docKind: DocKind; key: string } | undefined {
  for (const [docKind, lists] of Object.entries(itemLists) as [DocKind, (typeof itemLists)[DocKind]][]) {
    const list = lists.find(l => l.kind === kind);
    if (list) return { docKind, key: list.key };
  }
  return undefined;
}

/** "Create <kind> <id> in <file>": a valid stub at the end of the right list. */
function createFix(
  service: WorkspaceView,
  kind: ItemKind,
  target: string,
  holder: Item | undefined,
  field: string | undefined,
): { title: string; changes: Record<string, TextEdit[]> } | undefined {
  const index = service.index;
  if (!listOf(kind)) return undefined;
  const groups = siblingGroups(index, kind);
  if (!groups.length) return undefined;

  // The container the context names, else the one whose IDs look most like the target.
  let preferred: string | undefined;
  if (holder && kind === 'requirement' && holder.kind === 'story' && field === 'implements') {
    preferred = holder.links
      .filter(l => l.field === 'implements' && l.target !== target)
      .map(l => index.definitions(l.target).find(d => d.kind === 'requirement')?.parent)
      .find((p): p is string => !!p);
  } else if (holder && holder.kind === kind && holder.parent) {
    preferred = holder.parent; // a requirement's or story's depends_on: the same PRD or iteration
  }
  const group =
    groups.find(g => g.container === preferred && preferred !== undefined) ?? closestGroup(groups, target);

  const fields = stubFields(index, kind, holder);
  if (!fields) return undefined;
  const edit = appendItem(service, group.items, [['id', target], ...fields]);
  return {
    title: `Create ${kind} ${target} in ${fileName(edit.uri)}`,
    changes: { [edit.uri]: [edit.edit] },
  };
}

/** Items of a kind grouped by the item that contains them (a PRD's requirements), in file order. */
interface Group {
  container: string;
  uri: string;
  items: Item[];
}

function siblingGroups(index: ReadonlyIndex, kind: ItemKind): Group[] {
  const groups = new Map<string, Group>();
  for (const item of index.items()) {
    if (item.kind !== kind || item.parent === undefined) continue;
    const key = `${item.uri}\u0000${item.parent}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { container: item.parent, uri: item.uri, items: [] }));
    g.items.push(item);
  }
  return [...groups.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** The group whose IDs share the longest prefix with the target; then the nearest number; then the first file. */
function closestGroup(groups: Group[], target: string): Group {
  const num = (id: string): number | undefined => {
    const m = /(\d+)$/.exec(id);
    return m ? Number(m[1]) : undefined;
  };
  const t = num(target);
  const score = (g: Group): [number, number] => {
    let prefix = 0;
    let distance = Infinity;
    for (const item of g.items) {
      let k = 0;
      while (k < target.length && k < item.id.length && target[k] === item.id[k]) k++;
      prefix = Math.max(prefix, k);
      const n = num(item.id);
      if (t !== undefined && n !== undefined && item.id.replace(/\d+$/, '') === target.replace(/\d+$/, '')) {
        distance = Math.min(distance, Math.abs(n - t));
      }
    }
    return [prefix, distance];
  };
  let best = groups[0];
  let bestScore = score(best);
  for (const g of groups.slice(1)) {
    const s = score(g);
    if (s[0] > bestScore[0] || (s[0] === bestScore[0] && s[1] < bestScore[1])) {
      best = g;
      bestScore = s;
    }
  }
  return best;
}

/** The fields of a stub that passes the schema (after its `id`). */
function stubFields(
  index: ReadonlyIndex,
  kind: ItemKind,
  holder: Item | undefined,
): [string, string][] | undefined {
  switch (kind) {
    case 'requirement':
      return [
        ['title', 'TODO'],
        ['statement', 'TODO'],
        ['priority', 'should'],
        ['status', 'draft'],
      ];
    case 'story': {
      // A story must implement a requirement: the one the linking story implements.
      const req = holder?.links.find(
        l => l.field === 'implements' && index.definitions(l.target).some(d => d.kind === 'requirement'),
      )?.target;
      return req
        ? [
            ['title', 'TODO'],
            ['implements', `[${req}]`],
            ['status', 'draft'],
          ]
        : undefined;
    }
    case 'release':
      return [
        ['title', 'TODO'],
        ['horizon', 'later'],
        ['status', 'draft'],
      ];
    case 'goal':
      return [['title', 'TODO']];
    case 'persona':
      return [['name', 'TODO']];
    default:
      return undefined;
  }
}

/**
 * An edit that appends a list item after the last of `siblings`, written the
 * way they are (dash column, blank lines); a value given as lines is written
 * as a block list under its key (`specwright mcp`'s create_item uses it too).
 */
export function appendItem(
  service: WorkspaceView,
  siblings: readonly Item[],
  fields: [string, string | readonly string[]][],
): { uri: string; edit: TextEdit } {
  const text = itemText(service, siblings, fields);
  const at = insertionAfter(service, text.last);
  return {
    uri: text.last.uri,
    edit: { range: { start: at.position, end: at.position }, newText: at.wrap(text.body) },
  };
}

/** A list item's lines written like the last of `siblings` (dash column, blank line between items). */
function itemText(
  service: WorkspaceView,
  siblings: readonly Item[],
  fields: [string, string | readonly string[]][],
): { last: Item; body: string } {
  const sorted = [...siblings].sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  const last = sorted[sorted.length - 1];
  const keyColumn = last.range.start.character;
  const dashColumn = dashColumnOf(service, last) ?? Math.max(0, keyColumn - 2);
  const prev = sorted[sorted.length - 2];
  const blank = prev !== undefined && last.range.start.line > prev.range.end.line;
  const first = `${' '.repeat(dashColumn)}-${' '.repeat(Math.max(1, keyColumn - dashColumn - 1))}`;
  const value = (v: string | readonly string[]): string =>
    typeof v === 'string' ? ` ${v}` : v.map(e => `\n${' '.repeat(keyColumn + 2)}- ${e}`).join('');
  const body = fields
    .map(([k, v], i) => `${i === 0 ? first : ' '.repeat(keyColumn)}${k}:${value(v)}`)
    .join('\n');
  return { last, body: `${blank ? '\n' : ''}${body}` };
}

/**
 * Where whole lines go after an item: at the start of the line after it when
 * its range ends there, else after the end of its last line; `wrap` adds
 * the line break on the right side.
 */
export function insertionAfter(
  service: WorkspaceView,
  item: Item,
): { position: Position; wrap: (lines: string) => string } {
  const end = item.range.end;
  if (end.character === 0) return { position: end, wrap: lines => `${lines}\n` };
  return { position: endOfLine(service, item.uri, end), wrap: lines => `\n${lines}` };
}

/** The column of the `-` before a list item's first key, read from the open document's text. */
function dashColumnOf(service: WorkspaceView, item: Item): number | undefined {
  const parsed = service.tree(item.uri)?.parsed;
  if (!parsed) return undefined;
  const start = parsed.lines.offsetAt({ line: item.range.start.line, character: 0 });
  const line = parsed.text.slice(start, start + item.range.start.character);
  const m = /^(\s*)-\s+$/.exec(line);
  return m ? m[1].length : undefined;
}

function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

// ---------------------------------------------------------------------------
// schema

function schemaFixes(
  service: WorkspaceView,
  uri: string,
  diag: Diagnostic,
  data: Record<string, unknown>,
): CodeAction[] {
  const allowed = Array.isArray(data.allowed)
    ? data.allowed.filter((a): a is string => typeof a === 'string')
    : [];
  if (data.keyword === 'additionalProperties') {
    const key = str(data.key);
    if (!key) return [];
    const present = presentKeysAt(service, uri, diag.range);
    const to =
      str(data.suggestion) ??
      closestMatches(
        key,
        allowed.filter(a => !present.has(a)),
        1,
      )[0];
    return to ? [action(`Rename to ${to}`, diag, { [uri]: [{ range: diag.range, newText: to }] }, true)] : [];
  }
  if (data.keyword === 'enum' && allowed.length) {
    // The value as written: a mapping or list as JSON, not "[object Object]", so the distances mean something.
    const value =
      data.value === undefined || data.value === null
        ? ''
        : typeof data.value === 'string'
          ? data.value
          : JSON.stringify(data.value);
    const suggestion = str(data.suggestion);
    const ordered = allowed
      .map((v, i) => ({
        v,
        i,
        d: v === suggestion ? -1 : editDistance(value.toLowerCase(), v.toLowerCase()),
      }))
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .map(x => x.v);
    return ordered.map((v, i) =>
      action(
        `Change to ${v}`,
        diag,
        { [uri]: [{ range: diag.range, newText: v }] },
        i === 0 && suggestion !== undefined,
      ),
    );
  }
  return [];
}

/** Keys of the item whose key is at `range` (so a rename does not make a duplicate key). */
function presentKeysAt(service: WorkspaceView, uri: string, range: Range): Set<string> {
  for (const item of service.index.files.get(uri)?.items ?? []) {
    if (Object.values(item.keyRanges).some(r => sameRange(r, range)))
      return new Set(Object.keys(item.keyRanges));
  }
  return new Set();
}

// ---------------------------------------------------------------------------
// missing-acceptance

function missingAcceptanceFixes(
  service: WorkspaceView,
  uri: string,
  diag: Diagnostic,
  data: Record<string, unknown>,
): CodeAction[] {
  // Criteria that are still the placeholder: the remedy is to write them, which no edit of ours can do.
  if (data.placeholder === true) return [];
  const id = str(data.id);
  const items = (service.index.files.get(uri)?.items ?? []).filter(i => i.id === id);
  const item =
    items.find(i => i.fieldRanges.status && sameRange(i.fieldRanges.status, diag.range)) ?? items[0];
  if (!item) return [];
  const column = item.range.start.character;
  const list = `${' '.repeat(column + 2)}- \u0001`;
  const key = item.keyRanges.acceptance_criteria;
  let fix: ReturnType<typeof withPlaceholder>;
  if (key) {
    // `acceptance_criteria: []` or an empty value: replace what follows the key.
    const value = item.fieldRanges.acceptance_criteria;
    const end =
      value && value.end.line === key.end.line && value.end.character > key.end.character + 1
        ? value.end
        : { line: key.end.line, character: key.end.character + 1 };
    fix = withPlaceholder(uri, key.end, end, `:\n${list}`, acceptancePlaceholder);
  } else {
    const at = insertionAfter(service, item);
    fix = withPlaceholder(
      uri,
      at.position,
      at.position,
      at.wrap(`${' '.repeat(column)}acceptance_criteria:\n${list}`),
      acceptancePlaceholder,
    );
  }
  return [
    {
      ...action(`Add acceptance criteria to ${item.id}`, diag, { [uri]: [fix.edit] }, true),
      command: fix.command,
    },
  ];
}

// ---------------------------------------------------------------------------
// uncovered

/** The story title a new story gets, selected after the fix. */
export const storyTitlePlaceholder = 'What the user can do';

/**
 * "Create a story implementing REQ-x in <iteration file>": a draft story at
 * the end of the current iteration (the one in progress, else the one that
 * starts last), with the next free story ID; then its title is selected.
 */
function uncoveredFixes(
  service: WorkspaceView,
  diag: Diagnostic,
  data: Record<string, unknown>,
): CodeAction[] {
  const id = str(data.id);
  if (!id) return [];
  const index = service.index;
  const iterations = [...index.items()].filter(i => i.kind === 'iteration');
  const current =
    iterations.find(i => i.fields.status === 'in-progress') ??
    [...iterations].sort((a, b) =>
      // A start date is a YAML scalar (a string, or a number when unquoted), never a mapping here.
      // eslint-disable-next-line @typescript-eslint/no-base-to-string
      String(b.fields.start ?? '').localeCompare(String(a.fields.start ?? '')),
    )[0];
  if (!current) return [];
  const stories = (index.files.get(current.uri)?.items ?? []).filter(
    i => i.kind === 'story' && i.parent === current.id,
  );
  if (!stories.length) return [];
  const newId = nextFreeId(
    index,
    stories.map(s => s.id),
    'ST-',
  );
  const text = itemText(service, stories, [
    ['id', newId],
    ['title', '\u0001'],
    ['implements', `[${id}]`],
    ['status', 'draft'],
  ]);
  const at = insertionAfter(service, text.last);
  const fix = withPlaceholder(
    current.uri,
    at.position,
    at.position,
    at.wrap(text.body),
    storyTitlePlaceholder,
  );
  return [
    {
      ...action(
        `Create a story implementing ${id} in ${fileName(current.uri)}`,
        diag,
        { [current.uri]: [fix.edit] },
        true,
      ),
      command: fix.command,
    },
  ];
}

// ---------------------------------------------------------------------------
// duplicate-id

function duplicateIdFixes(
  service: WorkspaceView,
  uri: string,
  diag: Diagnostic,
  data: Record<string, unknown>,
): CodeAction[] {
  const id = str(data.id);
  if (!id) return [];
  const next = freeIdLike(service.index, uri, id);
  return [
    action(
      `Change ID to ${next}`,
      diag,
      { [uri]: [{ range: idText(diag.range, id).range, newText: next }] },
      true,
    ),
  ];
}

/**
 * The next free ID with the same prefix: one past the highest number its
 * siblings in the file use with that prefix (a duplicate REQ-103 among
 * REQ-101..103 becomes REQ-104), skipping IDs defined anywhere; an ID
 * without a number gets `-2`, `-3`, ...
 */
function freeIdLike(index: ReadonlyIndex, uri: string, id: string): string {
  const m = /^(.*?)(\d+)$/.exec(id);
  if (m) {
    const kind = index.definitions(id).find(d => d.uri === uri)?.kind;
    const same = (index.files.get(uri)?.items ?? [])
      .filter(i => i.kind === kind && i.id.startsWith(m[1]) && /^\d+$/.test(i.id.slice(m[1].length)))
      .map(i => i.id);
    return nextFreeId(index, same.length ? same : [id], m[1]);
  }
  let n = 2;
  while (index.definitions(`${id}-${n}`).length > 0) n++;
  return `${id}-${n}`;
}
