/**
 * `node out/bench/trace.js [--runs 5] [--spec-size 1k] [--files 10000] [--edit-samples 40] [--dist | --server FILE --cli FILE] [--keep] [--verbose]`:
 * scanning code and tests alone (bench/traceBench.ts; `npm run bench` runs it too).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { numberOption } from './args';
import type { LspSession } from './lsp';
import { machine } from './report';
import { benchTrace, defaultTraceRepo } from './traceBench';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string' },
      'spec-size': { type: 'string', default: '1k' },
      files: { type: 'string' },
      seed: { type: 'string' },
      'edit-samples': { type: 'string' },
      dist: { type: 'boolean', default: false },
      server: { type: 'string' },
      cli: { type: 'string' },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: node out/bench/trace.js [--runs 5] [--spec-size 1k] [--files 10000] [--seed 1] [--edit-samples 40] [--dist | --server FILE --cli FILE] [--keep] [--verbose]\n',
    );
    return;
  }
  const files = numberOption(values.files, 'files', defaultTraceRepo.sourceFiles);
  const scale = files / defaultTraceRepo.sourceFiles;
  const live = new Set<LspSession>();
  const kill = () => {
    for (const s of live) s.kill();
  };
  process.on('exit', kill);
  const result = await benchTrace(
    {
      runs: Math.max(1, numberOption(values.runs, 'runs', 5)),
      specSize: values['spec-size'],
      repo: {
        ...defaultTraceRepo,
        sourceFiles: files,
        bytes: Math.round(defaultTraceRepo.bytes * scale),
        references: Math.round(defaultTraceRepo.references * scale),
        unknown: Math.max(1, Math.round(defaultTraceRepo.unknown * scale)),
      },
      seed: numberOption(values.seed, 'seed', 1),
      editSamples: Math.max(2, numberOption(values['edit-samples'], 'edit-samples', 40)),
      cliJs: values.cli ?? (values.dist ? 'dist/cli.js' : 'out/bench/dist/cli.js'),
      serverJs: values.server ?? (values.dist ? 'dist/server.js' : 'out/bench/dist/server.js'),
      workdir: path.join(os.tmpdir(), 'specwright-bench'),
      keep: values.keep,
      verbose: values.verbose,
    },
    live,
    line => process.stderr.write(`${line}\n`),
  );
  const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '-');
  const file = path.join('bench', 'results', `${stamp}-trace.md`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const md = [
    `# Specwright benchmark: code and tests, ${stamp.slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `- machine: ${machine()}`,
    `- command: \`node out/bench/trace.js ${process.argv.slice(2).join(' ')}\``,
    '',
    result.markdown,
    '',
  ].join('\n');
  fs.writeFileSync(file, md);
  fs.writeFileSync(file.replace(/\.md$/, '.json'), JSON.stringify(result.runs, null, 1));
  process.stdout.write(md);
  process.stderr.write(`wrote ${file}\n`);
}

main().catch(err => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
