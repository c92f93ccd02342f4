import { RE2JS } from 're2js';
import { withThousands } from '../text/numbers';

/**
 * Regular expressions written by a repository (a team schema's `pattern` and
 * `patternProperties`), run by a linear-time engine: RE2 (re2js, a pure
 * JavaScript port), never by JavaScript's backtracking RegExp.
 *
 * Why an engine and not a check of the pattern's shape: a running RegExp
 * cannot be interrupted on the thread that runs it, and no check of shapes
 * catches every pattern that backtracks (`^(a{1,2}){1,100}$`,
 * `^[a-z]+[a-z]+[a-z]+[a-z]+$` passed the old one). RE2 matches in time
 * proportional to the text, whatever the pattern.
 *
 * A JSON Schema pattern is an ECMAScript regular expression (with the `u`
 * flag, as Ajv compiles it). It is read here by that grammar and written in
 * RE2's syntax with the same meaning: `.` and `\s` keep JavaScript's sets of
 * characters, `[` inside a class is a character, `\uD83D\uDE00` is one code
 * point. What has no linear-time meaning — backreferences and lookaround — is
 * refused, as is a pattern whose counted repetitions expand it past
 * `maxPatternSize` steps (RE2 stays linear, but the constant grows with the
 * pattern: `\b(\w+\s?){1,1000}$` takes seconds on 10 KB). A refusal is a
 * finding on the configuration; nothing ever falls back to backtracking.
 */

/** Longest pattern source read. */
export const maxPatternLength = 1000;

/** Most steps a pattern may expand to: each character or class is one, a counted repetition multiplies. */
export const maxPatternSize = 2000;

/** A compiled pattern: `test` searches anywhere in the text, as `RegExp.prototype.test` does. */
export interface LinearRegExp {
  test(text: string): boolean;
  readonly source: string;
  toString(): string;
}

/** Why a pattern cannot be run (in words for the schema's author). */
export class UnsupportedPattern extends Error {
  constructor(
    readonly pattern: string,
    readonly reason: string,
  ) {
    super(`the pattern ${JSON.stringify(pattern)} ${reason}`);
    this.name = 'UnsupportedPattern';
  }
}

const cache = new Map<string, LinearRegExp | UnsupportedPattern>();
const maxCached = 1000;

/** Compile a pattern for the linear-time engine; throws UnsupportedPattern. */
export function linearRegExp(pattern: string): LinearRegExp {
  let hit = cache.get(pattern);
  if (hit === undefined) {
    hit = compile(pattern);
    if (cache.size >= maxCached) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, hit);
  }
  if (hit instanceof UnsupportedPattern) throw hit;
  return hit;
}

/**
 * The engine for Ajv's `code.regExp` option. Ajv calls it with the `u` flag
 * (the meaning `translate` keeps). Ajv writes `code` only into standalone
 * validation code, which Specwright never generates; it names this module.
 */
export const linearRegExpEngine: ((pattern: string, flags: string) => LinearRegExp) & { code: string } =
  Object.assign((pattern: string, _flags: string): LinearRegExp => linearRegExp(pattern), {
    code: 'linearRegExp',
  });

function compile(pattern: string): LinearRegExp | UnsupportedPattern {
  if (pattern.length > maxPatternLength)
    return new UnsupportedPattern(clip(pattern), `is longer than ${maxPatternLength} characters`);
  try {
    // Only parsed, never run: whether it is an ECMAScript pattern at all.
    new RegExp(pattern, 'u');
  } catch (err) {
    return new UnsupportedPattern(
      pattern,
      `is not a valid regular expression: ${err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/u?: /s, '') : String(err)}`,
    );
  }
  const translated = translate(pattern);
  if ('refused' in translated) return new UnsupportedPattern(pattern, translated.refused);
  let re: RE2JS;
  try {
    re = RE2JS.compile(translated.source);
  } catch (err) {
    const why = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    return new UnsupportedPattern(pattern, `cannot be run by the linear-time engine (${why})`);
  }
  return { source: pattern, test: text => re.test(text), toString: () => `/${pattern}/u` };
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

// ---- ECMAScript (u) → RE2 ------------------------------------------------------

/** JavaScript's `\s`: White_Space and line terminators, plus U+FEFF. */
const space =
  '\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}';
/** Its complement, as ranges (RE2 cannot negate a set inside a class). */
const nonSpace =
  '\\x{0}-\\x{8}\\x{E}-\\x{1F}\\x{21}-\\x{9F}\\x{A1}-\\x{167F}\\x{1681}-\\x{1FFF}\\x{200B}-\\x{2027}\\x{202A}-\\x{202E}\\x{2030}-\\x{205E}\\x{2060}-\\x{2FFF}\\x{3001}-\\x{FEFE}\\x{FF00}-\\x{10FFFF}';
/** JavaScript's `.` without the `s` flag: anything but a line terminator. */
const dot = '[^\\n\\r\\x{2028}\\x{2029}]';

/** An open group while translating: the size of its current alternative, of the alternatives before it, and of the last atom (for a quantifier). */
interface Frame {
  size: number;
  alt: number;
  last: number;
}

/**
 * Rewrite a valid ECMAScript (u-mode) pattern in RE2's syntax, measuring its
 * expanded size, or say why it has no linear-time equivalent.
 */
function translate(p: string): { source: string } | { refused: string } {
  let out = '';
  const stack: Frame[] = [{ size: 0, alt: 0, last: 0 }];
  const top = (): Frame => stack[stack.length - 1];
  const atom = (text: string, size = 1): void => {
    out += text;
    top().size += size;
    top().last = size;
  };
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '\\') {
      const e = readEscape(p, i, false);
      if ('refused' in e) return e;
      atom(e.text);
      i = e.end;
    } else if (c === '[') {
      const cls = readClass(p, i);
      if ('refused' in cls) return cls;
      atom(cls.text);
      i = cls.end;
    } else if (c === '(') {
      if (
        p.startsWith('(?=', i) ||
        p.startsWith('(?!', i) ||
        p.startsWith('(?<=', i) ||
        p.startsWith('(?<!', i)
      ) {
        return {
          refused:
            'uses lookaround ((?=, (?!, (?<=, (?<!), which the linear-time engine cannot run; write the pattern without it',
        };
      }
      let j = i + 1;
      if (p.startsWith('(?<', i)) {
        const close = p.indexOf('>', i);
        out += `(?P<${p.slice(i + 3, close)}>`;
        j = close + 1;
      } else if (p[i + 1] === '?') {
        const colon = p.indexOf(':', i);
        out += p.slice(i, colon + 1); // (?: and modifiers such as (?i:
        j = colon + 1;
      } else {
        out += '(';
      }
      stack.push({ size: 0, alt: 0, last: 0 });
      i = j;
    } else if (c === ')') {
      const g = stack.pop()!;
      out += ')';
      const size = g.alt + g.size + 1;
      top().size += size;
      top().last = size;
      i++;
    } else if (c === '|') {
      const g = top();
      g.alt += g.size; // alternatives add up
      g.size = 0;
      g.last = 0;
      out += '|';
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      let end = i + 1;
      let times = 2;
      if (c === '{') {
        end = p.indexOf('}', i) + 1;
        const [min, max] = p.slice(i + 1, end - 1).split(',');
        times = Math.max(
          Number(min),
          max === undefined ? Number(min) : max === '' ? Number(min) + 1 : Number(max),
          1,
        );
      }
      if (p[end] === '?') end++;
      out += p.slice(i, end);
      const g = top();
      g.size += g.last * (times - 1);
      g.last = 0;
      i = end;
    } else if (c === '.') {
      atom(dot);
      i++;
    } else {
      const cp = p.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      // ^ and $ mean the same in both (no m flag); other characters are literal.
      atom(c === '^' || c === '$' ? c : literal(cp));
      i += ch.length;
    }
    const whole = stack.reduce((n, f) => n + f.alt + f.size, 0);
    if (whole > maxPatternSize) {
      return {
        refused: `expands to more than ${withThousands(maxPatternSize)} steps (counted repetitions multiply); use smaller counts, + or *, or maxLength for a length limit`,
      };
    }
  }
  return { source: out };
}

/** A literal code point in RE2 syntax. */
function literal(cp: number): string {
  if (cp < 0x20 || cp > 0x7e) return `\\x{${cp.toString(16).toUpperCase()}}`;
  const ch = String.fromCharCode(cp);
  return /[\\.+*?()|[\]{}^$-]/.test(ch) ? `\\${ch}` : ch;
}

/** One escape at `i` (`\...`), inside a class or not. */
function readEscape(
  p: string,
  i: number,
  inClass: boolean,
): { text: string; end: number; cp?: number } | { refused: string } {
  const e = p[i + 1];
  const code = (cp: number, end: number): { text: string; end: number; cp: number } => ({
    text: literal(cp),
    end,
    cp,
  });
  switch (e) {
    case 'd':
    case 'D':
    case 'w':
    case 'W':
      return { text: `\\${e}`, end: i + 2 };
    case 's':
      return { text: inClass ? space : `[${space}]`, end: i + 2 };
    case 'S':
      return { text: inClass ? nonSpace : `[${nonSpace}]`, end: i + 2 };
    case 'b':
      return inClass ? code(8, i + 2) : { text: '\\b', end: i + 2 };
    case 'B':
      return { text: '\\B', end: i + 2 };
    case 't':
      return code(9, i + 2);
    case 'n':
      return code(10, i + 2);
    case 'v':
      return code(11, i + 2);
    case 'f':
      return code(12, i + 2);
    case 'r':
      return code(13, i + 2);
    case '0':
      return code(0, i + 2);
    case 'c':
      return code(p.charCodeAt(i + 2) % 32, i + 3);
    case 'x':
      return code(parseInt(p.slice(i + 2, i + 4), 16), i + 4);
    case 'u': {
      if (p[i + 2] === '{') {
        const close = p.indexOf('}', i);
        return code(parseInt(p.slice(i + 3, close), 16), close + 1);
      }
      const hi = parseInt(p.slice(i + 2, i + 6), 16);
      // A surrogate pair written as two escapes is one code point under the u flag.
      if (hi >= 0xd800 && hi <= 0xdbff && p.startsWith('\\u', i + 6)) {
        const lo = parseInt(p.slice(i + 8, i + 12), 16);
        if (lo >= 0xdc00 && lo <= 0xdfff)
          return code(0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00), i + 12);
      }
      return code(hi, i + 6);
    }
    case 'p':
    case 'P': {
      const close = p.indexOf('}', i);
      const body = p.slice(i + 3, close);
      // \p{Script=Greek}, \p{sc=Greek}, \p{General_Category=L}, \p{gc=L}: RE2 names the value alone.
      const value = body.replace(/^(?:Script|sc|General_Category|gc)=/, '');
      if (value.includes('='))
        return {
          refused: `uses the Unicode property \\${e}{${body}}, which the linear-time engine does not know`,
        };
      return { text: `\\${e}{${value}}`, end: close + 1 };
    }
    case 'k':
      return {
        refused:
          'uses a backreference (\\k<name>), which the linear-time engine cannot run; write the pattern without it',
      };
    default:
      if (e >= '1' && e <= '9')
        return {
          refused: `uses a backreference (\\${e}), which the linear-time engine cannot run; write the pattern without it`,
        };
      // \/ \. \- \\ and the other syntax characters: the character itself.
      return code(p.codePointAt(i + 1)!, i + 1 + String.fromCodePoint(p.codePointAt(i + 1)!).length);
  }
}

/** A character class at `i` (`[...]`), with `[` inside it taken literally and `[]`, `[^]` spelled out. */
function readClass(p: string, i: number): { text: string; end: number } | { refused: string } {
  let j = i + 1;
  const negated = p[j] === '^';
  if (negated) j++;
  let body = '';
  while (p[j] !== ']') {
    if (p[j] === '\\') {
      const e = readEscape(p, j, true);
      if ('refused' in e) return e;
      body += e.text;
      j = e.end;
    } else {
      const cp = p.codePointAt(j)!;
      body += p[j] === '-' ? '-' : literal(cp);
      j += String.fromCodePoint(cp).length;
    }
  }
  if (body === '') return { text: negated ? '[\\x{0}-\\x{10FFFF}]' : '[^\\x{0}-\\x{10FFFF}]', end: j + 1 };
  return { text: `[${negated ? '^' : ''}${body}]`, end: j + 1 };
}
