import type { ExportIssue } from './exportIssues';
import { renderGithubJson } from './githubJson';
import { renderJiraCsv } from './jiraCsv';
import { renderLinearCsv } from './linearCsv';

/** The formats of `specwright export --format`. */
export const exportFormats = ['jira-csv', 'linear-csv', 'github-json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The issues in one tracker's import format. */
export function renderExport(issues: readonly ExportIssue[], format: ExportFormat): string {
  switch (format) {
    case 'jira-csv':
      return renderJiraCsv(issues);
    case 'linear-csv':
      return renderLinearCsv(issues);
    case 'github-json':
      return renderGithubJson(issues);
  }
}
