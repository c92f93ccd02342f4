/**
 * Text on one line: control characters and runs of white space (line breaks too) become
 * one space. Finding messages, report cells and Markdown all use it: a value
 * quoted from a spec file may hold line breaks, and a message is one line.
 */
export function oneLine(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\x00-\x1F\x7F-\x9F\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
