import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { itemLists } from '../model';
import { compareIds } from '../text/compareIds';
import type { DocKind, Item, ItemKind, Position, Range } from '../types';
import { Best } from './best';
import type { YamlContext } from './yamlContext';

/**
 * A whole item (a requirement, a story, a release, a goal, a persona) as a
 * snippet, made by the server so that inserting it creates no finding: its
 * ID is the next free one for the kind and the prefix its siblings use, and
 * its links are choices among items that exist (`${2|P-PARENT,P-PICKER|}`),
 * written only when there is something to choose. Offered only where an item
 * of that kind belongs: in the list of its document (`requirements:` of a
 * PRD, `stories:` of an iteration …), on a new line of that list or right
 * after its `- `; nowhere else, so never as the value of `priority:`.
 */
export interface ItemSnippet {
  kind: ItemKind;
  /** The new item's ID. */
  id: string;
  /** The snippet text, indented for where it goes. */
  text: string;
  range: Range;
}

/** At most this many existing items are offered as a link's choice. */
export const choiceLimit = 20;

/**
 * A new item is a draft: a later status would be a finding at once (an
 * approved requirement no story covers, a done release with open epics).
 */
const status = 'status: draft';

type NextId = (kind: ItemKind, siblings: readonly string[]) => string;

/** Where an item goes: its kind, the column of its keys, whether the snippet writes the `- `, and what it replaces. */
interface Place {
  kind: ItemKind;
  keyColumn: number;
  dash: boolean;
  range: Range;
}

/**
 * The item snippet for the cursor, when the cursor is where an item of a
 * document list goes; `nextId(kind, siblings)` gives the next free ID.
 */
export function itemSnippetAt(
  index: ReadonlyIndex,
  uri: string,
  ctx: YamlContext,
  line: string,
  nextId: NextId,
): ItemSnippet | undefined {
  const place = itemPlace(ctx, line);
  return place && snippetFor(index, uri, place, nextId);
}

/**
 * The item snippet for a word typed at the dash column of a document list
 * below its last item (`  req` under `  - id: REQ-1` …): not YAML yet, and
 * not a key or value of anything, so read from the lines above: siblings'
 * `- ` at the same column, then the list's `key:` at the left margin.
 */
export function itemSnippetBelowItems(
  index: ReadonlyIndex,
  uri: string,
  docKind: DocKind,
  lines: readonly string[],
  position: Position,
  nextId: NextId,
): ItemSnippet | undefined {
  const typed = /^( +)([A-Za-z_-]*)$/.exec(lines[position.line]?.slice(0, position.character) ?? '');
  if (!typed) return undefined;
  const col = typed[1].length;
  const rest = /^[A-Za-z_-]*\s*$/.exec(lines[position.line].slice(position.character));
  if (!rest) return undefined;
  let sawSibling = false;
  for (let l = position.line - 1; l >= 0; l--) {
    const text = lines[l];
    if (/^\s*(#.*)?$/.test(text)) continue;
    const indent = text.length - text.trimStart().length;
    if (indent > col) continue;
    if (indent === col && text.trimStart().startsWith('- ')) {
      sawSibling = true;
      continue;
    }
    if (indent !== 0 || !sawSibling) return undefined;
    const key = /^([A-Za-z_]+):\s*(#.*)?$/.exec(text)?.[1];
    const kind = itemLists[docKind].find(x => x.key === key)?.kind;
    if (!kind) return undefined;
    const end = position.character + lines[position.line].slice(position.character).search(/[^A-Za-z_-]|$/);
    const range = {
      start: { line: position.line, character: col },
      end: { line: position.line, character: end },
    };
    return snippetFor(index, uri, { kind, keyColumn: col + 2, dash: true, range }, nextId);
  }
  return undefined;
}

function snippetFor(index: ReadonlyIndex, uri: string, place: Place, nextId: NextId): ItemSnippet {
  const file = index.files.get(uri);
  const siblings = (file?.items ?? []).filter(i => i.kind === place.kind).map(i => i.id);
  const id = nextId(place.kind, siblings);
  const body = bodyOf(index, uri, place.kind, id);
  const inner = ' '.repeat(place.keyColumn);
  const text = (place.dash ? '- ' : '') + body.map((l, i) => (i === 0 ? l : inner + l)).join('\n');
  return { kind: place.kind, id, text, range: place.range };
}

function itemPlace(ctx: YamlContext, line: string): Place | undefined {
  const listOf = (key: string | number | undefined): ItemKind | undefined =>
    itemLists[ctx.docKind].find(l => l.key === key)?.kind;
  const col = ctx.wordRange.start.character;
  const onlyBlanksBefore = line.slice(0, col).trim() === '';
  if (ctx.place === 'empty') {
    // Below `requirements:` (deeper), or at the dash column of a list that has items.
    if (ctx.container === 'pending' && ctx.path.length === 1 && ctx.item.path.length === 0) {
      const kind = listOf(ctx.path[0]);
      return kind && onlyBlanksBefore
        ? { kind, keyColumn: col + 2, dash: true, range: ctx.wordRange }
        : undefined;
    }
    if (ctx.container === 'list' && ctx.path.length === 2) {
      const kind = listOf(ctx.path[0]);
      return kind && onlyBlanksBefore
        ? { kind, keyColumn: col + 2, dash: true, range: ctx.wordRange }
        : undefined;
    }
    // Right after a `- ` with nothing behind it.
    if (ctx.container === 'entry' && ctx.path.length === 2 && !ctx.needsSpace) {
      const kind = listOf(ctx.path[0]);
      return kind && /^\s*-\s+$/.test(line.slice(0, col))
        ? { kind, keyColumn: col, dash: false, range: ctx.wordRange }
        : undefined;
    }
    return undefined;
  }
  // A word typed on the line below `requirements:` reads as that key's value until it is an item.
  if (
    ctx.place === 'value' &&
    ctx.path.length === 1 &&
    ctx.item.path.length === 0 &&
    onlyBlanksBefore &&
    col > 0
  ) {
    const kind = listOf(ctx.path[0]);
    return kind ? { kind, keyColumn: col + 2, dash: true, range: ctx.wordRange } : undefined;
  }
  return undefined;
}

/** The snippet's lines, the first without indentation, the others relative to the item's keys. */
function bodyOf(index: ReadonlyIndex, uri: string, kind: ItemKind, id: string): string[] {
  const esc = (t: string): string => t.replace(/[$}\\]/g, '\\$&');
  const head = `id: ${esc(id)}`;
  switch (kind) {
    case 'requirement':
      return [
        head,
        'title: ${1:Requirement title}',
        'statement: ${2:The product lets the user do something}',
        'priority: ${3|must,should,could,wont|}',
        status,
        'acceptance_criteria:',
        '  - ${4:How to tell that it is done}$0',
      ];
    case 'story': {
      const out = [head, 'title: ${1:Story title}'];
      const personas = choice(index, uri, 'persona');
      if (personas) out.push(`as_a: \${2|${personas}|}`);
      out.push('i_want: ${3:to do something}', 'so_that: ${4:I get something out of it}');
      const requirements = choice(index, uri, 'requirement');
      if (requirements) out.push(`implements: [\${5|${requirements}|}]`);
      out.push(
        status,
        'estimate: ${6:3}',
        'acceptance_criteria:',
        '  - given: ${7:a starting situation}',
        '    when: ${8:the user does something}',
        '    then: ${9:this is the result}$0',
      );
      return out;
    }
    case 'release': {
      const out = [head, 'title: ${1:Release title}', 'horizon: ${2|now,next,later|}', status];
      const goals = choice(index, uri, 'goal');
      if (goals) out.push(`goals: [\${3|${goals}|}]`);
      out[out.length - 1] += '$0';
      return out;
    }
    case 'goal':
      return [
        head,
        'title: ${1:Goal title}',
        'metric: ${2:What is measured}',
        'baseline: ${3:0}',
        'target: ${4:100}$0',
      ];
    case 'persona':
      return [
        head,
        'name: ${1:Persona name}',
        'description: ${2:Who they are and what they do}',
        'needs:',
        '  - ${3:What they need from the product}$0',
      ];
    default:
      return [head, 'title: ${1:Title}$0'];
  }
}

/**
 * The IDs of a kind to choose among, as a snippet choice's options (escaped):
 * those defined in the same document first, then by ID; at most
 * `choiceLimit`, so the snippet does not grow with the workspace; undefined
 * when there are none (the link is then left out rather than made up).
 */
function choice(index: ReadonlyIndex, uri: string, kind: ItemKind): string | undefined {
  const best = new Best<Item>(choiceLimit, (a, b) => compareIds(a.id, b.id));
  const seen = new Set<string>();
  for (const f of index.files.values()) {
    for (const item of f.items) {
      if (item.kind !== kind || seen.has(item.id)) continue;
      seen.add(item.id);
      best.add(item, item.uri === uri ? 0 : 1);
    }
  }
  const ids = best.sorted().map(i => i.id.replace(/[,|\\$}]/g, '\\$&'));
  return ids.length ? ids.join(',') : undefined;
}

/** The label and detail a completion list shows for an item snippet. */
export function itemSnippetLabel(s: ItemSnippet): { label: string; detail: string } {
  return { label: s.kind, detail: `a new ${s.kind} (${s.id})` };
}
