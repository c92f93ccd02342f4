/**
 * Escaping for the report formats. Every string that comes from a spec file
 * (titles, IDs, paths, messages) goes through one of these before it is
 * written into HTML, Markdown or CSV.
 */

/** Text for HTML element content and attribute values (quoted with `"`). Control characters become U+FFFD. */
export function escapeHtml(s: string): string {
  return s
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g, '\uFFFD')
    .replace(/[&<>"']/g, c => htmlEntities[c]);
}

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Inline Markdown text: on one line, with every character that could start
 * markup (emphasis, links, raw HTML, entities, table cells) escaped with a
 * backslash, as CommonMark and GitHub Flavored Markdown allow for any ASCII
 * punctuation.
 */
export function mdText(s: string): string {
  return oneLine(s).replace(/[\\`*_{}[\]<>#|~&!]/g, c => `\\${c}`);
}

/**
 * A code span (IDs, file names). The fence is longer than any run of
 * backticks inside; `|` is escaped because GFM splits table cells on it even
 * inside code spans.
 */
export function mdCode(s: string): string {
  const text = oneLine(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''; // CommonMark strips one space on each side
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line
 * break, a tab or leading/trailing spaces, with quotes doubled. Text that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 * `'`, so that spreadsheets show it as text instead of running it as a
 * formula (OWASP's advice against CSV injection); numbers are written as is.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n\t]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function oneLine(s: string): string {
  return s.replace(/[\x00-\x1F\x7F]+/g, ' ').replace(/\s+/g, ' ').trim();
}
