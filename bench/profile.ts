import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath } from 'url';

/**
 * Summarise a V8 .cpuprofile (`node --cpu-prof`): top self-time functions,
 * top inclusive times of the project's own functions, and self time by area
 * (yaml parser, ajv, core/parse, core/checks, ...). Frames in esbuild
 * bundles (dist/*.js) are mapped back to their sources through the bundle's
 * source map, so `parseDocument` shows as server/src/core/parse/... and
 * yaml's lexer as node_modules/yaml/....
 *
 * Standalone: node out/bench/summarize.js FILE.cpuprofile [--top N]
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A time window in microseconds of the monotonic clock (process.hrtime), which V8's profile timestamps share. */
export interface ProfileWindow {
  start: number;
  end: number;
}

export interface FunctionTime {
  name: string;
  where: string;
  area: string;
  ms: number;
  pct: number;
}
export interface ProfileSummary {
  file: string;
  totalMs: number;
  self: FunctionTime[];
  inclusive: FunctionTime[];
  areas: Array<{ area: string; ms: number; pct: number }>;
}

// ---- source maps -------------------------------------------------------------

const b64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const b64index = new Int8Array(128).fill(-1);
for (let i = 0; i < b64.length; i++) b64index[b64.charCodeAt(i)] = i;

interface Mapped {
  source: string;
  line: number;
}
type Lookup = (line: number, column: number) => Mapped | undefined;

function loadSourceMap(jsFile: string): Lookup | undefined {
  let raw: { sources: string[]; mappings: string; sourceRoot?: string };
  try {
    raw = JSON.parse(fs.readFileSync(jsFile + '.map', 'utf8'));
  } catch {
    return undefined;
  }
  const dir = path.dirname(jsFile);
  const sources = raw.sources.map(s =>
    path
      .relative(process.cwd(), path.resolve(dir, raw.sourceRoot ?? '', s))
      .split(path.sep)
      .join('/'),
  );
  // Per generated line: [genCol, srcIdx, srcLine] triples, in column order.
  const lines: Int32Array[] = [];
  let srcIdx = 0,
    srcLine = 0,
    srcCol = 0,
    nameIdx = 0;
  let pos = 0;
  const m = raw.mappings;
  while (pos <= m.length) {
    const seg: number[] = [];
    let genCol = 0;
    const triples: number[] = [];
    while (pos < m.length && m[pos] !== ';') {
      // one segment
      seg.length = 0;
      while (pos < m.length && m[pos] !== ',' && m[pos] !== ';') {
        let value = 0,
          shift = 0,
          digit: number;
        do {
          digit = b64index[m.charCodeAt(pos++)];
          value += (digit & 31) << shift;
          shift += 5;
        } while (digit & 32);
        seg.push(value & 1 ? -(value >>> 1) : value >>> 1);
      }
      if (seg.length) {
        genCol += seg[0];
        if (seg.length >= 4) {
          srcIdx += seg[1];
          srcLine += seg[2];
          srcCol += seg[3];
          if (seg.length >= 5) nameIdx += seg[4];
          triples.push(genCol, srcIdx, srcLine);
        }
      }
      if (m[pos] === ',') pos++;
    }
    lines.push(Int32Array.from(triples));
    pos++;
  }
  void srcCol;
  void nameIdx;
  return (line, column) => {
    const l = lines[line];
    if (!l || !l.length) return undefined;
    let lo = 0,
      hi = l.length / 3 - 1,
      best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (l[mid * 3] <= column) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) best = 0;
    return { source: sources[l[best * 3 + 1]], line: l[best * 3 + 2] };
  };
}

// ---- areas -------------------------------------------------------------------

export function areaOf(where: string, name: string): string {
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return 'idle';
  if (name === '(program)' || name === '(root)') return 'V8/runtime (program)';
  const w = where.replace(/\\/g, '/').replace(/:\d+$/, '');
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(w);
  if (nm) {
    const pkg = nm[1];
    if (pkg === 'yaml') {
      const sub = /node_modules\/yaml\/dist\/([^/]+)\//.exec(w)?.[1];
      if (sub === 'parse') return 'yaml: lexer + CST parser';
      if (sub === 'compose') return 'yaml: compose (CST → Document)';
      if (sub === 'nodes' || sub === 'doc') return 'yaml: Document nodes, toJS';
      if (sub === 'schema') return 'yaml: scalar tags (schema)';
      return 'yaml: other';
    }
    if (pkg.startsWith('ajv') || pkg === 'fast-uri' || pkg === 'fast-deep-equal')
      return 'ajv (schema validation)';
    if (pkg.startsWith('vscode-')) return 'vscode-languageserver / jsonrpc';
    return `node_modules/${pkg}`;
  }
  const core = /server\/src\/(core\/[^/]+|lsp|cli|node)/.exec(w);
  if (core) return `server/src/${core[1]}${core[1].endsWith('.ts') ? '' : '/'}`;
  if (w.startsWith('node:') || w === '' || !w.includes('/')) return 'Node internals / builtins';
  return w;
}

// ---- summary -----------------------------------------------------------------

export function summarizeProfile(file: string, top = 15, window?: ProfileWindow): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const maps = new Map<string, Lookup | undefined>();
  const resolve = (cf: CallFrame): string => {
    if (!cf.url) return '';
    let p: string;
    try {
      p = cf.url.startsWith('file://') ? fileURLToPath(cf.url) : cf.url;
    } catch {
      p = cf.url;
    }
    if (p.startsWith('node:')) return p;
    if (!maps.has(p)) maps.set(p, fs.existsSync(p + '.map') ? loadSourceMap(p) : undefined);
    const lookup = maps.get(p);
    const mapped = lookup?.(cf.lineNumber, cf.columnNumber);
    if (mapped) return `${mapped.source}:${mapped.line + 1}`;
    return `${path.relative(process.cwd(), p).split(path.sep).join('/')}:${cf.lineNumber + 1}`;
  };

  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const selfUs = new Map<number, number>();
  let totalUs = 0;
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (window && (t < window.start || t > window.end)) continue;
    totalUs += dt;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }

  const keyOf = new Map<number, { key: string; name: string; where: string; area: string }>();
  const info = (id: number) => {
    let k = keyOf.get(id);
    if (!k) {
      const cf = byId.get(id)!.callFrame;
      const name = cf.functionName || '(anonymous)';
      const where = resolve(cf);
      k = { key: `${name}@${where}`, name, where, area: areaOf(where, name) };
      keyOf.set(id, k);
    }
    return k;
  };

  const self = new Map<string, FunctionTime>();
  const inclusive = new Map<string, FunctionTime>();
  const areas = new Map<string, number>();
  const ms = (us: number) => us / 1000;
  for (const [id, us] of selfUs) {
    const k = info(id);
    const e = self.get(k.key) ?? { name: k.name, where: k.where, area: k.area, ms: 0, pct: 0 };
    e.ms += ms(us);
    self.set(k.key, e);
    areas.set(k.area, (areas.get(k.area) ?? 0) + ms(us));
    // Inclusive: every distinct function on the stack gets this node's self time once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const ck = info(cur);
      if (seen.has(ck.key)) continue;
      seen.add(ck.key);
      const ie = inclusive.get(ck.key) ?? { name: ck.name, where: ck.where, area: ck.area, ms: 0, pct: 0 };
      ie.ms += ms(us);
      inclusive.set(ck.key, ie);
    }
  }
  const totalMs = ms(totalUs);
  const withPct = (list: FunctionTime[]) => list.map(e => ({ ...e, pct: (100 * e.ms) / totalMs }));
  const idle = new Set(['(idle)', '(root)', '(program)', '(garbage collector)']);
  return {
    file,
    totalMs,
    self: withPct([...self.values()].sort((a, b) => b.ms - a.ms).slice(0, top)),
    inclusive: withPct(
      [...inclusive.values()]
        .filter(e => e.where.startsWith('server/src/') && !idle.has(e.name))
        .sort((a, b) => b.ms - a.ms)
        .slice(0, top),
    ),
    areas: [...areas.entries()]
      .map(([area, t]) => ({ area, ms: t, pct: (100 * t) / totalMs }))
      .sort((a, b) => b.ms - a.ms),
  };
}

export function profileMarkdown(s: ProfileSummary, title: string): string {
  const out: string[] = [];
  const f = (n: number) => n.toFixed(0);
  out.push(
    `#### ${title}`,
    '',
    `Profile \`${path.relative(process.cwd(), s.file)}\`: ${f(s.totalMs)} ms sampled.`,
    '',
  );
  out.push('Self time by area:', '', '| area | self ms | % |', '|---|---:|---:|');
  const yaml = s.areas.filter(a => a.area.startsWith('yaml:'));
  if (yaml.length) {
    const ms = yaml.reduce((t, a) => t + a.ms, 0);
    out.push(
      `| **yaml package, all parts** | **${f(ms)}** | **${((100 * ms) / (s.totalMs || 1)).toFixed(1)}** |`,
    );
  }
  for (const a of s.areas.slice(0, 14)) out.push(`| ${a.area} | ${f(a.ms)} | ${a.pct.toFixed(1)} |`);
  out.push('', 'Top self-time functions:', '', '| function | source | self ms | % |', '|---|---|---:|---:|');
  for (const e of s.self) out.push(`| \`${e.name}\` | ${e.where} | ${f(e.ms)} | ${e.pct.toFixed(1)} |`);
  out.push(
    '',
    'Top inclusive time, project functions (server/src):',
    '',
    '| function | source | total ms | % |',
    '|---|---|---:|---:|',
  );
  for (const e of s.inclusive) out.push(`| \`${e.name}\` | ${e.where} | ${f(e.ms)} | ${e.pct.toFixed(1)} |`);
  out.push('');
  return out.join('\n');
}
