import * as fs from 'fs';
import * as path from 'path';
import { chartCaption, chartSvg } from './chart';
import type { SizeResult } from './results';

/**
 * node out/bench/drawChart.js RESULTS.json [OUT.svg]: the chart of a run
 * from its JSON (npm run bench writes both; this redraws it, e.g. into
 * docs/performance-chart.svg). Without OUT, next to the JSON.
 */
const [input, output] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: node out/bench/drawChart.js RESULTS.json [OUT.svg]\n');
  process.exit(2);
}
const results = JSON.parse(fs.readFileSync(input, 'utf8')) as SizeResult[];
const target = output ?? input.replace(/\.json$/, '') + '.svg';
fs.writeFileSync(target, chartSvg(results, chartCaption(path.basename(input, '.json'), results)));
process.stdout.write(`wrote ${target}\n`);
