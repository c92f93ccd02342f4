/**
 * The README's Helix and Zed configurations, read out of README.md: Helix's
 * server command is started as Helix starts it (stdio, the YAML language id)
 * and publishes the findings of a spec file; Zed's yaml-language-server
 * settings are given to the real yaml-language-server (a devDependency),
 * which then checks a spec file against Specwright's schema.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { readmeBlock, serverOnPath } from './editorConfig';
import { messageOf, repoRoot } from './lspClient';

/**
 * The TOML of the README's Helix block: tables, arrays of tables, and keys
 * whose values are strings or arrays of strings (written as JSON would).
 * Anything else fails the test, so the block stays within what this reads.
 */
function parseSimpleToml(text: string): Record<string, any> {
  const root: Record<string, any> = {};
  let table = root;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^\[\[([\w.-]+)\]\]$/.exec(line))) {
      (root[m[1]] ??= []).push((table = {}));
    } else if ((m = /^\[([\w-]+)\.([\w-]+)\]$/.exec(line))) {
      table = (root[m[1]] ??= {})[m[2]] = {};
    } else if ((m = /^([\w-]+) = (.+)$/.exec(line))) {
      table[m[1]] = JSON.parse(m[2]);
    } else {
      assert.fail(`not read by this test's TOML subset: ${line}`);
    }
  }
  return root;
}

/** A language server on stdio, recording its publishDiagnostics. */
class StdioServer {
  readonly published: PublishDiagnosticsParams[] = [];
  private stderr = '';
  private waiters: (() => void)[] = [];
  readonly connection: MessageConnection;
  /** The client's settings, by section. */
  settings: Record<string, unknown> = {};
  private constructor(readonly child: ChildProcess) {
    child.stderr!.on('data', d => {
      this.stderr += d;
    });
    this.connection = createMessageConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters.forEach(w => w());
    });
    // workspace/configuration: the settings of each section asked for (as Zed answers from its lsp settings).
    this.connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) =>
      p.items.map(i => this.settings[i.section ?? ''] ?? null),
    );
    this.connection.onRequest(() => null); // window/workDoneProgress/create, client/registerCapability, ...
    this.connection.listen();
  }

  static async start(
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    rootUri: string,
  ): Promise<StdioServer> {
    const server = new StdioServer(spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] }));
    await server.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'ws' }],
      capabilities: {
        textDocument: { publishDiagnostics: {} },
        workspace: { workspaceFolders: true, configuration: true },
      },
    });
    await server.connection.sendNotification('initialized', {});
    return server;
  }

  /** The first publish of `uri` with at least one diagnostic. */
  diagnosticsOf(uri: string, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const p = this.published.find(x => x.uri === uri && x.diagnostics.length > 0);
        if (p) {
          clearTimeout(timer);
          resolve(p);
        }
      };
      const timer = setTimeout(
        () =>
          reject(new Error(`no diagnostics for ${uri}: ${JSON.stringify(this.published)}\n${this.stderr}`)),
        timeoutMs,
      );
      this.waiters.push(check);
      check();
    });
  }

  open(uri: string, text: string): void {
    void this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
  }

  stop(): void {
    this.connection.dispose();
    this.child.kill();
  }
}

describe("protocol: the README's Helix and Zed configurations", function () {
  this.timeout(120_000);
  let tmp = '';
  let ws = '';
  const epicText = 'id: EPIC-1\ntitle: Checkout\nstatus: finished\nrelease: R-2099.9\n';
  before(() => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-editors-')));
    ws = path.join(tmp, 'ws');
    fs.mkdirSync(path.join(ws, 'epics'), { recursive: true });
    fs.writeFileSync(path.join(ws, 'epics', 'checkout.epic.yaml'), epicText);
    fs.writeFileSync(path.join(ws, 'docker-compose.yaml'), 'services: {}\n');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it("Helix: languages.toml adds the server to YAML, and the command it names publishes a spec file's findings", async () => {
    const toml = parseSimpleToml(readmeBlock('### Helix', 'toml'));
    assert.deepEqual(toml['language-server'], {
      specwright: { command: 'specwright-language-server', args: ['--stdio'] },
    });
    assert.deepEqual(toml.language, [
      { name: 'yaml', 'language-servers': ['yaml-language-server', 'specwright'] },
    ]);

    const bin = serverOnPath(path.join(tmp, 'bin'));
    const { command, args } = toml['language-server'].specwright;
    const server = await StdioServer.start(
      command,
      args,
      { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` },
      pathToFileURL(ws).href,
    );
    try {
      // Helix opens every YAML file with the server: the other YAML files get nothing.
      const other = pathToFileURL(path.join(ws, 'docker-compose.yaml')).href;
      server.open(other, 'services: {}\n');
      const epic = pathToFileURL(path.join(ws, 'epics', 'checkout.epic.yaml')).href;
      server.open(epic, epicText);
      const p = await server.diagnosticsOf(epic);
      assert.deepEqual(
        p.diagnostics.map(
          d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${messageOf(d)}`,
        ),
        [
          '3:9 schema status must be one of draft, review, approved, in-progress, done, cancelled (got "finished")',
          '4:10 unresolved-link R-2099.9 is not defined in this workspace',
        ],
      );
      assert.deepEqual(
        server.published.filter(x => x.uri === other),
        [],
      );
    } finally {
      server.stop();
    }
  });

  it("Zed: the yaml-language-server settings name each kind's schema of the package, and yaml-language-server checks a spec file with them", async () => {
    const settings = JSON.parse(readmeBlock('### Zed', 'json'));
    const yaml = settings.lsp['yaml-language-server'].settings.yaml;
    const installed = '/usr/local/lib/node_modules/specwright/';
    const kinds = ['vision', 'roadmap', 'epic', 'prd', 'stories'];
    assert.deepEqual(
      yaml.schemas,
      Object.fromEntries(
        kinds.map(k => [`${installed}schemas/${k}.schema.json`, [`*.${k}.yaml`, `*.${k}.yml`]]),
      ),
    );
    // The same settings, with the package's folder where this checkout is.
    const schemas = Object.fromEntries(
      Object.entries(yaml.schemas).map(([file, globs]) => {
        const local = path.join(repoRoot, file.slice(installed.length));
        assert.ok(fs.existsSync(local), `${local} is missing`);
        return [local, globs];
      }),
    );

    const yls = require.resolve('yaml-language-server/bin/yaml-language-server');
    const server = await StdioServer.start(
      process.execPath,
      [yls, '--stdio'],
      process.env,
      pathToFileURL(ws).href,
    );
    try {
      server.settings = { yaml: { ...yaml, schemas } };
      await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const epic = pathToFileURL(path.join(ws, 'epics', 'checkout.epic.yaml')).href;
      server.open(epic, epicText);
      const p = await server.diagnosticsOf(epic);
      assert.deepEqual(
        p.diagnostics.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${messageOf(d)}`),
        [
          '3:9 Value is not accepted. Valid values: "draft", "review", "approved", "in-progress", "done", "cancelled".',
        ],
      );
    } finally {
      server.stop();
    }
  });
});
