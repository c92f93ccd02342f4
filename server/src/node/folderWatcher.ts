import { watch, type FSWatcher } from 'fs';
import * as path from 'path';
import { isIgnoredPath } from './nodeWorkspace';

/** How long changes are gathered after the last one before they are reported. */
const settleMs = 100;
/** The longest a burst of changes (a checkout) is gathered before it is reported anyway. */
const maxWaitMs = 1000;

/**
 * Watches a folder and everything under it with Node's recursive `fs.watch`
 * and reports the absolute paths that changed, gathered while they keep
 * coming (an editor's save is several events; a checkout, thousands). Paths
 * that a scan of the folder never reads (node_modules, .git, dist, ...) are
 * left out by the same rule as `NodeWorkspace.listSpecFiles`. An event
 * without a file name, or a watcher error, reports the folder itself: the
 * receiver then reads the whole folder again. The watcher keeps no process
 * alive on its own.
 */
export function watchFolder(folder: string, changed: (paths: string[]) => void): { close(): void } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let first = 0;

  const flush = (): void => {
    timer = undefined;
    const paths = [...pending];
    pending.clear();
    if (paths.length) changed(paths);
  };
  const add = (p: string): void => {
    pending.add(p);
    const now = Date.now();
    if (timer === undefined) first = now;
    else clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(settleMs, first + maxWaitMs - now)));
    timer.unref();
  };

  // Throws when the folder cannot be watched at all: the caller says so.
  const watcher: FSWatcher = watch(folder, { recursive: true, persistent: false }, (_event, name) => {
    if (name === null) return add(folder);
    const rel = name.split(path.sep).join('/');
    if (!isIgnoredPath(rel)) add(path.join(folder, name));
  });
  // A folder that goes away, or a watch the system refuses (too many watches): read the folder again.
  watcher.on('error', () => add(folder));
  return {
    close() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      watcher.close();
    },
  };
}
