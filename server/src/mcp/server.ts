import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { toolName, toolVersion } from '../cli/toolInfo';
import { registerResources } from './resources';
import type { ServedWorkspace } from './servedWorkspace';
import { registerTools } from './tools';

/**
 * The MCP server of `specwright mcp`: read-only tools and resources over the
 * served workspace. It owns no I/O: the caller connects a transport and
 * keeps the workspace current (liveIndex.ts), then calls
 * `sendResourceListChanged` when files change.
 */
export function createMcpServer(ws: ServedWorkspace): McpServer {
  const server = new McpServer(
    { name: toolName, version: toolVersion },
    {
      capabilities: { resources: { listChanged: true }, tools: { listChanged: false } },
      instructions:
        'Specwright serves product requirements written as YAML spec files (vision, roadmap, epics, PRDs, stories). Use search to find items, get_item and trace for one item and what links to it, check for diagnostics, roadmap and coverage for planning. Answers reflect the files as saved.',
    },
  );
  registerTools(server, ws);
  registerResources(server, ws);
  return server;
}
