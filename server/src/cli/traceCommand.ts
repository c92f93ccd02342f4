import * as path from 'path';
import { UsageError, type TraceFormat } from './args';
import { idPattern } from '../core/model';
import { traceById } from '../core/report/traceModel';
import { itemReferences, type ItemReferences } from '../core/refs/itemReferences';
import { atLineStart } from '../core/text/ciCommands';
import type { Range } from '../core/types';
import { formatTraceJson, formatTraceText } from './formatters/trace';
import { clean } from './formatters/text';
import { CommandFailure, type CliHost } from './host';
import { loadWorkspace, plural, warnProblems } from './workspace';

export interface TraceOptions {
  id: string;
  path: string;
  format: TraceFormat;
  config?: string;
  /** --root DIR: the workspace root of the PATH. */
  root?: string;
}

/**
 * `specwright trace ID`: the item's chain up to its goals and what lies below
 * it, with statuses and findings. Exit 0 when the ID is found (whatever the
 * findings); an unknown ID is a CommandFailure (exit 2) that names the
 * closest IDs.
 */
export async function traceCommand(options: TraceOptions, host: CliHost): Promise<number> {
  if (!idPattern.test(options.id) && (await looksLikePath(options.id, host))) {
    throw new UsageError(
      `"${options.id}" looks like a path, not the ID of an item: trace takes an ID, then a PATH (for example: specwright trace REQ-1 ${options.id})`,
      'trace',
    );
  }
  const ws = await loadWorkspace('trace', [options.path], options, host);
  warnProblems(ws, host);
  // Text names files from the working directory (a terminal opens them), JSON from the root it carries.
  const found = traceById(ws.service, options.id, {
    displayPath: options.format === 'text' ? ws.fromCwd : ws.relative,
  });
  if (!found.found) {
    const hint = found.suggestions.length ? ` (did you mean ${orList(found.suggestions)}?)` : '';
    throw new CommandFailure(`no item has the ID "${options.id}" in this workspace${hint}`);
  }
  if (found.definitions.length > 1) {
    const first = found.definitions[0];
    host.stderr(
      `specwright: ${options.id} is defined ${plural(found.definitions.length, 'time')} (a duplicate-id error); tracing the first, in ${clean(ws.fromCwd(first.uri))}:${first.idRange.start.line + 1}\n`,
    );
  }
  const name = (uri: string): string => (options.format === 'text' ? ws.fromCwd(uri) : ws.relative(uri));
  // Only a workspace whose trace: globs matched files shows references (the trace of others is unchanged).
  const refs = ws.service.traces.isEmpty() ? undefined : itemReferences(ws.service.traces, options.id, name);
  host.stdout(
    options.format === 'json'
      ? formatTraceJson({ ...found.trace, ...refs }, ws.root)
      : formatTraceText(found.trace) + (refs ? referencesText(refs) : ''),
  );
  return 0;
}

function referencesText(refs: ItemReferences): string {
  const at = (e: { file: string; range: Range }): string =>
    `${clean(e.file)}:${e.range.start.line + 1}:${e.range.start.character + 1}`;
  const ac = (e: { ac: number | null }): string => (e.ac !== null ? ` (acceptance criterion ${e.ac})` : '');
  const lines: string[] = [];
  lines.push(refs.code.length ? 'code:' : 'code: none');
  for (const e of refs.code) lines.push(`  ${at(e)} implements ${e.id}${ac(e)}`);
  lines.push(refs.tests.length ? 'tests:' : 'tests: none');
  for (const e of refs.tests)
    lines.push(
      'range' in e
        ? `  ${at(e)} verifies ${e.id}${ac(e)}`
        : `  ${e.outcome} ${clean([e.classname, e.name].filter(Boolean).join(' '))}${ac(e)} (${clean(e.file)})`,
    );
  return lines.map(l => atLineStart(l)).join('\n') + '\n';
}

/** A forgotten ID (`specwright trace examples`): the word names something on disk, or is written like a path. */
async function looksLikePath(word: string, host: CliHost): Promise<boolean> {
  if (/[\\/]|\.ya?ml$/i.test(word) || word === '.' || word === '..') return true;
  return (await host.stat(path.resolve(host.cwd, word))) !== undefined;
}

function orList(ids: string[]): string {
  return ids.length === 1 ? ids[0] : `${ids.slice(0, -1).join(', ')} or ${ids[ids.length - 1]}`;
}
