import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { answer } from './answer';
import type { ServedWorkspace } from './servedWorkspace';

// The answers are what `specwright impact --format json` and `specwright diff
// --format json` print (docs/format.md): the same functions, on the served
// root. The shapes below name their top level; the CLI's documentation has the rest.

const revision = z.string().min(1).describe('a git revision: a branch, tag or commit (HEAD~1, origin/main)');
const side = z.object({ revision: z.string(), commit: z.string() });

/**
 * Registers `impact` and `diff`, which read version history through git.
 * Outside a git repository, or for an unknown revision or ID, the tool
 * answers an error with the CLI's message.
 */
export function registerHistoryTools(server: McpServer, ws: ServedWorkspace): void {
  const readOnly = { readOnlyHint: true, openWorldHint: false };

  server.registerTool(
    'impact',
    {
      title: 'Impact of a change',
      description:
        'Every item downstream of the IDs (the items that link to them, and what links to those, ...) and, with `since`, of the items whose content changed since that git revision, each with the path by which it is reached: the same JSON as "specwright impact [ID...] [--since REV] --format json".',
      inputSchema: {
        ids: z
          .array(z.string().min(1))
          .optional()
          .describe('the IDs of changed items, for example ["REQ-101"]'),
        since: revision
          .optional()
          .describe('start (also) from the items whose content changed since this git revision'),
      },
      outputSchema: {
        version: z.literal(1),
        root: z.string(),
        since: side.optional(),
        changed: z.array(z.object({ id: z.string(), fields: z.array(z.string()).optional() })),
        impacted: z.array(
          z.looseObject({
            id: z.string(),
            kind: z.string(),
            file: z.string(),
            line: z.number().int(),
            from: z.string(),
            path: z.array(z.object({ id: z.string(), via: z.string() })),
          }),
        ),
      },
      annotations: readOnly,
    },
    async args => {
      const ids = (args.ids ?? []).map(id => id.trim());
      if (!ids.length && args.since === undefined)
        throw new Error('impact needs the IDs of changed items (ids), or a git revision (since), or both');
      await ws.settled();
      return answer(await ws.impact(ids, args.since));
    },
  );

  server.registerTool(
    'diff',
    {
      title: 'Semantic diff between revisions',
      description:
        'What changed in the spec between two git revisions (default: HEAD and the working tree as saved): items added, removed and moved, status and priority changes, and each changed field: the same JSON as "specwright diff [FROM [TO]] --format json".',
      inputSchema: {
        from: revision.optional().describe('the older revision (default HEAD)'),
        to: revision.optional().describe('the newer revision (default: the working tree)'),
      },
      outputSchema: {
        version: z.literal(1),
        root: z.string(),
        from: side,
        to: side.nullable().describe('null: the working tree'),
        summary: z.object({
          added: z.number().int(),
          removed: z.number().int(),
          moved: z.number().int(),
          changed: z.number().int(),
          transitions: z.number().int(),
        }),
        added: z.array(z.looseObject({ id: z.string() })),
        removed: z.array(z.looseObject({ id: z.string() })),
        moved: z.array(z.looseObject({ id: z.string() })),
        changed: z.array(z.looseObject({ id: z.string() })),
        transitions: z.array(z.looseObject({ id: z.string() })),
      },
      annotations: readOnly,
    },
    async args => {
      await ws.settled();
      return answer(await ws.diff(args.from, args.to));
    },
  );
}
