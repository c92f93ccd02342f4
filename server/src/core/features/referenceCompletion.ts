import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-types';
import { itemTitle } from '../text/itemTitle';
import type { Item, Position } from '../types';
import type { WorkspaceView } from '../workspaceView';
import { acceptanceCriterion } from './codeReferences';

/** What completion.ts's CompletionItem requires, without importing it (completion.ts imports this file). */
export interface ReferenceCompletionItem extends CompletionItem {
  kind: CompletionItemKind;
  documentation?: MarkupContent;
  sortText: string;
  textEdit: TextEdit;
  insertTextFormat: InsertTextFormat;
  data?: { uri: string; id: string };
}

/** At most this many IDs are offered; the rest come as the user types more. */
const limit = 100;

/**
 * Completion in an open code or test file, after `@implements ` or
 * `@verifies ` (and after a comma or a blank following an ID there):
 * requirement and story IDs that start with what is typed; after `REQ-101#`,
 * the item's acceptance criteria by number, each with its text. Undefined
 * anywhere else (nothing to offer).
 */
export function referenceCompletion(
  service: WorkspaceView,
  uri: string,
  position: Position,
): { isIncomplete: boolean; items: ReferenceCompletionItem[] } | undefined {
  const text = service.sourceText(uri);
  if (text === undefined) return undefined;
  const line = text.split(/\r\n|\r|\n/)[position.line] ?? '';
  const before = line.slice(0, position.character);
  let tagEnd = -1;
  for (const m of before.matchAll(/@(?:implements|verifies)\b:?/g)) tagEnd = m.index + m[0].length;
  if (tagEnd < 0) return undefined;
  const rest = before.slice(tagEnd);
  // Only IDs and their separators between the tag and the cursor, the first set off by a blank.
  if (!/^[ \t]/.test(rest) || !/^[ \t,A-Za-z0-9_.#-]*$/.test(rest)) return undefined;
  const word = /[A-Za-z0-9_.#-]*$/.exec(rest)![0];
  const range = {
    start: { line: position.line, character: position.character - word.length },
    end: position,
  };
  const hash = word.indexOf('#');
  if (hash >= 0) {
    const item = service.index.definitions(word.slice(0, hash))[0];
    const count = item ? criteriaCount(item) : 0;
    const items: ReferenceCompletionItem[] = [];
    for (let n = 1; n <= count; n++) {
      const newText = `${item.id}#${n}`;
      const ac = acceptanceCriterion(item, n);
      items.push({
        label: newText,
        kind: CompletionItemKind.EnumMember,
        detail: ac,
        sortText: String(n).padStart(4, '0'),
        filterText: newText,
        textEdit: { range, newText },
        insertTextFormat: InsertTextFormat.PlainText,
      });
    }
    return { isIncomplete: false, items };
  }
  const typed = word.toUpperCase();
  const found: Item[] = [];
  for (const id of service.index.ids()) {
    if (!id.startsWith(typed)) continue;
    const item = service.index.definitions(id)[0];
    if (item && (item.kind === 'requirement' || item.kind === 'story')) found.push(item);
  }
  found.sort((a, b) => compareIds(a.id, b.id));
  const items = found.slice(0, limit).map((item, i): ReferenceCompletionItem => {
    const title = itemTitle(item);
    return {
      label: item.id,
      kind: CompletionItemKind.Reference,
      detail: title,
      sortText: String(i).padStart(4, '0'),
      filterText: title ? `${item.id} ${title}` : item.id,
      textEdit: { range, newText: item.id },
      insertTextFormat: InsertTextFormat.PlainText,
      data: { uri: item.uri, id: item.id },
    };
  });
  return { isIncomplete: found.length > limit, items };
}

function criteriaCount(item: Item): number {
  const list = item.fields.acceptance_criteria;
  return Array.isArray(list) ? list.length : 0;
}

/** By prefix, then by number (REQ-2 before REQ-10), then as text. */
function compareIds(a: string, b: string): number {
  const [pa, na] = split(a);
  const [pb, nb] = split(b);
  return pa < pb ? -1 : pa > pb ? 1 : na !== nb ? na - nb : a < b ? -1 : a > b ? 1 : 0;
}

function split(id: string): [string, number] {
  const m = /^(.*?)(\d+)$/.exec(id);
  return m ? [m[1], Number(m[2])] : [id, Number.MAX_SAFE_INTEGER];
}
