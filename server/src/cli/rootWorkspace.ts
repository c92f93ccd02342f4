import type { SpecService } from '../core/service';
import { closestMatches } from '../core/text/closest';
import type { Command } from './args';
import { CommandFailure, type CliHost } from './host';
import { loadWorkspace, quote, type LoadedWorkspace } from './workspace';

/**
 * The one workspace that review, impact and diff work on: that of the
 * current folder, found as check finds it, or of --root DIR.
 */
export async function loadRootWorkspace(
  command: Command,
  options: { root?: string; config?: string },
  host: CliHost,
): Promise<{ ws: LoadedWorkspace; root: string; rootUri: string }> {
  const ws = await loadWorkspace(
    command,
    [options.root ?? host.cwd],
    { config: options.config, root: options.root },
    host,
  );
  const root = ws.roots[0];
  return { ws, root, rootUri: host.toUri(root) };
}

/** Refuse IDs that no item has (a CommandFailure that says what was not done and names the closest IDs). */
export function refuseUnknownIds(service: SpecService, ids: readonly string[], notDone: string): void {
  const unknown = ids.filter(id => service.index.definitions(id).length === 0);
  if (!unknown.length) return;
  const hint = (id: string): string => {
    const near = closestMatches(id, service.index.ids());
    return near.length ? ` (did you mean ${near.join(', ')}?)` : '';
  };
  throw new CommandFailure(
    `${notDone}: ${unknown.map(id => `no item has the ID ${quote(id)} in this workspace${hint(id)}`).join('; ')}`,
  );
}
