import { fmtMs } from './stats';
import { featureCell, med, openAll } from './cells';
import type { SizeResult, SpecwrightRun } from './results';

/** The budgets of docs/performance.md, checked against a run's figures. */

interface Target {
  what: string;
  size: string;
  limit: number;
  unit: 'ms' | 'x' | 'ratio';
  value?: number;
  note?: string;
  lowerBound?: boolean;
}

function targets(results: SizeResult[]): Target[] {
  const at = (size: string) => results.find(r => r.size === size);
  const t: Target[] = [];
  const r10 = at('10k'),
    r50 = at('50k');
  const swClosed = (r?: SizeResult) => r && med(r.sw, x => x.closedAllMs);
  const swOpen = (r?: SizeResult) => (r ? openAll(r).value : undefined);
  const bound = (r?: SizeResult) => (r ? openAll(r).lowerBound : false);
  const peerOpen = (r?: SizeResult) => r && med(r.peer, x => x.openAllMs);
  t.push({
    what: 'all diagnostics, no file open ≤ 850 ms',
    size: '10k',
    limit: 850,
    unit: 'ms',
    value: swClosed(r10),
  });
  t.push({
    what: 'all diagnostics, all files open ≤ 850 ms',
    size: '10k',
    limit: 850,
    unit: 'ms',
    value: swOpen(r10),
    lowerBound: bound(r10),
  });
  const speedup =
    r10 && peerOpen(r10) !== undefined && swOpen(r10) ? peerOpen(r10)! / swOpen(r10)! : undefined;
  t.push({
    what: '≥ 4× faster than the peer (all files open)',
    size: '10k',
    limit: 4,
    unit: 'x',
    value: speedup,
    lowerBound: bound(r10),
  });
  // Round two (issue 18): warm starts with the index cache, RSS at both sizes, the CLI with and without --cache.
  const warm = (size: '10k' | '50k', r: SizeResult | undefined, limit: number) =>
    t.push({
      what: `all diagnostics, no file open, warm (cache present) ≤ ${limit < 1000 ? `${limit} ms` : `${limit / 1000} s`}`,
      size,
      limit,
      unit: 'ms',
      value: r && med(r.sw, x => x.warmAllMs),
    });
  warm('10k', r10, 250);
  const rssRatio = (r?: SizeResult) =>
    r && med(r.peer, x => x.rss) ? (med(r.sw, x => x.openRss) ?? NaN) / med(r.peer, x => x.rss)! : undefined;
  for (const [size, r] of [
    ['10k', r10],
    ['50k', r50],
  ] as const)
    t.push({
      what: "peak RSS ≤ ⅓ of the peer's (all files open)",
      size,
      limit: 1 / 3,
      unit: 'ratio',
      value: rssRatio(r),
    });
  t.push({
    what: 'all diagnostics, no file open ≤ 4 s',
    size: '50k',
    limit: 4000,
    unit: 'ms',
    value: swClosed(r50),
  });
  t.push({
    what: 'all diagnostics, all files open ≤ 4 s',
    size: '50k',
    limit: 4000,
    unit: 'ms',
    value: swOpen(r50),
    lowerBound: bound(r50),
  });
  warm('50k', r50, 1000);
  const p95 = (r: SizeResult | undefined, get: (x: SpecwrightRun) => number | undefined) =>
    r && med(r.sw, get);
  t.push({
    what: 'edit → diagnostics p95 ≤ 50 ms, local, all open',
    size: '50k',
    limit: 50,
    unit: 'ms',
    value: p95(r50, x => x.editLocal?.p95),
  });
  t.push({
    what: 'edit → diagnostics p95 ≤ 50 ms, cross-file, all open',
    size: '50k',
    limit: 50,
    unit: 'ms',
    value: p95(r50, x => x.editCross?.p95),
  });
  t.push({
    what: 'edit → diagnostics p95 ≤ 50 ms, local, few open',
    size: '50k',
    limit: 50,
    unit: 'ms',
    value: p95(r50, x => x.editLocalFew?.p95),
  });
  t.push({
    what: 'edit → diagnostics p95 ≤ 50 ms, cross-file, few open',
    size: '50k',
    limit: 50,
    unit: 'ms',
    value: p95(r50, x => x.editCrossFew?.p95),
  });
  const feature = (f: string, limit: number) => {
    const cell = r50 ? featureCell(r50.sw, f) : undefined;
    t.push({
      what: `${f} p95 ≤ ${limit} ms`,
      size: '50k',
      limit,
      unit: 'ms',
      value: cell?.p95,
      note: cell && cell.p95 === undefined ? cell.text : undefined,
    });
  };
  feature('hover', 5);
  for (const [size, r] of [
    ['10k', r10],
    ['50k', r50],
  ] as const) {
    t.push({
      what: 'hover p95 ≤ 5 ms, first request in a file not touched before (all open, keys)',
      size,
      limit: 5,
      unit: 'ms',
      value: r && p95(r, x => x.firstHoverKeys?.p95),
    });
    // The issue measured IDs at 1 ms p50 outside the project; the target holds for them too.
    t.push({
      what: 'hover p95 ≤ 5 ms, first request in a file not touched before (all open, IDs)',
      size,
      limit: 5,
      unit: 'ms',
      value: r && p95(r, x => x.firstHoverIds?.p95),
    });
  }
  feature('definition', 5);
  feature('completion', 10);
  feature('references', 50);
  feature('rename', 300);
  t.push({
    what: '`specwright check` ≤ 1 s, cold',
    size: '10k',
    limit: 1000,
    unit: 'ms',
    value: r10 && med(r10.cli, x => x.wallMs),
  });
  t.push({
    what: '`specwright check --cache` ≤ 300 ms (cache filled by a run before)',
    size: '10k',
    limit: 300,
    unit: 'ms',
    value: r10 && med(r10.cliCached, x => x.wallMs),
  });
  return t;
}

export function targetTable(results: SizeResult[]): string {
  const lines = ['| target | size | measured (median) | verdict |', '|---|---|---:|---|'];
  for (const t of targets(results)) {
    const ran = results.some(r => r.size === t.size);
    let measured = '—',
      verdict: string;
    if (!ran) verdict = `not measured (run --sizes with ${t.size})`;
    else if (t.value === undefined || Number.isNaN(t.value))
      verdict = `not measured${t.note ? `: ${t.note}` : ''}`;
    else {
      const v = t.value;
      const gt = t.lowerBound ? '> ' : '';
      if (t.unit === 'ms') {
        measured = `${gt}${fmtMs(v)}`;
        verdict =
          v <= t.limit && !t.lowerBound
            ? 'met'
            : `**missed** by ${gt}${fmtMs(v - t.limit)} (${gt}${(v / t.limit).toFixed(1)}× the limit)`;
      } else if (t.unit === 'x') {
        const lt = t.lowerBound ? '< ' : '';
        const gt2 = t.lowerBound ? '> ' : '';
        measured = v >= 1 ? `${lt}${v.toFixed(2)}× faster` : `${gt2}${(1 / v).toFixed(1)}× slower`;
        verdict =
          v >= t.limit
            ? 'met'
            : `**missed**: ${v >= 1 ? `${lt}${v.toFixed(2)}× faster` : `${gt2}${(1 / v).toFixed(1)}× slower`} instead of ≥ ${t.limit}× faster`;
      } else {
        measured = `${v.toFixed(2)} of the peer`;
        verdict =
          v <= t.limit
            ? 'met'
            : `**missed**: ${v.toFixed(2)} instead of ≤ 0.33 (${(v / t.limit).toFixed(1)}× the limit)`;
      }
    }
    lines.push(`| ${t.what} | ${t.size} | ${measured} | ${verdict} |`);
  }
  return lines.join('\n');
}
