import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { appendItem } from '../core/features/codeActions';
import { defaultPrefixes, nextFreeId } from '../core/features/nextFreeId';
import { idPattern, itemLists } from '../core/model';
import { fileKind } from '../core/parse/fileKind';
import { ItemFindings } from '../core/report/itemFindings';
import { compareIds } from '../core/text/compareIds';
import type { Item, ItemKind } from '../core/types';
import { answer } from './answer';
import { GuardedEdit } from './guardedEdit';
import { blockValue, scalarText, setFieldEdits, type FieldValue } from './itemEdits';
import { findItem, unknownIdMessage } from './lookup';
import type { ServedWorkspace, SpecFiles } from './servedWorkspace';

/** The kinds create_item makes: those that are entries of a document's list (a PRD's requirements, ...). */
const listKinds = ['goal', 'persona', 'release', 'requirement', 'story'] as const;
/** Kinds a new item of which is a draft unless the fields say otherwise (itemSnippets.ts does the same). */
const draftKinds: readonly ItemKind[] = ['release', 'requirement', 'story'];

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const fieldsShape = z
  .record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'a field name is letters, digits, _ and -'),
    z.union([scalar, z.array(scalar)]),
  )
  .describe(
    'field → value: a string, number or boolean, or a list of them (links such as implements are lists of IDs)',
  );
const position = z.object({ line: z.number().int(), character: z.number().int() });
const diagnostic = z.looseObject({
  file: z.string(),
  range: z.object({ start: position, end: position }),
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
});
const outputSchema = {
  id: z.string(),
  file: z.string().describe('relative to the workspace root, with /'),
  line: z.number().int().describe('1-based line of the ID'),
  findings: z
    .array(diagnostic)
    .describe("the item's findings after the edit (warnings and infos; never a new error)"),
};

/**
 * Registers `create_item` and `update_item` (only with `--allow-edits`).
 * Both edit a spec file through `GuardedEdit`: the quick fixes' helpers make
 * the edit, an edit that would add an error finding is refused (a tool
 * error that lists those findings) and writes nothing, and nothing outside the workspace is written.
 */
export function registerEditTools(server: McpServer, ws: ServedWorkspace, files: SpecFiles): void {
  const guard = new GuardedEdit(ws, files);
  const edits = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };

  /** The answer after an edit: where the item is now, and its findings. */
  const placed = (id: string, uri: string) => {
    const item = ws.service.index.definitions(id).find(i => i.uri === uri);
    if (!item) throw new Error(`${id} was written to ${ws.relative(uri)} but is not read back from it`);
    const findings = new ItemFindings(ws.service).diagnosticsOf(item).map(d => ({
      file: ws.relative(d.uri),
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message,
    }));
    return answer({ id, file: ws.relative(uri), line: item.idRange.start.line + 1, findings });
  };

  server.registerTool(
    'create_item',
    {
      title: 'Create a spec item',
      description:
        'Append a goal, persona, release, requirement or story to the list of its kind in a spec file, written as the items before it are (comments and formatting of the file kept). `file` names the file (relative to the workspace root); without it, the item goes after the item of that kind with the highest ID. `id` defaults to the next free ID of its siblings; `status` to draft. An edit that would add an error finding (a broken link, a field the schema refuses, a duplicate ID) is refused with those findings, and nothing is written.',
      inputSchema: {
        kind: z.enum(listKinds),
        file: z.string().min(1).optional().describe('a spec file of the workspace, relative to its root'),
        id: z.string().min(1).optional().describe('the new ID (default: the next free one)'),
        fields: fieldsShape,
      },
      outputSchema,
      annotations: edits,
    },
    async args => {
      await ws.settled();
      const kind = args.kind;
      const uri = args.file !== undefined ? fileOf(ws, args.file) : homeOf(ws, kind);
      const wanted = args.id?.trim();
      if (wanted !== undefined) {
        if (!idPattern.test(wanted))
          throw new Error(
            `"${wanted}" is not an ID: a prefix of capitals, a dash, then letters or digits (REQ-12)`,
          );
        const taken = ws.service.index.definitions(wanted)[0];
        if (taken) throw new Error(`${wanted} is already defined in ${ws.relative(taken.uri)}`);
      }
      const entries = fieldEntries(args.fields, ['id']);
      const id = await guard.run(uri, () => {
        const siblings = (ws.service.index.files.get(uri)?.items ?? []).filter(i => i.kind === kind);
        if (!siblings.length)
          throw new Error(
            `${ws.relative(uri)} holds no ${kind} yet: name a file whose list of ${kind}s create_item can append to`,
          );
        // The list of the last one (a file holds one list of each kind; a container may hold it).
        const last = [...siblings].sort((a, b) => a.range.start.line - b.range.start.line).pop()!;
        const group = siblings.filter(s => s.parent === last.parent);
        const id =
          wanted ??
          nextFreeId(
            ws.service.index,
            group.map(s => s.id),
            defaultPrefixes[kind],
          );
        const fields: [string, string | string[]][] = [['id', scalarText(id, false)]];
        for (const [key, value] of entries) fields.push([key, blockValue({ kind }, key, value)]);
        if (draftKinds.includes(kind) && !entries.some(([k]) => k === 'status'))
          fields.push(['status', 'draft']);
        const { edit } = appendItem(ws.service, group, fields);
        return { edits: [edit], result: id };
      });
      return placed(id, uri);
    },
  );

  server.registerTool(
    'update_item',
    {
      title: 'Update a spec item',
      description:
        "Set fields of an item: each value is replaced where it stands, a new field is added after the item's last line; the rest of the file (comments, formatting, other items) stays byte for byte. The ID itself and the lists of child items cannot be set here. An edit that would add an error finding (a broken link, a value the schema refuses) is refused with those findings, and nothing is written.",
      inputSchema: { id: z.string().min(1).describe('the ID of the item'), fields: fieldsShape },
      outputSchema,
      annotations: edits,
    },
    async args => {
      await ws.settled();
      const item = findItem(ws.service, args.id);
      if (!item) throw new Error(unknownIdMessage(ws.service, args.id));
      const childLists =
        item.parent === undefined ? (itemLists[fileKind(item.uri)!] ?? []).map(l => l.key) : [];
      const entries = fieldEntries(args.fields, ['id', ...childLists]);
      if (!entries.length) throw new Error('fields names nothing to set');
      const { id, uri } = item;
      await guard.run(uri, text => {
        const now = ws.service.index.definitions(id).find(i => i.uri === uri);
        if (!now) throw new Error(`${id} is no longer in ${ws.relative(uri)}`);
        return { edits: setFieldEdits(ws.service, now, text, entries), result: undefined };
      });
      return placed(id, uri);
    },
  );
}

/** The fields as entries; a field this tool may not set is an error that says why. */
function fieldEntries(
  fields: Record<string, FieldValue>,
  refused: readonly string[],
): [string, FieldValue][] {
  const entries = Object.entries(fields);
  for (const [key] of entries) {
    if (key === 'id')
      throw new Error(
        'fields cannot set id: give the new item\'s ID as "id", and rename an existing ID in the editor (Rename Symbol), which changes every link to it',
      );
    if (refused.includes(key))
      throw new Error(`fields cannot set ${key}: it holds items of their own; create them with create_item`);
  }
  return entries;
}

/** The URI of a `file` input: a spec file under the workspace root. */
function fileOf(ws: ServedWorkspace, file: string): string {
  const uri = ws.uriOf(file);
  if (uri === undefined) throw new Error(`${file} is outside the workspace: nothing is written there`);
  if (!ws.service.index.files.has(uri))
    throw new Error(`${file} is not a spec file of this workspace (the scan did not read it)`);
  return uri;
}

/** Where a kind lives: the file of its item with the highest ID. */
function homeOf(ws: ServedWorkspace, kind: ItemKind): string {
  const items: Item[] = [...ws.service.index.items()].filter(i => i.kind === kind);
  if (!items.length) throw new Error(`the workspace has no ${kind} yet: name the file to add it to (file)`);
  return items.sort((a, b) => compareIds(a.id, b.id))[items.length - 1].uri;
}
