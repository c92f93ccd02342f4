import { fmtMs, median } from './stats';
import type { FeatureResult, Latency, SizeResult } from './results';

/** The cells of the report's tables (report.ts, targets.ts): medians of runs, formatted. */

export function med<T>(list: T[], get: (x: T) => number | undefined): number | undefined {
  return median(list.map(get));
}

/** A wall time with the process's CPU time (user + system) beside it: on a shared machine the two differ. */
export function withCpu(wall: number | undefined, cpu: number | undefined): string {
  return wall === undefined ? '—' : cpu === undefined ? fmtMs(wall) : `${fmtMs(wall)} (CPU ${fmtMs(cpu)})`;
}

export function pair(p50: number | undefined, p95: number | undefined): string {
  return p50 === undefined && p95 === undefined ? '—' : `${fmtMs(p50)} / ${fmtMs(p95)}`;
}

/** "p50 / p95" of one latency over the runs (medians of each). */
export function latencyCell<T>(runs: T[], get: (run: T) => Latency | undefined): string {
  return pair(
    med(runs, r => get(r)?.p50),
    med(runs, r => get(r)?.p95),
  );
}

export function featureCell(
  runs: Array<{ features: Record<string, FeatureResult> }>,
  f: string,
): { text: string; p50?: number; p95?: number } {
  const rs = runs.map(r => r.features[f]).filter((x): x is FeatureResult => !!x);
  const ok = rs.filter(r => r.available);
  if (!ok.length) {
    const reason = rs.find(r => r.reason)?.reason;
    return { text: rs.length ? `not available${reason ? ` (${reason})` : ''}` : '—' };
  }
  const p50 = median(ok.map(r => r.p50));
  const p95 = median(ok.map(r => r.p95));
  const errors = ok.reduce((a, r) => a + r.errors, 0);
  const empty = median(ok.map(r => r.empty)) ?? 0;
  const n = median(ok.map(r => r.n)) ?? 0;
  const maxItems = Math.max(...ok.map(r => r.maxItems ?? 0));
  const maxChars = Math.max(...ok.map(r => r.maxChars ?? 0));
  const big =
    f === 'completion' || f === 'references' || f === 'rename'
      ? `largest: ${maxItems} ${f === 'rename' ? 'files' : f === 'references' ? 'locations' : 'items'}, ${maxChars >= 1e6 ? `${(maxChars / 1e6).toFixed(1)} MB` : `${Math.ceil(maxChars / 1000)} kB`}`
      : '';
  const notes = [errors ? `${errors} errors` : '', empty ? `${empty}/${n} empty` : '', big]
    .filter(Boolean)
    .join('; ');
  return { text: `${pair(p50, p95)}${notes ? ` (${notes})` : ''}`, p50, p95 };
}

/** The all-files-open load of Specwright: a median, or a lower bound when it ran out of --open-budget. */
export function openAll(r: SizeResult): { text: string; value?: number; lowerBound: boolean } {
  const done = r.sw.filter(x => x.openAllMs !== undefined);
  const timedOut = r.sw.find(x => x.openTimedOut)?.openTimedOut;
  if (done.length) {
    const v = med(done, x => x.openAllMs);
    const runs =
      done.length < r.sw.length
        ? ` (${done.length} run${done.length > 1 ? 's' : ''}; too slow to repeat)`
        : '';
    return { text: `${fmtMs(v)}${runs}`, value: v, lowerBound: false };
  }
  if (timedOut) {
    return {
      text: `> ${fmtMs(timedOut.budgetMs)} (abandoned: ${timedOut.published}/${timedOut.total} files published, ${timedOut.exact} exact)`,
      value: timedOut.budgetMs,
      lowerBound: true,
    };
  }
  return { text: '—', lowerBound: false };
}
