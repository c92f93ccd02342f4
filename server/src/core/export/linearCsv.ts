import { csvDocument } from './csvCell';
import { describe } from './description';
import type { ExportIssue, IssueKind, Priority } from './exportIssues';

/**
 * Linear's CSV import (Settings → Import / Export → CSV, or
 * `linear-import`) reads the columns of Linear's own CSV export; of those
 * (`ID, Team, Title, Description, Status, Estimate, Priority, Project,
 * Creator, Assignee, Labels, Cycle …, Created, Updated, …, Archived`),
 * Specwright writes the ones a spec knows:
 *
 * - `Title`; `Description`: Markdown (description.ts), which also names the
 *   epic an issue is part of (this import has no parent column).
 * - `Status`: draft and review → Backlog, approved → Todo, in-progress →
 *   In Progress, done → Done, cancelled → Canceled (a team's default
 *   workflow states).
 * - `Priority`: Linear's names (Urgent, High, Medium, Low, No priority):
 *   must → High, should → Medium, could → Low, wont and none → No priority.
 * - `Estimate`: a story's estimate.
 * - `Labels`: comma-and-space separated: the kind (Epic, Story,
 *   Requirement) and the release ID, as Linear's own Jira import makes a
 *   label of a release.
 */
export const linearColumns = ['Title', 'Description', 'Status', 'Priority', 'Estimate', 'Labels'] as const;

export const linearPriority: Record<Priority, string> = {
  must: 'High',
  should: 'Medium',
  could: 'Low',
  wont: 'No priority',
};

export const linearStatus: Record<string, string> = {
  draft: 'Backlog',
  review: 'Backlog',
  approved: 'Todo',
  'in-progress': 'In Progress',
  done: 'Done',
  cancelled: 'Canceled',
};

const kindLabel: Record<IssueKind, string> = { epic: 'Epic', story: 'Story', requirement: 'Requirement' };

export function renderLinearCsv(issues: readonly ExportIssue[]): string {
  return csvDocument(
    linearColumns,
    issues.map(issue => [
      issue.title,
      describe(issue, 'markdown'),
      Object.hasOwn(linearStatus, issue.status) ? linearStatus[issue.status] : 'Backlog',
      issue.priority ? linearPriority[issue.priority] : 'No priority',
      issue.estimate,
      [kindLabel[issue.kind], issue.release].filter(Boolean).join(', '),
    ]),
  );
}
