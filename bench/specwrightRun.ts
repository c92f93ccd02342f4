import * as fs from 'fs';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import type { GeneratedWorkspace, Spot } from './generate';
import { LspSession, type Published } from './lsp';
import { diagKey, latency, live, loadTimeoutMs, message, nowUs, uriOf, withTimeout } from './common';
import type { Options } from './options';
import {
  type FeatureName,
  type FeatureResult,
  type SpecwrightRun,
  featureNames,
  providerOf,
} from './results';

/** The Specwright language server over stdio: loading a workspace closed and with every file open, edits, and feature latencies. */

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
export async function localEditLatencies(
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

/**
 * One hover in each of `n` files on a key and in `n` other files on an ID,
 * in files no feature request or edit has touched: the first request there
 * pays for what a file builds on first use (its syntax tree, for a key).
 */
async function firstHovers(
  s: LspSession,
  ws: GeneratedWorkspace,
  n: number,
): Promise<{ keys: number[]; ids: number[] }> {
  const touched = new Set([
    ...featureFiles(ws),
    ...ws.localEdits.map(e => e.file),
    ...ws.crossEdits.flatMap(e => [e.prdFile, e.storyFile]),
  ]);
  const firstIn = (spots: Spot[], skip: Set<string>): Spot[] => {
    const byFile = new Map<string, Spot>();
    for (const x of spots)
      if (!touched.has(x.file) && !skip.has(x.file) && !byFile.has(x.file)) byFile.set(x.file, x);
    const all = [...byFile.values()];
    const step = Math.max(1, all.length / n);
    return Array.from({ length: Math.min(n, all.length) }, (_, i) => all[Math.floor(i * step)]);
  };
  const time = async (spots: Spot[]): Promise<number[]> => {
    const out: number[] = [];
    for (const spot of spots) {
      const t0 = performance.now();
      const result = await withTimeout(
        s.request('textDocument/hover', featureParams('hover', spot, ws.root)),
        30_000,
        'hover request',
      );
      out.push(performance.now() - t0);
      if (isEmpty(result)) throw new Error(`no hover at ${spot.file}:${spot.line + 1}:${spot.character + 1}`);
    }
    return out;
  };
  const keySpots = firstIn(ws.keys, new Set());
  const keys = await time(keySpots);
  const ids = await time(firstIn(ws.links, new Set(keySpots.map(x => x.file))));
  return { keys, ids };
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

export async function measureFeatures(
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

export interface Windows {
  [name: string]: { start: number; end: number };
}

export async function specwrightClosedSession(
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

/**
 * Warm start: a session with a storage folder (`initializationOptions.storagePath`,
 * as VS Code passes its workspace storage) loads the workspace with no file
 * open and stops once idle (the cache is written after the scan). Run twice
 * on the same folder: the first fills the cache, the second is measured.
 */
export async function specwrightWarmSession(
  opts: Options,
  ws: GeneratedWorkspace,
  expectedByUri: Map<string, string>,
  storagePath: string,
  profileDir?: string,
): Promise<{ allMs: number; cpuMs?: number; rss?: number; cacheLine?: string }> {
  const s = startSpecwright(opts, profileDir);
  const rootUri = pathToFileURL(ws.root).href;
  try {
    const tracker = trackExact(s, expectedByUri, () => true);
    const t0 = performance.now();
    await s.initialize(rootUri, { storagePath });
    let t1: number;
    try {
      t1 = await s.waitFor(
        () => tracker.done(),
        loadTimeoutMs(ws.files.length),
        'diagnostics for every file (warm start)',
      );
    } catch (err) {
      throw new Error(`${message(err)}; ${describeMismatch(s, tracker, expectedByUri)}`, { cause: err });
    }
    const cpuMs = s.cpuMs();
    const rss = s.peakRss();
    const cacheLine = await s
      .waitFor(
        () => s.logs.some(l => / files from the cache/.test(l)),
        loadTimeoutMs(ws.files.length),
        'the cache line',
      )
      .then(() => s.logs.filter(l => / files from the cache|cache: nothing changed/.test(l)).join('; '));
    return { allMs: t1 - t0, cpuMs, rss, cacheLine };
  } finally {
    await s.stop();
    live.delete(s);
  }
}

export async function specwrightOpenSession(
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
    try {
      const first = await firstHovers(s, ws, 50);
      run.firstHoverKeys = latency(first.keys);
      run.firstHoverIds = latency(first.ids);
    } catch (err) {
      run.failures.push(`first hovers (all open): ${message(err)}`);
    }
    run.openRss = s.peakRss();
  } finally {
    if (abandoned) s.kill();
    else await s.stop();
    live.delete(s);
  }
}
