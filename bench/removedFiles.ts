/**
 * `node out/bench/removedFiles.js [--sizes 1k,10k] [--runs 5] [--seed 1] [--dist] [--verbose] [--profile DIR]`
 *
 * Issue 14: "deleting, renaming or moving a closed spec file outside the
 * editor removes it from every view, count and finding within a second",
 * measured against the real server over stdio on a generated workspace. For
 * each run a different PRD (closed: no file is open) is deleted, renamed in
 * its folder and moved to another folder on disk; the server is then told as
 * VS Code's language client tells it: one workspace/didChangeWatchedFiles
 * notification with the events of the operation (a rename is a delete and a
 * create). Timed from that notification to
 *
 * - `cleared`: the file's diagnostics published as [] (it left Problems);
 * - `views`: the first `specwright/workspaceChanged` (the notification the
 *   Roadmap, Trace and status bar refresh on) whose file count is the new one.
 *
 * VS Code adds its own file watcher and the language client's 250 ms
 * batching of file events before the notification; the code-server suite
 * (test/e2e, step h) logs that whole way from `rm` to Problems. Each
 * operation is undone (and awaited) before the next, and the server is idle
 * when the clock starts. Medians and p95 over the runs; see
 * docs/performance.md.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseArgs } from 'node:util';
import { performance } from 'perf_hooks';
import { WorkspaceChangedNotification, type WorkspaceStatus } from '../server/src/protocol';
import { numberOption } from './args';
import { live, loadTimeoutMs, log, uriOf } from './common';
import { generateWorkspace, parseSize, type GeneratedWorkspace } from './generate';
import { LspSession } from './lsp';
import { fmtMs, median, percentile } from './stats';

/** LSP FileChangeType. */
const created = 1;
const deleted = 3;

type Operation = 'delete' | 'rename' | 'move';
const operations: readonly Operation[] = ['delete', 'rename', 'move'];

interface Sample {
  /** ms from the notification to the file's diagnostics published as []. */
  cleared: number;
  /** ms from the notification to the views' refresh notification with the new file count. */
  views: number;
}

/** A file moved on disk (`to` undefined: deleted) and the events VS Code's client would send for it. */
interface Change {
  from: string;
  to?: string;
}

/** The server on one generated workspace, with every view refresh it sent. */
class Server {
  readonly statuses: { at: number; status: WorkspaceStatus }[] = [];
  private constructor(
    readonly s: LspSession,
    readonly ws: GeneratedWorkspace,
  ) {
    s.onNotification(WorkspaceChangedNotification.method, (status: WorkspaceStatus) => {
      this.statuses.push({ at: performance.now(), status });
    });
  }

  static async start(ws: GeneratedWorkspace, opts: RunOptions): Promise<Server> {
    const profile = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`] : [];
    const s = LspSession.start({
      name: 'specwright',
      command: process.execPath,
      args: [...profile, opts.serverJs, '--stdio'],
      cwd: process.cwd(),
      verbose: opts.verbose,
      configuration: section => (section === 'specwright' ? { rules: {}, exclude: [] } : null),
    });
    live.add(s);
    const server = new Server(s, ws);
    await s.initialize(uriOf(ws.root, ''));
    const timeout = loadTimeoutMs(ws.files.length);
    await s.waitFor(
      () => ws.files.every(f => s.diagnostics.has(uriOf(ws.root, f))) && server.files() === ws.files.length,
      timeout,
      'every file published and counted',
    );
    await s.waitIdle(timeout);
    return server;
  }

  /** The file count of the latest view refresh (-1 before the first). */
  files(): number {
    return this.statuses[this.statuses.length - 1]?.status.files ?? -1;
  }

  /** Apply `change` on disk, notify the server, and time both signals (`files`: the count once applied). */
  async apply(change: Change, files: number): Promise<Sample> {
    const { s, ws } = this;
    const fromUri = uriOf(ws.root, change.from);
    const toUri = change.to !== undefined ? uriOf(ws.root, change.to) : undefined;
    if (change.to === undefined) fs.rmSync(path.join(ws.root, change.from));
    else fs.renameSync(path.join(ws.root, change.from), path.join(ws.root, change.to));
    const before = s.diagnostics.get(fromUri)?.count ?? 0;
    const toBefore = toUri ? (s.diagnostics.get(toUri)?.count ?? 0) : 0;
    const t0 = performance.now();
    const changes = [{ uri: fromUri, type: deleted }, ...(toUri ? [{ uri: toUri, type: created }] : [])];
    await s.notify('workspace/didChangeWatchedFiles', { changes });
    const what = `${change.from}${change.to ? ` → ${change.to}` : ' deleted'}`;
    const clearedAt = s.waitFor(
      () => {
        const p = s.diagnostics.get(fromUri);
        return !!p && p.count > before && p.diagnostics.length === 0;
      },
      60_000,
      `diagnostics of ${change.from} cleared (${what})`,
    );
    const refreshed = () => this.statuses.find(x => x.at >= t0 && x.status.files === files);
    const viewsAt = s
      .waitFor(() => refreshed() !== undefined, 60_000, `views refreshed with ${files} files (${what})`)
      .then(() => refreshed()!.at);
    // The new file is read and published too (not timed: it is not the ghost).
    const readAt = toUri
      ? s.waitFor(() => (s.diagnostics.get(toUri)?.count ?? 0) > toBefore, 60_000, `${change.to} read`)
      : Promise.resolve(0);
    const [cleared, views] = await Promise.all([clearedAt, viewsAt, readAt]);
    await s.waitIdle(60_000, 300);
    return { cleared: cleared - t0, views: views - t0 };
  }

  /** Put a deleted file back (created on disk) and wait until the server counts it again. */
  async restore(file: string, text: string, files: number): Promise<void> {
    const { s, ws } = this;
    const uri = uriOf(ws.root, file);
    const before = s.diagnostics.get(uri)?.count ?? 0;
    fs.writeFileSync(path.join(ws.root, file), text);
    const t0 = performance.now();
    await s.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: created }] });
    await s.waitFor(
      () =>
        (s.diagnostics.get(uri)?.count ?? 0) > before &&
        this.statuses.some(x => x.at >= t0 && x.status.files === files),
      60_000,
      `${file} restored`,
    );
    await s.waitIdle(60_000, 300);
  }
}

/** The change one operation makes to `file` (`folder`: another folder of the workspace, for a move). */
function changeOf(op: Operation, file: string, folder: string): Change {
  const base = path.posix.basename(file);
  if (op === 'delete') return { from: file };
  if (op === 'rename')
    return { from: file, to: path.posix.join(path.posix.dirname(file), `renamed-${base}`) };
  return { from: file, to: path.posix.join(folder, `moved-${base}`) };
}

interface RunOptions {
  runs: number;
  seed: number;
  serverJs: string;
  verbose: boolean;
  /** Write the server's CPU profile here (node --cpu-prof). */
  profileDir?: string;
}

async function benchSize(size: string, opts: RunOptions): Promise<Map<Operation, Sample[]>> {
  const { runs, seed } = opts;
  const root = path.join(os.tmpdir(), 'specwright-bench-removed', `${size}-seed${seed}`);
  fs.rmSync(root, { recursive: true, force: true });
  const ws = generateWorkspace(root, parseSize(size), seed);
  const prds = ws.files.filter(f => f.endsWith('.prd.yaml'));
  log(`${size}: ${ws.files.length} files, ${ws.items} items; ${prds.length} PRDs`);
  const out = new Map<Operation, Sample[]>(operations.map(op => [op, []]));
  const server = await Server.start(ws, opts);
  try {
    const total = ws.files.length;
    for (let r = 0; r < runs; r++) {
      // A different PRD each run, spread over the workspace, moved to a different folder each run.
      const file = prds[Math.floor((r * prds.length) / runs)];
      const folders = [...new Set(ws.files.map(f => path.posix.dirname(f)))].filter(
        d => d !== path.posix.dirname(file),
      );
      const folder = folders[Math.floor((r * folders.length) / runs)];
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const op of operations) {
        const change = changeOf(op, file, folder);
        const sample = await server.apply(change, op === 'delete' ? total - 1 : total);
        out.get(op)!.push(sample);
        log(
          `${size} run ${r + 1}/${runs} ${op} ${file}: cleared ${fmtMs(sample.cleared)}, views ${fmtMs(sample.views)}`,
        );
        if (change.to === undefined) await server.restore(file, text, total);
        else await server.apply({ from: change.to, to: change.from }, total);
      }
    }
  } finally {
    await server.s.stop();
    live.delete(server.s);
    fs.rmSync(root, { recursive: true, force: true });
  }
  return out;
}

function table(results: Map<string, Map<Operation, Sample[]>>): string {
  const cell = (xs: number[]) => `${fmtMs(median(xs))} / ${fmtMs(percentile(xs, 95))}`;
  const lines = [
    '| size | operation | diagnostics cleared (median / p95) | views refreshed (median / p95) | slower of the two (median / p95) | runs |',
    '|---|---|---|---|---|---|',
  ];
  for (const [size, byOp] of results)
    for (const [op, samples] of byOp)
      lines.push(
        `| ${size} | ${op} | ${cell(samples.map(x => x.cleared))} | ${cell(samples.map(x => x.views))} | ${cell(samples.map(x => Math.max(x.cleared, x.views)))} | ${samples.length} |`,
      );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1k,10k' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      dist: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node out/bench/removedFiles.js [--sizes 1k,10k] [--runs 5] [--seed 1] [--dist] [--verbose] [--profile DIR]\n',
    );
    return;
  }
  const runs = numberOption(values.runs, 'runs', 5);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs takes a whole number from 1 (got ${runs})`);
  const seed = numberOption(values.seed, 'seed', 1);
  const sizes = values.sizes
    .split(',')
    .map(s => s.trim())
    .filter(Boolean);
  for (const s of sizes) parseSize(s);
  const serverJs = values.dist ? 'dist/server.js' : 'out/bench/dist/server.js';
  if (!fs.existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`node bench/build.js\``);
  const results = new Map<string, Map<Operation, Sample[]>>();
  const opts: RunOptions = {
    runs,
    seed,
    serverJs,
    verbose: values.verbose,
    profileDir: values.profile !== undefined ? path.resolve(values.profile) : undefined,
  };
  for (const size of sizes) results.set(size, await benchSize(size, opts));
  process.stdout.write(
    `Spec file deleted / renamed / moved on disk → didChangeWatchedFiles → (${os.cpus().length} CPUs, Node ${process.version})\n\n${table(results)}\n`,
  );
}

const kill = () => {
  for (const s of live) s.kill();
};
process.on('exit', kill);

main().catch(err => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  kill();
  process.exit(1);
});
