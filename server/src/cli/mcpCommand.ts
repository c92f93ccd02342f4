import * as path from 'path';
import { isUnder } from '../core/workspace';
import { jsonReport } from './formatters/json';
import { formatImpactJson } from './formatters/impact';
import { formatDiffJson } from './formatters/semanticDiff';
import { buildReport } from './checkCommand';
import { diffReport } from './diffCommand';
import { CommandFailure, type CliHost } from './host';
import { impactReport } from './impactCommand';
import { LiveIndex } from '../mcp/liveIndex';
import { createMcpServer } from '../mcp/server';
import type { ServedWorkspace, SpecFiles } from '../mcp/servedWorkspace';
import { describeWriteError } from './writeError';
import { loadWorkspace, warnProblems } from './workspace';

export interface McpOptions {
  path: string;
  config?: string;
  /** --root DIR: the workspace root of the PATH. */
  root?: string;
  /** --allow-edits: offer create_item and update_item, which write spec files of the workspace. */
  allowEdits?: boolean;
}

/**
 * `specwright mcp [PATH]`: load the workspace as `check` does, serve it over
 * MCP on the host's transport (stdio), and keep it current from the disk
 * until the client goes away. stdout belongs to MCP; warnings go to stderr.
 * impact and diff answer what the commands print as JSON (the same
 * functions, on the served root); with --allow-edits the editing tools write
 * through the host's writeText (no symbolic link followed), and only files
 * under the root. Returns 0 when the client closes the connection.
 */
export async function mcpCommand(options: McpOptions, host: CliHost): Promise<number> {
  if (!host.mcpTransport || !host.watch) throw new CommandFailure('mcp cannot run here: no transport');
  const ws = await loadWorkspace('mcp', [options.path], options, host);
  warnProblems(ws, host);
  const live = new LiveIndex(
    ws.service,
    host.workspace,
    ws.roots.map(r => host.toUri(r)),
    options.config !== undefined,
  );
  let pending: Promise<unknown> = Promise.resolve();
  // One PATH: one root, which impact and diff read the history of.
  const root = ws.roots[0];
  const rootUri = host.toUri(root);
  const history = { config: options.config };
  const files: SpecFiles = {
    read: uri => host.readText(host.toPath(uri)),
    async write(uri, text) {
      if (!isUnder(uri, rootUri)) throw new Error(`${ws.relative(uri)} is outside the workspace`);
      try {
        await host.writeText(host.toPath(uri), text);
      } catch (err) {
        throw new Error(`cannot write ${ws.relative(uri)}: ${describeWriteError(err, root)}`, { cause: err });
      }
    },
  };
  const served: ServedWorkspace = {
    service: ws.service,
    root: ws.root,
    rootUri,
    relative: ws.relative,
    uriOf(relative) {
      const target = path.isAbsolute(relative)
        ? path.resolve(relative)
        : path.resolve(root, ...relative.split(/[\\/]/));
      const uri = host.toUri(target);
      return isUnder(uri, rootUri) ? uri : undefined;
    },
    check: () => jsonReport(buildReport(ws, host, { paths: [options.path], format: 'json' })),
    impact: async (ids, since) =>
      parsed(
        formatImpactJson(
          await impactReport(ws, { root, rootUri }, { ids, since, ...history }, host, ws.relative),
          ws.root,
        ),
      ),
    diff: async (from, to) => {
      const { diff, sides } = await diffReport(root, { from, to, ...history }, host);
      return parsed(formatDiffJson(diff, sides, ws.root));
    },
    settled: () => pending.then(() => undefined),
    ...(options.allowEdits ? { files } : {}),
  };
  const server = createMcpServer(served);

  const watchers = ws.roots.flatMap(root => {
    try {
      return [
        host.watch!(root, paths => {
          const applied = live.changed(paths.map(p => host.toUri(p))).then(
            changed => {
              if (changed && server.isConnected()) server.sendResourceListChanged();
            },
            (err: unknown) =>
              host.stderr(
                `specwright: mcp: could not apply file changes: ${err instanceof Error ? err.message : String(err)}\n`,
              ),
          );
          pending = pending.then(() => applied);
        }),
      ];
    } catch (err) {
      host.stderr(
        `specwright: warning: cannot watch ${root} (${err instanceof Error ? err.message : String(err)}): answers reflect the files as read at start\n`,
      );
      return [];
    }
  });

  const closed = new Promise<void>(resolve => {
    server.server.onclose = resolve;
  });
  await server.connect(await host.mcpTransport());
  await closed;
  for (const w of watchers) w.close();
  return 0;
}

/** The CLI's JSON text as the object a tool answers (the same formatter, so the same shape). */
function parsed(json: string): Record<string, unknown> {
  return JSON.parse(json) as Record<string, unknown>;
}
