import type { DiffFormat } from './args';
import { semanticDiff, type SpecDiff } from '../core/reviews/semanticDiff';
import {
  formatDiffJson,
  formatDiffMarkdown,
  formatDiffText,
  type DiffSides,
} from './formatters/semanticDiff';
import type { CliHost } from './host';
import { configTextOf, readingHistory, revisionFiles } from './revisions';
import { loadRootWorkspace } from './rootWorkspace';
import { warnProblems } from './workspace';

export interface DiffOptions {
  /** REV_A (default HEAD). */
  from?: string;
  /** REV_B (default: the working tree). */
  to?: string;
  format: DiffFormat;
  config?: string;
  /** --root DIR; without it, the workspace of the current folder, found as check finds it. */
  root?: string;
}

/**
 * `specwright diff [REV_A [REV_B]]`: the semantic changelog of the spec
 * between two git revisions (default HEAD and the working tree). Only the
 * spec files that differ are read, each side by the same analysis as check,
 * under the workspace's configuration. Only reads. Exit 0 whatever changed;
 * no git repository or an unknown revision is a CommandFailure (exit 2).
 */
export async function diffCommand(options: DiffOptions, host: CliHost): Promise<number> {
  const { ws, root } = await loadRootWorkspace('diff', options, host);
  warnProblems(ws, host);
  const { diff, sides } = await diffReport(root, options, host);
  host.stdout(
    options.format === 'json'
      ? formatDiffJson(diff, sides, ws.root)
      : options.format === 'md'
        ? formatDiffMarkdown(diff, sides)
        : formatDiffText(diff, sides),
  );
  return 0;
}

/**
 * The semantic changelog between two revisions of the workspace at `root`
 * (`specwright mcp`'s diff tool asks it too). Throws a CommandFailure
 * without a git repository or for an unknown revision.
 */
export async function diffReport(
  root: string,
  options: { from?: string; to?: string; config?: string },
  host: CliHost,
): Promise<{ diff: SpecDiff; sides: DiffSides }> {
  const reader = host.revisions(root);
  const fromRevision = options.from ?? 'HEAD';
  const { sides, before, after } = await readingHistory('no changes were listed', async () => {
    const from = await reader.resolve(fromRevision);
    const to = options.to === undefined ? undefined : await reader.resolve(options.to);
    const paths = await reader.changedSpecFiles(from, to);
    const sides: DiffSides = {
      from: { revision: fromRevision, commit: from },
      ...(to !== undefined && options.to !== undefined ? { to: { revision: options.to, commit: to } } : {}),
    };
    return {
      sides,
      before: await revisionFiles(reader, from, paths, root, host),
      after: await revisionFiles(reader, to, paths, root, host),
    };
  });
  return { diff: semanticDiff(before, after, await configTextOf(root, options.config, host)), sides };
}
