import { atLineStart } from '../text/ciCommands';
import { formulaSafe } from '../text/formulaCells';

/**
 * CSV for the trackers' importers (RFC 4180): comma-separated fields,
 * records ended by CRLF, a field quoted when it holds a comma, a quote, a
 * line break, `;` or a tab (which spreadsheets in many locales split on) or
 * white space at either end, quotes doubled inside it. Unlike the report's
 * one-line cells (report/escape.ts), a cell keeps its line breaks: an issue's
 * description is several lines, and importers read a quoted line break as
 * part of the field.
 *
 * Text from a spec file is made harmless on the way: a cell that starts like
 * a formula gets a leading `'` (OWASP's advice, `formulaSafe`), control
 * characters become U+FFFD, and no line inside a cell starts with `::`
 * (`atLineStart`), so that an export printed to a CI log forges no
 * workflow command. No byte order mark: importers would read it as part of
 * the first column's name.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaSafe(value)
    .replace(/\r\n|[\r\u2028\u2029]/g, '\n')
    // eslint-disable-next-line no-control-regex -- control characters are what this replaces
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '\uFFFD')
    .split('\n')
    .map((line, i) => (i === 0 ? line : atLineStart(line)))
    .join('\n');
  return /[",;\t\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: the header, then one record per row, each ended by CRLF. */
export function csvDocument(
  header: readonly string[],
  rows: readonly (string | number | undefined)[][],
): string {
  return [header, ...rows].map(r => `${r.map(csvCell).join(',')}\r\n`).join('');
}
