import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { ServerContext } from './context';
import type { EditTarget } from './convert';
import { guardRequest } from './guard';

/**
 * The one shape of every feature request: apply pending edits (so the core
 * sees the text the client sent before the request), check cancellation,
 * ask the core, check cancellation, convert to the protocol's shape.
 * Guarded: a failure is logged and answered with an error, never a crash.
 * `compute` may throw a ResponseError to answer with it (a refused rename).
 */
export function serveRequest<P, T, R>(
  ctx: ServerContext,
  method: string,
  compute: (params: P) => T,
  convert: (value: T, params: P) => R,
): (params: P, token?: CancellationToken) => Promise<R | ResponseError<never>> {
  return guardRequest(ctx.log, method, (params: P, token?: CancellationToken): R => {
    ctx.sync.flushEdits();
    if (token?.isCancellationRequested) throw cancelled();
    const value = compute(params);
    if (token?.isCancellationRequested) throw cancelled();
    return convert(value, params);
  });
}

/** Pass a value through unchanged: for core results that already have the protocol's shape. */
export function asIs<T>(value: T): T {
  return value;
}

/** The answer to a request the client cancelled. */
export function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'The request was cancelled');
}

/** A request the core refused, with the core's words (shown by the editor). */
export function refused(message: string): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestFailed, message);
}

/** Where workspace edits go: in the form the client takes, with the versions of its open documents. */
export function editTarget(ctx: ServerContext): EditTarget {
  return {
    documentChanges: !!ctx.client.workspace?.workspaceEdit?.documentChanges,
    versionOf: uri => (ctx.documents.get(uri) ?? ctx.documents.source(uri))?.version ?? null,
  };
}
