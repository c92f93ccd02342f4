/**
 * Random damage to spec files, for property tests: byte flips, deleted and
 * duplicated lines, changed indentation (spaces or a tab), inserted YAML
 * punctuation (anchors, tags, conflict markers, document markers, odd line
 * breaks) and truncation.
 */
import fc from 'fast-check';

export const punctuation = [
  ':',
  ': ',
  '- ',
  '-',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '*b ',
  '!!str ',
  '!tag ',
  '|',
  '|-',
  '>',
  '#',
  "'",
  '"',
  '? ',
  '%',
  '\n---\n',
  '\n...\n',
  '%YAML 1.1\n---\n',
  '<<: *a\n',
  '\t',
  '\\',
  '\n<<<<<<< HEAD\n',
  '\n=======\n',
  '\n>>>>>>> theirs\n',
  '\n||||||| base\n',
  'id: REQ-1',
  'depends_on: [REQ-1, REQ-1]',
  'status: done',
  '__proto__: {}',
  ' # comment',
  '😀',
  '\ufeff',
  '\r',
  '\r\n',
  '\u0085',
  '\u2028',
];
const chars = fc.constantFrom(
  ...'abcXYZ019 :-[]{},&*!|>#\'"?%\t\n\r\u0000😀\u00e9\ufeff'.split(''),
  '\ud800',
  '\udc00',
);

export type Damage =
  | { op: 'flip'; at: number; ch: string }
  | { op: 'deleteLine'; line: number }
  | { op: 'duplicateLine'; line: number }
  | { op: 'indent'; line: number; delta: number; tab: boolean }
  | { op: 'insert'; at: number; text: string }
  | { op: 'truncate'; at: number };

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), ch: chars }),
  fc.record({ op: fc.constant('deleteLine' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicateLine' as const), line: fc.nat() }),
  fc.record({
    op: fc.constant('indent' as const),
    line: fc.nat(),
    delta: fc.integer({ min: -4, max: 4 }),
    tab: fc.boolean(),
  }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...punctuation) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

export function damaged(text: string, d: Damage): string {
  const lines = text.split('\n');
  switch (d.op) {
    case 'flip': {
      if (!text.length) return d.ch;
      const at = d.at % text.length;
      return text.slice(0, at) + d.ch + text.slice(at + 1);
    }
    case 'deleteLine':
      lines.splice(d.line % lines.length, 1);
      return lines.join('\n');
    case 'duplicateLine': {
      const i = d.line % lines.length;
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'indent': {
      const i = d.line % lines.length;
      lines[i] =
        d.delta >= 0
          ? (d.tab ? '\t' : ' '.repeat(d.delta)) + lines[i]
          : lines[i].replace(new RegExp(`^ {0,${-d.delta}}`), '');
      return lines.join('\n');
    }
    case 'insert': {
      const at = d.at % (text.length + 1);
      return text.slice(0, at) + d.text + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, d.at % (text.length + 1));
  }
}
