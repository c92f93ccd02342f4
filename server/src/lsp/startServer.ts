import type { Connection } from 'vscode-languageserver';
import { SpecService } from '../core';
import type { Feature, ServerContext } from './context';
import { SpecDocuments } from './documents';
import { WorkspaceFolders } from './folders';
import { documentSync } from './handlers/documentSync';
import { registerLifecycle } from './handlers/lifecycle';
import { viewRequests } from './handlers/viewRequests';
import { watchedFiles } from './handlers/watchedFiles';
import { workspaceFolders } from './handlers/workspaceFolders';
import type { ServerRuntime } from './runtime';
import { WorkspaceSync } from './workspaceSync';

export type { ServerRuntime } from './runtime';

/** The features the server offers, one file each in handlers/. */
const features: readonly Feature[] = [documentSync, workspaceFolders, watchedFiles, viewRequests];

/**
 * Serve the Specwright language over `connection`. Transport only: handlers
 * find the document, call the core, and return; the core owns every rule.
 */
export function startServer(connection: Connection, runtime: ServerRuntime): void {
  const log = connection.console;
  const service = new SpecService(runtime.workspace);
  const documents = new SpecDocuments();
  const folders = new WorkspaceFolders();
  const sync = new WorkspaceSync({
    service,
    workspace: runtime.workspace,
    documents,
    folders,
    send: params => connection.sendDiagnostics(params),
    log,
    editDelayMs: runtime.editDelayMs ?? 30,
  });
  const ctx: ServerContext = { connection, runtime, service, documents, folders, sync, log, client: {}, disposables: [] };

  registerLifecycle(ctx, features);
  for (const f of features) f.register?.(ctx);
  connection.listen();
}
