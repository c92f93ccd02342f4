import { describeError } from './log';

/** The part of Node's `process` the guards need. */
export interface ProcessEvents {
  on(event: 'uncaughtException', listener: (err: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Keep the server alive through a stray exception or rejection: log it and
 * go on serving (every handler is guarded too; this catches timers and
 * callbacks outside any handler). If logging itself fails — the client's pipe
 * is gone — the message goes to stderr, and the connection's own end-of-input
 * handling stops the process.
 */
export function installProcessGuards(proc: ProcessEvents, log: (message: string) => void): void {
  const report = (what: string, err: unknown): void => {
    const message = `Specwright server: ${what}: ${describeError(err)}`;
    try {
      log(message);
    } catch {
      try {
        process.stderr.write(message + '\n');
      } catch {
        /* nowhere left to report */
      }
    }
  };
  proc.on('uncaughtException', err => report('uncaught exception', err));
  proc.on('unhandledRejection', reason => report('unhandled promise rejection', reason));
}
