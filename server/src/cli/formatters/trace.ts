import { codesText, findingsText } from '../../core/report/format';
import type { TraceEntry, TraceModel } from '../../core/report/traceModel';
import { atLineStart } from '../../core/text/ciCommands';
import { clean } from './text';

/**
 * The trace as an indented tree: the item, where it is defined, then its
 * upstream and downstream entries, two spaces deeper per level. Each line:
 * `ID Title (kind, status) via FIELD — findings`.
 */
export function formatTraceText(trace: TraceModel): string {
  const out: string[] = [];
  const it = trace.item;
  out.push(`${label(it)}${findings(it)}`);
  out.push(`defined in ${clean(it.file)}:${it.range.start.line + 1}:${it.range.start.character + 1}`);
  for (const [name, entries] of [
    ['upstream', trace.upstream],
    ['downstream', trace.downstream],
  ] as const) {
    if (!entries.length) {
      out.push(`${name}: none`);
      continue;
    }
    out.push(`${name}:`);
    const walk = (e: TraceEntry, depth: number): void => {
      out.push(`${'  '.repeat(depth)}${label(e)} via ${e.via}${findings(e)}`);
      e.children.forEach(c => walk(c, depth + 1));
    };
    entries.forEach(e => walk(e, 1));
  }
  return out.join('\n') + '\n';
}

/** The CLI's JSON shape of a trace: version, root, then the TraceModel. */
export function formatTraceJson(trace: TraceModel, root: string): string {
  return JSON.stringify({ version: 1, root, ...trace }, null, 2) + '\n';
}

function label(e: TraceEntry): string {
  const title = e.title ? ` ${clean(e.title)}` : '';
  return `${atLineStart(clean(e.id))}${title} (${[e.kind, e.status, e.priority]
    .filter(Boolean)
    .map(s => clean(s!))
    .join(', ')})`;
}

function findings(e: TraceEntry): string {
  const counts = findingsText(e.findings);
  return counts ? ` — ${counts}: ${codesText(e.findings)}` : '';
}
