import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { serverUsage } from '../../server/src/node/serverArgs';
import { repoRoot, serverPath } from './lspClient';

const version: string = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version;

/** `node dist/server.js ...args`, with stdin closed. */
function runServer(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [serverPath, ...args], {
    encoding: 'utf8',
    input: '',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Listens (`listen` picks a port or a Unix socket path), starts the server
 * with `argsFor(where it listens)`, which make it connect there, and sends
 * initialize over that connection: the transports the usage names work.
 */
async function initializeOver(
  listen: (server: net.Server) => void,
  argsFor: (where: string) => string[],
): Promise<InitializeResult> {
  const server = net.createServer();
  const accepted = new Promise<net.Socket>(resolve => server.once('connection', resolve));
  listen(server);
  await new Promise(resolve => server.once('listening', resolve));
  const address = server.address();
  const where = typeof address === 'string' ? address : String(address!.port);
  const child = spawn(process.execPath, [serverPath, ...argsFor(where)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', d => {
    stderr += d;
  });
  try {
    const socket = await Promise.race([
      accepted,
      new Promise<never>((_, reject) =>
        child.once('exit', code => reject(new Error(`server exited ${code} before connecting: ${stderr}`))),
      ),
    ]);
    const connection = createMessageConnection(
      new StreamMessageReader(socket),
      new StreamMessageWriter(socket),
    );
    connection.listen();
    const result = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
      workspaceFolders: null,
    });
    await connection.sendRequest('shutdown');
    const exited = new Promise(resolve => child.once('exit', resolve));
    await connection.sendNotification('exit');
    await exited;
    connection.dispose();
    socket.destroy();
    return result;
  } finally {
    child.kill();
    server.close();
  }
}

describe('protocol: server command line', () => {
  it('--help prints the usage on stdout and exits 0', () => {
    const r = runServer(['--help']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, serverUsage);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^Usage: specwright-language-server --stdio\n/);
    assert.equal(runServer(['-h']).stdout, serverUsage);
  });

  it('--version prints the package version', () => {
    const r = runServer(['--version']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${version}\n`);
  });

  it('without a transport prints what is missing and the usage on stderr and exits 2, never the source', () => {
    const r = runServer([]);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      `specwright language server: no transport: give one of --stdio, --node-ipc, --socket, --pipe\n\n${serverUsage}`,
    );
  });

  const bad: [string[], string][] = [
    [['--clientProcessId=1'], 'no transport: give one of --stdio, --node-ipc, --socket, --pipe'],
    [['--socket'], '--socket needs a value (--socket=PORT)'],
    [['--socket=abc'], '--socket needs a port from 1 to 65535, got "abc"'],
    [['--socket', '0'], '--socket needs a port from 1 to 65535, got "0"'],
    [['--pipe='], '--pipe needs a value (--pipe=NAME)'],
    [['--stdio=yes'], '--stdio takes no value (got "--stdio=yes")'],
    [['--stdio', '--clientProcessId=me'], '--clientProcessId needs a process ID, got "me"'],
    [['--stdio', '--verbose'], 'unknown argument "--verbose"'],
    [['stdio'], 'unknown argument "stdio"'],
    [['--stdio', '--node-ipc'], 'one transport only, got --stdio and --node-ipc'],
  ];
  for (const [args, message] of bad) {
    it(`${JSON.stringify(args.join(' '))}: "${message}", the usage, exit 2`, () => {
      const r = runServer(args);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `specwright language server: ${message}\n\n${serverUsage}`);
    });
  }

  it('--socket=PORT connects to the client listening on PORT and answers initialize', async () => {
    const result = await initializeOver(
      s => s.listen(0, '127.0.0.1'),
      port => [`--socket=${port}`],
    );
    assert.equal(result.serverInfo?.name, 'specwright');
  });

  it('--socket PORT (the value as the next argument) works as well', async () => {
    const result = await initializeOver(
      s => s.listen(0, '127.0.0.1'),
      port => ['--socket', port, `--clientProcessId=${process.pid}`],
    );
    assert.equal(result.serverInfo?.name, 'specwright');
  });

  it('--pipe=NAME connects to the Unix socket NAME and answers initialize', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-pipe-'));
    try {
      const result = await initializeOver(
        s => s.listen(path.join(dir, 'lsp.sock')),
        where => [`--pipe=${where}`],
      );
      assert.equal(result.serverInfo?.name, 'specwright');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
