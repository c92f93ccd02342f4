import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { generateWorkspace, parseSize, type GeneratedWorkspace, type Spot } from './generate';
import { LspSession, type Diag, type Published } from './lsp';
import { profileMarkdown, summarizeProfile } from './profile';
import { benchHostile } from './hostile';
import { fmtBytes, fmtMs, fmtRatio, median, percentile } from './stats';

/**
 * `npm run bench -- [--sizes 1k,10k,50k] [--runs 3] [--no-peer] [--profile]`
 *
 * Generates a deterministic workspace per size, checks that the CLI finds
 * exactly the injected findings, then measures the CLI, the Specwright
 * language server and yaml-language-server (the peer, schema checks only)
 * over stdio, and prints a markdown table of medians (also written to
 * bench/results/<date>.md). See docs/performance.md.
 */

// ---- options -----------------------------------------------------------------

interface Options {
  sizes: string[];
  runs: number;
  peer: boolean;
  profile: boolean;
  profileSizes: string[];
  seed: number;
  keep: boolean;
  serverJs: string;
  cliJs: string;
  workdir: string;
  verbose: boolean;
  editSamples: number;
  featureSamples: number;
  /** Seconds the all-files-open load may take before it is abandoned. */
  openBudget: number;
  /** Seconds above which a slow all-files-open load is measured in the first run only. */
  repeatLimit: number;
  /** Measure the hostile inputs against their budget (bench/hostile.ts). */
  hostile: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    sizes: ['1k', '10k', '50k'],
    runs: 3,
    peer: true,
    profile: false,
    profileSizes: [],
    seed: 1,
    keep: false,
    serverJs: 'out/bench/dist/server.js',
    cliJs: 'out/bench/dist/cli.js',
    workdir: path.join(os.tmpdir(), 'specwright-bench'),
    verbose: false,
    editSamples: 20,
    featureSamples: 200,
    openBudget: 150,
    repeatLimit: 30,
    hostile: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    const name = a.split('=')[0];
    switch (name) {
      case '--sizes':
        o.sizes = value()
          .split(',')
          .map(s => s.trim())
          .filter(Boolean);
        break;
      case '--runs':
        o.runs = Math.max(1, Number(value()));
        break;
      case '--no-peer':
        o.peer = false;
        break;
      case '--profile':
        o.profile = true;
        break;
      case '--profile-sizes':
        o.profile = true;
        o.profileSizes = value().split(',');
        break;
      case '--seed':
        o.seed = Number(value());
        break;
      case '--keep':
        o.keep = true;
        break;
      case '--dist':
        o.serverJs = 'dist/server.js';
        o.cliJs = 'dist/cli.js';
        break;
      case '--workdir':
        o.workdir = path.resolve(value());
        break;
      case '--verbose':
        o.verbose = true;
        break;
      case '--edit-samples':
        o.editSamples = Number(value());
        break;
      case '--feature-samples':
        o.featureSamples = Number(value());
        break;
      case '--open-budget':
        o.openBudget = Number(value());
        break;
      case '--repeat-limit':
        o.repeatLimit = Number(value());
        break;
      case '--no-hostile':
        o.hostile = false;
        break;
      case '--help':
      case '-h':
        process.stdout.write(
          'usage: npm run bench -- [--sizes 1k,10k,50k] [--runs 3] [--no-peer] [--profile] [--profile-sizes 50k] [--seed 1] [--keep] [--dist] [--edit-samples 20] [--feature-samples 200] [--open-budget 150] [--repeat-limit 30] [--no-hostile] [--verbose]\n',
        );
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  for (const s of o.sizes) parseSize(s);
  if (o.profile && !o.profileSizes.length) o.profileSizes = [o.sizes[o.sizes.length - 1]];
  return o;
}

// ---- results -----------------------------------------------------------------

interface Latency {
  p50?: number;
  p95?: number;
  n: number;
  /** Every sample, in order (ms), for the JSON. */ samples: number[];
}
interface FeatureResult {
  available: boolean;
  reason?: string;
  p50?: number;
  p95?: number;
  n: number;
  errors: number;
  empty: number;
  /** Largest answer: JSON characters, and list length (completion items, locations, edited files). */
  maxChars?: number;
  maxItems?: number;
}

interface SpecwrightRun {
  closedAllMs?: number;
  closedRss?: number;
  closedLatePublishes?: number;
  /** From initialize until the server's CPU went quiet (all work of the load done, not only the publishes). */
  closedIdleMs?: number;
  openIdleMs?: number;
  /** CPU time (user + system) the server had used when every file's diagnostics were in. */
  closedCpuMs?: number;
  openCpuMs?: number;
  /** Peak RSS right after the first complete set of diagnostics. */
  closedLoadRss?: number;
  openLoadRss?: number;
  editLocalFew?: Latency;
  editCrossFew?: Latency;
  /** Measured with a few files open (the session that started with none open). */
  features: Record<string, FeatureResult>;
  openAllMs?: number;
  openRss?: number;
  /** Set when the all-open load did not finish within --open-budget. */
  openTimedOut?: { budgetMs: number; published: number; exact: number; total: number };
  /** The all-open session was not run (it was too slow in an earlier run of this size). */
  openSkipped?: boolean;
  editLocal?: Latency;
  editCross?: Latency;
  featuresAllOpen: Record<string, FeatureResult>;
  failures: string[];
}
interface PeerRun {
  openAllMs?: number;
  idleMs?: number;
  cpuMs?: number;
  rss?: number;
  editLocal?: Latency;
  features: Record<string, FeatureResult>;
  faultsFound?: number;
  faultsTotal?: number;
  diagnostics?: number;
  diagnosticsOnFaultLines?: number;
  latePublishes?: number;
  failures: string[];
}
interface CliRun {
  wallMs: number;
  cpuMs?: number;
  rss?: number;
  exact: boolean;
  problems: string[];
}

interface SizeResult {
  size: string;
  ws: Omit<
    GeneratedWorkspace,
    'links' | 'definitions' | 'completions' | 'keys' | 'localEdits' | 'crossEdits'
  >;
  generateMs: number;
  /** 1-minute load averages when this size started and ended (the machine is shared). */
  load: [number, number];
  cli: CliRun[];
  sw: SpecwrightRun[];
  peer: PeerRun[];
  profiles: string[];
}

const featureNames = ['hover', 'completion', 'definition', 'references', 'rename'] as const;
type FeatureName = (typeof featureNames)[number];
const providerOf: Record<FeatureName, string> = {
  hover: 'hoverProvider',
  completion: 'completionProvider',
  definition: 'definitionProvider',
  references: 'referencesProvider',
  rename: 'renameProvider',
};

// ---- helpers -----------------------------------------------------------------

const live = new Set<LspSession>();
const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const log = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

function uriOf(root: string, file: string): string {
  return pathToFileURL(path.join(root, file)).href;
}

function diagKey(diags: readonly Diag[]): string {
  return diags
    .map(d => `${d.range.start.line}:${String(d.code)}`)
    .sort()
    .join('|');
}

function latency(samples: number[]): Latency {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    n: samples.length,
    samples: samples.map(x => Math.round(x * 100) / 100),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    p.then(
      v => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Scale timeouts with the workspace: generous, but bounded. */
function loadTimeoutMs(files: number): number {
  return Math.min(15 * 60_000, 60_000 + files * 120);
}

// ---- the CLI -----------------------------------------------------------------

async function runCli(opts: Options, ws: GeneratedWorkspace, nodeArgs: string[] = []): Promise<CliRun> {
  const hasTime = fs.existsSync('/usr/bin/time');
  const nodeCmd = [...nodeArgs, opts.cliJs, 'check', ws.root, '--format', 'json'];
  const [cmd, args] = hasTime
    ? ['/usr/bin/time', ['-v', process.execPath, ...nodeCmd]]
    : [process.execPath, nodeCmd];
  const t0 = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let polledRss = 0;
  const poll = hasTime
    ? undefined
    : setInterval(() => {
        const m = /VmHWM:\s+(\d+)/.exec(safeRead(`/proc/${child.pid}/status`));
        if (m) polledRss = Math.max(polledRss, Number(m[1]) * 1024);
      }, 10);
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const code = await new Promise<number | null>(resolve => child.on('close', c => resolve(c)));
  const wallMs = performance.now() - t0;
  if (poll) clearInterval(poll);
  const stderr = Buffer.concat(err).toString();
  const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const rss = rssKb ? Number(rssKb[1]) * 1024 : polledRss || undefined;
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr),
    sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : undefined;
  const problems: string[] = [];
  let exact = false;
  try {
    const report = JSON.parse(Buffer.concat(out).toString()) as {
      files: number;
      diagnostics: Array<{ file: string; code: string; range: { start: { line: number } }; message: string }>;
    };
    const want = new Map<string, number>();
    for (const f of ws.expected) {
      const k = `${f.file}:${f.line}:${f.code}`;
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    const got = new Map<string, number>();
    const messages = new Map<string, string>();
    for (const d of report.diagnostics) {
      const k = `${d.file}:${d.range.start.line}:${d.code}`;
      got.set(k, (got.get(k) ?? 0) + 1);
      messages.set(k, d.message);
    }
    for (const [k, n] of want)
      if (got.get(k) !== n) problems.push(`missing ${k} (expected ${n}, got ${got.get(k) ?? 0})`);
    for (const [k, n] of got)
      if (want.get(k) !== n) problems.push(`unexpected ${k} ×${n}: ${messages.get(k)}`);
    if (report.files !== ws.files.length)
      problems.push(`CLI read ${report.files} files, generated ${ws.files.length}`);
    exact = problems.length === 0;
  } catch (e) {
    problems.push(`CLI output is not the JSON report (exit ${code}): ${message(e)} ${stderr.slice(0, 300)}`);
  }
  return { wallMs, cpuMs, rss, exact, problems };
}

function safeRead(p: string): string {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}

// ---- Specwright ---------------------------------------------------------------

interface Tracker {
  published: Set<string>;
  mismatched: Set<string>;
  done(): boolean;
}

/** Track, per file, whether its latest diagnostics equal the injected set (by line and code). */
function trackExact(
  s: LspSession,
  expectedByUri: Map<string, string>,
  counts: (p: Published) => boolean,
): Tracker {
  const published = new Set<string>();
  const mismatched = new Set<string>(expectedByUri.keys());
  s.onPublish((uri, p) => {
    const want = expectedByUri.get(uri);
    if (want === undefined) return;
    if (counts(p)) published.add(uri);
    if (diagKey(p.diagnostics) === want) mismatched.delete(uri);
    else mismatched.add(uri);
  });
  return {
    published,
    mismatched,
    done: () => published.size === expectedByUri.size && mismatched.size === 0,
  };
}

function describeMismatch(s: LspSession, t: Tracker, expectedByUri: Map<string, string>): string {
  const sample = [...t.mismatched].slice(0, 3).map(uri => {
    const p = s.diagnostics.get(uri);
    return `${uri.split('/').slice(-2).join('/')}: got [${p ? diagKey(p.diagnostics) : 'nothing'}] want [${expectedByUri.get(uri)}]`;
  });
  return `${t.published.size}/${expectedByUri.size} files published, ${t.mismatched.size} differ from the injected set; ${sample.join('; ')}`;
}

function startSpecwright(opts: Options, profileDir?: string): LspSession {
  const args = profileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, opts.serverJs, '--stdio']
    : [opts.serverJs, '--stdio'];
  const s = LspSession.start({
    name: 'specwright',
    command: process.execPath,
    args,
    cwd: process.cwd(),
    verbose: opts.verbose,
    configuration: section => (section === 'specwright' ? { rules: {}, exclude: [] } : null),
  });
  live.add(s);
  return s;
}

/** Local edits: a requirement's priority becomes invalid (schema finding appears), then valid again. */
async function localEditLatencies(
  s: LspSession,
  ws: GeneratedWorkspace,
  n: number,
  specwright: boolean,
): Promise<number[]> {
  const samples: number[] = [];
  const edits = ws.localEdits.slice(0, Math.max(1, n));
  const hasFinding = (p: Published | undefined, line: number) =>
    !!p?.diagnostics.some(d => d.range.start.line === line && (!specwright || d.code === 'schema'));
  for (const e of edits) {
    const uri = uriOf(ws.root, e.file);
    for (const [from, to, expectFinding] of [
      [e.original, e.invalid, true],
      [e.invalid, e.original, false],
    ] as const) {
      const before = s.diagnostics.get(uri)?.count ?? 0;
      const t0 = performance.now();
      const version = s.edit(
        uri,
        { line: e.line, character: e.character },
        { line: e.line, character: e.character + from.length },
        to,
      );
      const t1 = await s.waitFor(
        () => {
          const p = s.diagnostics.get(uri);
          return (
            !!p &&
            p.count > before &&
            (!specwright || p.version === version) &&
            hasFinding(p, e.line) === expectFinding
          );
        },
        60_000,
        `diagnostics after a local edit of ${e.file}:${e.line}`,
      );
      samples.push(t1 - t0);
    }
  }
  return samples;
}

/** Cross-file edits: define the missing requirement in a PRD (the story's unresolved-link clears), then remove it (it returns). */
async function crossEditLatencies(s: LspSession, ws: GeneratedWorkspace, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = ws.crossEdits[i % ws.crossEdits.length];
    const prdUri = uriOf(ws.root, e.prdFile);
    const storyUri = uriOf(ws.root, e.storyFile);
    const doc = s.docs.get(prdUri)!;
    const unresolved = (p: Published | undefined) =>
      !!p?.diagnostics.some(d => d.range.start.line === e.storyLine && d.code === 'unresolved-link');
    // add
    const endOffset = doc.getText().length;
    const at = doc.positionAt(endOffset);
    let before = s.diagnostics.get(storyUri)?.count ?? 0;
    let t0 = performance.now();
    s.edit(prdUri, at, at, e.insertText);
    let t1 = await s.waitFor(
      () => {
        const p = s.diagnostics.get(storyUri);
        return !!p && p.count > before && !unresolved(p);
      },
      60_000,
      `${e.missingId} to resolve in ${e.storyFile}`,
    );
    samples.push(t1 - t0);
    // remove
    const end = doc.positionAt(endOffset + e.insertText.length);
    before = s.diagnostics.get(storyUri)?.count ?? 0;
    t0 = performance.now();
    s.edit(prdUri, at, end, '');
    t1 = await s.waitFor(
      () => {
        const p = s.diagnostics.get(storyUri);
        return !!p && p.count > before && unresolved(p);
      },
      60_000,
      `${e.missingId} to be unresolved again in ${e.storyFile}`,
    );
    samples.push(t1 - t0);
  }
  return samples;
}

function featureParams(f: FeatureName, spot: Spot, root: string): Record<string, unknown> {
  const base = {
    textDocument: { uri: uriOf(root, spot.file) },
    position: { line: spot.line, character: spot.character },
  };
  switch (f) {
    case 'completion':
      return { ...base, context: { triggerKind: 1 } };
    case 'references':
      return { ...base, context: { includeDeclaration: true } };
    case 'rename':
      return { ...base, newName: `${spot.id ?? 'X-1'}X` };
    default:
      return base;
  }
}

/**
 * The files feature requests point into: a few PRDs, iterations and epics
 * spread over the workspace (an editor has a handful of files open, and the
 * session that starts with none open opens exactly these).
 */
function featureFiles(ws: GeneratedWorkspace): Set<string> {
  const every = (suffix: string, n: number) => {
    const list = ws.files.filter(f => f.endsWith(suffix));
    if (list.length <= n) return list;
    const step = list.length / n;
    return Array.from({ length: n }, (_, i) => list[Math.floor(i * step + step / 2)]);
  };
  return new Set([...every('.prd.yaml', 12), ...every('.stories.yaml', 12), ...every('.epic.yaml', 6)]);
}

function spotsFor(f: FeatureName, ws: GeneratedWorkspace, n: number): Spot[] {
  const files = featureFiles(ws);
  const take = (all: Spot[], k: number) => {
    const list = all.filter(x => files.has(x.file));
    if (list.length <= k) return list;
    const step = list.length / k;
    return Array.from({ length: k }, (_, i) => list[Math.floor(i * step)]);
  };
  switch (f) {
    case 'hover':
      return interleave(take(ws.links, Math.ceil(n / 2)), take(ws.keys, Math.floor(n / 2)));
    case 'completion':
      return take(ws.completions, n);
    case 'definition':
      return take(ws.links, n);
    case 'references':
      return take(ws.definitions, Math.max(10, Math.round(n / 4)));
    case 'rename':
      return take(ws.definitions, Math.max(5, Math.round(n / 10)));
  }
}

function interleave<T>(a: T[], b: T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) out.push(a[i]);
    if (i < b.length) out.push(b[i]);
  }
  return out;
}

function sizeOf(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (result && typeof result === 'object') {
    const r = result as { items?: unknown[]; changes?: object; documentChanges?: unknown[] };
    if (Array.isArray(r.items)) return r.items.length;
    if (r.changes) return Object.keys(r.changes).length;
    if (r.documentChanges) return r.documentChanges.length;
  }
  return result ? 1 : 0;
}

function isEmpty(result: unknown): boolean {
  if (result === null || result === undefined) return true;
  if (Array.isArray(result)) return result.length === 0;
  if (typeof result === 'object') {
    const r = result as {
      items?: unknown[];
      changes?: object;
      documentChanges?: unknown[];
      contents?: unknown;
    };
    if (Array.isArray(r.items)) return r.items.length === 0;
    if ('changes' in r || 'documentChanges' in r)
      return !Object.keys(r.changes ?? {}).length && !(r.documentChanges ?? []).length;
    if ('contents' in r)
      return (
        !r.contents ||
        (Array.isArray(r.contents) && !r.contents.length) ||
        (typeof r.contents === 'object' && !(r.contents as { value?: string }).value)
      );
  }
  return false;
}

async function measureFeatures(
  s: LspSession,
  ws: GeneratedWorkspace,
  which: readonly FeatureName[],
  n: number,
): Promise<Record<string, FeatureResult>> {
  const out: Record<string, FeatureResult> = {};
  for (const f of which) {
    if (!s.capabilities[providerOf[f]]) {
      out[f] = {
        available: false,
        reason: `no ${providerOf[f]} in the initialize result`,
        n: 0,
        errors: 0,
        empty: 0,
      };
      continue;
    }
    const samples: number[] = [];
    let errors = 0,
      empty = 0,
      maxChars = 0,
      maxItems = 0;
    let reason: string | undefined;
    const started = performance.now();
    for (const spot of spotsFor(f, ws, n)) {
      // Bounded: a slow feature gets at least 20 samples, then stops after ~10 s.
      if (samples.length >= 20 && performance.now() - started > 10_000) break;
      const t0 = performance.now();
      try {
        const result = await withTimeout(
          s.request(`textDocument/${f}`, featureParams(f, spot, ws.root)),
          30_000,
          `${f} request`,
        );
        samples.push(performance.now() - t0);
        if (isEmpty(result)) empty++;
        maxChars = Math.max(maxChars, JSON.stringify(result ?? null).length);
        maxItems = Math.max(maxItems, sizeOf(result));
      } catch (err) {
        errors++;
        const code = (err as { code?: number }).code;
        if (code === -32601) {
          reason = 'the server answers MethodNotFound';
          break;
        }
        if (!reason) reason = message(err).slice(0, 200);
      }
    }
    const available = samples.length > 0;
    out[f] = {
      available,
      reason: available ? (errors ? reason : undefined) : reason,
      n: samples.length,
      errors,
      empty,
      maxChars,
      maxItems,
      ...(available ? latency(samples) : {}),
    };
  }
  return out;
}

interface Windows {
  [name: string]: { start: number; end: number };
}

async function specwrightClosedSession(
  opts: Options,
  ws: GeneratedWorkspace,
  expectedByUri: Map<string, string>,
  run: SpecwrightRun,
  profileDir?: string,
  windows?: Windows,
): Promise<void> {
  const s = startSpecwright(opts, profileDir);
  const rootUri = pathToFileURL(ws.root).href;
  try {
    const tracker = trackExact(s, expectedByUri, () => true);
    const u0 = nowUs();
    const t0 = performance.now();
    await s.initialize(rootUri);
    try {
      const t1 = await s.waitFor(
        () => tracker.done(),
        loadTimeoutMs(ws.files.length),
        'diagnostics for every file (no file open)',
      );
      run.closedAllMs = t1 - t0;
      run.closedCpuMs = s.cpuMs();
      const idle = await s.waitIdle(loadTimeoutMs(ws.files.length));
      run.closedIdleMs = idle.at - t0;
      run.closedLatePublishes = idle.publishes;
      if (windows) windows.load = { start: u0, end: u0 + Math.round((idle.at - t0) * 1000) };
    } catch (err) {
      run.failures.push(`no file open: ${message(err)}; ${describeMismatch(s, tracker, expectedByUri)}`);
      return;
    }
    run.closedLoadRss = s.peakRss();
    // A few files open, as in an editor: the edited PRDs, the stories that link into them, and the feature files.
    const files = new Set<string>(featureFiles(ws));
    for (const e of ws.localEdits.slice(0, opts.editSamples / 2)) files.add(e.file);
    for (const e of ws.crossEdits) {
      files.add(e.prdFile);
      files.add(e.storyFile);
    }
    const uris = [...files].map(f => uriOf(ws.root, f));
    for (const uri of uris) s.open(uri, 'specwright', fs.readFileSync(new URL(uri), 'utf8'));
    await s.waitFor(
      () => uris.every(u => s.diagnostics.get(u)?.version === 1),
      120_000,
      'diagnostics of the opened files',
    );
    await s.waitIdle(120_000);
    const e0 = nowUs();
    try {
      run.editLocalFew = latency(
        await localEditLatencies(s, ws, Math.max(1, Math.floor(opts.editSamples / 2)), true),
      );
      run.editCrossFew = latency(
        await crossEditLatencies(s, ws, Math.max(1, Math.floor(opts.editSamples / 2))),
      );
    } catch (err) {
      run.failures.push(`edits (few files open): ${message(err)}`);
    }
    if (windows) windows.editsFewOpen = { start: e0, end: nowUs() };
    await s.waitIdle(60_000);
    const f0 = nowUs();
    run.features = await measureFeatures(s, ws, featureNames, opts.featureSamples);
    if (windows) windows.features = { start: f0, end: nowUs() };
    run.closedRss = s.peakRss();
  } finally {
    await s.stop();
    live.delete(s);
  }
}

async function specwrightOpenSession(
  opts: Options,
  ws: GeneratedWorkspace,
  texts: Map<string, string>,
  expectedByUri: Map<string, string>,
  run: SpecwrightRun,
  profileDir?: string,
  windows?: Windows,
): Promise<void> {
  const s = startSpecwright(opts, profileDir);
  const rootUri = pathToFileURL(ws.root).href;
  let abandoned = false;
  try {
    const tracker = trackExact(s, expectedByUri, p => p.version === 1);
    const u0 = nowUs();
    const t0 = performance.now();
    await s.initialize(rootUri);
    for (const [uri, text] of texts) s.open(uri, 'specwright', text);
    try {
      const budget = opts.openBudget * 1000;
      const t1 = await s.waitFor(
        () => tracker.done(),
        budget,
        `diagnostics for every file (all open) within --open-budget ${opts.openBudget} s`,
      );
      run.openAllMs = t1 - t0;
      run.openCpuMs = s.cpuMs();
      const idle = await s.waitIdle(Math.max(10_000, budget - (t1 - t0)));
      run.openIdleMs = idle.at - t0;
      if (windows) windows.loadAllOpen = { start: u0, end: u0 + Math.round((idle.at - t0) * 1000) };
    } catch (err) {
      abandoned = true;
      run.openRss = s.peakRss();
      run.openTimedOut = {
        budgetMs: opts.openBudget * 1000,
        published: tracker.published.size,
        exact: expectedByUri.size - tracker.mismatched.size,
        total: expectedByUri.size,
      };
      run.failures.push(`all files open: ${message(err)}; ${describeMismatch(s, tracker, expectedByUri)}`);
      return;
    }
    run.openLoadRss = s.peakRss();
    const e0 = nowUs();
    try {
      run.editLocal = latency(await localEditLatencies(s, ws, opts.editSamples, true));
      run.editCross = latency(await crossEditLatencies(s, ws, opts.editSamples));
    } catch (err) {
      run.failures.push(`edits (all open): ${message(err)}`);
    }
    if (windows) windows.editsAllOpen = { start: e0, end: nowUs() };
    await s.waitIdle(60_000);
    run.featuresAllOpen = await measureFeatures(s, ws, featureNames, opts.featureSamples);
    run.openRss = s.peakRss();
  } finally {
    if (abandoned) s.kill();
    else await s.stop();
    live.delete(s);
  }
}

// ---- the peer: yaml-language-server -------------------------------------------

const peerBin = path.join('node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

function peerSettings(): Record<string, unknown> {
  const schemas: Record<string, string[]> = {};
  for (const kind of ['vision', 'roadmap', 'epic', 'prd', 'stories']) {
    schemas[pathToFileURL(path.resolve('schemas', `${kind}.schema.json`)).href] = [
      `**/*.${kind}.yaml`,
      `**/*.${kind}.yml`,
    ];
  }
  return {
    schemas,
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    yamlVersion: '1.2',
    maxItemsComputed: 5000,
    disableDefaultProperties: false,
    keyOrdering: false,
  };
}

async function peerSession(
  opts: Options,
  ws: GeneratedWorkspace,
  texts: Map<string, string>,
  run: PeerRun,
): Promise<void> {
  const yaml = peerSettings();
  let yamlAnswered = 0;
  const s = LspSession.start({
    name: 'yaml-language-server',
    command: process.execPath,
    args: [peerBin, '--stdio'],
    cwd: process.cwd(),
    verbose: opts.verbose,
    configuration: section => {
      switch (section) {
        case 'yaml':
          yamlAnswered = performance.now();
          return yaml;
        case 'http':
          return { proxy: '', proxyStrictSSL: false };
        case '[yaml]':
          return {};
        case 'editor':
          return { detectIndentation: false, tabSize: 2 };
        default:
          return null;
      }
    },
  });
  live.add(s);
  const rootUri = pathToFileURL(ws.root).href;
  // The injected faults a JSON Schema can see: schema findings and `kind` (an enum in the schema).
  const faults = new Map<string, Set<number>>();
  for (const f of ws.expected) {
    if (f.code !== 'schema' && f.code !== 'kind-mismatch') continue;
    const uri = uriOf(ws.root, f.file);
    if (!faults.has(uri)) faults.set(uri, new Set());
    faults.get(uri)!.add(f.line);
  }
  try {
    const published = new Set<string>();
    let openedAt = Infinity;
    s.onPublish((uri, p) => {
      if (p.at > openedAt && p.at > yamlAnswered && texts.has(uri)) published.add(uri);
    });
    const t0 = performance.now();
    await s.initialize(rootUri);
    await s.notify('workspace/didChangeConfiguration', {
      settings: { yaml, http: { proxy: '', proxyStrictSSL: false } },
    });
    for (const [uri, text] of texts) s.open(uri, 'yaml', text);
    openedAt = performance.now();
    try {
      const t1 = await s.waitFor(
        () => published.size === texts.size,
        loadTimeoutMs(ws.files.length) * 2,
        'diagnostics for every file (all open)',
      );
      run.openAllMs = t1 - t0;
      run.cpuMs = s.cpuMs();
      const idle = await s.waitIdle(loadTimeoutMs(ws.files.length));
      run.idleMs = idle.at - t0;
      run.latePublishes = idle.publishes;
    } catch (err) {
      run.failures.push(`all files open: ${message(err)} (${published.size}/${texts.size} published)`);
      return;
    }
    let found = 0,
      total = 0,
      onFaultLines = 0,
      all = 0;
    for (const [uri, lines] of faults) {
      const diags = s.diagnostics.get(uri)?.diagnostics ?? [];
      for (const line of lines) {
        total++;
        if (diags.some(d => d.range.start.line === line)) found++;
      }
    }
    for (const [uri, p] of s.diagnostics) {
      all += p.diagnostics.length;
      const lines = faults.get(uri);
      if (lines) onFaultLines += p.diagnostics.filter(d => lines.has(d.range.start.line)).length;
    }
    Object.assign(run, {
      faultsFound: found,
      faultsTotal: total,
      diagnostics: all,
      diagnosticsOnFaultLines: onFaultLines,
    });
    try {
      run.editLocal = latency(await localEditLatencies(s, ws, opts.editSamples, false));
    } catch (err) {
      run.failures.push(`edits: ${message(err)}`);
    }
    await s.waitIdle(60_000);
    run.features = await measureFeatures(s, ws, ['hover', 'completion'], opts.featureSamples);
    run.rss = s.peakRss();
  } finally {
    await s.stop();
    live.delete(s);
  }
}

// ---- one size ----------------------------------------------------------------

async function benchSize(opts: Options, size: string, profileDir: string): Promise<SizeResult> {
  const n = parseSize(size);
  const root = path.join(opts.workdir, `${size}-seed${opts.seed}`);
  const g0 = performance.now();
  const ws = generateWorkspace(root, n, opts.seed);
  const generateMs = performance.now() - g0;
  log(
    `${size}: generated ${ws.files.length} files, ${(ws.bytes / 1e6).toFixed(1)} MB, ${ws.items} items, ${ws.expected.length} injected findings in ${fmtMs(generateMs)} (${root})`,
  );
  const {
    links: _l,
    definitions: _d,
    completions: _c,
    keys: _k,
    localEdits: _le,
    crossEdits: _ce,
    ...wsInfo
  } = ws;
  const result: SizeResult = {
    size,
    ws: wsInfo,
    generateMs,
    load: [os.loadavg()[0], 0],
    cli: [],
    sw: [],
    peer: [],
    profiles: [],
  };

  const expectedByUri = new Map<string, string>();
  for (const f of ws.files) expectedByUri.set(uriOf(root, f), '');
  const grouped = new Map<string, string[]>();
  for (const f of ws.expected) {
    const uri = uriOf(root, f.file);
    if (!grouped.has(uri)) grouped.set(uri, []);
    grouped.get(uri)!.push(`${f.line}:${f.code}`);
  }
  for (const [uri, keys] of grouped) expectedByUri.set(uri, keys.sort().join('|'));
  const texts = new Map<string, string>();
  for (const f of ws.files) texts.set(uriOf(root, f), fs.readFileSync(path.join(root, f), 'utf8'));

  let slowOpen: string | undefined;
  for (let r = 0; r < opts.runs; r++) {
    const cli = await runCli(opts, ws);
    result.cli.push(cli);
    log(
      `${size} run ${r + 1}/${opts.runs}: check ${fmtMs(cli.wallMs)}, ${fmtBytes(cli.rss)}, ${cli.exact ? 'exactly the injected findings' : `NOT EXACT: ${cli.problems.slice(0, 5).join('; ')}`}`,
    );

    const sw: SpecwrightRun = { features: {}, featuresAllOpen: {}, failures: [] };
    await guarded(sw.failures, 'no file open', () => specwrightClosedSession(opts, ws, expectedByUri, sw));
    log(
      `${size} run ${r + 1}: specwright, no file open: all diagnostics ${fmtMs(sw.closedAllMs)}, edits (few open) local p95 ${fmtMs(sw.editLocalFew?.p95)}, cross p95 ${fmtMs(sw.editCrossFew?.p95)}, RSS ${fmtBytes(sw.closedRss)}; ${featureLine(sw.features)}`,
    );
    if (slowOpen) {
      sw.openSkipped = true;
      log(`${size} run ${r + 1}: specwright, all open: not repeated (${slowOpen})`);
    } else {
      await guarded(sw.failures, 'all open', () => specwrightOpenSession(opts, ws, texts, expectedByUri, sw));
      if (sw.openTimedOut) slowOpen = `run ${r + 1} did not finish within ${opts.openBudget} s`;
      else if ((sw.openAllMs ?? 0) > opts.repeatLimit * 1000)
        slowOpen = `run ${r + 1} took ${fmtMs(sw.openAllMs)}, over --repeat-limit ${opts.repeatLimit} s`;
      log(
        `${size} run ${r + 1}: specwright, all open: all diagnostics ${sw.openTimedOut ? `> ${opts.openBudget} s (${sw.openTimedOut.published}/${sw.openTimedOut.total} files published)` : fmtMs(sw.openAllMs)}, edit local p95 ${fmtMs(sw.editLocal?.p95)}, cross p95 ${fmtMs(sw.editCross?.p95)}, RSS ${fmtBytes(sw.openRss)}; ${featureLine(sw.featuresAllOpen)}`,
      );
    }
    for (const f of sw.failures) log(`  specwright failure: ${f}`);
    result.sw.push(sw);

    if (opts.peer) {
      const peer: PeerRun = { features: {}, failures: [] };
      await guarded(peer.failures, 'peer', () => peerSession(opts, ws, texts, peer));
      log(
        `${size} run ${r + 1}: yaml-language-server, all open: all diagnostics ${fmtMs(peer.openAllMs)}, edit p95 ${fmtMs(peer.editLocal?.p95)}, RSS ${fmtBytes(peer.rss)}, schema faults found ${peer.faultsFound}/${peer.faultsTotal}; ${featureLine(peer.features)}`,
      );
      for (const f of peer.failures) log(`  peer failure: ${f}`);
      result.peer.push(peer);
    }
  }

  result.load[1] = os.loadavg()[0];
  if (opts.profile && opts.profileSizes.includes(size)) {
    result.profiles = await profileSize(
      opts,
      ws,
      texts,
      expectedByUri,
      profileDir,
      result.sw.some(x => x.openAllMs !== undefined),
    );
  }
  if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
  return result;
}

async function guarded(failures: string[], what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    failures.push(`${what}: ${message(err)}`);
  }
}

function featureLine(features: Record<string, FeatureResult>): string {
  return Object.entries(features)
    .map(([k, v]) => `${k} ${v.available ? `p95 ${fmtMs(v.p95)}` : 'n/a'}`)
    .join(', ');
}

// ---- CPU profiles --------------------------------------------------------------

async function profileSize(
  opts: Options,
  ws: GeneratedWorkspace,
  texts: Map<string, string>,
  expectedByUri: Map<string, string>,
  profileDir: string,
  openCompleted: boolean,
): Promise<string[]> {
  const out: string[] = [];
  const dir = path.join(profileDir, ws.files.length ? `${path.basename(ws.root)}` : 'x');
  fs.rmSync(dir, { recursive: true, force: true });
  const newest = (d: string) =>
    fs
      .readdirSync(d)
      .filter(f => f.endsWith('.cpuprofile'))
      .map(f => path.join(d, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];

  log(`profiling specwright check on ${ws.files.length} files`);
  const cliDir = path.join(dir, 'cli');
  fs.mkdirSync(cliDir, { recursive: true });
  await runCli(opts, ws, ['--cpu-prof', `--cpu-prof-dir=${cliDir}`]);
  const cliProfile = newest(cliDir);
  if (cliProfile)
    out.push(
      profileMarkdown(summarizeProfile(cliProfile), `\`specwright check\` (${ws.requirements} requirements)`),
    );

  for (const mode of ['closed', 'open'] as const) {
    if (mode === 'open' && !openCompleted) {
      out.push(
        `#### server: all files open (${ws.requirements} requirements)`,
        '',
        `Not profiled: the all-files-open load did not finish within --open-budget ${opts.openBudget} s at this size; profile a smaller size (--profile-sizes 10k).`,
        '',
      );
      continue;
    }
    log(`profiling the server (${mode === 'closed' ? 'no file open' : 'all files open'})`);
    const d = path.join(dir, `server-${mode}`);
    fs.mkdirSync(d, { recursive: true });
    const windows: Windows = {};
    const run: SpecwrightRun = { features: {}, featuresAllOpen: {}, failures: [] };
    await guarded(run.failures, mode, () =>
      mode === 'closed'
        ? specwrightClosedSession(opts, ws, expectedByUri, run, d, windows)
        : specwrightOpenSession(opts, ws, texts, expectedByUri, run, d, windows),
    );
    for (const f of run.failures) log(`  profile run failure: ${f}`);
    await new Promise(r => setTimeout(r, 500));
    const file = newest(d);
    if (!file) {
      log(`  no profile written in ${d}`);
      continue;
    }
    const titles: Record<string, string> = {
      load: 'server: initialize → all diagnostics, no file open',
      editsFewOpen: 'server: edits → diagnostics, a few files open',
      features: 'server: hover/completion/definition/references/rename, a few files open',
      loadAllOpen: 'server: initialize + didOpen of every file → all diagnostics',
      editsAllOpen: 'server: edits → diagnostics, all files open',
    };
    for (const [name, w] of Object.entries(windows)) {
      out.push(
        profileMarkdown(
          summarizeProfile(file, 15, w),
          `${titles[name] ?? name} (${ws.requirements} requirements)`,
        ),
      );
    }
  }
  return out;
}

// ---- report --------------------------------------------------------------------

function med<T>(list: T[], get: (x: T) => number | undefined): number | undefined {
  return median(list.map(get));
}

/** A wall time with the process's CPU time (user + system) beside it: on a shared machine the two differ. */
function withCpu(wall: number | undefined, cpu: number | undefined): string {
  return wall === undefined ? '—' : cpu === undefined ? fmtMs(wall) : `${fmtMs(wall)} (CPU ${fmtMs(cpu)})`;
}

function pair(p50: number | undefined, p95: number | undefined): string {
  return p50 === undefined && p95 === undefined ? '—' : `${fmtMs(p50)} / ${fmtMs(p95)}`;
}

function featureCell(
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

interface Row {
  metric: string;
  cells: Array<[string, string, string]>;
}

/** The all-files-open load of Specwright: a median, or a lower bound when it ran out of --open-budget. */
function openAll(r: SizeResult): { text: string; value?: number; lowerBound: boolean } {
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

function buildTable(results: SizeResult[]): string {
  const rows: Row[] = [];
  const add = (metric: string, cell: (r: SizeResult) => [string, string, string]) =>
    rows.push({ metric, cells: results.map(cell) });
  const ratio = (a?: number, b?: number) => fmtRatio(a, b);

  add('all diagnostics, no file open', r => [
    withCpu(
      med(r.sw, x => x.closedAllMs),
      med(r.sw, x => x.closedCpuMs),
    ),
    'n/a (validates open files only)',
    '',
  ]);
  add('all diagnostics, all files open (didOpen)', r => {
    const a = openAll(r),
      b = med(r.peer, x => x.openAllMs);
    const cpu = a.lowerBound ? '' : ` (CPU ${fmtMs(med(r.sw, x => x.openCpuMs))})`;
    return [
      a.text + cpu,
      withCpu(
        b,
        med(r.peer, x => x.cpuMs),
      ),
      `${a.lowerBound ? '> ' : ''}${ratio(a.value, b)}`,
    ];
  });
  add('server idle (CPU quiet) after initialize, no file open', r => [
    fmtMs(med(r.sw, x => x.closedIdleMs)),
    'n/a',
    '',
  ]);
  add('server idle (CPU quiet) after initialize, all files open', r => {
    const a = med(r.sw, x => x.openIdleMs),
      b = med(r.peer, x => x.idleMs);
    return [fmtMs(a), fmtMs(b), ratio(a, b)];
  });
  add('edit → diagnostics, local, all open (p50 / p95)', r => {
    const a = med(r.sw, x => x.editLocal?.p95),
      b = med(r.peer, x => x.editLocal?.p95);
    return [
      pair(
        med(r.sw, x => x.editLocal?.p50),
        a,
      ),
      pair(
        med(r.peer, x => x.editLocal?.p50),
        b,
      ),
      ratio(a, b),
    ];
  });
  add('edit → diagnostics, cross-file, all open (p50 / p95)', r => [
    pair(
      med(r.sw, x => x.editCross?.p50),
      med(r.sw, x => x.editCross?.p95),
    ),
    'n/a (no cross-file checks)',
    '',
  ]);
  add('edit → diagnostics, local, few files open (p50 / p95)', r => [
    pair(
      med(r.sw, x => x.editLocalFew?.p50),
      med(r.sw, x => x.editLocalFew?.p95),
    ),
    '—',
    '',
  ]);
  add('edit → diagnostics, cross-file, few files open (p50 / p95)', r => [
    pair(
      med(r.sw, x => x.editCrossFew?.p50),
      med(r.sw, x => x.editCrossFew?.p95),
    ),
    'n/a',
    '',
  ]);
  for (const f of featureNames) {
    add(`${f} (p50 / p95; Specwright: a few files open, peer: all open)`, r => {
      const a = featureCell(r.sw, f);
      const b =
        f === 'hover' || f === 'completion'
          ? featureCell(r.peer, f)
          : { text: 'not measured', p95: undefined };
      return [a.text, b.text, ratio(a.p95, b.p95)];
    });
  }
  add('peak RSS after the first full diagnostics, no file open', r => [
    fmtBytes(med(r.sw, x => x.closedLoadRss)),
    'n/a',
    '',
  ]);
  add('peak RSS at the end, no file open (+ a few files opened, edits, features)', r => [
    fmtBytes(med(r.sw, x => x.closedRss)),
    'n/a',
    '',
  ]);
  add('peak RSS, all files open', r => {
    const a = med(r.sw, x => x.openRss),
      b = med(r.peer, x => x.rss);
    const partial = openAll(r).lowerBound ? '≥ ' : '';
    return [
      `${partial}${fmtBytes(a)}${partial ? ' (when abandoned)' : ''}`,
      fmtBytes(b),
      `${partial}${ratio(a, b)}`,
    ];
  });
  add('`specwright check` wall time', r => [
    withCpu(
      med(r.cli, x => x.wallMs),
      med(r.cli, x => x.cpuMs),
    ),
    'n/a',
    '',
  ]);
  add('`specwright check` peak RSS', r => [fmtBytes(med(r.cli, x => x.rss)), 'n/a', '']);

  const head = [
    'metric',
    ...results.flatMap(r => [`${r.size} Specwright`, `${r.size} yaml-language-server`, `${r.size} ratio`]),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const row of rows)
    lines.push(
      `| ${row.metric} | ${row.cells
        .flat()
        .map(c => c || ' ')
        .join(' | ')} |`,
    );
  return lines.join('\n');
}

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
  const rssRatio =
    r10 && med(r10.peer, x => x.rss)
      ? (med(r10.sw, x => x.openRss) ?? NaN) / med(r10.peer, x => x.rss)!
      : undefined;
  t.push({
    what: "peak RSS ≤ ⅓ of the peer's (all files open)",
    size: '10k',
    limit: 1 / 3,
    unit: 'ratio',
    value: rssRatio,
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
  feature('definition', 5);
  feature('completion', 10);
  feature('references', 50);
  feature('rename', 300);
  t.push({
    what: '`specwright check` ≤ 1.5 s',
    size: '10k',
    limit: 1500,
    unit: 'ms',
    value: r10 && med(r10.cli, x => x.wallMs),
  });
  return t;
}

function targetTable(results: SizeResult[]): string {
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

function growthTable(results: SizeResult[]): string {
  if (results.length < 2) return '';
  const metrics: Array<[string, (r: SizeResult) => number | undefined, (v: number | undefined) => string]> = [
    ['Specwright all diagnostics, no file open', r => med(r.sw, x => x.closedAllMs), fmtMs],
    [
      'Specwright all diagnostics, all open',
      r => (openAll(r).lowerBound ? undefined : openAll(r).value),
      fmtMs,
    ],
    ['yaml-language-server all diagnostics, all open', r => med(r.peer, x => x.openAllMs), fmtMs],
    ['Specwright edit → diagnostics cross-file p95, all open', r => med(r.sw, x => x.editCross?.p95), fmtMs],
    ['Specwright peak RSS, all open', r => med(r.sw, x => x.openRss), fmtBytes],
    ['yaml-language-server peak RSS, all open', r => med(r.peer, x => x.rss), fmtBytes],
    ['`specwright check` wall time', r => med(r.cli, x => x.wallMs), fmtMs],
  ];
  const head = [
    'metric',
    ...results.map(r => r.size),
    ...results.slice(1).map((r, i) => `${results[i].size}→${r.size}`),
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
  for (const [name, get, fmt] of metrics) {
    const vals = results.map(get);
    const factors = vals
      .slice(1)
      .map((v, i) => (v !== undefined && vals[i] ? `×${(v / vals[i]).toFixed(1)}` : '—'));
    lines.push(`| ${name} | ${vals.map(fmt).join(' | ')} | ${factors.join(' | ')} |`);
  }
  const sizes = results.map(r => r.ws.requirements);
  lines.push(
    `| (workspace size) | ${sizes.join(' | ')} | ${sizes
      .slice(1)
      .map((s, i) => `×${(s / sizes[i]).toFixed(1)}`)
      .join(' | ')} |`,
  );
  return lines.join('\n');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu} (nproc ${os.availableParallelism?.() ?? os.cpus().length}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}, Node ${process.version}`;
}

/** The commit measured, and how many files under server/ differ from it (the tree is shared and changes). */
function sourceState(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server', 'schemas'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean).length;
    return dirty
      ? `${head} + ${dirty} uncommitted file${dirty > 1 ? 's' : ''} under server/ and schemas/ (bundled at the start of the run)`
      : head;
  } catch {
    return 'unknown (no git)';
  }
}

function peerVersion(): string {
  try {
    return JSON.parse(
      fs.readFileSync(path.join('node_modules', 'yaml-language-server', 'package.json'), 'utf8'),
    ).version;
  } catch {
    return 'not installed';
  }
}

function report(
  opts: Options,
  results: SizeResult[],
  hostile: string | undefined,
  argv: string[],
  startedAt: Date,
  elapsedMs: number,
): string {
  const out: string[] = [];
  out.push(`# Specwright benchmark, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  out.push(`- machine: ${machine()}`);
  out.push(
    `- command: \`npm run bench -- ${argv.join(' ')}\` (${opts.runs} run${opts.runs > 1 ? 's' : ''} per size; medians; took ${fmtMs(elapsedMs)})`,
  );
  out.push(
    `- Specwright: \`node ${opts.serverJs} --stdio\`, \`node ${opts.cliJs} check ROOT --format json\`; source: ${sourceState()}`,
  );
  out.push(
    `- peer: yaml-language-server ${peerVersion()} with schemas/*.schema.json associated through \`yaml.schemas\` (schema checks only; Specwright runs schema + every cross-file check)`,
  );
  out.push('');
  out.push(
    '| size | files | MB | items | injected findings | CLI finds exactly these | peer finds the schema faults | load average (start → end) |',
    '|---|---:|---:|---:|---:|---|---|---|',
  );
  for (const r of results) {
    const exact = r.cli.every(c => c.exact)
      ? 'yes'
      : `NO: ${r.cli
          .find(c => !c.exact)
          ?.problems.slice(0, 3)
          .join('; ')}`;
    const pf = r.peer.length
      ? `${med(r.peer, x => x.faultsFound)}/${med(r.peer, x => x.faultsTotal)}`
      : 'not run';
    out.push(
      `| ${r.size} | ${r.ws.files.length} | ${(r.ws.bytes / 1e6).toFixed(1)} | ${r.ws.items} | ${r.ws.expected.length} | ${exact} | ${pf} | ${r.load[0].toFixed(1)} → ${r.load[1].toFixed(1)} |`,
    );
  }
  out.push(
    '',
    '## Medians',
    '',
    "Times are wall-clock from sending `initialize` (server process just spawned) until the condition holds, with the process's CPU time (user + system, includes start-up and GC threads) in brackets; ratio = Specwright / yaml-language-server (below 1 is better for Specwright). Edit latencies run from sending `didChange` until the expected diagnostics arrive and include each server's own debounce: 30 ms for Specwright (`editDelayMs`), 200 ms for yaml-language-server (`validationDelayMs`). Local edit: a requirement's `priority` becomes invalid (schema finding appears) and valid again; cross-file edit: a requirement whose ID a story in another file links to is added to a PRD (the story's unresolved-link clears) and removed (it returns). Feature latencies are p50 / p95 over up to 200 positions in 30 files.",
    '',
  );
  out.push(buildTable(results), '');
  out.push('## Targets', '', targetTable(results), '');
  const growth = growthTable(results);
  if (growth) out.push('## Growth', '', growth, '');
  const notes: string[] = [];
  const once = new Set<string>();
  const note = (text: string) => {
    if (!once.has(text)) {
      once.add(text);
      notes.push(text);
    }
  };
  for (const r of results) {
    for (const [i, sw] of r.sw.entries())
      for (const f of sw.failures) note(`- ${r.size} run ${i + 1}, Specwright: ${f}`);
    const skipped = r.sw.filter(x => x.openSkipped).length;
    if (skipped)
      note(
        `- ${r.size}: Specwright's all-files-open session ran once only (too slow to repeat: see --repeat-limit, --open-budget)`,
      );
    for (const [i, p] of r.peer.entries())
      for (const f of p.failures) note(`- ${r.size} run ${i + 1}, yaml-language-server: ${f}`);
    for (const [i, p] of r.peer.entries()) {
      if (p.latePublishes)
        note(
          `- ${r.size} run ${i + 1}, yaml-language-server published ${p.latePublishes} more diagnostics after every file had been published once`,
        );
    }
    const diag = r.peer
      .map(p =>
        p.diagnostics !== undefined
          ? `${p.diagnostics} diagnostics, ${p.diagnosticsOnFaultLines} of them on the ${p.faultsTotal} injected schema-fault lines`
          : '',
      )
      .filter(Boolean);
    if (diag.length)
      note(
        `- ${r.size}: yaml-language-server reported ${[...new Set(diag)].join(' / ')} (per run: ${diag.length} runs)`,
      );
    const late = r.sw.map(x => x.closedLatePublishes ?? 0).filter(n => n > 0);
    if (late.length)
      note(
        `- ${r.size}: Specwright published ${late.join(', ')} more diagnostics after the first complete (exact) set, no file open, before going idle`,
      );
  }
  if (hostile) out.push('## Hostile inputs', '', hostile, '');
  if (notes.length) out.push('## Notes', '', ...notes, '');
  const profiles = results.flatMap(r => r.profiles);
  if (profiles.length) out.push('## CPU profiles', '', ...profiles);
  return out.join('\n');
}

// ---- main ------------------------------------------------------------------------

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = parseArgs(argv);
  for (const f of [opts.serverJs, opts.cliJs])
    if (!fs.existsSync(f))
      throw new Error(`${f} is missing: run \`node bench/build.js\` (npm run bench does)`);
  if (opts.peer && !fs.existsSync(peerBin)) throw new Error(`${peerBin} is missing: npm install`);
  const startedAt = new Date();
  const stamp = startedAt.toISOString().slice(0, 19).replace(/:/g, '-');
  const resultsDir = path.join('bench', 'results');
  const profileDir = path.join(resultsDir, 'profiles', stamp);
  fs.mkdirSync(resultsDir, { recursive: true });
  log(`machine: ${machine()}`);
  const t0 = performance.now();
  const results: SizeResult[] = [];
  for (const size of opts.sizes) results.push(await benchSize(opts, size, profileDir));
  const hostile = opts.hostile
    ? await benchHostile({ runs: opts.runs, serverJs: opts.serverJs, verbose: opts.verbose }, live, log)
    : undefined;
  const md = report(opts, results, hostile, argv, startedAt, performance.now() - t0);
  const file = path.join(resultsDir, `${stamp}.md`);
  fs.writeFileSync(file, md + '\n');
  fs.writeFileSync(path.join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 1));
  process.stdout.write(md + '\n');
  log(`wrote ${file}`);
}

const cleanup = () => {
  for (const s of live) s.kill();
};
process.on('exit', cleanup);
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});
process.on('SIGTERM', () => {
  cleanup();
  process.exit(143);
});

main().catch(err => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  cleanup();
  process.exit(1);
});
