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
startServer(connection, { workspace: new NodeWorkspace() });
