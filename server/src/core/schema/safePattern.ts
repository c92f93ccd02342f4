/**
 * A static check of the regular expressions in a team's extension schema
 * (`pattern`, `patternProperties`), made before the schema is compiled.
 *
 * Why a check and not a time budget: Ajv runs `pattern` as a JavaScript
 * RegExp, synchronously, inside the validator. A running RegExp cannot be
 * interrupted on the thread that runs it, and the core has no worker or `vm`
 * to run it elsewhere (it is pure: the same code runs in the CLI, the server
 * and the browser). A budget would only tell us afterwards that the language
 * server hung. So patterns whose shape can backtrack catastrophically are
 * refused up front, with a finding that says why; a team that needs one
 * rewrites it (it is nearly always possible).
 *
 * What is refused:
 * - backreferences (`\1`, `\k<name>`): no linear-time strategy exists;
 * - a repeated group that holds a part of variable length (star height > 1),
 *   `(a+)+`, `(a*)*`, `(\w+\s?)*`, `(a?){2,}`, `(a+){1,50}`;
 * - a repeated group with alternatives that can start alike, `(a|ab)+`,
 *   `(\w|\d)*` (only alternatives that are plain text starting with
 *   different characters, `(foo|bar)+`, are accepted);
 * - patterns longer than 1 000 characters.
 * That is stricter than needed (some refused patterns are harmless) and it is
 * not a proof of safety for every engine, but it closes the classic
 * exponential shapes, which is what matters for an editor that must not hang.
 */

export const maxPatternLength = 1000;

interface Quantifier { min: number; max: number }

interface Group {
  /** The group holds a quantifier whose count varies (`*`, `+`, `?`, `{n,m}` with n < m). */
  variable: boolean;
  /** The group holds an unbounded quantifier (`*`, `+`, `{n,}`). */
  unbounded: boolean;
  /** The group (or one inside it) has alternatives that can start alike. */
  ambiguous: boolean;
  /** The alternatives of the group, as written (for the overlap test). */
  alternatives: string[];
  /** Where the current alternative starts in the source. */
  altStart: number;
  /** Where the group's body starts (after its prefix). */
  bodyStart: number;
  start: number;
  /** Where the group's body ends (its `)`). */
  end: number;
}

/** Why a pattern is refused, or undefined when it is accepted. */
export function unsafePattern(source: string): string | undefined {
  if (source.length > maxPatternLength) return `it is longer than ${maxPatternLength} characters`;
  const stack: Group[] = [newGroup(-1)];
  let i = 0;
  // What the last atom was, for the quantifier that may follow it.
  let last: { group?: Group } | undefined;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return 'it uses a backreference';
      i = next === 'u' && source[i + 2] === '{' ? source.indexOf('}', i) + 1 || source.length : i + 2;
      last = {};
      continue;
    }
    if (c === '[') {
      i = classEnd(source, i);
      last = {};
      continue;
    }
    if (c === '(') {
      const g = newGroup(i);
      // Skip the group's prefix: (?: (?= (?! (?<= (?<! (?<name>
      let j = i + 1;
      if (source[j] === '?') {
        j++;
        if (source[j] === '<' && source[j + 1] !== '=' && source[j + 1] !== '!') j = source.indexOf('>', j) + 1 || source.length;
        else j += source[j] === '<' ? 2 : 1;
      }
      g.altStart = g.bodyStart = j;
      stack.push(g);
      i = j;
      last = undefined;
      continue;
    }
    if (c === '|') {
      const g = stack[stack.length - 1];
      g.alternatives.push(source.slice(g.altStart, i));
      g.altStart = i + 1;
      i++;
      last = undefined;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) { i++; last = {}; continue; } // unbalanced: the compiler reports it
      const g = stack.pop()!;
      g.end = i;
      if (g.alternatives.length) g.alternatives.push(source.slice(g.altStart, i));
      g.ambiguous ||= g.alternatives.length > 1 && !disjointLiterals(g.alternatives);
      const parent = stack[stack.length - 1];
      parent.variable ||= g.variable;
      parent.unbounded ||= g.unbounded;
      parent.ambiguous ||= g.ambiguous;
      i++;
      last = { group: g };
      continue;
    }
    const q = quantifierAt(source, i);
    if (q) {
      const top = stack[stack.length - 1];
      const variable = q.q.min !== q.q.max;
      const unbounded = q.q.max === Infinity;
      const repeats = q.q.max > 1;
      const g = last?.group;
      if (g && !delimited(source.slice(g.bodyStart, g.end))) {
        if ((unbounded && g.variable) || (repeats && g.unbounded)) {
          return `"${source.slice(g.start, q.end)}" repeats a group that itself repeats`;
        }
        if (repeats && g.ambiguous) {
          return `"${source.slice(g.start, q.end)}" repeats a choice whose alternatives can match the same text`;
        }
      }
      top.variable ||= variable;
      top.unbounded ||= unbounded;
      i = q.end;
      last = undefined;
      continue;
    }
    i++;
    last = {};
  }
  return undefined;
}

function newGroup(start: number): Group {
  return { variable: false, unbounded: false, ambiguous: false, alternatives: [], altStart: start + 1, bodyStart: start + 1, start, end: start + 1 };
}

/** The end (exclusive) of the character class starting at `i`. */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === '^') j++;
  if (source[j] === ']') j++;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** A quantifier at `i` (with its lazy `?`), or undefined. */
function quantifierAt(source: string, i: number): { q: Quantifier; end: number } | undefined {
  const c = source[i];
  let q: Quantifier | undefined;
  let end = i + 1;
  if (c === '*') q = { min: 0, max: Infinity };
  else if (c === '+') q = { min: 1, max: Infinity };
  else if (c === '?') q = { min: 0, max: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!m) return undefined;
    const min = Number(m[1]);
    q = { min, max: m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]) };
    end = i + m[0].length;
  }
  if (!q) return undefined;
  if (source[end] === '?') end++;
  return { q, end };
}

/** True when every alternative is plain text and no two start with the same character. */
function disjointLiterals(alternatives: string[]): boolean {
  const firsts = new Set<string>();
  for (const a of alternatives) {
    if (a === '' || /[\\[\](){}.*+?^$|]/.test(a)) return false;
    if (firsts.has(a[0])) return false;
    firsts.add(a[0]);
  }
  return true;
}

// ---------------------------------------------------------------------------
// Delimited groups: `(-[a-z]+)*`, `([^,]*,)*`

interface Atom {
  /** The character, when the atom is one plain character. */
  literal?: string;
  test: (ch: string) => boolean;
  depth: number;
  quantified: boolean;
}

/**
 * True when every repetition of a group body must begin (or end) with one
 * plain character that nothing else in the body can match: `-[a-z]+` in
 * `(-[a-z]+)*`. Then the text splits into repetitions in one way only and the
 * repetition cannot backtrack exponentially, so it is accepted.
 */
function delimited(body: string): boolean {
  const atoms = tokenize(body);
  if (!atoms || atoms.length < 2) return false;
  const sole = (a: Atom, others: Atom[]): boolean =>
    a.literal !== undefined && a.depth === 0 && !a.quantified && others.every(o => !o.test(a.literal!));
  return sole(atoms[0], atoms.slice(1)) || sole(atoms[atoms.length - 1], atoms.slice(0, -1));
}

/** The atoms of a pattern, in order, with their nesting depth; undefined at a top-level `|`. */
function tokenize(body: string): Atom[] | undefined {
  const out: Atom[] = [];
  const groupStarts: number[] = [];
  let depth = 0;
  let i = 0;
  const push = (a: Omit<Atom, 'depth' | 'quantified'>): void => { out.push({ ...a, depth, quantified: false }); };
  while (i < body.length) {
    const c = body[i];
    const q = quantifierAt(body, i);
    if (q) {
      if (out.length) out[out.length - 1].quantified = true;
      i = q.end;
      continue;
    }
    if (c === '\\') {
      const e = body[i + 1] ?? '';
      if (e === 'b' || e === 'B') { i += 2; continue; }
      push(escapeAtom(e));
      i += 2;
      continue;
    }
    if (c === '[') {
      const end = classEnd(body, i);
      push({ test: classTest(body.slice(i + 1, end - 1)) });
      i = end;
      continue;
    }
    if (c === '(') {
      groupStarts.push(out.length);
      depth++;
      i++;
      if (body[i] === '?') {
        i++;
        if (body[i] === '<' && body[i + 1] !== '=' && body[i + 1] !== '!') i = body.indexOf('>', i) + 1 || body.length;
        else i += body[i] === '<' ? 2 : 1;
      }
      continue;
    }
    if (c === ')') {
      depth = Math.max(0, depth - 1);
      const from = groupStarts.pop() ?? 0;
      i++;
      const after = quantifierAt(body, i);
      if (after) {
        for (let k = from; k < out.length; k++) out[k].quantified = true;
        i = after.end;
      }
      continue;
    }
    if (c === '|') {
      if (depth === 0) return undefined;
      i++;
      continue;
    }
    if (c === '^' || c === '$') { i++; continue; }
    if (c === '.') { push({ test: ch => ch !== '\n' && ch !== '\r' }); i++; continue; }
    push({ literal: c, test: ch => ch === c });
    i++;
  }
  return out;
}

const digit = (ch: string): boolean => ch >= '0' && ch <= '9';
const word = (ch: string): boolean => /\w/.test(ch);
const space = (ch: string): boolean => /\s/.test(ch);

function escapeAtom(e: string): Omit<Atom, 'depth' | 'quantified'> {
  switch (e) {
    case 'd': return { test: digit };
    case 'D': return { test: ch => !digit(ch) };
    case 'w': return { test: word };
    case 'W': return { test: ch => !word(ch) };
    case 's': return { test: space };
    case 'S': return { test: ch => !space(ch) };
    case 'n': return { literal: '\n', test: ch => ch === '\n' };
    case 't': return { literal: '\t', test: ch => ch === '\t' };
    default:
      // \x41, \u0041, \p{L}, \cX: not read here; assume they can match anything.
      if (/[A-Za-z0-9]/.test(e)) return { test: () => true };
      return { literal: e, test: ch => ch === e };
  }
}

/** Whether a character class (its text between the brackets) can match a character. */
function classTest(inner: string): (ch: string) => boolean {
  let negated = false;
  let i = 0;
  if (inner[0] === '^') { negated = true; i = 1; }
  const parts: ((ch: string) => boolean)[] = [];
  const read = (): { ch?: string; test?: (ch: string) => boolean } => {
    if (inner[i] === '\\') {
      const e = inner[i + 1] ?? '';
      i += 2;
      const atom = escapeAtom(e);
      return atom.literal !== undefined ? { ch: atom.literal } : { test: atom.test };
    }
    return { ch: inner[i++] };
  };
  while (i < inner.length) {
    const a = read();
    if (a.ch !== undefined && inner[i] === '-' && i + 1 < inner.length) {
      i++;
      const b = read();
      if (b.ch !== undefined) {
        const lo = a.ch, hi = b.ch;
        parts.push(ch => ch >= lo && ch <= hi);
        continue;
      }
      parts.push(ch => ch === a.ch || ch === '-');
      parts.push(b.test!);
      continue;
    }
    if (a.ch !== undefined) { const ch0 = a.ch; parts.push(ch => ch === ch0); } else parts.push(a.test!);
  }
  const any = (ch: string): boolean => parts.some(p => p(ch));
  return negated ? ch => !any(ch) : any;
}
