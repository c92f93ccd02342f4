import * as path from 'path';
import { pathToFileURL } from 'url';
import { LspSession, type Diag } from './lsp';
import { percentile } from './stats';
import type { Latency } from './results';

/** What every part of the benchmark uses: the log, timeouts, latency figures, the live sessions to kill on exit. */

export const live = new Set<LspSession>();
export const nowUs = () => Number(process.hrtime.bigint() / 1000n);
export const log = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export function uriOf(root: string, file: string): string {
  return pathToFileURL(path.join(root, file)).href;
}

export function diagKey(diags: readonly Diag[]): string {
  return diags
    .map(d => `${d.range.start.line}:${String(d.code)}`)
    .sort()
    .join('|');
}

export function latency(samples: number[]): Latency {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    n: samples.length,
    samples: samples.map(x => Math.round(x * 100) / 100),
  };
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    p.then(
      v => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Scale timeouts with the workspace: generous, but bounded. */
export function loadTimeoutMs(files: number): number {
  return Math.min(15 * 60_000, 60_000 + files * 120);
}
