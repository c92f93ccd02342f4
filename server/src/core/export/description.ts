import type { ExportIssue } from './exportIssues';

/**
 * An issue's description as a tracker shows it: its text, the acceptance
 * criteria as a checklist, what a story implements, the epic it is part of
 * (where the format has no parent column) and the spec item it comes from,
 * so that whoever opens the issue finds the spec.
 *
 * Two markups: Jira's wiki markup (its CSV importer reads descriptions as
 * wiki markup, which has no checkbox: each criterion is a bullet with a
 * ballot box), and Markdown for Linear and GitHub (task list items, which
 * both show as checkboxes).
 */
export type Markup = 'jira' | 'markdown';

export function describe(issue: ExportIssue, markup: Markup): string {
  const jira = markup === 'jira';
  const text = jira ? wikiText : (s: string): string => s;
  const blocks: string[] = issue.text.map(text);
  if (issue.criteria.length) {
    const heading = jira ? '*Acceptance criteria*' : '**Acceptance criteria**';
    const items = issue.criteria.map(c => (jira ? `* ☐ ${wikiText(c)}` : `- [ ] ${c}`));
    blocks.push(jira ? [heading, ...items].join('\n') : `${heading}\n\n${items.join('\n')}`);
  }
  if (issue.implements.length) blocks.push(`Implements: ${issue.implements.map(text).join('; ')}`);
  if (!jira && issue.parent) {
    const where = issue.parent.ticket ? ` (${issue.parent.ticket})` : '';
    blocks.push(`Part of ${issue.parent.id} ${issue.parent.title}${where}`);
  }
  blocks.push(
    jira
      ? `Specwright: ${issue.id} in ${wikiText(issue.file)}`
      : `Specwright: \`${issue.id}\` in \`${issue.file.replace(/`/g, "'")}\``,
  );
  return blocks.join('\n\n');
}

/**
 * Text in Jira wiki markup, its markup characters escaped: `[…]` (links),
 * `{…}` (macros), `|` (tables) and `!…!` (images, which would load from any
 * address written in a spec) stay literal. A backslash is left as it is:
 * doubled, it would be a line break.
 */
function wikiText(s: string): string {
  return s.replace(/[[\]{}|!]/g, c => `\\${c}`);
}
