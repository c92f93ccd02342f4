import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { chartCaption, chartSvg } from './chart';
import { generateWorkspace, parseSize, type GeneratedWorkspace } from './generate';
import { profileMarkdown, summarizeProfile } from './profile';
import { benchHostile } from './hostileInputs';
import { benchTrace, defaultTraceRepo } from './traceBench';
import { fmtBytes, fmtMs } from './stats';
import { runCli } from './cliRun';
import { live, log, message, uriOf } from './common';
import { type Options, readOptions } from './options';
import { peerBin, peerSession } from './peerRun';
import { machine, report } from './report';
import type { FeatureResult, PeerRun, SizeResult, SpecwrightRun } from './results';
import {
  type Windows,
  specwrightClosedSession,
  specwrightOpenSession,
  specwrightWarmSession,
} from './specwrightRun';

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
// ---- results -----------------------------------------------------------------
// ---- helpers -----------------------------------------------------------------
// ---- the CLI -----------------------------------------------------------------
// ---- Specwright ---------------------------------------------------------------
// ---- the peer: yaml-language-server -------------------------------------------
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
    cliCached: [],
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

    // Warm start: a first run fills a fresh cache, the second is measured (docs/performance.md, "Warm start").
    const cacheDir = path.join(opts.workdir, `cache-${size}`);
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await runCli(opts, ws, [], [`--cache=${cacheDir}`]);
    const cached = await runCli(opts, ws, [], [`--cache=${cacheDir}`]);
    result.cliCached.push(cached);
    log(
      `${size} run ${r + 1}/${opts.runs}: check --cache (warm) ${fmtMs(cached.wallMs)}, ${fmtBytes(cached.rss)}, ${cached.exact ? 'exactly the injected findings' : `NOT EXACT: ${cached.problems.slice(0, 5).join('; ')}`}`,
    );

    const sw: SpecwrightRun = { features: {}, featuresAllOpen: {}, failures: [] };
    await guarded(sw.failures, 'no file open', () => specwrightClosedSession(opts, ws, expectedByUri, sw));
    await guarded(sw.failures, 'warm start', async () => {
      const storage = path.join(opts.workdir, `storage-${size}`);
      fs.rmSync(storage, { recursive: true, force: true });
      await specwrightWarmSession(opts, ws, expectedByUri, storage);
      const warm = await specwrightWarmSession(opts, ws, expectedByUri, storage);
      sw.warmAllMs = warm.allMs;
      sw.warmCpuMs = warm.cpuMs;
      sw.warmRss = warm.rss;
      sw.warmCacheLine = warm.cacheLine;
      log(
        `${size} run ${r + 1}: specwright, warm start (cache filled by a first session), no file open: all diagnostics ${fmtMs(warm.allMs)}, RSS ${fmtBytes(warm.rss)}; ${warm.cacheLine}`,
      );
    });
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

  // Warm: the cache filled by a first run, the second profiled (the whole run is the load).
  log('profiling specwright check --cache and the server, warm');
  const cacheDir = path.join(opts.workdir, `cache-profile-${path.basename(ws.root)}`);
  const storage = path.join(opts.workdir, `storage-profile-${path.basename(ws.root)}`);
  for (const d of [cacheDir, storage]) fs.rmSync(d, { recursive: true, force: true });
  const warmCli = path.join(dir, 'cli-warm');
  fs.mkdirSync(warmCli, { recursive: true });
  await runCli(opts, ws, [], [`--cache=${cacheDir}`]);
  await runCli(opts, ws, ['--cpu-prof', `--cpu-prof-dir=${warmCli}`], [`--cache=${cacheDir}`]);
  const warmServer = path.join(dir, 'server-warm');
  fs.mkdirSync(warmServer, { recursive: true });
  const warmFailures: string[] = [];
  await guarded(warmFailures, 'warm start', async () => {
    await specwrightWarmSession(opts, ws, expectedByUri, storage);
    await specwrightWarmSession(opts, ws, expectedByUri, storage, warmServer);
  });
  for (const f of warmFailures) log(`  profile run failure: ${f}`);
  await new Promise(r => setTimeout(r, 500));
  for (const [d, title] of [
    [warmCli, '`specwright check --cache`, warm'],
    [warmServer, 'server: initialize → all diagnostics, warm start, no file open'],
  ] as const) {
    const file = newest(d);
    if (file) out.push(profileMarkdown(summarizeProfile(file), `${title} (${ws.requirements} requirements)`));
  }

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
// ---- main ------------------------------------------------------------------------

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opts = readOptions(argv);
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
  const trace = opts.trace
    ? await benchTrace(
        {
          runs: opts.runs,
          specSize: '1k',
          repo: defaultTraceRepo,
          seed: opts.seed,
          editSamples: 40,
          cliJs: opts.cliJs,
          serverJs: opts.serverJs,
          workdir: opts.workdir,
          keep: opts.keep,
          verbose: opts.verbose,
        },
        live,
        log,
      )
    : undefined;
  const md = report(opts, results, hostile, trace?.markdown, argv, startedAt, performance.now() - t0);
  const file = path.join(resultsDir, `${stamp}.md`);
  fs.writeFileSync(file, md + '\n');
  fs.writeFileSync(path.join(resultsDir, `${stamp}.json`), JSON.stringify(results, null, 1));
  if (trace)
    fs.writeFileSync(path.join(resultsDir, `${stamp}.trace.json`), JSON.stringify(trace.runs, null, 1));
  fs.writeFileSync(path.join(resultsDir, `${stamp}.svg`), chartSvg(results, chartCaption(stamp, results)));
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
