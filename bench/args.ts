/**
 * Shared by the scripts' argument parsing (node:util `parseArgs`, as
 * server/src/cli/args.ts does): a number option read with a clear message
 * when it is not a number, instead of NaN going into a measurement.
 */
export function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`--${name} needs a number, not "${value}"`);
  return n;
}
