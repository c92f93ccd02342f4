import { ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import { describeError, type Log } from './log';

/**
 * Wrap a notification handler so that nothing it throws (or rejects with)
 * escapes: the failure is logged and the server goes on serving.
 */
export function guardNotification<A extends unknown[]>(
  log: Log,
  name: string,
  handler: (...args: A) => void | Promise<void>,
): (...args: A) => void {
  return (...args: A) => {
    try {
      const result = handler(...args);
      if (result instanceof Promise) result.catch(err => log.error(`${name} failed: ${describeError(err)}`));
    } catch (err) {
      log.error(`${name} failed: ${describeError(err)}`);
    }
  };
}

/**
 * Wrap a request handler so that a failure becomes a JSON-RPC error response
 * (InternalError) and a log line, never a dead process.
 */
export function guardRequest<A extends unknown[], R>(
  log: Log,
  name: string,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R | ResponseError<never>> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (err) {
      if (err instanceof ResponseError) {
        // A refusal (a rename of what is not an ID, a name taken) is the user's ordinary business: info, with its reason.
        if (err.code === LSPErrorCodes.RequestFailed) log.info(`${name} refused: ${err.message}`);
        return err as ResponseError<never>;
      }
      log.error(`${name} failed: ${describeError(err)}`);
      return new ResponseError<never>(
        ErrorCodes.InternalError,
        `Specwright: ${name} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  };
}
