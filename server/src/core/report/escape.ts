import { formulaSafe } from '../text/formulaCells';

/**
 * Escaping for the report formats. Every string that comes from a spec file
 * (titles, IDs, paths, messages) goes through one of these before it is
 * written into HTML or CSV; Markdown's are in ../text/markdown.ts, shared
 * with the hover cards.
 */

/**
 * Text for HTML element content and attribute values (quoted with `"`).
 * Control characters become U+FFFD; line breaks are character references
 * (the same white space to a browser), so that a report printed to a CI log
 * starts no line with text from a spec file (core/text/ciCommands.ts).
 */
export function escapeHtml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are what this replaces
      .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '\uFFFD')
      .replace(/[&<>"'\n\r]/g, c => htmlEntities[c])
  );
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * One CSV field (RFC 4180). Quoted when it holds a separator (`,`, or `;`
 * and tab, which spreadsheets in many locales split on), a quote, or
 * leading/trailing spaces, with quotes doubled; a line break inside a value
 * becomes a space (the report's values are one line each, and a CSV printed
 * to a CI log must not start a line with text from a spec file), and a
 * value starting with `:` is quoted so that no row starts with `::` (a
 * GitHub Actions command). Text that starts with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading `'` (`formulaSafe`), so that
 * spreadsheets show it as text instead of running it as a formula (OWASP's
 * advice against CSV injection); numbers are written as is.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const s = formulaSafe(value).replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
  return /[",;\t]|^[\s:]|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
