import type { Ctx } from '../ctx';

/**
 * A command of the extension, as a factory from the context to the handler
 * (rust-analyzer's commands.ts). commands.ts lists them all; a command that
 * needs a file of its own (commands/) imports this type, not commands.ts.
 *
 * VS Code hands a command whatever arguments its caller passed
 * (registerCommand's callback takes `any[]`); each handler states what it
 * accepts and checks what it must.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- registerCommand's own callback type
export type CommandFactory = (ctx: Ctx) => (...args: any[]) => unknown;
