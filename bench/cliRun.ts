import { spawn } from 'child_process';
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import type { GeneratedWorkspace } from './generate';
import { message } from './common';
import type { Options } from './options';
import type { CliRun } from './results';

/** The CLI on a generated workspace: its wall time, CPU and memory, and whether it finds exactly the injected findings. */

export async function runCli(
  opts: Options,
  ws: GeneratedWorkspace,
  nodeArgs: string[] = [],
  cliArgs: string[] = [],
): Promise<CliRun> {
  const hasTime = fs.existsSync('/usr/bin/time');
  const nodeCmd = [...nodeArgs, opts.cliJs, 'check', ws.root, '--format', 'json', ...cliArgs];
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
