import type { InitializeParams } from 'vscode-languageserver';
import type { Feature } from '../context';
import { normalize } from '../folders';
import { guardNotification } from '../guard';

/**
 * The workspace folders (multi-root): read at initialize, scanned at
 * initialized, kept up to date through workspace/didChangeWorkspaceFolders.
 */
export const workspaceFolders: Feature = {
  name: 'workspace folders',

  initialize(ctx, params) {
    for (const root of initialRoots(params)) ctx.folders.add(root);
    return { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } };
  },

  initialized(ctx) {
    if (ctx.client.workspace?.workspaceFolders) {
      ctx.connection.workspace.onDidChangeWorkspaceFolders(
        guardNotification(ctx.log, 'workspace/didChangeWorkspaceFolders', event => {
          const removed = event.removed.map(f => normalize(f.uri)).filter(root => ctx.folders.remove(root));
          const added = event.added.map(f => normalize(f.uri)).filter(root => ctx.folders.add(root));
          ctx.sync.removeRoots(removed);
          ctx.sync.scan(added);
        }),
      );
    }
    ctx.sync.scan([...ctx.folders.list()]);
  },
};

/** The folders of `initialize`: `workspaceFolders` when given, else `rootUri`. */
function initialRoots(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map(f => f.uri);
  return params.rootUri ? [params.rootUri] : [];
}
