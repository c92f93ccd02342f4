/**
 * The language server's Node entry point (bundled to dist/server.js). Run it
 * with --stdio, --node-ipc, --socket=N or --pipe=NAME; createConnection
 * reads the transport from argv.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { installProcessGuards } from '../lsp/processGuards';
import { startServer } from '../lsp/startServer';
import { NodeWorkspace } from './nodeWorkspace';

const connection = createConnection(ProposedFeatures.all);
installProcessGuards(process, message => connection.console.error(message));
const workspace = new NodeWorkspace();
startServer(connection, {
  workspace,
  setExclude: globs => workspace.setExclude(globs),
  ignores: (uri, rootUri) => workspace.ignores(uri, rootUri),
});
