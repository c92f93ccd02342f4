import { describe } from './description';
import type { ExportIssue } from './exportIssues';

/**
 * GitHub issues, one JSON object per line (JSON Lines), each what the REST
 * API's "create an issue" (`POST /repos/{owner}/{repo}/issues`) takes and
 * what `gh issue create` needs: `title`, `body` (Markdown, description.ts),
 * `labels` (the kind: epic, story, requirement) and `milestone` (the
 * release ID, or null). The REST API wants a milestone's number and `gh
 * issue create --milestone` its title: docs/export.md shows the loop that
 * creates them with either. JSON escapes every line break, so no text from
 * a spec starts a line of the output.
 */
export const githubKeys = ['title', 'body', 'labels', 'milestone'] as const;

export interface GithubIssue {
  title: string;
  body: string;
  labels: string[];
  milestone: string | null;
}

export function renderGithubJson(issues: readonly ExportIssue[]): string {
  return issues
    .map(issue => {
      const out: GithubIssue = {
        title: issue.title,
        body: describe(issue, 'markdown'),
        labels: [issue.kind],
        milestone: issue.release ?? null,
      };
      return `${JSON.stringify(out)}\n`;
    })
    .join('');
}
