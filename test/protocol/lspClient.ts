import { fork, spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createMessageConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type FileEvent,
  type InitializeParams,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

/**
 * A minimal LSP client for protocol tests: it runs the real bundled server
 * (dist/server.js) as a child process, speaks JSON-RPC to it over stdio or
 * node-ipc, records every publishDiagnostics, and lets a test wait for an
 * event — never for a fixed time. A wait that is not satisfied fails after
 * `timeoutMs` with what the server did publish, its log and its stderr.
 */

export const repoRoot = path.resolve(__dirname, '../../..');
export const serverPath = path.join(repoRoot, 'dist', 'server.js');

export interface StartOptions {
  /** Workspace folders, as URIs. */
  folders: string[];
  /** How to talk to the server (default stdio). */
  transport?: 'stdio' | 'ipc';
  /** Send only `rootUri` (the first folder), as a client without workspace folders would. */
  rootUriOnly?: boolean;
  /** Whether the client offers dynamic registration of file watchers (default true). */
  dynamicWatchers?: boolean;
  /** `initializationOptions` of initialize (the VS Code client sends `{ settings }`). */
  initializationOptions?: unknown;
  /** Change the client capabilities sent (by default those of a client like VS Code's). */
  capabilities?: (defaults: ClientCapabilities) => ClientCapabilities;
}

export interface WaitOptions {
  /** Publishes of the URI to skip: pass `client.mark(uri)` to see only later ones. Default: the latest counts. */
  since?: number;
  timeoutMs?: number;
}

/**
 * A diagnostic's message as text. The LSP 3.18 types allow MarkupContent
 * there; the server sends plain strings (no client announces markup
 * messages), so anything else throws and fails the test.
 */
export function messageOf(d: Diagnostic): string {
  if (typeof d.message !== 'string')
    throw new Error(`not a plain-text message: ${JSON.stringify(d.message)}`);
  return d.message;
}

/** A hang guard, not a budget: everything a test waits for takes well under a second on an idle machine (see test/unit/reliability/timing.ts). */
const defaultTimeoutMs = 20_000;

export class LspClient {
  /** Every publishDiagnostics, by URI, in arrival order. */
  private readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly checks = new Set<() => void>();
  /** Capabilities the server registered dynamically. */
  readonly registrations: Registration[] = [];
  /** window/logMessage and window/showMessage texts. */
  readonly logs: string[] = [];
  /** window/logMessage alone, with its type (1 error, 2 warning, 3 info, 4 log): what the Output channel shows. */
  readonly logMessages: { type: number; message: string }[] = [];
  /** window/showMessage texts alone (what the user sees as a notification). */
  readonly shown: string[] = [];
  /** Every other notification from the server (custom ones such as specwright/workspaceChanged). */
  readonly notifications: { method: string; params: unknown }[] = [];
  initializeResult!: InitializeResult;
  private stderr = '';
  private exitCode: number | null | undefined;

  private constructor(
    readonly process: ChildProcess,
    private readonly connection: MessageConnection,
  ) {
    process.stderr?.on('data', chunk => {
      this.stderr += String(chunk);
    });
    process.on('exit', code => {
      this.exitCode = code;
      this.recheck();
    });
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      let list = this.published.get(params.uri);
      if (!list) this.published.set(params.uri, (list = []));
      list.push(params);
      this.recheck();
    });
    connection.onNotification((method: string, params: unknown) => {
      if (method === 'window/logMessage' || method === 'window/showMessage') {
        this.logs.push(String((params as { message?: unknown })?.message));
        if (method === 'window/showMessage')
          this.shown.push(String((params as { message?: unknown })?.message));
        else
          this.logMessages.push({
            type: Number((params as { type?: unknown })?.type),
            message: String((params as { message?: unknown })?.message),
          });
        this.recheck();
      } else {
        this.notifications.push({ method, params });
        this.recheck();
      }
    });
    connection.onRequest('client/registerCapability', (params: { registrations: Registration[] }) => {
      this.registrations.push(...params.registrations);
      this.recheck();
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
      params.items.map(() => null),
    );
    connection.onRequest('window/workDoneProgress/create', () => null);
    // Refresh requests are recorded as notifications, for waitForNotification.
    for (const method of ['workspace/codeLens/refresh', 'workspace/semanticTokens/refresh']) {
      connection.onRequest(method, () => {
        this.notifications.push({ method, params: null });
        this.recheck();
        return null;
      });
    }
    connection.onError(() => {
      /* the process's exit says more */
    });
    connection.listen();
  }

  /** Spawn the server, send initialize and initialized. */
  static async start(options: StartOptions): Promise<LspClient> {
    if (!fs.existsSync(serverPath)) {
      throw new Error(
        `${serverPath} is missing: build it with "node esbuild.js" (npm test does this in its pretest step)`,
      );
    }
    let child: ChildProcess;
    let connection: MessageConnection;
    if (options.transport === 'ipc') {
      child = fork(serverPath, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const reader = new StreamMessageReader(child.stdout!);
      // The reader re-arms a timer forever while a message is half read, and
      // disposing it does not stop that; a server killed mid-message would keep mocha alive.
      reader.partialMessageTimeout = 0;
      connection = createMessageConnection(reader, new StreamMessageWriter(child.stdin!));
    }
    const client = new LspClient(child, connection);
    const folders: WorkspaceFolder[] = options.folders.map(uri => ({ uri, name: path.basename(uri) }));
    const defaults: ClientCapabilities = {
      workspace: {
        workspaceFolders: !options.rootUriOnly,
        didChangeWatchedFiles: { dynamicRegistration: options.dynamicWatchers ?? true },
        workspaceEdit: { documentChanges: true },
        codeLens: { refreshSupport: true },
        semanticTokens: { refreshSupport: true },
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: {
          relatedInformation: true,
          versionSupport: true,
          codeDescriptionSupport: true,
          dataSupport: true,
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        definition: { linkSupport: true },
        rename: { prepareSupport: true },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
      },
    };
    const capabilities = options.capabilities ? options.capabilities(defaults) : defaults;
    const params: InitializeParams = {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      capabilities,
      workspaceFolders: options.rootUriOnly ? null : folders,
      initializationOptions: options.initializationOptions,
    };
    client.initializeResult = await client.request<InitializeResult>('initialize', params);
    client.notify('initialized', {});
    return client;
  }

  // ---- talking to the server -----------------------------------------------

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params?: unknown): void {
    void this.connection.sendNotification(method, params);
  }

  open(uri: string, text: string, version = 1): void {
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'specwright', version, text } });
  }

  change(uri: string, version: number, ...contentChanges: TextDocumentContentChangeEvent[]): void {
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): void {
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  /** workspace/didChangeWatchedFiles (type: 1 created, 2 changed, 3 deleted). */
  filesChanged(...changes: FileEvent[]): void {
    this.notify('workspace/didChangeWatchedFiles', { changes });
  }

  /**
   * A watched-file event that `created` was created, sent with one that the
   * file `witness` (at `witnessPath` on disk) changed; it really does (a
   * comment is appended, since unchanged content is not republished), so its
   * republish means the whole batch was applied. Resolves then.
   */
  async announceCreated(created: string, witness: string, witnessPath: string): Promise<void> {
    const mark = this.mark(witness);
    fs.appendFileSync(witnessPath, `# announced ${++this.announced}\n`);
    this.filesChanged({ uri: created, type: 1 }, { uri: witness, type: 2 });
    await this.waitForDiagnostics(witness, () => true, { since: mark });
  }

  private announced = 0;

  foldersChanged(added: string[], removed: string[]): void {
    const folder = (uri: string): WorkspaceFolder => ({ uri, name: path.basename(uri) });
    this.notify('workspace/didChangeWorkspaceFolders', {
      event: { added: added.map(folder), removed: removed.map(folder) },
    });
  }

  /** shutdown, then exit; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown');
    this.notify('exit');
    return this.waitForExit();
  }

  /** Kill the server if a test left it running. */
  dispose(): void {
    this.connection.dispose();
    if (this.exitCode === undefined) this.process.kill();
  }

  // ---- what the server sent ------------------------------------------------

  /** Every publish for `uri` so far. */
  history(uri: string): PublishDiagnosticsParams[] {
    return this.published.get(uri) ?? [];
  }

  /** How many publishes `uri` has had: pass it as `since` to wait for a newer one. */
  mark(uri: string): number {
    return this.history(uri).length;
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.history(uri);
    return list[list.length - 1];
  }

  /**
   * The first publish for `uri` (from the latest already received, or from
   * `since`) that satisfies `predicate`.
   */
  waitForDiagnostics(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
    options: WaitOptions = {},
  ): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      `diagnostics for ${uri}`,
      () => {
        const list = this.history(uri);
        const from = options.since ?? Math.max(0, list.length - 1);
        return list.slice(from).find(predicate);
      },
      options.timeoutMs,
      () => `publishes for ${uri}: ${JSON.stringify(this.history(uri).slice(-3), null, 1)}`,
    );
  }

  /** The first notification of `method` at or after index `since` of `notifications` that satisfies `predicate`. */
  waitForNotification<P>(
    method: string,
    predicate: (params: P) => boolean = () => true,
    since = 0,
  ): Promise<P> {
    return this.waitFor(`a ${method} notification`, () => {
      const n = this.notifications.slice(since).find(n => n.method === method && predicate(n.params as P));
      return n ? (n.params as P) : undefined;
    });
  }

  /** Resolves once the server has registered a capability for `method`. */
  waitForRegistration(method: string): Promise<Registration> {
    return this.waitFor(`a registration of ${method}`, () =>
      this.registrations.find(r => r.method === method),
    );
  }

  waitForExit(timeoutMs?: number): Promise<number | null> {
    return this.waitFor(
      'the server to exit',
      () => (this.exitCode === undefined ? undefined : { code: this.exitCode }),
      timeoutMs,
    ).then(r => r.code);
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  get stderrText(): string {
    return this.stderr;
  }

  /** Resolve with the first non-undefined value of `check`, re-run on every message the server sends. */
  waitFor<T>(
    what: string,
    check: () => T | undefined,
    timeoutMs = defaultTimeoutMs,
    detail?: () => string,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = (): void => {
        let value: T | undefined;
        try {
          value = check();
        } catch (err) {
          done();
          reject(err);
          return;
        }
        if (value !== undefined) {
          done();
          resolve(value);
        } else if (this.exitCode !== undefined && what !== 'the server to exit') {
          done();
          reject(
            new Error(
              `the server exited (code ${this.exitCode}) while waiting for ${what}\n${this.describe(detail)}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.describe(detail)}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.checks.delete(run);
      };
      this.checks.add(run);
      run();
    });
  }

  private recheck(): void {
    for (const check of [...this.checks]) check();
  }

  private describe(detail?: () => string): string {
    return [
      detail?.() ?? '',
      `server log (last 10): ${JSON.stringify(this.logs.slice(-10), null, 1)}`,
      `server stderr: ${this.stderr.slice(-2000)}`,
    ].join('\n');
  }
}
