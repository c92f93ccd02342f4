import { atLineStart, encodeCommandEscapes } from '../../core/text/ciCommands';
import type { Severity } from '../../core/types';
import { compareDiagnostics, type CheckReport, type ReportSuppressed } from '../report';

const ansi = { red: 31, yellow: 33, cyan: 36, gray: 90, green: 32, bold: 1 } as const;
const severityColor: Record<Severity, keyof typeof ansi> = { error: 'red', warning: 'yellow', info: 'cyan' };

/**
 * One line per diagnostic, `file:line:col severity code message` (1-based
 * line and column, file relative to the root), then a summary line.
 */
export function formatText(report: CheckReport, options: { color: boolean }): string {
  const paint = (style: keyof typeof ansi, s: string): string =>
    options.color ? `\x1b[${ansi[style]}m${s}\x1b[0m` : s;
  const out: string[] = [];
  // With --show-suppressed, hidden findings are listed in place, marked `suppressed` and followed by their reason.
  const rows = [...report.diagnostics, ...(report.suppressed ?? [])].sort(compareDiagnostics);
  for (const d of rows) {
    const where = `${linePath(d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    const reason = 'reason' in d ? (d as ReportSuppressed).reason : undefined;
    const mark = reason !== undefined ? `${paint('gray', 'suppressed')} ` : '';
    const why = reason !== undefined ? ` (${reason ? `reason: ${clean(reason)}` : 'no reason given'})` : '';
    out.push(
      `${where} ${mark}${paint(severityColor[d.severity], d.severity)} ${paint('gray', d.code)} ${clean(d.message)}${why}`,
    );
  }
  out.push(summaryLine(report, paint));
  const off = switchedOffLine(report);
  if (off) out.push(paint('yellow', off));
  return out.join('\n') + '\n';
}

/** The checks the configuration switches off, as a line after the summary; undefined when none is. */
export function switchedOffLine(report: CheckReport): string | undefined {
  const off = report.switchedOff ?? [];
  if (!off.length) return undefined;
  return `not checked, switched off by the configuration (rules: ... off): ${off.join(', ')}`;
}

export function summaryLine(
  report: CheckReport,
  paint: (style: keyof typeof ansi, s: string) => string,
): string {
  const { error, warning, info } = report.summary;
  const hidden = report.suppressedCount ? ` (${report.suppressedCount} suppressed)` : '';
  const scope = `in ${count(report.files, 'file')} (${count(report.items, 'item')})${hidden}`;
  if (error + warning + info === 0) return `${paint('green', 'no problems')} ${scope}`;
  const counts = `${count(error, 'error')}, ${count(warning, 'warning')}, ${info} info`;
  return `${paint(error ? 'red' : warning ? 'yellow' : 'bold', counts)} ${scope}`;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * One line per finding, and no terminal control sequences from file content;
 * the `%0A` of a CI command's message kept literal (core/text/ciCommands.ts).
 */
export function clean(s: string): string {
  return encodeCommandEscapes(
    s
      .replace(/\r\n|\r|\n|\u2028|\u2029/g, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what this escapes
      .replace(/[\x00-\x1f\x7f-\x9f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** A file name that starts a line: cleaned, and `./` in front of one that starts with `:` (never a `::` command). */
export function linePath(file: string): string {
  return atLineStart(clean(file), './');
}
