import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type Command,
  type CompletionItem as LspCompletionItem,
  type CompletionList as LspCompletionList,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { statusOf } from '../model';
import { fileKind } from '../parse/fileKind';
import { allowedKeys, describeKey, type JsonSchema, type KeyInfo } from '../schema/schemas';
import type { WorkspaceView } from '../workspaceView';
import type { DocKind, Item, ItemKind, Position } from '../types';
import { itemTitle } from '../text/itemTitle';
import { kindLabel } from './hover';
import { itemSnippetAt, itemSnippetBelowItems, itemSnippetLabel, type ItemSnippet } from './itemSnippets';
import { linkCandidates } from './linkCandidates';
import { newDocument } from './newDocument';
import { referenceCompletion } from './referenceCompletion';
import { defaultPrefixes, nextFreeId, numbered } from './nextFreeId';
import { yamlContext, type LinkContext, type YamlContext } from './yamlContext';

/** Used by code actions too (a duplicate ID's replacement). */
export { nextFreeId } from './nextFreeId';

/** The client command that opens the suggestions again (after a key whose value is an ID or an enum). */
export const triggerSuggestCommand: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** At most this many IDs are offered in a link field; the rest come as the user types more. */
export const linkItemLimit = 100;

/** What a link item carries from `completion` to `resolveCompletion` (plain JSON): the definition it offers. */
export interface CompletionItemData {
  uri: string;
  id: string;
}

/** LSP's CompletionItem with what Specwright always fills: a kind, a sort text, a text edit and its format. */
export interface CompletionItem extends LspCompletionItem {
  kind: CompletionItemKind;
  documentation?: MarkupContent;
  sortText: string;
  textEdit: TextEdit;
  insertTextFormat: InsertTextFormat;
  data?: CompletionItemData;
}

/** LSP's CompletionList of those items: `isIncomplete` makes the editor ask again as the user types. */
export interface CompletionList extends LspCompletionList {
  items: CompletionItem[];
}

/**
 * Suggestions at a position of an open document:
 * - keys the schema allows in the map at the cursor and that are not there
 *   yet, required ones first, each with its description (a snippet that
 *   also writes the value's shape: `[ ]` for ID lists, a nested `- ` for lists);
 * - the values of an enum key, with what each means;
 * - in a link field, the IDs of the kinds it may name that match what is
 *   typed, with their titles, closest in the product first (see
 *   `linkItems`), without the IDs the field already lists; at most
 *   `linkItemLimit` of them, the list marked incomplete when there are
 *   more, and their documentation left to `resolveCompletion`;
 * - after `id:`, the next free ID with the prefix the item's siblings use.
 *
 * Works in block and flow style and while the document is momentarily not
 * valid YAML (see yamlContext). Every item's textEdit replaces the word
 * under the cursor.
 */
export function completion(service: WorkspaceView, uri: string, position: Position): CompletionList {
  // A code or test file: IDs after `@implements ` / `@verifies ` (referenceCompletion.ts).
  if (!fileKind(uri)) return referenceCompletion(service, uri, position) ?? full([]);
  const whole = documentItems(service, uri, position);
  if (whole) return full(whole);
  const ctx = yamlContext(service, uri, position);
  if (!ctx) return full(typedItemSnippet(service, uri, position));
  const line = lineAt(service, uri, position.line);
  // A team's schema (`.specwright.yaml` `schemas:`) adds keys, with their descriptions.
  const team = service.extensionSchema(uri);

  const item = itemSnippetItems(service.index, uri, ctx, line);
  if (ctx.place === 'key') return full(keyItems(ctx, ctx.mapPath ?? [], line, team));
  if (ctx.place === 'empty') {
    if (ctx.container === 'map') return full(keyItems(ctx, ctx.path, line, team));
    if (ctx.container === 'entry' && ctx.link) return linkItems(service.index, uri, ctx, ctx.link);
    if (
      (ctx.container === 'entry' || ctx.container === 'pending') &&
      describeKey(ctx.docKind, ctx.path, team)?.type === 'object'
    ) {
      return full([...item, ...keyItems(ctx, ctx.path, line, team)]);
    }
    return full(item);
  }
  if (item.length) return full(item);
  // A value.
  if (ctx.link) return linkItems(service.index, uri, ctx, ctx.link);
  if (ctx.path[ctx.path.length - 1] === 'id' && ctx.path.length === ctx.item.path.length + 1) {
    return full(nextIdItems(service.index, uri, ctx, position));
  }
  const info = describeKey(ctx.docKind, ctx.path, team);
  if (info?.enum) return full(enumItems(ctx, info));
  return full([]);
}

/**
 * The documentation of a link item, built when the editor shows the item
 * rather than for every item offered: the ID's kind, status and priority,
 * and the item it belongs to. Undefined when the ID is no longer defined in
 * the file the item named.
 */
export function resolveCompletion(
  service: WorkspaceView,
  data: CompletionItemData,
): MarkupContent | undefined {
  const item = service.index.definitions(data.id).find(d => d.uri === data.uri);
  return item && { kind: 'markdown', value: idDocumentation(service.index, item) };
}

/**
 * In a document with nothing in it yet (blanks and comments), on the first
 * line that is not a comment: the whole document of the file's kind, as New
 * <Kind> writes it (IDs the workspace does not use yet, valid against the
 * schema), its title a placeholder. Nowhere else: a document snippet inside
 * an item would only make a mess.
 */
function documentItems(
  service: WorkspaceView,
  uri: string,
  position: Position,
): CompletionItem[] | undefined {
  const kind = fileKind(uri);
  const parsed = service.tree(uri)?.parsed;
  if (!kind || !parsed) return undefined;
  const lines = parsed.text.split(/\r?\n|\r/);
  if (lines.some(l => l.trim() !== '' && !/^\s*#/.test(l))) return undefined;
  const firstFree = lines.findIndex(l => !/^\s*#/.test(l));
  if (position.line !== firstFree) return undefined;
  const marker = 'SpecwrightTitlePlaceholder';
  const first = newDocument(service, { kind, title: marker });
  // The epic (of a PRD) or release (of an epic or iteration): a choice among those that exist.
  const parent = first.parents[0]?.id;
  const doc = parent ? newDocument(service, { kind, title: marker, parent }) : first;
  const choice = first.parents.map(p => p.id.replace(/[,|\\$}]/g, '\\$&')).join(',');
  let body = doc.text
    .split(marker)
    .map(snippetEscape)
    .join(`\${1:${kind === 'vision' ? 'Product name' : 'Title'}}`);
  if (parent)
    body = body.replace(
      new RegExp(
        `^((?:epic|release): )${snippetEscape(parent).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`,
        'm',
      ),
      (_m, key: string) => `${key}\${2|${choice}|}`,
    );
  const label = kind === 'stories' ? 'iteration' : kind;
  const line = lines[position.line] ?? '';
  return [
    {
      label,
      kind: CompletionItemKind.Snippet,
      detail: `a new ${kindLabel(kind === 'stories' ? 'iteration' : kind)} document (${doc.id})`,
      sortText: '0',
      filterText: label,
      preselect: true,
      textEdit: {
        range: {
          start: { line: position.line, character: 0 },
          end: { line: position.line, character: line.length },
        },
        newText: `${body}$0`,
      },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    },
  ];
}

/** The whole item that belongs at the cursor, as a snippet (see itemSnippets), first in the list. */
function itemSnippetItems(
  index: ReadonlyIndex,
  uri: string,
  ctx: YamlContext,
  line: string,
): CompletionItem[] {
  return snippetItem(itemSnippetAt(index, uri, ctx, line, nextIdOf(index)));
}

/** A word typed below a list's last item, where the document is not YAML the context reads (see itemSnippetBelowItems). */
function typedItemSnippet(service: WorkspaceView, uri: string, position: Position): CompletionItem[] {
  const kind = fileKind(uri);
  const parsed = service.tree(uri)?.parsed;
  if (!kind || !parsed) return [];
  return snippetItem(
    itemSnippetBelowItems(
      service.index,
      uri,
      kind,
      parsed.text.split(/\r?\n|\r/),
      position,
      nextIdOf(service.index),
    ),
  );
}

/** The next free ID of a kind: after its siblings in the document, or after the workspace's when they have none. */
function nextIdOf(index: ReadonlyIndex): (kind: ItemKind, siblings: readonly string[]) => string {
  return (kind, siblings) => {
    const all = siblings.some(id => numbered.test(id))
      ? siblings
      : [...index.items()].filter(i => i.kind === kind).map(i => i.id);
    return nextFreeId(index, all, defaultPrefixes[kind]);
  };
}

function snippetItem(snippet: ItemSnippet | undefined): CompletionItem[] {
  if (!snippet) return [];
  const { label, detail } = itemSnippetLabel(snippet);
  return [
    {
      label,
      kind: CompletionItemKind.Snippet,
      detail,
      sortText: '0',
      filterText: label,
      preselect: true,
      textEdit: { range: snippet.range, newText: snippet.text },
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
    },
  ];
}

/** A list that holds every suggestion there is. */
function full(items: CompletionItem[]): CompletionList {
  return { isIncomplete: false, items };
}

function lineAt(service: WorkspaceView, uri: string, line: number): string {
  const parsed = service.tree(uri)?.parsed;
  if (!parsed) return '';
  const start = parsed.lines.offsetAt({ line, character: 0 });
  const end = parsed.lines.offsetAt({ line: line + 1, character: 0 });
  return parsed.text
    .slice(start, line + 1 < parsed.lines.lineCount ? end : parsed.text.length)
    .replace(/\r?\n$|\r$/, '');
}

function edit(ctx: YamlContext, newText: string): TextEdit {
  return { range: ctx.wordRange, newText: (ctx.needsSpace ? ' ' : '') + newText };
}

// ---------------------------------------------------------------------------
// Keys

function keyItems(
  ctx: YamlContext,
  mapPath: (string | number)[],
  line: string,
  team: JsonSchema | undefined,
): CompletionItem[] {
  const present = new Set(ctx.presentKeys);
  const keys = allowedKeys(ctx.docKind, mapPath, team).filter(
    k => k.key !== undefined && !present.has(k.key),
  );
  // On a key that already has its colon, only the name is replaced.
  const hasColon = ctx.place === 'key' && /^\s*:/.test(line.slice(ctx.wordRange.end.character));
  const column = ctx.wordRange.start.character;
  const ordered = [...keys.filter(k => k.required), ...keys.filter(k => !k.required)];
  return ordered.map((info, i) => {
    const key = info.key!;
    const snippet = hasColon ? undefined : keySnippet(ctx.docKind, mapPath, key, info, column, team);
    const item: CompletionItem = {
      label: key,
      kind: CompletionItemKind.Property,
      detail: keyDetail(info),
      sortText: `${info.required ? 0 : 1}-${pad(i)}`,
      filterText: key,
      textEdit: edit(ctx, snippet ? snippet.text : key),
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (snippet) item.insertTextMode = InsertTextMode.asIs;
    if (snippet?.suggest) item.command = triggerSuggestCommand;
    const doc = keyDocumentation(info);
    if (doc) item.documentation = { kind: 'markdown', value: doc };
    return item;
  });
}

/** The text a key is written with: its value's shape, as a snippet; `suggest` when completion should open again. */
function keySnippet(
  docKind: DocKind,
  mapPath: (string | number)[],
  key: string,
  info: KeyInfo,
  column: number,
  team: JsonSchema | undefined,
): { text: string; suggest: boolean } {
  const inner = ' '.repeat(column + 2);
  const k = snippetEscape(key);
  if (info.enum) return { text: `${k}: $1`, suggest: true };
  if (info.isId) return { text: `${k}: $1`, suggest: true };
  if (info.isIdList) return { text: `${k}: [$1]`, suggest: true };
  const types = Array.isArray(info.type) ? info.type : info.type ? [info.type] : [];
  if (types.includes('array')) {
    const items = describeKey(docKind, [...mapPath, key, 0], team);
    const itemTypes = Array.isArray(items?.type) ? items.type : items?.type ? [items.type] : [];
    if (itemTypes.length === 1 && itemTypes[0] === 'object')
      return { text: `${k}:\n${inner}- id: $1`, suggest: true };
    return { text: `${k}:\n${inner}- $1`, suggest: false };
  }
  if (types.length === 1 && types[0] === 'object') {
    const required = allowedKeys(docKind, [...mapPath, key], team).filter(s => s.required);
    if (required.length) {
      return {
        text: `${k}:${required.map((s, i) => `\n${inner}${snippetEscape(s.key!)}: $${i + 1}`).join('')}`,
        suggest: false,
      };
    }
    return { text: `${k}:\n${inner}$1`, suggest: false };
  }
  return { text: `${k}: $1`, suggest: false };
}

function keyDetail(info: KeyInfo): string {
  const parts: string[] = [];
  if (info.team) parts.push('team schema');
  if (info.required) parts.push('required');
  if (info.isId) parts.push('ID');
  else if (info.isIdList) parts.push('list of IDs');
  else if (info.format === 'date') parts.push('date');
  else if (info.enum) parts.push(info.enum.join(' | '));
  else if (info.type)
    parts.push((Array.isArray(info.type) ? info.type : [info.type]).map(t => typeWords[t] ?? t).join(' | '));
  return parts.join(' · ');
}

/** JSON Schema types in the words of the format page. */
const typeWords: Record<string, string> = { array: 'list', object: 'map', integer: 'whole number' };

function keyDocumentation(info: KeyInfo): string | undefined {
  const out: string[] = [];
  if (info.description) out.push(info.description);
  if (info.enum) {
    out.push(
      info.enum
        .map((v, i) => `- \`${v}\`${info.enumDescriptions?.[i] ? ` — ${info.enumDescriptions[i]}` : ''}`)
        .join('\n'),
    );
  }
  return out.length ? out.join('\n\n') : undefined;
}

// ---------------------------------------------------------------------------
// Enum values

function enumItems(ctx: YamlContext, info: KeyInfo): CompletionItem[] {
  return info.enum!.map((value, i) => {
    const meaning = info.enumDescriptions?.[i];
    const item: CompletionItem = {
      label: value,
      kind: CompletionItemKind.EnumMember,
      sortText: pad(i),
      filterText: value,
      textEdit: edit(ctx, value),
      insertTextFormat: InsertTextFormat.PlainText,
    };
    if (meaning) {
      item.detail = meaning;
      item.documentation = { kind: 'markdown', value: meaning };
    }
    return item;
  });
}

// ---------------------------------------------------------------------------
// IDs in link fields

/** The IDs a link field may name that match what is typed, best first (see linkCandidates.ts). */
function linkItems(index: ReadonlyIndex, uri: string, ctx: YamlContext, link: LinkContext): CompletionList {
  const { isIncomplete, items: kept } = linkCandidates(index, uri, ctx, link, linkItemLimit);
  const items = kept.map((item, i) => {
    const title = itemTitle(item);
    const newText = link.style === 'bare' ? `[${item.id}]` : item.id;
    const c: CompletionItem = {
      label: item.id,
      kind: CompletionItemKind.Reference,
      sortText: pad(i),
      filterText: title ? `${item.id} ${title}` : item.id,
      textEdit: edit(ctx, newText),
      insertTextFormat: InsertTextFormat.PlainText,
      data: { uri: item.uri, id: item.id },
    };
    if (title) c.detail = title;
    return c;
  });
  return { isIncomplete, items };
}

function idDocumentation(index: ReadonlyIndex, item: Item): string {
  const facts = [`status \`${statusOf(item.fields)}\``];
  if (typeof item.fields.priority === 'string') facts.push(`priority \`${item.fields.priority}\``);
  const parent = item.parent ? index.definitions(item.parent)[0] : undefined;
  const out = [`**${kindLabel(item.kind)} ${item.id}**`, facts.join(' · ')];
  if (parent)
    out.push(`in ${kindLabel(parent.kind)} ${parent.id}${itemTitle(parent) ? ` ${itemTitle(parent)}` : ''}`);
  return out.join('\n\n');
}

// ---------------------------------------------------------------------------
// The next free ID

function nextIdItems(
  index: ReadonlyIndex,
  uri: string,
  ctx: YamlContext,
  position: Position,
): CompletionItem[] {
  const kind = ctx.item.kind;
  const file = index.files.get(uri);
  const here = (i: Item): boolean => i.uri === uri && i.idRange.start.line === position.line;
  let siblings = (file?.items ?? []).filter(i => i.kind === kind && !here(i)).map(i => i.id);
  if (!siblings.some(id => numbered.test(id)))
    siblings = [...index.items()].filter(i => i.kind === kind && !here(i)).map(i => i.id);
  const id = nextFreeId(index, siblings, defaultPrefixes[kind]);
  return [
    {
      label: id,
      kind: CompletionItemKind.Value,
      detail: `next free ${kindLabel(kind)} ID`,
      sortText: '0',
      filterText: id,
      preselect: true,
      textEdit: edit(ctx, id),
      insertTextFormat: InsertTextFormat.PlainText,
    },
  ];
}

function pad(i: number): string {
  return String(i).padStart(4, '0');
}

function snippetEscape(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
