import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseArgs } from 'util';
import { WorkspaceStatusTracker, workspaceStatus } from '../server/src/core/features/workspaceStatus';
import { SpecService, type FileChange } from '../server/src/core/service';
import { numberOption } from './args';
import { generateWorkspace, parseSize } from './generate';
import { fmtMs, median } from './stats';

/**
 * Micro-measure of the two costs of docs/performance.md §6 on an in-memory
 * service (no server, no debounce): `SpecService.apply` of the bench's
 * cross-file edits, `WorkspaceIndex.set` of the edited file alone, and the
 * workspace status the view refresh sends after each edit: computed from
 * scratch (`workspaceStatus`) and kept by the server's
 * `WorkspaceStatusTracker`, told what each `apply` returned.
 *
 *   node out/bench/statusEdit.js [--size 50k] [--samples 40]
 */

function main(): void {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { size: { type: 'string' }, samples: { type: 'string' } },
  });
  const size = parseSize(values.size ?? '50k');
  const samples = numberOption(values.samples, 'samples', 40);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-status-'));
  try {
    const ws = generateWorkspace(root, size);
    const uriOf = (file: string) => 'file://' + path.join(root, file);
    const changes: FileChange[] = ws.files.map(f => ({
      uri: uriOf(f),
      bytes: fs.readFileSync(path.join(root, f)),
    }));
    const service = new SpecService();
    let t = performance.now();
    service.apply(changes);
    console.log(`${size} requirements, ${ws.files.length} files: loaded in ${fmtMs(performance.now() - t)}`);

    const status: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      workspaceStatus(service);
      status.push(performance.now() - t);
    }
    const tracker = new WorkspaceStatusTracker(service);
    tracker.current();

    const apply: number[] = [];
    const set: number[] = [];
    const statusAfterEdit: number[] = [];
    const trackedAfterEdit: number[] = [];
    for (let i = 0; i < samples; i++) {
      const e = ws.crossEdits[i % ws.crossEdits.length];
      const uri = uriOf(e.prdFile);
      const text = fs.readFileSync(path.join(root, e.prdFile), 'utf8');
      for (const next of [text + e.insertText, text]) {
        t = performance.now();
        const affected = service.apply([{ uri, text: next }]);
        apply.push(performance.now() - t);
        t = performance.now();
        tracker.changed(affected);
        const kept = tracker.current();
        trackedAfterEdit.push(performance.now() - t);
        t = performance.now();
        const fresh = workspaceStatus(service);
        statusAfterEdit.push(performance.now() - t);
        if (JSON.stringify(kept) !== JSON.stringify(fresh))
          throw new Error(`kept status ${JSON.stringify(kept)} differs from ${JSON.stringify(fresh)}`);
      }
      const file = service.index.files.get(uri)!;
      t = performance.now();
      service.index.set(uri, file);
      set.push(performance.now() - t);
    }
    console.log(
      `workspaceStatus, unchanged workspace: median ${fmtMs(median(status))} (${status.length} calls)`,
    );
    console.log(
      `workspaceStatus after each edit:      median ${fmtMs(median(statusAfterEdit))} (${statusAfterEdit.length} calls)`,
    );
    console.log(
      `tracker after each edit:              median ${fmtMs(median(trackedAfterEdit))} (${trackedAfterEdit.length} calls)`,
    );
    console.log(
      `apply(cross-file edit):               median ${fmtMs(median(apply))} (${apply.length} edits)`,
    );
    console.log(`index.set(edited PRD):                median ${fmtMs(median(set))} (${set.length} calls)`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main();
