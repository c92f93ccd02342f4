import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';

/**
 * What `activate` returns: a handle for the integration tests
 * (test/vscode) and for other extensions. Read-only views of the context.
 */
export interface SpecwrightApi {
  readonly ctx: Ctx;
  /** Resolves when the language server runs (or failed to start). */
  readonly ready: Promise<void>;
}

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<SpecwrightApi> {
  ctx = new Ctx(context);
  context.subscriptions.push(ctx);
  registerCommands(ctx);
  const ready = ctx.start().then(() => undefined);
  await ready;
  return { ctx, ready };
}

export async function deactivate(): Promise<void> {
  const client = ctx?.client;
  ctx = undefined;
  if (client) await client.stop().catch(() => undefined);
}
