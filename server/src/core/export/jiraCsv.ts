import { csvDocument } from './csvCell';
import { describe } from './description';
import type { ExportIssue, IssueKind, Priority } from './exportIssues';

/**
 * Jira's CSV importer (Jira Cloud: Settings → System → External system
 * import → CSV; or a project's "Import work items"). Its columns map by
 * name to Jira fields:
 *
 * - `Issue ID`: a number that identifies the row inside this file (1, 2, …);
 *   `Parent` names the Issue ID of the parent row, or the key of an issue
 *   already in Jira (`PAY-12`) when the epic was left out for having a
 *   ticket. Atlassian's note on parent-child mapping asks for parents in
 *   rows above their children: epics, then stories, then sub-tasks.
 * - `Issue Type`: Epic, Story, Sub-task (requirements, with
 *   `--requirements`, as sub-tasks of their epic).
 * - `Summary`: the title, cut to Jira's limit of 255 characters (ending
 *   in `…`; the spec line of the description names the item);
 *   `Description`: wiki markup (description.ts).
 * - `Priority`: MoSCoW mapped to Jira's default priority scheme (must →
 *   High, should → Medium, could → Low, wont → Lowest; none: empty, the
 *   project's default). Highest is left for what is urgent, which MoSCoW
 *   does not say.
 * - `Labels`: the spec ID (a label holds no white space: an ID the schema
 *   refuses for holding some gets `_` there, rather than becoming two labels).
 * - `Fix Version`: the release ID, which the importer creates as a version.
 */
export const jiraColumns = [
  'Issue ID',
  'Parent',
  'Issue Type',
  'Summary',
  'Description',
  'Priority',
  'Labels',
  'Fix Version',
] as const;

export const jiraPriority: Record<Priority, string> = {
  must: 'High',
  should: 'Medium',
  could: 'Low',
  wont: 'Lowest',
};

export const jiraIssueType: Record<IssueKind, string> = {
  epic: 'Epic',
  story: 'Story',
  requirement: 'Sub-task',
};

export function renderJiraCsv(issues: readonly ExportIssue[]): string {
  const rowOf = new Map(issues.map((issue, i) => [issue.id, i + 1]));
  return csvDocument(
    jiraColumns,
    issues.map((issue, i) => [
      i + 1,
      issue.parent ? (issue.parent.exported ? rowOf.get(issue.parent.id) : issue.parent.ticket) : undefined,
      jiraIssueType[issue.kind],
      summary(issue.title),
      describe(issue, 'jira'),
      issue.priority && jiraPriority[issue.priority],
      issue.id.replace(/\s+/g, '_'),
      issue.release,
    ]),
  );
}

/** Jira refuses a summary longer than 255 characters (code points cut whole). */
export const jiraSummaryLimit = 255;

function summary(title: string): string {
  const chars = [...title];
  return chars.length <= jiraSummaryLimit ? title : `${chars.slice(0, jiraSummaryLimit - 1).join('')}…`;
}
