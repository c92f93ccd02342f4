import { mdCode, mdText } from '../text/markdown';
import type { FieldChange, WordChange } from './semanticDiff';

/**
 * A field's change in Markdown, as `specwright diff --format md` and the
 * hover on a suspect link show it: short values old → new in code spans,
 * text as a word diff, list entries removed, added or edited.
 */
export function fieldMarkdown(f: FieldChange): string[] {
  const name = `**${mdText(f.field)}**`;
  switch (f.change) {
    case 'value':
      return [`- ${name}: ${valueOf(f.before)} → ${valueOf(f.after)}`];
    case 'text':
      return [`- ${name}: ${wordsMarkdown(f.words)}`];
    case 'list':
      return [
        `- ${name}:`,
        ...f.entries.map(e =>
          e.op === 'edited'
            ? `  - edited: ${wordsMarkdown(e.words)}`
            : e.op === '+'
              ? `  - added: ${mdText(e.text)}`
              : `  - removed: ~~${mdText(e.text)}~~`,
        ),
      ];
  }
}

/**
 * Words of a diff: removed ~~struck~~, added **bold**. The white space
 * around a change goes outside its marks (inside, they do not render), and
 * a removal followed at once by an addition gets a space between them.
 */
function wordsMarkdown(words: readonly WordChange[]): string {
  const out: string[] = [];
  for (const w of words) {
    const [, lead, body, trail] = /^(\s*)(.*?)(\s*)$/s.exec(w.text)!;
    const text = mdText(body);
    if (text === '') {
      if (w.op === '=') out.push(' ');
      continue;
    }
    const marked = w.op === '=' ? text : w.op === '-' ? `~~${text}~~` : `**${text}**`;
    out.push(`${lead ? ' ' : ''}${marked}${trail ? ' ' : ''}`);
  }
  return out
    .join('')
    .replace(/~~\*\*/g, '~~ **')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function valueOf(v: string | undefined): string {
  return v === undefined ? '(none)' : mdCode(v);
}
