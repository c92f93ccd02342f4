import type {
  ClientCapabilities,
  Connection,
  InitializeParams,
  ServerCapabilities,
} from 'vscode-languageserver';
import type { SpecService } from '../core/service';
import type { SpecwrightSettings } from '../protocol';
import type { SpecDocuments } from './documents';
import type { WorkspaceFolders } from './folders';
import type { Log } from './log';
import type { ServerRuntime } from './runtime';
import type { WorkspaceSync } from './workspaceSync';

/** Everything a handler may use. Built once by startServer. */
export interface ServerContext {
  readonly connection: Connection;
  readonly runtime: ServerRuntime;
  readonly service: SpecService;
  readonly documents: SpecDocuments;
  readonly folders: WorkspaceFolders;
  readonly sync: WorkspaceSync;
  readonly log: Log;
  /** What the client can do, as it said in `initialize` ({} before that). */
  client: ClientCapabilities;
  /** The user's settings, as last sent by the client (see handlers/settings.ts). */
  settings: SpecwrightSettings;
  /** Released at `shutdown`: timers and listeners features set up. */
  readonly disposables: Array<{ dispose(): void }>;
}

/**
 * One LSP feature: a file in handlers/. Adding hover or completion means
 * adding a Feature to the list in startServer.ts, nothing else.
 */
export interface Feature {
  readonly name: string;
  /** Hook handlers onto the connection; runs once, before it listens. Push what needs releasing onto ctx.disposables. */
  register?(ctx: ServerContext): void;
  /** Read the `initialize` request; return the capabilities this feature adds. */
  initialize?(ctx: ServerContext, params: InitializeParams): ServerCapabilities | void;
  /** After the client's `initialized`: dynamic registrations, first scans. */
  initialized?(ctx: ServerContext): void;
}
