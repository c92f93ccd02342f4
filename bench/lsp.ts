import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * A minimal LSP client over stdio (Content-Length framing by vscode-jsonrpc)
 * for benchmarking: it keeps the last diagnostics published per URI, answers
 * the server's requests (configuration, registrations, progress), tracks open
 * documents, and lets the caller wait for a condition on the diagnostics.
 */

export interface Diag {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  code?: string | number;
  source?: string;
  message: string;
}

export interface Published {
  version?: number;
  diagnostics: Diag[];
  /** performance.now() when it arrived. */
  at: number;
  /** How many publishes this URI has had. */
  count: number;
}

export interface StartOptions {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  /** Answers workspace/configuration items by section. */
  configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  /** Print the server's stderr and window/logMessage (errors only by default). */
  verbose?: boolean;
}

export class LspSession {
  readonly diagnostics = new Map<string, Published>();
  readonly docs = new Map<string, TextDocument>();
  capabilities: Record<string, unknown> = {};
  /** When the last workspace/configuration request was answered. */
  lastConfigurationAnswer = 0;
  /** Log lines of type error the server sent. */
  readonly errors: string[] = [];
  private readonly waiters = new Set<() => void>();
  /** window/logMessage texts, in order. */
  readonly logs: string[] = [];
  private readonly publishHooks: Array<(uri: string, p: Published) => void> = [];
  private exited = false;
  private readonly exitPromise: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly proc: ChildProcess,
    readonly conn: MessageConnection,
    private readonly options: StartOptions,
  ) {
    this.exitPromise = new Promise(resolve =>
      proc.on('exit', code => {
        this.exited = true;
        resolve(code);
      }),
    );
  }

  static start(options: StartOptions): LspSession {
    const proc = spawn(options.command, options.args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    // A server killed while messages are still queued for it must not crash the bench (EPIPE).
    proc.stdin.on('error', ignore);
    proc.stdout.on('error', ignore);
    const conn = createMessageConnection(
      new StreamMessageReader(proc.stdout),
      new StreamMessageWriter(proc.stdin),
    );
    conn.onError(ignore);
    const s = new LspSession(options.name, proc, conn, options);
    proc.stderr.on('data', (b: Buffer) => {
      const text = b.toString();
      if (options.verbose) process.stderr.write(`[${options.name} stderr] ${text}`);
      if (/error/i.test(text)) s.errors.push(text.trim().slice(0, 500));
    });
    conn.onNotification(
      'textDocument/publishDiagnostics',
      (params: { uri: string; version?: number; diagnostics: Diag[] }) => {
        const prev = s.diagnostics.get(params.uri);
        const p: Published = {
          version: params.version ?? undefined,
          diagnostics: params.diagnostics,
          at: performance.now(),
          count: (prev?.count ?? 0) + 1,
        };
        s.diagnostics.set(params.uri, p);
        for (const hook of s.publishHooks) hook(params.uri, p);
        for (const w of [...s.waiters]) w();
      },
    );
    conn.onNotification('window/logMessage', (params: { type: number; message: string }) => {
      if (params.type === 1) s.errors.push(params.message.slice(0, 500));
      s.logs.push(params.message);
      for (const w of [...s.waiters]) w();
      if (options.verbose) process.stderr.write(`[${options.name} log ${params.type}] ${params.message}\n`);
    });
    conn.onNotification((_method: string) => {
      /* telemetry, progress, custom notifications: ignored */
    });
    conn.onRequest(
      'workspace/configuration',
      (params: { items: Array<{ section?: string; scopeUri?: string }> }) => {
        const answer = params.items.map(i => options.configuration?.(i.section, i.scopeUri) ?? null);
        s.lastConfigurationAnswer = performance.now();
        return answer;
      },
    );
    conn.onRequest((method: string) => {
      // client/registerCapability, window/workDoneProgress/create, workspace/codeLens/refresh, ...: accept.
      if (method === 'workspace/workspaceFolders') return null;
      return null;
    });
    conn.listen();
    return s;
  }

  get pid(): number {
    return this.proc.pid!;
  }

  onPublish(hook: (uri: string, p: Published) => void): void {
    this.publishHooks.push(hook);
  }

  /** Handle a notification of the server's own (`specwright/workspaceChanged`); waiters check their conditions again after it. */
  onNotification<P>(method: string, handler: (params: P) => void): void {
    this.conn.onNotification(method, (params: P) => {
      handler(params);
      for (const w of [...this.waiters]) w();
    });
  }

  async initialize(rootUri: string, initializationOptions?: unknown): Promise<void> {
    const result = await this.conn.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      initializationOptions,
      capabilities: clientCapabilities,
      locale: 'en',
    });
    this.capabilities = result.capabilities ?? {};
    await this.conn.sendNotification('initialized', {});
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.conn.sendNotification(method, params);
  }

  request<R = unknown>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  open(uri: string, languageId: string, text: string): void {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    this.conn
      .sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } })
      .catch(ignore);
  }

  /** Replace [start, end) of an open document with `text`; returns the new version. */
  edit(
    uri: string,
    start: { line: number; character: number },
    end: { line: number; character: number },
    text: string,
  ): number {
    const doc = this.docs.get(uri);
    if (!doc) throw new Error(`${uri} is not open`);
    const version = doc.version + 1;
    const change = { range: { start, end }, text };
    TextDocument.update(doc, [change], version);
    const sync = this.capabilities.textDocumentSync;
    const kind = typeof sync === 'number' ? sync : ((sync as { change?: number } | undefined)?.change ?? 2);
    const contentChanges = kind === 1 ? [{ text: doc.getText() }] : [change];
    this.conn
      .sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges })
      .catch(ignore);
    return version;
  }

  /** Resolve with performance.now() once `done()` holds (checked now and after every publish). */
  waitFor(done: () => boolean, timeoutMs: number, what: string): Promise<number> {
    return new Promise((resolve, reject) => {
      if (done()) {
        resolve(performance.now());
        return;
      }
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve(performance.now());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.name}: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const onExit = () => {
        cleanup();
        reject(new Error(`${this.name}: server exited while waiting for ${what}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        this.proc.off('exit', onExit);
      };
      this.waiters.add(check);
      this.proc.on('exit', onExit);
    });
  }

  /** CPU time (user + system) the server process has used so far, in ms; undefined when /proc cannot tell. */
  cpuMs(): number | undefined {
    return readCpuMs(this.pid);
  }

  /**
   * Wait until the server is idle: no diagnostics published and at most
   * `maxCpuMs` of CPU used during `quietMs`. Resolves with performance.now()
   * at the start of that quiet window (when the work ended) and the number of
   * publishes seen meanwhile; rejects after `timeoutMs`.
   */
  async waitIdle(
    timeoutMs: number,
    quietMs = 500,
    maxCpuMs = 30,
  ): Promise<{ at: number; publishes: number }> {
    const start = performance.now();
    let publishes = 0;
    const hook = () => {
      publishes++;
    };
    this.waiters.add(hook);
    try {
      const samples: Array<{ t: number; cpu: number; publishes: number }> = [];
      for (;;) {
        const cpu = this.cpuMs();
        if (cpu === undefined || this.exited) return { at: performance.now(), publishes };
        const t = performance.now();
        samples.push({ t, cpu, publishes });
        const first = samples.find(x => t - x.t <= quietMs + 1);
        if (
          first &&
          t - first.t >= quietMs - 60 &&
          cpu - first.cpu <= maxCpuMs &&
          publishes === first.publishes
        ) {
          return { at: first.t, publishes };
        }
        if (t - start > timeoutMs) throw new Error(`${this.name}: still busy after ${timeoutMs} ms`);
        while (samples.length > 100) samples.shift();
        await delay(50);
      }
    } finally {
      this.waiters.delete(hook);
    }
  }

  /** Peak resident set size (VmHWM) of the server process, in bytes. */
  peakRss(): number | undefined {
    return readVmHwm(this.pid);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), delay(10000)]);
      await this.conn.sendNotification('exit');
    } catch {
      /* the process may already be gone */
    }
    const code = await Promise.race([this.exitPromise, delay(15000).then(() => 'timeout' as const)]);
    if (code === 'timeout') this.proc.kill('SIGKILL');
    this.conn.dispose();
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
    this.conn.dispose();
  }
}

const clockTicksPerSecond = 100; // getconf CLK_TCK on Linux

export function readCpuMs(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicksPerSecond;
  } catch {
    return undefined;
  }
}

export function readVmHwm(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function ignore(): void {
  /* deliberately nothing */
}

export function delay(ms: number): Promise<void> {
  return new Promise(r => setTimeout(r, ms));
}

const clientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    didChangeConfiguration: { dynamicRegistration: false },
    didChangeWatchedFiles: { dynamicRegistration: false },
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
  },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: true,
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: {
      completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] },
      contextSupport: true,
    },
    definition: { linkSupport: true },
    references: {},
    rename: { prepareSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  },
  window: { workDoneProgress: false },
};
