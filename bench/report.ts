import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fmtBytes, fmtMs, fmtRatio } from './stats';
import type { Options } from './options';
import { type SizeResult, featureNames } from './results';
import { targetTable } from './targets';
import { featureCell, latencyCell, med, openAll, pair, withCpu } from './cells';

/** The markdown report of a run: the table of medians, the growth table, the machine and the source it ran on. */

interface Row {
  metric: string;
  cells: Array<[string, string, string]>;
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
  add('all diagnostics, warm start (index cache present), no file open', r => [
    withCpu(
      med(r.sw, x => x.warmAllMs),
      med(r.sw, x => x.warmCpuMs),
    ),
    'n/a (no cache)',
    '',
  ]);
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
    latencyCell(r.sw, x => x.editCross),
    'n/a (no cross-file checks)',
    '',
  ]);
  add('edit → diagnostics, local, few files open (p50 / p95)', r => [
    latencyCell(r.sw, x => x.editLocalFew),
    '—',
    '',
  ]);
  add('edit → diagnostics, cross-file, few files open (p50 / p95)', r => [
    latencyCell(r.sw, x => x.editCrossFew),
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
  add(
    'hover, first request in a file not touched before, all files open, on a key (p50 / p95; 50 files)',
    r => [latencyCell(r.sw, x => x.firstHoverKeys), 'not measured', ''],
  );
  add(
    'hover, first request in a file not touched before, all files open, on an ID (p50 / p95; 50 files)',
    r => [latencyCell(r.sw, x => x.firstHoverIds), 'not measured', ''],
  );
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
  add('`specwright check --cache` wall time, cache present', r => [
    withCpu(
      med(r.cliCached, x => x.wallMs),
      med(r.cliCached, x => x.cpuMs),
    ),
    'n/a',
    '',
  ]);
  add('peak RSS after the first full diagnostics, warm start, no file open', r => [
    fmtBytes(med(r.sw, x => x.warmRss)),
    'n/a',
    '',
  ]);

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
    ['Specwright all diagnostics, warm start, no file open', r => med(r.sw, x => x.warmAllMs), fmtMs],
    ['`specwright check --cache` wall time, cache present', r => med(r.cliCached, x => x.wallMs), fmtMs],
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

export function machine(): string {
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

export function report(
  opts: Options,
  results: SizeResult[],
  hostile: string | undefined,
  trace: string | undefined,
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
    // With and without --cache: a cache can never change a finding.
    const runs = [...r.cli, ...r.cliCached];
    const exact = runs.every(c => c.exact)
      ? 'yes'
      : `NO: ${runs
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
  if (trace) out.push('## Code and tests (format 1.1)', '', trace, '');
  if (notes.length) out.push('## Notes', '', ...notes, '');
  const profiles = results.flatMap(r => r.profiles);
  if (profiles.length) out.push('## CPU profiles', '', ...profiles);
  return out.join('\n');
}
