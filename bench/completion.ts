import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { completion } from '../server/src/core/features/completion';
import { SpecService } from '../server/src/core/service';
import { numberOption } from './args';
import { generateWorkspace, parseSize } from './generate';
import { fmtMs, median } from './stats';

/**
 * How long the core's completion takes in a story's `implements: [` list of
 * a generated workspace, without the server around it (no JSON-RPC, no
 * encoding): the cursor right after `[` (nothing typed), and 3 and 5
 * characters into the ID written there (`REQ`, `REQ-4` typed). Every file
 * in memory, the iteration files of the spots open; per spot one warm-up
 * call, then the median of `--calls` calls.
 * The answer's size is its JSON length, as the server would send it.
 *
 * node out/bench/completion.js [--size 50k] [--seed 1] [--spots 5] [--calls 9]
 */

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      spots: { type: 'string' },
      calls: { type: 'string' },
    },
  });
  const size = values.size ?? '50k';
  const seed = numberOption(values.seed, 'seed', 1);
  const spotCount = numberOption(values.spots, 'spots', 5);
  const calls = numberOption(values.calls, 'calls', 9);
  const root = path.join(os.tmpdir(), 'specwright-bench', `completion-${size}-seed${seed}`);
  const ws = generateWorkspace(root, parseSize(size), seed);
  const uriOf = (file: string) => `file:///w/${file}`;
  const texts = new Map(ws.files.map(f => [uriOf(f), fs.readFileSync(path.join(root, f), 'utf8')]));
  fs.rmSync(root, { recursive: true, force: true });

  const service = new SpecService();
  const t0 = performance.now();
  service.apply([...texts].map(([uri, text]) => ({ uri, text })));
  const loadMs = performance.now() - t0;

  // Link spots are right after `implements: [` (enum spots are after `priority: ` / `status: `).
  const spots = ws.completions.filter(s => s.file.endsWith('.stories.yaml') && s.character === 17);
  const chosen = Array.from(
    { length: spotCount },
    (_, i) => spots[Math.floor((i * spots.length) / spotCount)],
  );
  for (const s of new Set(chosen.map(c => c.file))) service.openDocument(uriOf(s), texts.get(uriOf(s))!, 1);

  const lines = [
    `Core completion in \`implements: [\` at ${size} (${ws.files.length} files, loaded in ${fmtMs(loadMs)}), Node ${process.version}; ` +
      `${chosen.length} spots, median of ${calls} calls each after one warm-up`,
    '',
    '| typed | median per call | items | answer (JSON) |',
    '|---|---:|---:|---:|',
  ];
  for (const typed of [0, 3, 5]) {
    const times: number[] = [];
    let items = 0;
    let bytes = 0;
    for (const s of chosen) {
      const uri = uriOf(s.file);
      const position = { line: s.line, character: s.character + typed };
      const answer = completion(service, uri, position);
      items = Math.max(items, answer.items.length);
      bytes = Math.max(bytes, JSON.stringify(answer).length);
      for (let c = 0; c < calls; c++) {
        const t = performance.now();
        completion(service, uri, position);
        times.push(performance.now() - t);
      }
    }
    lines.push(
      `| ${typed} characters | ${fmtMs(median(times))} | ${items} | ${(bytes / 1e6).toFixed(2)} MB |`,
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main();
