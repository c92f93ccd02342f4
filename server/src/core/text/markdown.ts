/**
 * Markdown from repository text: the one escaping that hover cards, tree
 * tooltips (which show the hover card) and the Markdown report use. A spec
 * file written by someone else must not bring a live link, an image (a
 * tracking beacon), raw HTML or a broken code span into what the editor or a
 * Markdown viewer renders, nor a line that a CI runner reads as a command.
 */
import { oneLine } from './oneLine';

/**
 * Inline Markdown text: on one line, with every character that could start
 * markup escaped with a backslash, as CommonMark and GitHub Flavored
 * Markdown allow for any ASCII punctuation: emphasis, links and images,
 * raw HTML, entities, table cells, code spans, and what starts GFM's bare
 * autolinks (the `:` of `://`, the `.` of `www.`, the `@` of an e-mail
 * address). A leading `:` is escaped too, so that text at the start of a
 * line never starts a GitHub Actions command (`::warning …`), and the `%` of
 * `%0A`, `%0D` and `%25` (a command's encoded line breaks) is written as an
 * entity: it renders as `%`, and the output never carries the sequence.
 */
export function mdText(s: string): string {
  return oneLine(s)
    .replace(/[\\`*_{}[\]<>#|~&!@]/g, c => `\\${c}`)
    .replace(/%(?=0[ad]|25)/gi, '&#37;')
    .replace(/^:|:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/**
 * Text of several paragraphs (a schema's description, which a team schema
 * can write): each paragraph escaped as mdText, blank lines kept between them.
 */
export function mdParagraphs(s: string): string {
  return s
    .split(/\r?\n[ \t]*\r?\n/)
    .map(mdText)
    .filter(Boolean)
    .join('\n\n');
}

/**
 * A code span (IDs, file names, statuses). The fence is longer than any run
 * of backticks inside, so the text cannot close it; `|` is escaped because
 * GFM splits table cells on it even inside code spans. A code span renders
 * nothing inside it as markup.
 */
export function mdCode(s: string): string {
  const text = oneLine(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text === '' ? ' ' : ''; // CommonMark strips one space on each side
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** A link destination, with what could end it or change it (`<`, `>`, white space, parentheses, `\`) percent-encoded. */
export function mdLinkTarget(uri: string): string {
  return uri.replace(/[<>()\s\\]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
