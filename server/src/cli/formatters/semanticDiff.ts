import type {
  DiffItem,
  FieldChange,
  ListEntryChange,
  SpecDiff,
  WordChange,
} from '../../core/reviews/semanticDiff';
import { atLineStart } from '../../core/text/ciCommands';
import { fieldMarkdown } from '../../core/reviews/changeMarkdown';
import { mdCode, mdText } from '../../core/text/markdown';
import { clean } from './text';

/** The two sides of a diff as the command line named them; `to` undefined: the working tree. */
export interface DiffSides {
  from: { revision: string; commit: string };
  to?: { revision: string; commit: string };
}

/** The counts of a diff, in words: `2 added, 1 removed, ...`; empty when nothing changed. */
export function diffSummary(diff: SpecDiff): string {
  const parts: string[] = [];
  if (diff.added.length) parts.push(`${diff.added.length} added`);
  if (diff.removed.length) parts.push(`${diff.removed.length} removed`);
  if (diff.moved.length) parts.push(`${diff.moved.length} moved`);
  if (diff.changed.length) parts.push(`${diff.changed.length} changed`);
  if (diff.transitions.length)
    parts.push(
      `${diff.transitions.length} status or priority ${diff.transitions.length === 1 ? 'change' : 'changes'}`,
    );
  if (diff.unreadable.length)
    parts.push(`${diff.unreadable.length} ${diff.unreadable.length === 1 ? 'file' : 'files'} unreadable`);
  return parts.join(', ');
}

/** Where a file cannot be read: `PATH at REV (line N: reason)`, REV as the command line named it. */
function unreadableText(
  u: SpecDiff['unreadable'][number],
  sides: DiffSides,
  show: { path: (s: string) => string; revision: (s: string) => string; text: (s: string) => string },
): string {
  const side = u.side === 'before' ? sides.from : sides.to;
  const at = side ? show.revision(side.revision) : 'the working tree';
  return `${show.path(u.path)} at ${at} (line ${u.line}: ${show.text(u.reason)}): its items there are not compared`;
}

function sidesText(sides: DiffSides, code: (s: string) => string): string {
  return `${code(sides.from.revision)} → ${sides.to ? code(sides.to.revision) : 'working tree'}`;
}

/**
 * Text: a summary line, then one section per kind of change. Changed fields
 * read `field: old → new`, text as a word diff in git's plain notation
 * (`[-removed-]{+added+}`), list entries with `+`, `-` or `~` (edited).
 */
export function formatDiffText(diff: SpecDiff, sides: DiffSides): string {
  const out: string[] = [];
  const summary = diffSummary(diff);
  out.push(`Spec changes ${sidesText(sides, clean)}: ${summary || 'none'}`);
  const label = (i: DiffItem): string =>
    `${atLineStart(clean(i.id))}${i.title !== undefined ? ` ${clean(i.title)}` : ''} (${i.kind})`;
  const section = (name: string, lines: string[]): void => {
    if (lines.length) out.push('', `${name}:`, ...lines.map(l => `  ${l}`));
  };
  section(
    'Status and priority',
    diff.transitions.map(
      t => `${label(t)} ${t.field}: ${valueText(t.before, clean)} → ${valueText(t.after, clean)}`,
    ),
  );
  section(
    'Added',
    diff.added.map(i => `${label(i)} in ${clean(i.path)}`),
  );
  section(
    'Removed',
    diff.removed.map(i => `${label(i)} was in ${clean(i.path)}`),
  );
  section(
    'Moved',
    diff.moved.map(i => `${label(i)}: ${clean(i.from)} → ${clean(i.path)}`),
  );
  section(
    'Unreadable',
    diff.unreadable.map(u =>
      unreadableText(u, sides, { path: p => atLineStart(clean(p)), revision: clean, text: clean }),
    ),
  );
  section(
    'Changed',
    diff.changed.flatMap(c => [
      `${label(c)} in ${clean(c.path)}`,
      ...c.fields.flatMap(f => fieldText(f).map(l => `  ${l}`)),
    ]),
  );
  return out.join('\n') + '\n';
}

function fieldText(f: FieldChange): string[] {
  switch (f.change) {
    case 'value':
      return [`${fieldName(f.field)}: ${valueText(f.before, clean)} → ${valueText(f.after, clean)}`];
    case 'text':
      return [`${fieldName(f.field)}: ${wordsText(f.words)}`];
    case 'list':
      return [`${fieldName(f.field)}:`, ...f.entries.map(e => `  ${entryText(e)}`)];
  }
}

/** A field name (a YAML key, so repository text) that starts a line: it never starts a CI command. */
function fieldName(field: string): string {
  return atLineStart(clean(field));
}

function entryText(e: ListEntryChange): string {
  return e.op === 'edited' ? `~ ${wordsText(e.words)}` : `${e.op} ${clean(e.text)}`;
}

function wordsText(words: readonly WordChange[]): string {
  return words
    .map(w => (w.op === '=' ? clean(w.text) : w.op === '-' ? `[-${clean(w.text)}-]` : `{+${clean(w.text)}+}`))
    .join('');
}

function valueText(v: string | undefined, show: (s: string) => string): string {
  return v === undefined ? '(none)' : show(v);
}

/** JSON: version, the two sides (`to` null for the working tree), a summary, then the diff. */
export function formatDiffJson(diff: SpecDiff, sides: DiffSides, root: string): string {
  return (
    JSON.stringify(
      {
        version: 1,
        root,
        from: sides.from,
        to: sides.to ?? null,
        summary: {
          added: diff.added.length,
          removed: diff.removed.length,
          moved: diff.moved.length,
          changed: diff.changed.length,
          transitions: diff.transitions.length,
        },
        ...diff,
      },
      null,
      2,
    ) + '\n'
  );
}

/**
 * Markdown for a pull-request comment: a heading with the two sides and the
 * counts; status and priority changes as a table; added, removed and moved
 * items as lists; each changed item under its own heading with one bullet
 * per field, removed words struck through (~~old~~) and added ones in bold.
 * All repository text is escaped (core/text/markdown.ts).
 */
export function formatDiffMarkdown(diff: SpecDiff, sides: DiffSides): string {
  const out: string[] = [];
  const summary = diffSummary(diff);
  out.push(`## Spec changes: ${sidesText(sides, mdCode)}`, '');
  out.push(summary ? `${summary}.` : 'No spec item changed.', '');
  const label = (i: DiffItem): string =>
    `${mdCode(i.id)}${i.title !== undefined ? ` ${mdText(i.title)}` : ''} (${i.kind})`;
  if (diff.transitions.length) {
    out.push('### Status and priority', '', '| Item | Field | Before | After |', '| --- | --- | --- | --- |');
    for (const t of diff.transitions)
      out.push(
        `| ${label(t)} | ${t.field} | ${valueText(t.before, mdCode)} | ${valueText(t.after, mdCode)} |`,
      );
    out.push('');
  }
  const list = (heading: string, lines: string[]): void => {
    if (lines.length) out.push(`### ${heading}`, '', ...lines.map(l => `- ${l}`), '');
  };
  list(
    'Added',
    diff.added.map(i => `${label(i)} in ${mdCode(i.path)}`),
  );
  list(
    'Removed',
    diff.removed.map(i => `${label(i)}, was in ${mdCode(i.path)}`),
  );
  list(
    'Moved',
    diff.moved.map(i => `${label(i)}: ${mdCode(i.from)} → ${mdCode(i.path)}`),
  );
  list(
    'Unreadable files',
    diff.unreadable.map(u => unreadableText(u, sides, { path: mdCode, revision: mdCode, text: mdText })),
  );
  if (diff.changed.length) {
    out.push('### Changed', '');
    for (const c of diff.changed) {
      out.push(`#### ${label(c)}`, '', `in ${mdCode(c.path)}`, '');
      for (const f of c.fields) out.push(...fieldMarkdown(f));
      out.push('');
    }
  }
  return out.join('\n');
}
