import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LSPErrorCodes,
  PrepareRenameRequest,
  Range,
  RenameRequest,
  ResponseError,
  State,
  TransportKind,
  type LanguageClientOptions,
  type Middleware,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  SourceFilesNotification,
  WorkspaceChangedNotification,
  WorkspaceStatusRequest,
  type DidChangeConfigurationSettings,
  type SourceFileGlobs,
  type InitializationOptions,
  type WorkspaceStatus,
} from '../../server/src/protocol';
import { Config } from './config';
import type { CtxApi } from './ctxApi';
import { ShownDocuments } from './shownDocuments';
import { StatusBar } from './status';
import { RoadmapProvider } from './views/roadmapProvider';
import { TraceProvider } from './views/traceProvider';

/**
 * The extension's one context object (rust-analyzer's `Ctx`): it owns the
 * language client, the output channel, the views, the status bar and every
 * disposable. Commands (commands.ts) and views reach the server only through
 * it, so a restart swaps the client in one place.
 */
export class Ctx implements CtxApi, vscode.Disposable {
  readonly config = new Config();
  readonly output: vscode.LogOutputChannel;
  readonly status: StatusBar;
  readonly roadmap: RoadmapProvider;
  readonly trace: TraceProvider;
  /** Which documents the server holds open: those tabs show (no ghosts of closed, deleted files). */
  readonly shown = new ShownDocuments(
    doc => doc.languageId === 'specwright' || vscode.languages.match(this.sourceSelector(), doc) > 0,
  );
  /**
   * The code and test files the server serves (`.specwright.yaml` `trace:`),
   * as it last said; kept in the workspace state, so that a start has them in
   * its document selector at once.
   */
  private sourceFolders: SourceFileGlobs[];
  /** Changes of the served code and test files, one restart after the other. */
  private sourceFiles: Promise<void> = Promise.resolve();

  private _client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private _workspace: WorkspaceStatus | undefined;
  private readonly workspaceEmitter = new vscode.EventEmitter<WorkspaceStatus>();
  private readonly disposables: vscode.Disposable[] = [];

  /** Fires when the server says the workspace changed (after it republished diagnostics), and after a (re)start. */
  readonly onDidChangeWorkspace = this.workspaceEmitter.event;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.sourceFolders = extension.workspaceState.get<SourceFileGlobs[]>(sourceFilesKey) ?? [];
    this.output = vscode.window.createOutputChannel('Specwright', { log: true });
    this.status = new StatusBar(this);
    this.roadmap = new RoadmapProvider(this);
    this.trace = new TraceProvider(this);
    this.push(this.output, this.workspaceEmitter, this.status, this.roadmap, this.trace, this.shown);
    this.push(
      vscode.workspace.onDidChangeConfiguration(e => {
        if (Config.affectsServer(e)) void this.sendSettings();
      }),
      // Trust changes what the server may read (team schemas): start it again with `trusted: true`.
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.restart()),
    );
  }

  /** The running client, if any (undefined before the first start and after a failed one). */
  get client(): LanguageClient | undefined {
    return this._client;
  }

  /** The last workspace status the server sent. */
  get workspace(): WorkspaceStatus | undefined {
    return this._workspace;
  }

  push(...disposables: vscode.Disposable[]): void {
    this.disposables.push(...disposables);
  }

  /** Start the language server (once); resolves when it runs, or undefined if it could not start. */
  start(): Promise<LanguageClient | undefined> {
    this.starting ??= this.doStart();
    return this.starting;
  }

  /** Restart the server; a client that never started (or gave up) is replaced by a new one. */
  async restart(): Promise<void> {
    const client = this._client;
    this.output.info('restarting the language server');
    if (client?.isRunning()) {
      this.status.setServerState('starting');
      try {
        await client.restart();
        vscode.window.setStatusBarMessage('$(check) Specwright: language server restarted', 4000);
      } catch (err) {
        this.startFailed(err);
      }
      return;
    }
    this._client = undefined;
    this.starting = undefined;
    if (client) await client.dispose().catch(() => undefined);
    await this.start();
  }

  /**
   * Run a request against the server once it runs. Answers undefined when
   * the server is not running or the request fails (the failure is logged):
   * views then show nothing rather than an error.
   */
  async request<R>(send: (client: LanguageClient) => Promise<R>): Promise<R | undefined> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.start();
      if (!client || !client.isRunning()) return undefined;
      try {
        return await send(client);
      } catch (err) {
        // The client was replaced while the request ran (the served code and test files changed,
        // which happens once on a workspace's first open): its answer is lost, so ask the new one.
        if (client !== this._client && attempt === 1) continue;
        if (!isCancellation(err)) this.output.warn(`request failed: ${describe(err)}`);
        return undefined;
      }
    }
  }

  /** A URI as the server knows it (the form the client uses for didOpen). */
  serverUri(uri: vscode.Uri): string {
    return this._client ? this._client.code2ProtocolConverter.asUri(uri) : uri.toString();
  }

  dispose(): void {
    const client = this._client;
    this._client = undefined;
    if (client) void client.dispose().catch(() => undefined);
    for (const d of this.disposables.splice(0).reverse()) {
      try {
        d.dispose();
      } catch {
        // keep disposing the rest
      }
    }
  }

  // ---- internals ---------------------------------------------------------------

  private async doStart(): Promise<LanguageClient | undefined> {
    this.status.setServerState('starting');
    const version = (this.extension.extension.packageJSON as { version?: string }).version ?? 'unknown';
    const folders = (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath || f.uri.toString());
    this.output.info(
      `Specwright ${version}; workspace folders: ${folders.length ? folders.join(', ') : 'none'}`,
    );
    let client: LanguageClient;
    try {
      client = this.createClient();
    } catch (err) {
      this.startFailed(err);
      return undefined;
    }
    this._client = client;
    try {
      await client.start();
      return client;
    } catch (err) {
      this.startFailed(err);
      return undefined;
    }
  }

  private createClient(): LanguageClient {
    const module = vscode.Uri.joinPath(this.extension.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    // A function: a restart (after trust is granted) sends the settings and trust of that moment.
    const initializationOptions = (): InitializationOptions => ({
      settings: this.config.serverSettings(),
      trusted: Config.trusted(),
      // The index cache lives in the workspace's storage, never in the repository (none without a workspace).
      storagePath: this.extension.storageUri?.fsPath,
    });
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'specwright' },
        { scheme: 'untitled', language: 'specwright' },
        { scheme: 'file', pattern: '**/specwright.reviews' }, // its buffer counts: a quick fix's stamps before a save
        ...this.sourceFolders.flatMap(f =>
          f.globs.map(pattern => ({ scheme: 'file', pattern: { baseUri: f.rootUri, pattern } })),
        ),
      ],
      // File events are registered by the server itself (client/registerCapability).
      initializationOptions,
      outputChannel: this.output,
      diagnosticCollectionName: 'specwright',
      markdown: { isTrusted: false, supportHtml: false },
      middleware: { ...this.shown.middleware, ...refusalsAsInfo(() => this._client) },
    };
    // The id `specwright` makes vscode-languageclient read `specwright.trace.server`.
    const client = new LanguageClient('specwright', 'Specwright', serverOptions, clientOptions);
    this.shown.attach(client);
    // Handlers registered before start survive restarts.
    client.onNotification(WorkspaceChangedNotification.type, status => this.workspaceChanged(status));
    client.onNotification(SourceFilesNotification.type, p => {
      // Only the current client's server counts: one being replaced may still speak.
      if (client === this._client)
        this.sourceFiles = this.sourceFiles
          .then(() => this.sourceFilesChanged(p.folders))
          .catch(err => this.output.error(`serving other code and test files failed: ${describe(err)}`));
    });
    // Running is reached on the first start, on Restart Server and when the client restarts a crashed server.
    client.onDidChangeState(e => {
      if (e.newState === State.Running) void this.afterStart(client);
      else {
        // A (re)starting server holds no document open until the client opens the shown ones again.
        this.shown.reset();
        this.status.setServerState(e.newState === State.Stopped ? 'stopped' : 'starting');
      }
    });
    return client;
  }

  /** A (re)started server: ask for the workspace status, which refreshes the views and the status bar. */
  private async afterStart(client: LanguageClient): Promise<void> {
    this.status.setServerState('running');
    this.explainRestrictedMode();
    try {
      this.workspaceChanged(await client.sendRequest(WorkspaceStatusRequest.type));
    } catch (err) {
      this.output.warn(`could not read the workspace status: ${describe(err)}`);
      this.roadmap.refresh();
      this.trace.refresh();
    }
  }

  /**
   * In an untrusted workspace the server checks files against the built-in
   * schemas only: say so once per workspace, with a way to trust it.
   */
  private explainRestrictedMode(): void {
    if (Config.trusted() || this.extension.workspaceState.get<boolean>(untrustedNoticeKey)) return;
    void this.extension.workspaceState.update(untrustedNoticeKey, true);
    void vscode.window.showInformationMessage(untrustedNotice, 'Manage Workspace Trust').then(choice => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  }

  private startFailed(err: unknown): void {
    this.status.setServerState('failed');
    this.output.error(`the Specwright language server could not start: ${describe(err)}`);
    void vscode.window
      .showErrorMessage('The Specwright language server could not start.', 'Show Output')
      .then(choice => {
        if (choice) this.output.show(true);
      });
  }

  /** The code and test files, as a VS Code document selector (which documents `shown` opens for the server). */
  private sourceSelector(): vscode.DocumentFilter[] {
    return this.sourceFolders.flatMap(f =>
      f.globs.map(g => ({
        scheme: 'file',
        pattern: new vscode.RelativePattern(vscode.Uri.parse(f.rootUri), g),
      })),
    );
  }

  /**
   * The server serves other code and test files now (a `trace:` changed): a
   * language client's document selector is fixed when it is made, so a new
   * client is made with them.
   */
  private async sourceFilesChanged(folders: SourceFileGlobs[]): Promise<void> {
    if (JSON.stringify(folders) === JSON.stringify(this.sourceFolders)) return;
    this.sourceFolders = folders;
    await this.extension.workspaceState.update(sourceFilesKey, folders);
    this.output.info(
      `code and test files served: ${folders.flatMap(f => f.globs).join(', ') || 'none'}; restarting the language server`,
    );
    const client = this._client;
    this._client = undefined;
    this.starting = undefined;
    if (client) await client.dispose().catch(() => undefined);
    await this.start();
  }

  private workspaceChanged(status: WorkspaceStatus): void {
    this._workspace = status;
    void vscode.commands.executeCommand('setContext', 'specwright.noSpecFiles', !status.hasSpecFiles);
    this.workspaceEmitter.fire(status);
  }

  private async sendSettings(): Promise<void> {
    const client = this._client;
    if (!client?.isRunning()) return;
    const settings: DidChangeConfigurationSettings = { specwright: this.config.serverSettings() };
    try {
      await client.sendNotification(DidChangeConfigurationNotification.type, { settings });
    } catch (err) {
      this.output.warn(`could not send the settings: ${describe(err)}`);
    }
  }
}

/**
 * Rename sent by hand, so that the server's refusal of a rename (an ID that
 * is not an item, a name already taken) is shown as VS Code shows a refused
 * rename, not logged as `[error] Request textDocument/rename failed`: the
 * server itself logs the refusal at info level, with its reason.
 */
function refusalsAsInfo(client: () => LanguageClient | undefined): Middleware {
  const refused = (err: unknown): never => {
    if (
      err instanceof ResponseError &&
      err.code !== LSPErrorCodes.RequestCancelled &&
      err.code !== LSPErrorCodes.ServerCancelled
    ) {
      throw new Error(err.message);
    }
    throw err;
  };
  return {
    prepareRename: async (document, position, token, next) => {
      const c = client();
      if (!c) return next(document, position, token);
      try {
        const result = await c.sendRequest(
          PrepareRenameRequest.type,
          c.code2ProtocolConverter.asTextDocumentPositionParams(document, position),
          token,
        );
        if (!result) return undefined;
        if (Range.is(result)) return c.protocol2CodeConverter.asRange(result);
        if ('defaultBehavior' in result) return undefined;
        return { range: c.protocol2CodeConverter.asRange(result.range), placeholder: result.placeholder };
      } catch (err) {
        return refused(err);
      }
    },
    provideRenameEdits: async (document, position, newName, token, next) => {
      const c = client();
      if (!c) return next(document, position, newName, token);
      try {
        const params = {
          ...c.code2ProtocolConverter.asTextDocumentPositionParams(document, position),
          newName,
        };
        return await c.protocol2CodeConverter.asWorkspaceEdit(
          await c.sendRequest(RenameRequest.type, params, token),
          token,
        );
      } catch (err) {
        return refused(err);
      }
    },
  };
}

const untrustedNoticeKey = 'specwright.untrustedNoticeShown';
/** Where the code and test files the server last named are kept (workspace state). */
const sourceFilesKey = 'specwright.sourceFiles';
const untrustedNotice =
  'Specwright: this workspace is not trusted, so team schemas named in .specwright.yaml (schemas:) are not read; ' +
  "spec files are checked against the built-in schemas only. Trust the workspace to check them against your team's schemas too.";

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function isCancellation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === -32800;
}
