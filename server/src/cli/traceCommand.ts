import type { TraceFormat } from './args';
import { traceById } from '../core/report/traceModel';
import { formatTraceJson, formatTraceText } from './formatters/trace';
import { clean } from './formatters/text';
import { CommandFailure, type CliHost } from './host';
import { loadWorkspace, plural } from './workspace';

export interface TraceOptions {
  id: string;
  path: string;
  format: TraceFormat;
  config?: string;
}

/**
 * `specwright trace ID`: the item's chain up to its goals and what lies below
 * it, with statuses and findings. Exit 0 when the ID is found (whatever the
 * findings); an unknown ID is a CommandFailure (exit 2) that names the
 * closest IDs.
 */
export async function traceCommand(options: TraceOptions, host: CliHost): Promise<number> {
  const ws = await loadWorkspace('trace', [options.path], options.config, host);
  const found = traceById(ws.service, options.id, { displayPath: ws.relative });
  if (!found.found) {
    const hint = found.suggestions.length ? ` (did you mean ${orList(found.suggestions)}?)` : '';
    throw new CommandFailure(`no item has the ID "${options.id}" in this workspace${hint}`);
  }
  if (found.definitions.length > 1) {
    const first = found.definitions[0];
    host.stderr(`specwright: ${options.id} is defined ${plural(found.definitions.length, 'time')} (a duplicate-id error); tracing the first, in ${clean(ws.relative(first.uri))}:${first.idRange.start.line + 1}\n`);
  }
  host.stdout(options.format === 'json' ? formatTraceJson(found.trace, ws.root) : formatTraceText(found.trace));
  return 0;
}

function orList(ids: string[]): string {
  return ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}
