import { isCommandLine } from '../../core/text/ciCommands';
import type { CheckReport, ReportDiagnostic } from '../report';
import { toolName } from '../toolInfo';

/**
 * JUnit XML, as GitLab, Jenkins and most CI servers read it: one testsuite,
 * one testcase per checked file (named by its path from the working
 * directory), one `<failure>` per error finding, and the file's warnings and
 * infos as the testcase's `<system-out>` (they do not fail it).
 */
export function formatJunit(report: CheckReport, options: { pathPrefix?: string } = {}): string {
  const prefix = options.pathPrefix ?? '';
  const byFile = new Map<string, ReportDiagnostic[]>();
  for (const f of report.paths ?? []) byFile.set(f, []);
  for (const d of report.diagnostics) {
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file)!.push(d);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const failing = files.filter(f => byFile.get(f)!.some(d => d.severity === 'error')).length;
  const counts = `tests="${files.length}" failures="${failing}" errors="0" skipped="0"`;

  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${toolName} check" ${counts}>`,
    `  <testsuite name="${toolName} check" ${counts}>`,
  ];
  for (const file of files) {
    const name = attr(prefix + file);
    const diagnostics = byFile.get(file)!;
    if (!diagnostics.length) {
      out.push(`    <testcase classname="${toolName}" name="${name}" file="${name}"/>`);
      continue;
    }
    out.push(`    <testcase classname="${toolName}" name="${name}" file="${name}">`);
    for (const d of diagnostics.filter(x => x.severity === 'error')) {
      out.push(
        `      <failure type="${attr(d.code)}" message="${attr(d.message)}">${textLine(line(prefix, d))}</failure>`,
      );
    }
    const rest = diagnostics.filter(x => x.severity !== 'error');
    if (rest.length)
      out.push(`      <system-out>${rest.map(d => textLine(line(prefix, d))).join('\n')}</system-out>`);
    out.push('    </testcase>');
  }
  out.push('  </testsuite>', '</testsuites>');
  return out.join('\n') + '\n';
}

/** `file:line:col severity code message`, as the text format prints it (1-based). */
function line(prefix: string, d: ReportDiagnostic): string {
  return `${prefix}${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`;
}

/** Character data: markup escaped, characters that XML 1.0 cannot hold written as \uXXXX. */
function text(s: string): string {
  return legal(s).replace(/[&<>]/g, c => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * One line of character data per finding: its own line breaks as character
 * references and a `:` that starts the line as `&#58;` (the same text to an
 * XML reader), so that the XML printed to a CI log starts no line with `::`
 * (core/text/ciCommands.ts).
 */
function textLine(s: string): string {
  const t = text(s).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
  return isCommandLine(t) ? t.replace(':', '&#58;') : t;
}

/** An attribute value in double quotes; line breaks and tabs as character references so parsers keep them. */
function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

const illegal =
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function legal(s: string): string {
  return s.replace(illegal, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
