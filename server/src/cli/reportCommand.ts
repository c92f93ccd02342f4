import { renderReport, ReportTooLarge } from '../core/report/render';
import { buildReportModel } from '../core/report/reportModel';
import type { ReportFormat } from './args';
import { CommandFailure, type CliHost } from './host';
import { writeOutFile } from './outFile';
import { loadWorkspace, warnProblems } from './workspace';

export interface ReportOptions {
  path: string;
  format: ReportFormat;
  out?: string;
  config?: string;
  /** --root DIR: the workspace root of the PATH. */
  root?: string;
}

/**
 * `specwright report`: build the report model of the workspace and render it
 * in one format, to stdout or to the --out file (and no other file). Exit 0
 * whatever the findings; CommandFailure (exit 2) when the file cannot be
 * written: a spec file, a folder, anything but a regular file, or a path
 * with a symbolic link in it (the host's writeText refuses those).
 */
export async function reportCommand(options: ReportOptions, host: CliHost): Promise<number> {
  const ws = await loadWorkspace('report', [options.path], options, host);
  warnProblems(ws, host);
  const model = buildReportModel(ws.service, { displayPath: ws.relative });
  let text: string;
  try {
    text = renderReport(model, options.format);
  } catch (err) {
    if (err instanceof ReportTooLarge) throw new CommandFailure(`${err.message}; nothing was written`);
    throw err;
  }
  if (options.out === undefined) {
    host.stdout(text);
    return 0;
  }
  await writeOutFile('report', options.out, text, ws, host);
  return 0;
}
