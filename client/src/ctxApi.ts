import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { WorkspaceStatus } from '../../server/src/protocol';

/**
 * What the status bar, the views and the Roadmap board use of the
 * extension's context: the server, the workspace status it last sent, and
 * the extension itself. `Ctx` (ctx.ts) implements it and creates those
 * parts; they depend on this leaf, not on ctx.ts, so no module imports back
 * the module that builds it.
 */
export interface CtxApi {
  readonly extension: vscode.ExtensionContext;
  /** The running client, if any (undefined before the first start and after a failed one). */
  readonly client: LanguageClient | undefined;
  /** Fires when the server says the workspace changed, and after a (re)start. */
  readonly onDidChangeWorkspace: vscode.Event<WorkspaceStatus>;
  /** Run a request once the server runs; undefined when it does not run or the request fails. */
  request<R>(send: (client: LanguageClient) => Promise<R>): Promise<R | undefined>;
  /** A URI as the server knows it (the form the client uses for didOpen). */
  serverUri(uri: vscode.Uri): string;
}
