/**
 * `node out/bench/hostile.js [--runs 5] [--dist] [--verbose]`: the hostile
 * inputs' time budgets alone (bench/hostileInputs.ts; `npm run bench` runs
 * them too).
 */
import { parseArgs } from 'node:util';
import { benchHostile } from './hostileInputs';
import type { LspSession } from './lsp';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      dist: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node out/bench/hostile.js [--runs 5] [--dist] [--verbose]\n');
    return;
  }
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs takes a whole number from 1 (got "${values.runs}")`);
  const live = new Set<LspSession>();
  const kill = () => {
    for (const s of live) s.kill();
  };
  process.on('exit', kill);
  const md = await benchHostile(
    { runs, serverJs: values.dist ? 'dist/server.js' : 'out/bench/dist/server.js', verbose: values.verbose },
    live,
    line => process.stderr.write(`${line}\n`),
  );
  process.stdout.write(md + '\n');
}

main().catch(err => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
