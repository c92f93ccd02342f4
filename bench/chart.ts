import { med } from './cells';
import type { SizeResult } from './results';
import { fmtBytes, fmtMs } from './stats';

/**
 * The chart of a run (bench/results/<date>.svg, docs/performance-chart.svg):
 * load time and peak memory against workspace size, Specwright beside
 * yaml-language-server, medians of the runs. Written as SVG text, so the
 * bench needs no plotting library and the file diffs as text.
 */

export interface Series {
  name: string;
  color: string;
  /** Dashed: the peer. */
  dashed?: boolean;
  /** One value per size (undefined: not measured, e.g. an all-open load that ran out of budget). */
  values: (number | undefined)[];
}

interface Panel {
  title: string;
  format: (v: number) => string;
  /** The axis is rounded in this unit (1 ms; a MiB, as fmtBytes counts) and labelled by `tick`. */
  unit: number;
  tick: (v: number) => string;
  series: Series[];
}

const specwright = '#1f77b4';
const warm = '#2ca02c';
const open = '#9467bd';
const peer = '#d62728';

/** The two panels' series, from the run's medians. */
export function chartSeries(results: SizeResult[]): { time: Series[]; memory: Series[] } {
  const sw = (get: (r: SizeResult) => number | undefined) => results.map(get);
  return {
    time: [
      { name: 'Specwright, no file open', color: specwright, values: sw(r => med(r.sw, x => x.closedAllMs)) },
      {
        name: 'Specwright, all files open',
        color: open,
        values: sw(r => med(r.sw, x => (x.openTimedOut ? undefined : x.openAllMs))),
      },
      { name: 'Specwright, warm start (cache)', color: warm, values: sw(r => med(r.sw, x => x.warmAllMs)) },
      {
        name: 'yaml-language-server, all files open',
        color: peer,
        dashed: true,
        values: sw(r => med(r.peer, x => x.openAllMs)),
      },
    ],
    memory: [
      {
        name: 'Specwright, no file open',
        color: specwright,
        values: sw(r => med(r.sw, x => x.closedLoadRss)),
      },
      { name: 'Specwright, all files open', color: open, values: sw(r => med(r.sw, x => x.openRss)) },
      { name: 'Specwright, warm start (cache)', color: warm, values: sw(r => med(r.sw, x => x.warmRss)) },
      {
        name: 'yaml-language-server, all files open',
        color: peer,
        dashed: true,
        values: sw(r => med(r.peer, x => x.rss)),
      },
    ],
  };
}

const panelWidth = 440,
  panelHeight = 300,
  margin = { left: 64, right: 30, top: 34, bottom: 44 };

/** Which run the chart shows, and how busy the machine was. */
export function chartCaption(run: string, results: SizeResult[]): string {
  const loads = results.flatMap(r => r.load);
  return `npm run bench, run ${run}: medians of ${Math.max(...results.map(r => r.sw.length))} runs; load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} (2 cores)`;
}

/** The SVG document: two panels side by side and one legend under them. */
export function chartSvg(results: SizeResult[], caption: string): string {
  const sizes = results.map(r => r.ws.requirements);
  const { time, memory } = chartSeries(results);
  const panels: Panel[] = [
    { title: 'All diagnostics published (wall time)', format: fmtMs, unit: 1, tick: fmtMs, series: time },
    {
      title: 'Peak RSS of the server',
      format: fmtBytes,
      unit: 1024 * 1024,
      tick: v => `${Math.round(v / 1024 / 1024)} MB`,
      series: memory,
    },
  ];
  const legendTop = panelHeight + 8;
  const legendRows = Math.ceil(time.length / 2);
  const width = panelWidth * panels.length;
  const height = legendTop + legendRows * 20 + 34;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  panels.forEach((p, i) => out.push(...panelSvg(p, sizes, i * panelWidth)));
  time.forEach((s, i) => {
    const x = 20 + (i % 2) * (width / 2),
      y = legendTop + Math.floor(i / 2) * 20 + 10;
    out.push(
      `<line x1="${x}" y1="${y}" x2="${x + 28}" y2="${y}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      `<circle cx="${x + 14}" cy="${y}" r="3" fill="${s.color}"/>`,
      `<text x="${x + 36}" y="${y + 4}">${escape(s.name)}</text>`,
    );
  });
  out.push(`<text x="20" y="${height - 12}" fill="#555" font-size="11">${escape(caption)}</text>`, '</svg>');
  return out.join('\n') + '\n';
}

/** One panel: requirements on a log axis (one tick per measured size), the value on a linear axis from 0. */
function panelSvg(panel: Panel, sizes: number[], left: number): string[] {
  const x0 = left + margin.left,
    x1 = left + panelWidth - margin.right,
    y0 = panelHeight - margin.bottom,
    y1 = margin.top;
  const values = panel.series.flatMap(s => s.values.filter((v): v is number => v !== undefined));
  const axis = axisSteps(Math.max(0, ...values) / panel.unit);
  const step = axis.step * panel.unit,
    top = step * axis.count;
  const [lo, hi] = [Math.min(...sizes), Math.max(...sizes)];
  const xOf = (n: number) =>
    hi === lo
      ? (x0 + x1) / 2
      : x0 + ((Math.log(n) - Math.log(lo)) / (Math.log(hi) - Math.log(lo))) * (x1 - x0);
  const yOf = (v: number) => (top ? y0 - (v / top) * (y0 - y1) : y0);
  const out = [
    `<text x="${left + panelWidth / 2}" y="20" text-anchor="middle" font-weight="bold">${escape(panel.title)}</text>`,
  ];
  for (let k = 0; k <= axis.count; k++) {
    const v = step * k,
      y = yOf(v);
    out.push(
      `<line x1="${x0}" y1="${y}" x2="${x1}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${x0 - 6}" y="${y + 4}" text-anchor="end" fill="#555">${escape(v ? panel.tick(v) : '0')}</text>`,
    );
  }
  for (const n of sizes) {
    const x = xOf(n);
    out.push(
      `<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + 5}" stroke="#555"/>`,
      `<text x="${x}" y="${y0 + 18}" text-anchor="middle" fill="#555">${escape(n.toLocaleString('en-US'))}</text>`,
    );
  }
  out.push(
    `<line x1="${x0}" y1="${y0}" x2="${x1}" y2="${y0}" stroke="#555"/>`,
    `<text x="${(x0 + x1) / 2}" y="${y0 + 36}" text-anchor="middle" fill="#555">requirements in the workspace (log scale)</text>`,
  );
  for (const s of panel.series) {
    const points = s.values
      .map((v, i) => (v === undefined ? undefined : ([xOf(sizes[i]), yOf(v), v] as const)))
      .filter(p => p !== undefined);
    if (points.length > 1)
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''} points="${points.map(([x, y]) => `${round(x)},${round(y)}`).join(' ')}"/>`,
      );
    for (const [x, y, v] of points)
      out.push(
        `<circle cx="${round(x)}" cy="${round(y)}" r="3" fill="${s.color}"><title>${escape(`${s.name}: ${panel.format(v)}`)}</title></circle>`,
      );
  }
  return out;
}

/**
 * Round ticks for an axis from 0 to at least `max`: a step of 1, 2 or 5 × 10^k,
 * the smallest that covers `max` in at most four steps (0 or less: one step of 1).
 */
export function axisSteps(max: number): { step: number; count: number } {
  if (!(max > 0)) return { step: 1, count: 1 };
  const power = 10 ** Math.floor(Math.log10(max / 4));
  for (const m of [1, 2, 5, 10, 20]) {
    const step = m * power;
    if (step * 4 >= max) return { step, count: Math.ceil(max / step) };
  }
  return { step: 20 * power, count: Math.ceil(max / (20 * power)) };
}

function round(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function escape(text: string): string {
  return text.replace(/[<>&"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
