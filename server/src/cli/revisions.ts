import * as path from 'path';
import { configFileName } from '../core/config';
import type { RevisionFile } from '../core/reviews/revisionItems';
import { RevisionError, type RevisionReader } from '../core/reviews/revisionReader';
import { CommandFailure, type CliHost } from './host';

/** Files read at once from git or the disk. */
const parallelReads = 8;

/**
 * Run what reads version history; a RevisionError (no repository, an
 * unknown revision, git missing) becomes a CommandFailure (exit 2) that
 * says what was not done and why.
 */
export async function readingHistory<T>(notDone: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof RevisionError) throw new CommandFailure(`${notDone}: ${err.message}`);
    throw err;
  }
}

/**
 * The files at `paths` (relative to the root) at a commit, or in the
 * working tree when `commit` is undefined (read as the scan reads them: no
 * symbolic link). A path the side does not have is left out.
 */
export async function revisionFiles(
  reader: RevisionReader,
  commit: string | undefined,
  paths: readonly string[],
  root: string,
  host: CliHost,
): Promise<RevisionFile[]> {
  const out: (RevisionFile | undefined)[] = new Array<RevisionFile | undefined>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const i = next++;
      const p = paths[i];
      const bytes =
        commit === undefined
          ? await host.workspace.readFile(host.toUri(path.join(root, ...p.split('/'))))
          : await reader.readFile(commit, p);
      if (bytes) out[i] = { path: p, bytes };
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelReads, paths.length) }, worker));
  return out.filter((f): f is RevisionFile => f !== undefined);
}

/** The configuration the workspace was loaded with (--config FILE, else the root's .specwright.yaml): each revision is read under it. */
export async function configTextOf(
  root: string,
  config: string | undefined,
  host: CliHost,
): Promise<string | undefined> {
  return host.readText(
    config !== undefined ? path.resolve(host.cwd, config) : path.join(root, configFileName),
  );
}
