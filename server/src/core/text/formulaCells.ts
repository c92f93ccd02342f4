/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`,
 * `+`, `-` or `@` as a formula (`=HYPERLINK(…)`, `=cmd|…`), and one that
 * starts with a tab or a carriage return may be read the same way once
 * trimmed. Such a value gets a leading `'`, which spreadsheets take as
 * "text" and do not show. The one rule for every CSV Specwright writes
 * (the report's, report/escape.ts, and the exports', export/csvCell.ts).
 */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
