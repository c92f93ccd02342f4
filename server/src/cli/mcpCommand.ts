import { jsonReport } from './formatters/json';
import { buildReport } from './checkCommand';
import { CommandFailure, type CliHost } from './host';
import { LiveIndex } from '../mcp/liveIndex';
import { createMcpServer } from '../mcp/server';
import type { ServedWorkspace } from '../mcp/servedWorkspace';
import { loadWorkspace, warnProblems } from './workspace';

export interface McpOptions {
  path: string;
  config?: string;
  /** --root DIR: the workspace root of the PATH. */
  root?: string;
}

/**
 * `specwright mcp [PATH]`: load the workspace as `check` does, serve it over
 * MCP on the host's transport (stdio), and keep it current from the disk
 * until the client goes away. stdout belongs to MCP; warnings go to stderr.
 * Returns 0 when the client closes the connection.
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
  const served: ServedWorkspace = {
    service: ws.service,
    root: ws.root,
    relative: ws.relative,
    check: () => jsonReport(buildReport(ws, host, { paths: [options.path], format: 'json' })),
    settled: () => pending.then(() => undefined),
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
  await server.connect(host.mcpTransport());
  await closed;
  for (const w of watchers) w.close();
  return 0;
}
