import * as os from 'os';
import { parseArgs } from 'util';
import * as path from 'path';
import { numberOption } from './args';
import { parseSize } from './generate';

/** The options of `npm run bench` (bench/run.ts). */

export interface Options {
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
  /** Measure scanning code and tests (bench/traceBench.ts). */
  trace: boolean;
}

const usage =
  'usage: npm run bench -- [--sizes 1k,10k,50k] [--runs 3] [--no-peer] [--profile] [--profile-sizes 50k] [--seed 1] [--keep] [--dist] [--workdir DIR] [--edit-samples 20] [--feature-samples 200] [--open-budget 150] [--repeat-limit 30] [--no-hostile] [--no-trace] [--verbose]\n';

/** The options of a command line; prints the usage and exits on --help. */
export function readOptions(argv: string[]): Options {
  const { values: v } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'no-peer': { type: 'boolean' },
      profile: { type: 'boolean' },
      'profile-sizes': { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean' },
      dist: { type: 'boolean' },
      workdir: { type: 'string' },
      verbose: { type: 'boolean' },
      'edit-samples': { type: 'string' },
      'feature-samples': { type: 'string' },
      'open-budget': { type: 'string' },
      'repeat-limit': { type: 'string' },
      'no-hostile': { type: 'boolean' },
      'no-trace': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    process.stdout.write(usage);
    process.exit(0);
  }
  const list = (text: string): string[] =>
    text
      .split(',')
      .map(s => s.trim())
      .filter(Boolean);
  const o: Options = {
    sizes: v.sizes !== undefined ? list(v.sizes) : ['1k', '10k', '50k'],
    runs: Math.max(1, numberOption(v.runs, 'runs', 3)),
    peer: !v['no-peer'],
    profile: !!v.profile || v['profile-sizes'] !== undefined,
    profileSizes: v['profile-sizes'] !== undefined ? list(v['profile-sizes']) : [],
    seed: numberOption(v.seed, 'seed', 1),
    keep: !!v.keep,
    serverJs: v.dist ? 'dist/server.js' : 'out/bench/dist/server.js',
    cliJs: v.dist ? 'dist/cli.js' : 'out/bench/dist/cli.js',
    workdir: v.workdir !== undefined ? path.resolve(v.workdir) : path.join(os.tmpdir(), 'specwright-bench'),
    verbose: !!v.verbose,
    editSamples: numberOption(v['edit-samples'], 'edit-samples', 20),
    featureSamples: numberOption(v['feature-samples'], 'feature-samples', 200),
    openBudget: numberOption(v['open-budget'], 'open-budget', 150),
    repeatLimit: numberOption(v['repeat-limit'], 'repeat-limit', 30),
    hostile: !v['no-hostile'],
    trace: !v['no-trace'],
  };
  for (const s of o.sizes) parseSize(s);
  if (o.profile && !o.profileSizes.length) o.profileSizes = [o.sizes[o.sizes.length - 1]];
  return o;
}
