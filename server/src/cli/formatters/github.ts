import type { Severity } from '../../core/types';
import type { CheckReport } from '../report';
import { summaryLine, switchedOffLine } from './text';

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * GitHub Actions workflow commands, one per finding, which the runner turns
 * into annotations on the files:
 * `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=CODE::MESSAGE`
 * (warning → `::warning`, info → `::notice`). Lines and columns are 1-based,
 * `endColumn` one past the last character (as in SARIF). GitHub accepts
 * columns only on a one-line range, so a range over several lines gives
 * `line` and `endLine` only. File names are relative to the working
 * directory (run the check from the repository root). The summary line
 * follows, as plain log text.
 */
export function formatGithub(report: CheckReport, options: { pathPrefix?: string } = {}): string {
  const prefix = options.pathPrefix ?? '';
  const out: string[] = [];
  for (const d of report.diagnostics) {
    const { start, end } = d.range;
    const props: [string, string | number][] = [
      ['file', prefix + d.file],
      ['line', start.line + 1],
    ];
    if (start.line === end.line)
      props.push(['col', start.character + 1], ['endLine', end.line + 1], ['endColumn', end.character + 1]);
    else props.push(['endLine', end.line + 1]);
    props.push(['title', d.code]);
    out.push(
      `::${command[d.severity]} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(d.message)}`,
    );
  }
  out.push(summaryLine(report, (_style, s) => s));
  const off = switchedOffLine(report);
  if (off) out.push(off);
  return out.join('\n') + '\n';
}

/** A command's message: `%`, CR and LF percent-encoded (as @actions/core does); other control characters as \uXXXX. */
export function escapeData(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(
      // eslint-disable-next-line no-control-regex -- control characters are what this escapes
      /[\x00-\x08\x0B-\x0C\x0E-\x1F\x7F]/g,
      c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

/** A property value: as a message, and also `:` and `,`, which separate properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
