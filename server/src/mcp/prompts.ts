import { completable } from '@modelcontextprotocol/sdk/server/completable.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { stringify } from 'yaml';
import * as z from 'zod';
import { defaultPrefixes, nextFreeId } from '../core/features/nextFreeId';
import { itemCard } from '../core/features/hover';
import { ItemFindings } from '../core/report/itemFindings';
import { compareIds } from '../core/text/compareIds';
import { itemTitle } from '../core/text/itemTitle';
import type { Item, ItemKind } from '../core/types';
import { didYouMean, findItem, unknownIdMessage } from './lookup';
import type { ServedWorkspace } from './servedWorkspace';

/**
 * Registers the prompts: `draft-stories` (what an agent needs to write the
 * stories of a requirement) and `review-prd` (a PRD with its findings and
 * open questions). Each is one user message of Markdown assembled from the
 * index, the hover card and the findings the CLI reports; an unknown ID, or
 * one of another kind, is an MCP error (invalid params) naming the closest
 * IDs of the kind asked for.
 */
export function registerPrompts(server: McpServer, ws: ServedWorkspace): void {
  server.registerPrompt(
    'draft-stories',
    {
      title: 'Draft stories for a requirement',
      description:
        'The requirement (card, statement, acceptance criteria), its PRD, the personas, and the stories that already implement it, with what a new story needs.',
      argsSchema: { id: idOf(ws, 'requirement', 'the ID of a requirement, for example REQ-101') },
    },
    async ({ id }) => {
      await ws.settled();
      return message(`Stories for ${id}`, draftStories(ws, itemOfKind(ws, id, 'requirement')));
    },
  );

  server.registerPrompt(
    'review-prd',
    {
      title: 'Review a PRD',
      description:
        'The PRD and its requirements, the findings Specwright reports on them, and its open questions.',
      argsSchema: { id: idOf(ws, 'prd', 'the ID of a PRD, for example PRD-1') },
    },
    async ({ id }) => {
      await ws.settled();
      return message(`Review of ${id}`, reviewPrd(ws, itemOfKind(ws, id, 'prd')));
    },
  );
}

/** The `id` argument, completed with the IDs of one kind. */
function idOf(ws: ServedWorkspace, kind: ItemKind, description: string) {
  return completable(z.string().min(1).describe(description), async value => {
    await ws.settled();
    return [...ws.service.index.items()]
      .filter(i => i.kind === kind && i.id.startsWith(value))
      .map(i => i.id)
      .sort(compareIds)
      .slice(0, 100);
  });
}

/** The item of a kind with that ID; else an invalid-params error naming the closest IDs of that kind. */
function itemOfKind(ws: ServedWorkspace, id: string, kind: ItemKind): Item {
  const item = findItem(ws.service, id);
  if (item?.kind === kind) return item;
  throw new McpError(
    ErrorCode.InvalidParams,
    item
      ? `${item.id} is a ${item.kind}, not a ${kind}${didYouMean(ws.service, id, [kind])}`
      : unknownIdMessage(ws.service, id, [kind]),
  );
}

function message(description: string, text: string) {
  return {
    description,
    messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }],
  };
}

// ---- draft-stories -------------------------------------------------------------------

function draftStories(ws: ServedWorkspace, req: Item): string {
  const index = ws.service.index;
  const prd =
    req.parent !== undefined ? index.definitions(req.parent).find(i => i.kind === 'prd') : undefined;
  const stories = index
    .incoming(req.id)
    .filter(l => l.field === 'implements' && l.holder.kind === 'story')
    .map(l => l.holder)
    .sort((a, b) => compareIds(a.id, b.id));
  const personaIds = new Set<string>();
  for (const holder of [prd, ...stories])
    for (const l of holder?.links ?? [])
      if (l.field === 'personas' || l.field === 'as_a') personaIds.add(l.target);
  const personas = [...personaIds]
    .sort(compareIds)
    .map(p => index.definitions(p).find(i => i.kind === 'persona'))
    .filter((p): p is Item => p !== undefined);
  const allStories = [...index.items()].filter(i => i.kind === 'story').map(i => i.id);
  const nextId = nextFreeId(index, allStories, defaultPrefixes.story);
  const criteria = Array.isArray(req.fields.acceptance_criteria) ? req.fields.acceptance_criteria : [];

  const out: string[] = [
    `Draft the user stories that implement requirement ${req.id}${title(req)}. Cover what the stories below do not yet cover; each story is small enough for one iteration and names the persona it serves.`,
    '',
    '## The requirement',
    '',
    ...itemSection(ws, req),
    '',
    '## Its acceptance criteria',
    '',
    ...(criteria.length ? criteria.map((c, i) => `${i + 1}. ${String(c)}`) : ['None are written yet.']),
    '',
    '## Its PRD',
    '',
    ...(prd ? itemSection(ws, prd) : ['The requirement is in no PRD.']),
    '',
    '## Personas',
    '',
    ...(personas.length
      ? personas.flatMap(p => [...itemSection(ws, p), ''])
      : ['The PRD names no persona.', '']),
    '## Stories that already implement it',
    '',
    ...(stories.length ? stories.flatMap(s => [...itemSection(ws, s), '']) : ['None yet.', '']),
    '## How to write them',
    '',
    `Write each story as an item of the \`stories:\` list of a \`*.stories.yaml\` file: \`id\` (the next free ID is ${nextId}), \`title\`, \`implements: [${req.id}]\`, \`as_a\` (a persona ID), \`status: draft\` and testable \`acceptance_criteria\`.`,
  ];
  return out.join('\n') + '\n';
}

// ---- review-prd ----------------------------------------------------------------------

function reviewPrd(ws: ServedWorkspace, prd: Item): string {
  const index = ws.service.index;
  const findings = new ItemFindings(ws.service);
  const requirements = (index.files.get(prd.uri)?.items ?? []).filter(
    i => i.kind === 'requirement' && i.parent === prd.id,
  );
  const listed = [prd, ...requirements].flatMap(item =>
    findings
      .diagnosticsOf(item)
      .map(
        d =>
          `- ${ws.relative(d.uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code}: ${d.message}`,
      ),
  );
  const questions = Array.isArray(prd.fields.open_questions) ? prd.fields.open_questions : [];
  const out: string[] = [
    `Review PRD ${prd.id}${title(prd)}: resolve its findings, propose answers to its open questions, and say where a requirement is unclear, untestable, missing or in conflict with another.`,
    '',
    '## The PRD',
    '',
    ...itemSection(ws, prd),
    '',
    `## Its requirements (${requirements.length})`,
    '',
    ...(requirements.length
      ? requirements.flatMap(r => [...itemSection(ws, r), ''])
      : ['The PRD has no requirement yet.', '']),
    `## Findings (${listed.length})`,
    '',
    ...(listed.length ? listed : ['Specwright reports no finding on this PRD or its requirements.']),
    '',
    `## Open questions (${questions.length})`,
    '',
    ...(questions.length ? questions.map((q, i) => `${i + 1}. ${String(q)}`) : ['None are listed.']),
  ];
  return out.join('\n') + '\n';
}

// ---- shared --------------------------------------------------------------------------

function title(item: Item): string {
  const t = itemTitle(item);
  return t ? ` (${t})` : '';
}

/** An item: its hover card, then where it is and its fields (as YAML). */
function itemSection(ws: ServedWorkspace, item: Item): string[] {
  const index = ws.service.index;
  const fields = stringify({ id: item.id, ...item.fields }, { lineWidth: 0 }).trimEnd();
  return [
    itemCard(index, item, index.definitions(item.id).length),
    '',
    `In \`${ws.relative(item.uri)}\`:`,
    '',
    '```yaml',
    fields,
    '```',
  ];
}
