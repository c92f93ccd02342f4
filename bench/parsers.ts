import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { Composer, Lexer, Parser, parseDocument } from 'yaml';
import { analyzeFile } from '../server/src/core/parse/analyzeFile';
import { fileKind } from '../server/src/core/parse/fileKind';
import { parseYaml } from '../server/src/core/parse/parseDocument';
import { quickParse } from '../server/src/core/parse/quickParse';
import { numberOption } from './args';
import { generateWorkspace, parseSize } from './generate';
import { fmtMs, median } from './stats';

/**
 * How long YAML parsing alone takes on a generated workspace, stage by stage
 * (the `yaml` package's lexer, CST parser, composer, toJS — the stages
 * server/src/core/parse/parseDocument.ts runs) and, when it is installed
 * (js-yaml is a transitive dependency of mocha), js-yaml's `load` for
 * comparison; then Specwright's two readers (`parseYaml` on the yaml CST, for
 * open documents; `quickParse`, js-yaml's positions made into yaml nodes, for
 * the rest), a whole `analyzeFile`, and what handing its results from a
 * worker thread to the main thread would cost (structuredClone). Single
 * thread, files already in memory, median of 5 passes after one warm-up pass.
 *
 * node out/bench/parsers.js [--size 10k] [--seed 1]
 */

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { size: { type: 'string' }, seed: { type: 'string' } },
  });
  const size = values.size ?? '10k';
  const seed = numberOption(values.seed, 'seed', 1);
  const root = path.join(os.tmpdir(), 'specwright-bench', `parsers-${size}-seed${seed}`);
  const ws = generateWorkspace(root, parseSize(size), seed);
  const texts = ws.files.map(f => fs.readFileSync(path.join(root, f), 'utf8'));
  const kindOf = new Map(texts.map((t, i) => [t, fileKind(ws.files[i])!]));
  fs.rmSync(root, { recursive: true, force: true });

  let jsYaml: { load(s: string): unknown } | undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    jsYaml = require('js-yaml');
  } catch {
    jsYaml = undefined;
  }

  const stages: Array<[string, (t: string) => unknown]> = [
    [
      'yaml: Lexer only (tokens)',
      t => {
        let n = 0;
        for (const _ of new Lexer().lex(t)) n++;
        return n;
      },
    ],
    ['yaml: Parser (CST)', t => [...new Parser().parse(t)]],
    [
      'yaml: Parser + Composer (Document, as parseYaml)',
      t => [
        ...new Composer({ prettyErrors: false, uniqueKeys: true, version: '1.2' }).compose(
          new Parser().parse(t),
        ),
      ],
    ],
    [
      'yaml: Parser + Composer + toJS (all of parseYaml)',
      t => {
        const d = [
          ...new Composer({ prettyErrors: false, uniqueKeys: true, version: '1.2' }).compose(
            new Parser().parse(t),
          ),
        ][0];
        return d?.toJS();
      },
    ],
    ['yaml: parseDocument() (public API)', t => parseDocument(t)],
  ];
  if (jsYaml) stages.push(['js-yaml: load() (plain values, no ranges)', t => jsYaml.load(t)]);
  stages.push(['Specwright parseYaml (yaml CST; open documents)', t => parseYaml(t)]);
  stages.push([
    'Specwright quickParse (js-yaml positions → yaml nodes; other files)',
    t => quickParse(t) ?? parseYaml(t),
  ]);
  const analyzed = new Map<string, unknown>();
  stages.push([
    'Specwright analyzeFile, files not open (parse, items, schema, local checks)',
    t => {
      const r = analyzeFile('file:///w/x', kindOf.get(t)!, t, { tree: false }).index;
      analyzed.set(t, r);
      return r;
    },
  ]);
  // A worker would send each file's result to the main thread: structured cloning costs more than analysing.
  stages.push([
    'structuredClone of one analyzeFile result (a worker handing it back)',
    t => structuredClone(analyzed.get(t)),
  ]);

  const mb = texts.reduce((a, t) => a + Buffer.byteLength(t), 0) / 1e6;
  const lines = [
    `YAML parsing of the ${size} workspace: ${texts.length} files, ${mb.toFixed(1)} MB, Node ${process.version}, one thread, median of 5 passes`,
    '',
    '| parser / stage | total | per file | MB/s |',
    '|---|---:|---:|---:|',
  ];
  for (const [name, fn] of stages) {
    for (const t of texts) fn(t); // warm-up
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (const t of texts) fn(t);
      runs.push(performance.now() - t0);
    }
    const m = median(runs)!;
    lines.push(`| ${name} | ${fmtMs(m)} | ${fmtMs(m / texts.length)} | ${(mb / (m / 1000)).toFixed(1)} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main();
