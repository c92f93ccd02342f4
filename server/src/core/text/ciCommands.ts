/**
 * CI runners read commands out of a job's log: GitHub Actions takes any line
 * of stdout or stderr that begins with `::` (after white space, which it
 * trims) as a workflow command (`::error file=…::`, `::add-mask::`,
 * `::stop-commands::`). Text from a repository written by someone else must
 * never start such a line, or it forges annotations and masks. Every output
 * that puts repository text first on a line goes through one of these.
 */

/** Whether a line would be read as a workflow command. */
export function isCommandLine(line: string): boolean {
  return /^\s*::/.test(line);
}

/**
 * Text that starts a line of output, made unable to start a command: when it
 * begins with `:`, `mark` goes in front (`./` for a file name, which still
 * names the same file; `\` elsewhere).
 */
export function atLineStart(text: string, mark = '\\'): string {
  return /^\s*:/.test(text) ? `${mark}${text.trimStart()}` : text;
}

/**
 * `%0A` and `%0D` (and `%25`) are how a workflow command's message encodes
 * line breaks: text from a repository keeps them as written, with the `%`
 * itself encoded, so that no runner ever decodes them into a line break.
 */
export function encodeCommandEscapes(text: string): string {
  return text.replace(/%(?=0[ad]|25)/gi, '%25');
}
