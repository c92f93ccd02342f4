import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { SpecService } from '../core/service';
import type { Feature, ServerContext } from './context';
import { SpecDocuments } from './documents';
import { WorkspaceFolders } from './folders';
import { codeActionsFeature } from './handlers/codeActions';
import { codeLensFeature } from './handlers/codeLens';
import { completionFeature } from './handlers/completion';
import { definitionFeature } from './handlers/definition';
import { documentHighlightFeature } from './handlers/documentHighlight';
import { documentSymbolsFeature } from './handlers/documentSymbols';
import { documentSync } from './handlers/documentSync';
import { foldingFeature } from './handlers/folding';
import { documentLinksFeature } from './handlers/documentLinks';
import { hoverFeature } from './handlers/hover';
import { indexCache } from './handlers/indexCache';
import { reviewChangesRequests } from './handlers/reviewChanges';
import { registerLifecycle } from './handlers/lifecycle';
import { referencesFeature } from './handlers/references';
import { renameFeature } from './handlers/rename';
import { reportRequests } from './handlers/reports';
import { selectionRangeFeature } from './handlers/selectionRange';
import { semanticTokensFeature } from './handlers/semanticTokens';
import { settings } from './handlers/settings';
import { viewRequests } from './handlers/viewRequests';
import { watchedFiles } from './handlers/watchedFiles';
import { workspaceFolders } from './handlers/workspaceFolders';
import { workspaceSymbolsFeature } from './handlers/workspaceSymbols';
import type { ServerRuntime } from './runtime';
import { WorkspaceSync } from './workspaceSync';

export type { ServerRuntime } from './runtime';

/**
 * The features the server offers, one file each in handlers/. Settings come
 * before workspace folders: the first scan must see the user's exclude globs.
 */
const features: readonly Feature[] = [
  documentSync,
  settings,
  indexCache,
  workspaceFolders,
  watchedFiles,
  viewRequests,
  reportRequests,
  reviewChangesRequests,
  hoverFeature,
  completionFeature,
  definitionFeature,
  referencesFeature,
  documentHighlightFeature,
  renameFeature,
  documentSymbolsFeature,
  workspaceSymbolsFeature,
  codeActionsFeature,
  codeLensFeature,
  foldingFeature,
  documentLinksFeature,
  selectionRangeFeature,
  semanticTokensFeature,
];

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
    ignores: runtime.ignores,
    // A notification (window/showMessage), not a request: no answer to wait for.
    showWarning: message => {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    },
  });
  const ctx: ServerContext = {
    connection,
    runtime,
    service,
    documents,
    folders,
    sync,
    log,
    client: {},
    settings: { rules: {}, exclude: [] },
    disposables: [],
  };

  registerLifecycle(ctx, features);
  for (const f of features) f.register?.(ctx);
  connection.listen();
}
