import { exportIssues } from '../core/export/exportIssues';
import { renderExport } from '../core/export/render';
import type { CliRequest } from './args';
import { CommandFailure, type CliHost } from './host';
import { writeOutFile } from './outFile';
import { loadWorkspace, plural, quote, warnProblems } from './workspace';

/** What the command line asks of export (args.ts): --release, --requirements, --all, --out. */
export type ExportOptions = Omit<Extract<CliRequest, { command: 'export' }>, 'command'>;

/**
 * `specwright export`: the workspace's epics and stories in a tracker's
 * import format (core/export/), to stdout or to the --out file (and no other
 * file). Exit 0 when written, whatever the findings; an unknown --release is
 * a CommandFailure (exit 2) that names the closest release IDs. What was
 * left out for having a ticket is said on stderr, so the count is never a
 * surprise.
 */
export async function exportCommand(options: ExportOptions, host: CliHost): Promise<number> {
  const ws = await loadWorkspace('export', [options.path], options, host);
  warnProblems(ws, host);
  const result = exportIssues(ws.service.index, {
    release: options.release,
    requirements: options.requirements,
    all: options.all,
    displayPath: ws.relative,
  });
  if (!result.ok) {
    const id = quote(options.release ?? '');
    if (result.problem === 'not-a-release')
      throw new CommandFailure(
        `nothing was exported: ${id} is ${article(result.kind)} ${result.kind}, not a release`,
      );
    const hint = result.suggestions.length ? ` (did you mean ${result.suggestions.join(', ')}?)` : '';
    throw new CommandFailure(`nothing was exported: no release has the ID ${id} in this workspace${hint}`);
  }
  if (result.leftOut.length)
    host.stderr(
      `specwright: note: left out ${plural(result.leftOut.length, 'item')} that already ${result.leftOut.length === 1 ? 'has a ticket' : 'have tickets'} (${result.leftOut.join(', ')}); --all exports them too\n`,
    );
  let text: string;
  try {
    text = renderExport(result.issues, options.format);
  } catch (err) {
    // V8 refuses a string past its maximum length with a RangeError ("Invalid string length").
    if (err instanceof RangeError)
      throw new CommandFailure(
        'nothing was exported: the export would be larger than the process can hold; export one release at a time (--release ID)',
      );
    throw err;
  }
  if (options.out === undefined) host.stdout(text);
  else await writeOutFile('export', options.out, text, ws, host);
  return 0;
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}
