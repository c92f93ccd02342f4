/**
 * Scanning code and tests (format 1.1), measured (issue 16 point 6): a
 * generated repository of source files with `@implements` / `@verifies`
 * references and JUnit results (bench/traceRepo.ts) next to a generated spec
 * workspace, read with nothing of Specwright's cached (every run a new
 * process, or a new SpecService), through:
 *
 * - `specwright check` (wall time; and the same without `trace:`, so the
 *   difference is the scan and the join);
 * - the language server, from `initialize` until every file's diagnostics
 *   equal the expected set;
 * - SpecService in this process: the scan, and its listing and reading
 *   alone;
 * - an edit to one source file → its findings: in this process (read the
 *   file, `SpecService.applyTrace`, the diagnostics of every URI it returns)
 *   and through the server (the file written, `workspace/didChangeWatchedFiles`,
 *   until its diagnostics change), if the server routes such a change;
 * - likewise an edit to one results file (a passing case made to fail).
 *
 * Every time is taken only once the answer is exactly right (CLI: the JSON
 * report equals the expected multiset of file:line:code; server: every
 * file's diagnostics equal it). No test asserts these times: the targets are
 * checked here and shown in the report (docs/performance.md).
 *
 * Part of `npm run bench` (bench/run.ts, `--no-trace` to skip it); alone:
 * `node out/bench/trace.js [--runs 5]` (bench/trace.ts).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import { SpecService } from '../server/src/core/service';
import { TraceStore } from '../server/src/core/refs/traceStore';
import { scanTraceFiles } from '../server/src/core/refs/traceService';
import { parseConfig } from '../server/src/core/config';
import { NodeWorkspace } from '../server/src/node/nodeWorkspace';
import { runCli } from './cliRun';
import { diagKey, latency, message } from './common';
import { generateWorkspace, parseSize, type GeneratedWorkspace } from './generate';
import { startServer, stopServer } from './hostileInputs';
import type { LspSession, Published } from './lsp';
import type { Latency } from './results';
import { fmtMs, median } from './stats';
import { defaultTraceRepo, generateTraceRepo, type TraceRepo, type TraceRepoOptions } from './traceRepo';

/**
 * Scan and join of the whole repository, with nothing cached: what `trace:`
 * adds to a check, or to a server's load, of the spec workspace beside it.
 */
export const traceScanTargetMs = 1000;
/** An edit to one source file → findings updated, p95. */
export const traceEditTargetMs = 50;

export interface TraceBenchOptions {
  runs: number;
  /** Size of the spec workspace next to the repository (bench/generate.ts). */
  specSize: string;
  repo: Omit<TraceRepoOptions, 'seed'>;
  seed: number;
  editSamples: number;
  cliJs: string;
  serverJs: string;
  workdir: string;
  keep: boolean;
  verbose: boolean;
}

interface TraceRun {
  cliMs?: number;
  /** CPU time (user + system) of the process: less sensitive than wall time to a busy machine. */
  cliCpuMs?: number;
  cliExact?: boolean;
  cliProblems: string[];
  cliSpecOnlyMs?: number;
  cliSpecOnlyCpuMs?: number;
  serverMs?: number;
  serverCpuMs?: number;
  serverSpecOnlyMs?: number;
  serverFailure?: string;
  coreScanMs?: number;
  coreScanCpuMs?: number;
  coreListMs?: number;
  coreReadMs?: number;
  coreRss?: number;
  editCore?: Latency;
  editResultsCore?: Latency;
  editServer?: Latency;
  editServerNote?: string;
}

export interface TraceBenchResult {
  markdown: string;
  runs: TraceRun[];
}

type Log = (line: string) => void;

export async function benchTrace(
  opts: TraceBenchOptions,
  live: Set<LspSession>,
  log: Log,
): Promise<TraceBenchResult> {
  const root = path.join(opts.workdir, `trace-${opts.specSize}-seed${opts.seed}`);
  fs.rmSync(root, { recursive: true, force: true });
  const g0 = performance.now();
  const ws = generateWorkspace(root, parseSize(opts.specSize), opts.seed);
  const repo = generateTraceRepo(ws, { ...opts.repo, seed: opts.seed });
  log(
    `trace: generated ${repo.sources.length} source files (${(repo.sourceBytes / 1e6).toFixed(1)} MB, ${repo.references} references), ` +
      `${repo.testCases} test cases in ${repo.results.length} results files, next to ${ws.files.length} spec files, in ${fmtMs(performance.now() - g0)} (${root})`,
  );
  const noTrace = path.join(opts.workdir, `trace-${opts.specSize}-no-trace.yaml`);
  fs.writeFileSync(noTrace, '# the same workspace without trace:\n');
  const rootUri = pathToFileURL(root).href;
  const expectedByUri = expectedPerUri(root, ws.files, repo.expected);

  const runs: TraceRun[] = [];
  const load = [os.loadavg()[0], 0];
  for (let r = 0; r < opts.runs; r++) {
    const run: TraceRun = { cliProblems: [] };
    const cli = await runCli(opts, { ...ws, expected: repo.expected });
    run.cliMs = cli.wallMs;
    run.cliCpuMs = cli.cpuMs;
    run.cliExact = cli.exact;
    run.cliProblems = cli.problems.slice(0, 5);
    const specOnly = await runCli(opts, ws, [], ['--config', noTrace]);
    run.cliSpecOnlyMs = specOnly.wallMs;
    run.cliSpecOnlyCpuMs = specOnly.cpuMs;
    try {
      run.serverSpecOnlyMs = await serverSpecOnly(opts, root, rootUri, ws, live);
      await serverSession(opts, root, rootUri, repo, expectedByUri, live, run);
    } catch (err) {
      run.serverFailure = message(err);
    }
    await coreSession(opts, root, rootUri, repo, run);
    log(
      `trace run ${r + 1}/${opts.runs}: check ${fmtMs(run.cliMs)} (${run.cliExact ? 'exact' : `NOT EXACT: ${run.cliProblems.join('; ')}`}; without trace: ${fmtMs(run.cliSpecOnlyMs)}), ` +
        `server ${run.serverFailure ? `failed: ${run.serverFailure}` : `${fmtMs(run.serverMs)} (without trace: ${fmtMs(run.serverSpecOnlyMs)})`}, core scan ${fmtMs(run.coreScanMs)} (list ${fmtMs(run.coreListMs)}, read ${fmtMs(run.coreReadMs)}); ` +
        `edit p95: core ${fmtMs(run.editCore?.p95)}, results file ${fmtMs(run.editResultsCore?.p95)}, server ${run.editServer ? fmtMs(run.editServer.p95) : (run.editServerNote ?? '—')}`,
    );
    runs.push(run);
  }
  load[1] = os.loadavg()[0];
  if (!opts.keep) fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(noTrace, { force: true });
  return { markdown: traceMarkdown(opts, ws, repo, runs, load), runs };
}

// ---- the server ----------------------------------------------------------------------

/** Each spec file's expected findings as `line:code|…` ('' for none), and those of the other files that have some, by URI. */
function expectedPerUri(
  root: string,
  specFiles: readonly string[],
  expected: readonly { file: string; line: number; code: string }[],
): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of specFiles) out.set(pathToFileURL(path.join(root, f)).href, '');
  const grouped = new Map<string, string[]>();
  for (const e of expected) {
    const uri = pathToFileURL(path.join(root, e.file)).href;
    grouped.set(uri, [...(grouped.get(uri) ?? []), `${e.line}:${e.code}`]);
  }
  for (const [uri, keys] of grouped) out.set(uri, keys.sort().join('|'));
  return out;
}

/** From `initialize` until every file of `expectedByUri` is published with exactly its findings (ms). */
async function loadUntilExact(
  s: LspSession,
  rootUri: string,
  expectedByUri: Map<string, string>,
): Promise<number> {
  const exact = new Set<string>();
  s.onPublish((uri, p) => {
    const want = expectedByUri.get(uri);
    if (want === undefined) return;
    if (diagKey(p.diagnostics) === want) exact.add(uri);
    else exact.delete(uri);
  });
  const t0 = performance.now();
  await s.initialize(rootUri);
  const t1 = await s
    .waitFor(
      () => exact.size === expectedByUri.size,
      120_000,
      'every file published with exactly the expected findings',
    )
    .catch((err: unknown) => {
      const wrong = [...expectedByUri].filter(([u]) => !exact.has(u)).slice(0, 3);
      const got = wrong.map(
        ([u, want]) =>
          `${u.slice(rootUri.length + 1)}: got [${diagKey(s.diagnostics.get(u)?.diagnostics ?? [])}] want [${want}]`,
      );
      throw new Error(`${message(err)}; ${exact.size}/${expectedByUri.size} exact; ${got.join('; ')}`);
    });
  return t1 - t0;
}

/**
 * The same server load with `trace:` taken out of `.specwright.yaml` (put
 * back after): the spec files only, over the same tree, so that the
 * difference is what the repository's scan and join cost.
 */
async function serverSpecOnly(
  opts: TraceBenchOptions,
  root: string,
  rootUri: string,
  ws: GeneratedWorkspace,
  live: Set<LspSession>,
): Promise<number> {
  const configFile = path.join(root, '.specwright.yaml');
  const config = fs.readFileSync(configFile, 'utf8');
  const expectedByUri = expectedPerUri(root, ws.files, ws.expected);
  fs.writeFileSync(configFile, '# the same workspace without trace:\n');
  const s = startServer(opts, live);
  try {
    return await loadUntilExact(s, rootUri, expectedByUri);
  } finally {
    await stopServer(s, live);
    fs.writeFileSync(configFile, config);
  }
}

async function serverSession(
  opts: TraceBenchOptions,
  root: string,
  rootUri: string,
  repo: TraceRepo,
  expectedByUri: Map<string, string>,
  live: Set<LspSession>,
  run: TraceRun,
): Promise<void> {
  const s = startServer(opts, live);
  try {
    run.serverMs = await loadUntilExact(s, rootUri, expectedByUri);
    run.serverCpuMs = s.cpuMs();
    await s.waitIdle(60_000);

    // An edit on disk, announced as a watched-file change. The server may not route
    // changes of code files (only of spec files): then the first sample times out.
    const samples: number[] = [];
    for (let i = 0; i < opts.editSamples; i++) {
      const { file, full, uri, text, line } = editAt(root, repo, i);
      const has = (p: Published | undefined): boolean =>
        !!p?.diagnostics.some(d => d.code === 'unresolved-link' && d.range.start.line === line);
      const before = s.diagnostics.get(uri)?.count ?? 0;
      fs.writeFileSync(full, text);
      const t = performance.now();
      await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 2 }] });
      try {
        const done = await s.waitFor(
          () => {
            const p = s.diagnostics.get(uri);
            return (p?.count ?? 0) > before && has(p) === (i % 2 === 0);
          },
          i === 0 ? 5_000 : 60_000,
          `the diagnostics of ${file} after a watched-file change`,
        );
        samples.push(done - t);
      } catch (err) {
        if (i > 0) throw err;
        run.editServerNote =
          'not routed: the server did not update the findings of a changed code file within 5 s';
        fs.writeFileSync(full, toggleUnknown(text, false).text);
        break;
      }
    }
    if (samples.length) run.editServer = latency(samples);
  } finally {
    await stopServer(s, live);
  }
}

// ---- in this process -----------------------------------------------------------------

async function coreSession(
  opts: TraceBenchOptions,
  root: string,
  rootUri: string,
  repo: TraceRepo,
  run: TraceRun,
): Promise<void> {
  // Listing and reading alone (what scanTraceFiles does), then the whole scan as the CLI does it.
  const globs = parseConfig(fs.readFileSync(path.join(root, '.specwright.yaml'), 'utf8')).config.trace!;
  const lister = new NodeWorkspace();
  await lister.listSpecFiles(rootUri);
  const l0 = performance.now();
  await lister.listTraceFiles(rootUri, globs);
  run.coreListMs = performance.now() - l0;
  const r0 = performance.now();
  await scanTraceFiles(lister, rootUri, globs, new TraceStore(), () => true);
  run.coreReadMs = performance.now() - r0 - run.coreListMs;

  const workspace = new NodeWorkspace();
  const service = new SpecService(workspace);
  const s0 = performance.now();
  const c0 = process.cpuUsage();
  await service.scan([rootUri]);
  for (const uri of service.uris()) service.diagnostics(uri);
  run.coreScanMs = performance.now() - s0;
  const cpu = process.cpuUsage(c0);
  run.coreScanCpuMs = (cpu.user + cpu.system) / 1000;
  run.coreRss = process.memoryUsage().rss;

  const edit = async (uri: string, role: 'code' | 'results'): Promise<number> => {
    const t = performance.now();
    const bytes = await workspace.readTraceFile(uri);
    if (!(bytes instanceof Uint8Array)) throw new Error(`cannot read ${uri}: ${bytes.error}`);
    const affected =
      role === 'results'
        ? service.applyTrace([{ uri, role, bytes, mtime: Date.now() }])
        : service.applyTrace([{ uri, role, bytes }]);
    for (const u of affected) service.diagnostics(u);
    return performance.now() - t;
  };
  const samples: number[] = [];
  for (let i = 0; i < opts.editSamples; i++) {
    const { file, full, uri, text, line } = editAt(root, repo, i);
    fs.writeFileSync(full, text);
    samples.push(await edit(uri, 'code'));
    const found = service
      .diagnostics(uri)
      .some(d => d.code === 'unresolved-link' && d.range.start.line === line);
    if (found !== (i % 2 === 0)) throw new Error(`in-process edit of ${file}: the finding did not follow`);
  }
  run.editCore = latency(samples);

  const e = repo.resultsEdit;
  const resultsFull = path.join(root, e.file);
  const resultsUri = pathToFileURL(resultsFull).href;
  const specUri = pathToFileURL(path.join(root, e.idFile)).href;
  const resultsSamples: number[] = [];
  const original = fs.readFileSync(resultsFull, 'utf8');
  for (let i = 0; i < Math.max(2, Math.round(opts.editSamples / 2)); i++) {
    const failing = i % 2 === 0;
    fs.writeFileSync(resultsFull, failing ? original.replace(e.passing, e.failing) : original);
    resultsSamples.push(await edit(resultsUri, 'results'));
    const found = service
      .diagnostics(specUri)
      .some(d => d.code === 'failing-test' && d.range.start.line === e.idLine);
    if (found !== failing)
      throw new Error(`in-process edit of ${e.file}: failing-test on ${e.id} did not follow`);
  }
  fs.writeFileSync(resultsFull, original);
  run.editResultsCore = latency(resultsSamples);
}

/** The i-th edit sample: even ones add a reference to an unknown ID to a code file, odd ones take it out again. */
function editAt(
  root: string,
  repo: TraceRepo,
  i: number,
): { file: string; full: string; uri: string; text: string; line: number } {
  const file = repo.editFiles[Math.floor(i / 2) % repo.editFiles.length];
  const full = path.join(root, file);
  return {
    file,
    full,
    uri: pathToFileURL(full).href,
    ...toggleUnknown(fs.readFileSync(full, 'utf8'), i % 2 === 0),
  };
}

/** Add (or take out) a last line with a reference to an ID no item has; the 0-based line it is on. */
function toggleUnknown(text: string, add: boolean): { text: string; line: number } {
  const marker = '// @implements GONE-EDITED\n';
  const base = text.endsWith(marker) ? text.slice(0, -marker.length) : text;
  const line = base.split('\n').length - 1;
  return { text: add ? base + marker : base, line };
}

// ---- report -----------------------------------------------------------------------------

function traceMarkdown(
  opts: TraceBenchOptions,
  ws: GeneratedWorkspace,
  repo: TraceRepo,
  runs: TraceRun[],
  load: number[],
): string {
  const med = (pick: (r: TraceRun) => number | undefined) => median(runs.map(pick));
  const verdict = (ms: number | undefined, target: number) =>
    ms === undefined ? '—' : ms <= target ? 'met' : 'missed';
  const diff = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? undefined : a - b;
  const cli = med(r => r.cliMs);
  const server = med(r => r.serverMs);
  // Per run, then the median: each run's two checks (or loads) ran back to back on the same machine state.
  const cliJoin = med(r => diff(r.cliMs, r.cliSpecOnlyMs));
  const serverJoin = med(r => diff(r.serverMs, r.serverSpecOnlyMs));
  const editCore = med(r => r.editCore?.p95);
  const editServer = med(r => r.editServer?.p95);
  const notes = [...new Set(runs.map(r => r.editServerNote).filter(Boolean))];
  const failures = runs.map(r => r.serverFailure).filter(Boolean);
  const out: string[] = [];
  out.push(
    `A generated repository of ${repo.sources.length.toLocaleString('en')} source files ` +
      `(${(repo.sourceBytes / 1e6).toFixed(1)} MB: ${repo.sources.filter(f => f.startsWith('src/')).length.toLocaleString('en')} under src/, ` +
      `${repo.sources.filter(f => f.startsWith('test/')).length.toLocaleString('en')} under test/; ${repo.references.toLocaleString('en')} references, ` +
      `${opts.repo.unknown} to unknown IDs) and ${repo.testCases.toLocaleString('en')} JUnit test cases in ${repo.results.length} files ` +
      `(${(repo.resultBytes / 1e6).toFixed(1)} MB; ${opts.repo.failing} failing, ${opts.repo.errors} in error, ${opts.repo.skipped} skipped), ` +
      `next to the ${opts.specSize} spec workspace (${ws.files.length} files). Medians of ${runs.length} run${runs.length > 1 ? 's' : ''}; ` +
      `each a new process (or a new SpecService) with nothing of Specwright's cached; the OS page cache is warm; ` +
      `1-minute load average ${load.map(l => l.toFixed(1)).join(' → ')} on ${os.cpus().length} CPUs. ` +
      `Expected findings: ${repo.expected.length} (${repo.exact ? 'exact' : 'not exact: fewer test cases than requirements, so unverified is not predicted'}).`,
    '',
    '| measure | median | CPU | target | |',
    '|---|---:|---:|---:|---|',
    `| the repository's scan and join, \`specwright check\`: the check below minus the same check without \`trace:\` | ${fmtMs(cliJoin)} | ${fmtMs(med(r => diff(r.cliCpuMs, r.cliSpecOnlyCpuMs)))} | ${fmtMs(traceScanTargetMs)} | ${verdict(cliJoin, traceScanTargetMs)} |`,
    `| the repository's scan and join, server: the load below minus the same load without \`trace:\` | ${fmtMs(serverJoin)} | | ${fmtMs(traceScanTargetMs)} | ${verdict(serverJoin, traceScanTargetMs)} |`,
    `| \`specwright check\` of the spec workspace and the repository, all findings | ${fmtMs(cli)} | ${fmtMs(med(r => r.cliCpuMs))} | | ${runs.every(r => r.cliExact) ? 'exact' : 'NOT EXACT'} |`,
    `| the same check without \`trace:\` | ${fmtMs(med(r => r.cliSpecOnlyMs))} | ${fmtMs(med(r => r.cliSpecOnlyCpuMs))} | | |`,
    `| server: initialize → every file's findings exact | ${fmtMs(server)} | ${fmtMs(med(r => r.serverCpuMs))} | | ${failures.length ? `${failures.length} failed: ${failures[0]}` : ''} |`,
    `| the same load without \`trace:\` | ${fmtMs(med(r => r.serverSpecOnlyMs))} | | | |`,
    `| SpecService.scan + all diagnostics, in process | ${fmtMs(med(r => r.coreScanMs))} | ${fmtMs(med(r => r.coreScanCpuMs))} | | |`,
    `| of which: listing the trace files (walk, globs, lstat) | ${fmtMs(med(r => r.coreListMs))} | | | |`,
    `| of which: reading and scanning them | ${fmtMs(med(r => r.coreReadMs))} | | | |`,
    `| edit one source file → findings, in process (p50 / p95) | ${fmtMs(med(r => r.editCore?.p50))} / ${fmtMs(editCore)} | | p95 ${fmtMs(traceEditTargetMs)} | ${verdict(editCore, traceEditTargetMs)} |`,
    `| edit one results file → findings, in process (p50 / p95) | ${fmtMs(med(r => r.editResultsCore?.p50))} / ${fmtMs(med(r => r.editResultsCore?.p95))} | | | |`,
    `| edit one source file → findings, server (p50 / p95) | ${editServer === undefined ? (notes[0] ?? '—') : `${fmtMs(med(r => r.editServer?.p50))} / ${fmtMs(editServer)}`} | | p95 ${fmtMs(traceEditTargetMs)} | ${editServer === undefined ? '' : verdict(editServer, traceEditTargetMs)} |`,
    '',
    `CPU is the process's user + system time (for the server: at the moment every finding was exact). ` +
      `Edits: ${opts.editSamples} samples per run, alternately adding and removing a reference to an unknown ID in one of ${repo.editFiles.length} code files ` +
      `(timed from the file on disk: read, \`SpecService.applyTrace\`, the diagnostics of every URI it returns; through the server from \`workspace/didChangeWatchedFiles\` to the file's new diagnostics); ` +
      `the results edit makes one passing case fail and back (its requirement's \`failing-test\` appears and goes). RSS of the bench process after the in-process scan: ${fmtMb(med(r => r.coreRss))}.`,
  );
  return out.join('\n');
}

function fmtMb(bytes: number | undefined): string {
  return bytes === undefined ? '—' : `${Math.round(bytes / (1024 * 1024))} MB`;
}

export { defaultTraceRepo };
