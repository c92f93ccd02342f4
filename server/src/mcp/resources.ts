import { ResourceTemplate, type McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { itemCard } from '../core/features/hover';
import { itemTitle } from '../core/text/itemTitle';
import { roadmapSection } from '../core/report/markdown';
import { buildRoadmapModel } from '../core/report/reportModel';
import { compareIds } from '../core/text/compareIds';
import { findItem, unknownIdMessage } from './lookup';
import type { ServedWorkspace } from './servedWorkspace';

/** The URI of an item's resource. */
export function itemResourceUri(id: string): string {
  return `specwright://item/${encodeURIComponent(id)}`;
}

export const roadmapResourceUri = 'specwright://roadmap';

/**
 * Registers the resources: `specwright://item/{id}` (a template: an item as
 * Markdown, the hover card the editor shows on its ID) and
 * `specwright://roadmap` (the roadmap as the Markdown report prints it). An
 * unknown ID is an MCP error (invalid params) that names the closest IDs.
 */
export function registerResources(server: McpServer, ws: ServedWorkspace): void {
  server.registerResource(
    'item',
    new ResourceTemplate('specwright://item/{id}', {
      list: async () => {
        await ws.settled();
        const index = ws.service.index;
        const ids = [...index.ids()].sort(compareIds);
        return {
          resources: ids.map(id => {
            const title = itemTitle(index.definitions(id)[0]);
            return {
              uri: itemResourceUri(id),
              name: id,
              ...(title ? { title: `${id} ${title}` } : {}),
              mimeType: 'text/markdown',
            };
          }),
        };
      },
      complete: {
        id: async value => {
          await ws.settled();
          return [...ws.service.index.ids()]
            .filter(id => id.startsWith(value))
            .sort(compareIds)
            .slice(0, 100);
        },
      },
    }),
    {
      title: 'Spec item',
      description:
        'An item of the spec files as Markdown: its status, chain up to the goals, roll-up and place.',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      await ws.settled();
      const raw = variables.id;
      const id = decodeURIComponent(Array.isArray(raw) ? (raw[0] ?? '') : raw);
      const item = findItem(ws.service, id);
      if (!item) throw new McpError(ErrorCode.InvalidParams, unknownIdMessage(ws.service, id));
      const count = ws.service.index.definitions(item.id).length;
      return {
        contents: [
          { uri: uri.href, mimeType: 'text/markdown', text: itemCard(ws.service.index, item, count) + '\n' },
        ],
      };
    },
  );

  server.registerResource(
    'roadmap',
    roadmapResourceUri,
    {
      title: 'Roadmap',
      description: 'Releases by horizon with their epics and progress, as Markdown.',
      mimeType: 'text/markdown',
    },
    async uri => {
      await ws.settled();
      const { roadmap } = buildRoadmapModel(ws.service, { displayPath: u => ws.relative(u) });
      const text = ['# Roadmap', '', ...roadmapSection(roadmap)].join('\n').trimEnd() + '\n';
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );
}
