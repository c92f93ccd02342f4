import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { ReportModel } from './reportModel';

/** The formats of the report: `specwright report --format` and `specwright/renderReport`. */
export const reportFormats = ['md', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/**
 * The largest report Specwright writes, in characters (64 Mi, about 64 MB).
 * Reports grow with the workspace (each requirement once), so only a huge
 * workspace reaches it; past it the report is refused with a message,
 * never a crash of the process on a string too long to build.
 */
export const maxReportLength = 64 * 1024 * 1024;

/** A report over the limit: the message says how large it would be and what to do. */
export class ReportTooLarge extends Error {
  constructor(format: ReportFormat, length: number | undefined, limit: number) {
    const size = length === undefined ? 'larger than the process can hold' : `${megabytes(length)} MB`;
    super(
      `the ${format} report would be ${size}, over the limit of ${megabytes(limit)} MB for a report; report a smaller folder`,
    );
  }
}

/** The report model in one format. The CLI and the language server both render through this. */
export function renderReport(model: ReportModel, format: ReportFormat, limit = maxReportLength): string {
  let text: string;
  try {
    text = render(model, format);
  } catch (err) {
    // V8 refuses a string past its maximum length with a RangeError ("Invalid string length").
    if (err instanceof RangeError) throw new ReportTooLarge(format, undefined, limit);
    throw err;
  }
  if (text.length > limit) throw new ReportTooLarge(format, text.length, limit);
  return text;
}

function render(model: ReportModel, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return renderMarkdown(model);
    case 'html':
      return renderHtml(model);
    case 'csv':
      return renderCsv(model);
    case 'json':
      return renderJson(model);
  }
}

function megabytes(n: number): string {
  const mb = n / (1024 * 1024);
  return mb >= 10 ? String(Math.round(mb)) : String(Math.round(mb * 10) / 10);
}
