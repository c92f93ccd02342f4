import type { ImpactStep } from '../../core/reviews/impact';
import type { UnreadableFile } from '../../core/reviews/revisionItems';
import { atLineStart } from '../../core/text/ciCommands';
import { mdCode, mdText } from '../../core/text/markdown';
import { clean, linePath } from './text';

/** What `specwright impact` found, ready for a format. */
export interface ImpactReport {
  /** With --since: the revision as given and the commit it names. */
  since?: { revision: string; commit: string };
  /** With --since: the changed spec files that cannot be read as YAML at that revision (their items' changes are unknown). */
  unreadable?: UnreadableFile[];
  /** The items the walk starts from: the IDs named, then those changed since the revision (with the content fields that changed). */
  changed: { id: string; fields?: string[] }[];
  impacted: ImpactEntry[];
}

/** One item downstream of a changed one. */
export interface ImpactEntry {
  id: string;
  kind: string;
  title?: string;
  status?: string;
  file: string;
  /** 1-based line of its ID. */
  line: number;
  /** The changed item it is reached from, and the steps below it. */
  from: string;
  path: ImpactStep[];
}

/**
 * Text: with --since, the changed items first; then each item downstream,
 * `ID Title (kind, status) FILE:LINE`, and under it the way it is reached,
 * `REQ-101 → REQ-102 (depends_on) → ST-305 (implements)`.
 */
export function formatImpactText(report: ImpactReport): string {
  const out: string[] = [];
  if (report.since) {
    const since = clean(report.since.revision);
    const changed = report.changed.filter(c => c.fields);
    out.push(
      changed.length
        ? `Changed since ${since}: ${changed.map(c => `${clean(c.id)} (${c.fields!.join(', ')})`).join(', ')}`
        : `No item's content changed since ${since}.`,
    );
    for (const u of report.unreadable ?? []) out.push(unreadableText(u, since, clean));
  }
  const starts = report.changed.map(c => clean(c.id)).join(', ');
  if (report.changed.length) {
    out.push(
      report.impacted.length
        ? `${count(report.impacted.length)} downstream of ${starts}:`
        : `Nothing is downstream of ${starts}.`,
    );
  }
  for (const e of report.impacted) {
    const title = e.title ? ` ${clean(e.title)}` : '';
    const facts = [e.kind, e.status].filter(Boolean).map(s => clean(s!));
    out.push(`${atLineStart(clean(e.id))}${title} (${facts.join(', ')}) ${linePath(e.file)}:${e.line}`);
    out.push(`  ${pathText(e, id => atLineStart(clean(id)))}`);
  }
  return out.join('\n') + '\n';
}

/** JSON: version, root, then the report. */
export function formatImpactJson(report: ImpactReport, root: string): string {
  const { since, unreadable, changed, impacted } = report;
  return JSON.stringify({ version: 1, root, since, unreadable, changed, impacted }, null, 2) + '\n';
}

/** Markdown for a pull request or an issue: the changed items, then a table of what lies below them. */
export function formatImpactMarkdown(report: ImpactReport): string {
  const out: string[] = [];
  out.push(
    report.since
      ? `## Impact of the changes since ${mdCode(report.since.revision)}`
      : `## Impact of changes to ${report.changed.map(c => mdCode(c.id)).join(', ')}`,
  );
  out.push('');
  if (report.since) {
    const changed = report.changed.filter(c => c.fields);
    if (!changed.length) out.push(`No item's content changed since ${mdCode(report.since.revision)}.`, '');
    else {
      out.push('Changed:', '');
      for (const c of changed) out.push(`- ${mdCode(c.id)}: ${c.fields!.map(f => mdCode(f)).join(', ')}`);
      out.push('');
    }
    const unreadable = report.unreadable ?? [];
    for (const u of unreadable)
      out.push(`- ${unreadableText(u, mdCode(report.since.revision), mdText, mdCode)}`);
    if (unreadable.length) out.push('');
  }
  if (!report.changed.length) return out.join('\n');
  if (!report.impacted.length) {
    out.push('Nothing is downstream of the changed items.', '');
    return out.join('\n');
  }
  out.push(`${count(report.impacted.length)} to re-read:`, '');
  out.push('| Item | Kind | Status | File | Reached by |', '| --- | --- | --- | --- | --- |');
  for (const e of report.impacted) {
    const title = e.title ? ` ${mdText(e.title)}` : '';
    out.push(
      `| ${mdCode(e.id)}${title} | ${mdText(e.kind)} | ${e.status ? mdText(e.status) : ''} | ${mdCode(`${e.file}:${e.line}`)} | ${pathText(e, mdCode)} |`,
    );
  }
  out.push('');
  return out.join('\n');
}

/** A file --since could not read: what was in it then is unknown, so its items' changes are too. */
function unreadableText(
  u: UnreadableFile,
  since: string,
  text: (s: string) => string,
  path: (s: string) => string = text,
): string {
  return `Cannot read ${path(u.path)} at ${since} (line ${u.line}: ${text(u.reason)}): its items are not compared.`;
}

/** `FROM → A (field) → B (field)`, IDs written by `id`. */
function pathText(e: ImpactEntry, id: (s: string) => string): string {
  return [id(e.from), ...e.path.map(s => `${id(s.id)} (${s.via})`)].join(' → ');
}

function count(n: number): string {
  return `${n} ${n === 1 ? 'item' : 'items'}`;
}
