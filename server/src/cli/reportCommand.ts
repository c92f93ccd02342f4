import * as path from 'path';
import { renderReport } from '../core/report/render';
import { buildReportModel } from '../core/report/reportModel';
import type { ReportFormat } from './args';
import { CommandFailure, type CliHost } from './host';
import { loadWorkspace, quote, warnProblems } from './workspace';

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
 * written.
 */
export async function reportCommand(options: ReportOptions, host: CliHost): Promise<number> {
  const ws = await loadWorkspace('report', [options.path], options, host);
  warnProblems(ws, host);
  const model = buildReportModel(ws.service, { displayPath: ws.relative });
  const text = renderReport(model, options.format);
  if (options.out === undefined) {
    host.stdout(text);
    return 0;
  }
  const out = path.resolve(host.cwd, options.out);
  if (ws.service.index.files.has(host.toUri(out))) {
    throw new CommandFailure(`refusing to write the report to ${quote(options.out)}: it is a spec file of the workspace`);
  }
  try {
    await host.writeText(out, text);
  } catch (err) {
    throw new CommandFailure(`cannot write ${quote(options.out)}: ${describeWriteError(err)}`);
  }
  return 0;
}

function describeWriteError(err: unknown): string {
  switch ((err as { code?: string })?.code) {
    case 'ENOENT': return 'its folder does not exist';
    case 'EISDIR': return 'it is a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'EROFS': return 'the file system is read-only';
    default: return err instanceof Error ? err.message : String(err);
  }
}
