import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { ReportModel } from './reportModel';

/** The formats of the report: `specwright report --format` and `specwright/renderReport`. */
export const reportFormats = ['md', 'html', 'csv', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The report model in one format. The CLI and the language server both render through this. */
export function renderReport(model: ReportModel, format: ReportFormat): string {
  switch (format) {
    case 'md': return renderMarkdown(model);
    case 'html': return renderHtml(model);
    case 'csv': return renderCsv(model);
    case 'json': return renderJson(model);
  }
}
