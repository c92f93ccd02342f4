/**
 * The language server's Node entry point (bundled to dist/server.js). Reads
 * the arguments first (serverArgs.ts): --help, --version, or a start without
 * exactly one transport print and exit, before createConnection would throw.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { toolVersion } from '../cli/toolInfo';
import { installProcessGuards } from '../lsp/processGuards';
import { startServer } from '../lsp/startServer';
import { fileURLToPath } from 'url';
import { GitRevisions } from './git';
import { NodeWorkspace } from './nodeWorkspace';
import { NodeIndexCache, nodeAnalyserVersion } from './indexCache';
import * as path from 'path';
import { parseServerArgs, serverUsage } from './serverArgs';

const args = parseServerArgs(process.argv.slice(2));
if (args.action === 'start') {
  const connection = createConnection(ProposedFeatures.all);
  installProcessGuards(process, message => connection.console.error(message));
  const workspace = new NodeWorkspace();
  startServer(connection, {
    workspace,
    version: toolVersion,
    setExclude: globs => workspace.setExclude(globs),
    ignores: (uri, rootUri) => workspace.ignores(uri, rootUri),
    openCache: (folder, log) =>
      NodeIndexCache.open(path.join(folder, 'index.spwcache'), nodeAnalyserVersion(toolVersion), log),
    history: rootUri => (rootUri.startsWith('file:') ? new GitRevisions(fileURLToPath(rootUri)) : undefined),
  });
} else if (args.action === 'error') {
  // exit() once stderr is flushed: --clientProcessId alone would keep a timer alive.
  process.stderr.write(`specwright language server: ${args.message}\n\n${serverUsage}`, () =>
    process.exit(2),
  );
} else {
  process.stdout.write(args.action === 'help' ? serverUsage : `${toolVersion}\n`, () => process.exit(0));
}
