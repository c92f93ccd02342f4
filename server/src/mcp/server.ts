import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { toolName, toolVersion } from '../cli/toolInfo';
import { registerEditTools } from './editTools';
import { registerHistoryTools } from './historyTools';
import { registerPrompts } from './prompts';
import { registerResources } from './resources';
import type { ServedWorkspace } from './servedWorkspace';
import { registerTools } from './tools';

/**
 * The MCP server of `specwright mcp`: tools, resources and prompts over the
 * served workspace, read-only unless the workspace comes with `files`
 * (`--allow-edits`), which adds create_item and update_item. It owns no
 * I/O: the caller connects a transport and keeps the workspace current
 * (liveIndex.ts), then calls `sendResourceListChanged` when files change.
 */
export function createMcpServer(ws: ServedWorkspace): McpServer {
  const edits = ws.files !== undefined;
  const server = new McpServer(
    { name: toolName, version: toolVersion },
    {
      capabilities: {
        resources: { listChanged: true },
        tools: { listChanged: false },
        prompts: { listChanged: false },
      },
      instructions: `Specwright serves product requirements written as YAML spec files (vision, roadmap, epics, PRDs, stories). Use search to find items, get_item and trace for one item and what links to it, check for diagnostics, roadmap and coverage for planning, impact and diff for what a change touches (git history). The prompts draft-stories and review-prd gather what a requirement's stories or a PRD's review need.${edits ? ' create_item and update_item change spec files; an edit that would add an error is refused with the findings.' : ' The server is read-only.'} Answers reflect the files as saved.`,
    },
  );
  registerTools(server, ws);
  registerHistoryTools(server, ws);
  if (ws.files) registerEditTools(server, ws, ws.files);
  registerResources(server, ws);
  registerPrompts(server, ws);
  return server;
}
