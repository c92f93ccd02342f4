/** Where the server writes what it wants the user (or a bug report) to see. */
export interface Log {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
}

/** An error as one readable string, with its stack when it has one. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  try {
    return typeof err === 'string' ? err : JSON.stringify(err);
  } catch {
    return String(err);
  }
}
