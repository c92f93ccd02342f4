/**
 * The language server's command line. vscode-languageserver's createConnection
 * reads the transport from process.argv itself and throws when there is none;
 * an uncaught throw in a minified bundle prints the bundle's source. So the
 * arguments are read here first, with the same rules as createConnection
 * (the first of --stdio, --node-ipc, --socket=N, --pipe=NAME, each value also
 * as the next argument), and the server starts only when one transport is
 * given.
 */

export const serverUsage = `Usage: specwright-language-server --stdio
       specwright-language-server --node-ipc | --socket=PORT | --pipe=NAME
       specwright-language-server --help | --version

The Specwright language server (Language Server Protocol); in a checkout of
Specwright it is node dist/server.js. An editor starts it and talks to it
over one transport:

  --stdio              JSON-RPC over standard input and output (what Neovim,
                       Helix and Zed use)
  --node-ipc           Node's IPC channel (a Node parent process, as VS Code)
  --socket=PORT        a TCP connection to PORT on this machine, which the
                       client listens on
  --pipe=NAME          a named pipe (Windows) or Unix socket that the client
                       listens on
  --clientProcessId=PID
                       exit when process PID ends

  -h, --help           print this help
      --version        print the version

It reads the workspace folders the client names, and the client's settings
under "specwright" (rules, exclude). The CLI, for a terminal or CI, is
specwright check / trace / report.
`;

export type ServerArgs =
  | { action: 'start' }
  | { action: 'help' }
  | { action: 'version' }
  /** Exit status 2: the message names what is wrong; usage follows it. */
  | { action: 'error'; message: string };

const transports = ['--stdio', '--node-ipc', '--socket', '--pipe'];

/** Reads the server's arguments (process.argv without node and the script). */
export function parseServerArgs(argv: readonly string[]): ServerArgs {
  if (argv.includes('--help') || argv.includes('-h')) return { action: 'help' };
  if (argv.includes('--version')) return { action: 'version' };
  const given: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (name === '--stdio' || name === '--node-ipc') {
      if (eq >= 0) return { action: 'error', message: `${name} takes no value (got "${arg}")` };
      given.push(name);
    } else if (name === '--socket' || name === '--pipe' || name === '--clientProcessId') {
      // createConnection takes the next argument as the value when there is no "=".
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      const problem = valueProblem(name, value);
      if (problem) return { action: 'error', message: problem };
      if (name !== '--clientProcessId') given.push(name);
    } else {
      return { action: 'error', message: `unknown argument "${arg}"` };
    }
  }
  if (given.length === 0)
    return { action: 'error', message: `no transport: give one of ${transports.join(', ')}` };
  if (given.length > 1) return { action: 'error', message: `one transport only, got ${given.join(' and ')}` };
  return { action: 'start' };
}

function valueProblem(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '')
    return `${name} needs a value (${name}=${name === '--pipe' ? 'NAME' : name === '--socket' ? 'PORT' : 'PID'})`;
  if (name === '--pipe') return undefined;
  // createConnection parses with parseInt and ignores a port of 0 or NaN.
  const n = /^\d+$/.test(value) ? Number(value) : NaN;
  if (name === '--socket' && !(n >= 1 && n <= 65535))
    return `--socket needs a port from 1 to 65535, got "${value}"`;
  if (name === '--clientProcessId' && !(n >= 1))
    return `--clientProcessId needs a process ID, got "${value}"`;
  return undefined;
}
