import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { DiagnosticCode } from '../codes';
import { nodeRange } from '../parse/extract';
import type { ParsedYaml } from '../parse/parseDocument';
import type { LineMap } from '../parse/sourceText';
import type { DocKind, Finding, Range } from '../types';
import {
  declaredKeys,
  describeKey,
  impossibleDate,
  isIdSchema,
  requiredKeys,
  resolveRef,
  schemaFor,
  validatorFor,
  type JsonSchema,
} from './schemas';
import { excerpt, withArticle } from '../checks/check';
import { closest } from '../text/closest';

/**
 * JSON Schema validation of one spec file, reported the way a product manager
 * reads it: one finding per problem, on the offending key or value, in plain
 * words. Ranges come from the YAML tree (never from searching the text).
 */
export function validateSchema(kind: DocKind, parsed: ParsedYaml, team?: TeamSchema): Finding[] {
  try {
    return validate(kind, parsed, team);
  } catch {
    return [];
  }
}

/**
 * A team's extension schema for the kind (`.specwright.yaml` `schemas:`),
 * validated in addition to the built-in one: its findings have the same code,
 * messages and ranges, and keys it declares are not unknown to the built-in
 * schema (nor built-in keys to it).
 */
export interface TeamSchema {
  schema: JsonSchema;
  validate: ValidateFunction;
}

/** What a finding's `data` holds, for quick fixes. */
export type SchemaFindingData = {
  /** The JSON Schema keyword that failed: type, enum, required, additionalProperties, ... */
  keyword: string;
  /** The key the finding is about (the unknown key, the missing key, the key whose value is wrong). */
  key: string;
  /** The offending value, when it is a scalar. */
  value?: string | number | boolean | null;
  /** The allowed values (enum) or keys (unknown key). */
  allowed?: string[];
  /** A close allowed value or key, when there is one. */
  suggestion?: string;
  /** The missing key (required); the first one when several are missing. */
  missing?: string;
  /** Every missing key (required), in schema order; for an empty file, the keys a document of its kind needs. */
  missingKeys?: string[];
};

interface Segment {
  key: string;
  index: boolean;
}

interface Problem {
  error: ErrorObject;
  path: Segment[];
  message: string;
  data: SchemaFindingData;
  /** Which node the range goes on. */
  target: 'value' | 'key' | 'firstKey';
  /** For 'key': the key whose node is wanted. */
  targetKey?: string;
  /** For 'required': the name of the object that lacks keys ("requirement"). */
  what?: string;
}

const emptyRange: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function validate(kind: DocKind, parsed: ParsedYaml, team: TeamSchema | undefined): Finding[] {
  const { doc, lines, value } = parsed;
  const contents = doc ? deref(doc, doc.contents) : undefined;
  const hasSyntax = parsed.syntax.length > 0;

  if (value === undefined || value === null) {
    if (hasSyntax) return []; // nothing could be read; the syntax findings say why
    const empty =
      !contents || (isScalar(contents) && (!contents.range || contents.range[1] <= contents.range[0]));
    if (empty) {
      const req = requiredKeys(kind);
      return [
        {
          code: DiagnosticCode.schema,
          range: emptyRange,
          message: `the file is empty; ${withArticle(kind)} file needs at least ${quoteList(req)}`,
          data: {
            keyword: 'required',
            key: '',
            missing: req[0],
            missingKeys: req,
          } satisfies SchemaFindingData,
        },
      ];
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const found = Array.isArray(value)
      ? 'a list'
      : value === null || value === undefined
        ? 'nothing'
        : 'a scalar';
    const range = contents && contents.range ? firstLine(lines, nodeRange(lines, contents)) : emptyRange;
    const data: SchemaFindingData = { keyword: 'type', key: '' };
    const v = scalarValue(value);
    if (v !== undefined && !Array.isArray(value)) data.value = v;
    return [
      {
        code: DiagnosticCode.schema,
        range,
        message: `the top level of a spec file must be a mapping of keys (found ${found})`,
        data: { ...data },
      },
    ];
  }

  const validator = validatorFor(kind);
  const root = schemaFor(kind);
  const sources: { root: JsonSchema; errors: ErrorObject[]; other?: JsonSchema }[] = [];
  if (!validator(value)) sources.push({ root, errors: validator.errors ?? [], other: team?.schema });
  if (team && !team.validate(value))
    sources.push({ root: team.schema, errors: team.validate.errors ?? [], other: root });
  if (!sources.length) return [];
  const top = value as Record<string, unknown>;

  // Shared by both schemas: a key both require, or both do not know, is one problem.
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const source of sources)
    problems.push(...problemsOf(kind, source.root, value, top, source.errors, hasSyntax, source.other, seen));
  return findingsOf(doc, lines, problems);
}

/** One problem per error that stands for one, phrased; an unknown key that the other schema declares is no problem. */
function problemsOf(
  kind: DocKind,
  root: JsonSchema,
  value: unknown,
  top: Record<string, unknown>,
  errors: ErrorObject[],
  hasSyntax: boolean,
  other: JsonSchema | undefined,
  seen: Set<string>,
): Problem[] {
  // Which errors stand for a problem of their own.
  const typePaths = new Set(errors.filter(e => e.keyword === 'type').map(e => e.instancePath));
  const team = root !== schemaFor(kind);
  const problems: Problem[] = [];
  for (const error of errors) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    // A string `kind` that contradicts the suffix is kind-mismatch's finding.
    if (error.instancePath === '/kind' && typeof top.kind === 'string' && top.kind !== kind) continue;
    // The missing key may be in the part that did not parse.
    if (error.keyword === 'required' && hasSyntax) continue;
    // A value of the wrong type gets one finding, not one per keyword it then fails.
    if (error.keyword !== 'type' && typePaths.has(error.instancePath)) continue;
    const p = error.params as Record<string, unknown>;
    if (
      error.keyword === 'additionalProperties' &&
      other &&
      allowedByOther(other, value, error.instancePath, String(p.additionalProperty))
    )
      continue;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- Ajv's missing/additional property: a key name
    const id = `${error.instancePath}\u0000${error.keyword}\u0000${String(p.missingProperty ?? p.additionalProperty ?? '')}`;
    if (seen.has(id)) continue;
    seen.add(id);
    try {
      const path = segments(value, error.instancePath).map(seg => (seg.index ? Number(seg.key) : seg.key));
      problems.push(
        describe(root, value, error, {
          otherKeys: other ? [...declaredKeys(other, path)] : [],
          // A team schema need not name its objects: they are the built-in schema's ("requirement").
          title: team ? describeKey(kind, path)?.title : undefined,
        }),
      );
    } catch {
      // An error we cannot phrase is still reported, in Ajv's words.
      problems.push({
        error,
        path: segments(value, error.instancePath),
        target: 'value',
        message: `${nameOf(segments(value, error.instancePath))} ${error.message ?? 'is not valid'}`,
        data: { keyword: error.keyword, key: nameOf(segments(value, error.instancePath)) },
      });
    }
  }
  return problems;
}

/** True when the other schema declares `key` for the object at `instancePath` (x- keys are always allowed). */
function allowedByOther(other: JsonSchema, value: unknown, instancePath: string, key: string): boolean {
  if (key.startsWith('x-')) return true;
  const path = segments(value, instancePath).map(s => (s.index ? Number(s.key) : s.key));
  return declaredKeys(other, path).has(key);
}

function findingsOf(doc: Document.Parsed | undefined, lines: LineMap, problems: Problem[]): Finding[] {
  // A misspelled required key is one problem: the unknown-key finding (with its suggestion) says it.
  const renamed = new Set(
    problems
      .filter(p => p.error.keyword === 'additionalProperties' && p.data.suggestion)
      .map(p => `${p.error.instancePath}\u0000${p.data.suggestion}`),
  );
  const kept: Problem[] = [];
  const missingAt = new Map<string, Problem>();
  for (const p of problems) {
    if (p.error.keyword !== 'required') {
      kept.push(p);
      continue;
    }
    if (renamed.has(`${p.error.instancePath}\u0000${p.data.missing}`)) continue;
    // The keys one object lacks are one problem: one finding that lists them all.
    const first = missingAt.get(p.error.instancePath);
    if (!first) {
      missingAt.set(p.error.instancePath, p);
      kept.push(p);
      continue;
    }
    const keys = [...new Set([...(first.data.missingKeys ?? []), ...(p.data.missingKeys ?? [])])];
    first.data.missingKeys = keys;
    first.message = `${first.what} is missing ${quoteList(keys)}`;
  }

  const findings: Finding[] = [];
  const written = new Set<string>();
  for (const p of kept) {
    const range = safeRange(doc, lines, p);
    // An aliased node that is wrong is wrong once, however often it is used.
    const id = `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}\u0000${p.message}`;
    if (written.has(id)) continue;
    written.add(id);
    findings.push({ code: DiagnosticCode.schema, range, message: p.message, data: { ...p.data } });
  }
  findings.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  return findings;
}

// ---------------------------------------------------------------------------
// Messages

const idHelp =
  'IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes';

function describe(
  root: JsonSchema,
  value: unknown,
  error: ErrorObject,
  context: { otherKeys: string[]; title?: string } = { otherKeys: [] },
): Problem {
  const path = segments(value, error.instancePath);
  const name = nameOf(path);
  const entry = path.length > 0 && path[path.length - 1].index;
  const said = excerpt(name);
  const subject = entry ? `each entry of ${said}` : said;
  const parent = (error.parentSchema ?? {}) as JsonSchema;
  const data = error.data;
  const p = error.params as Record<string, unknown>;
  const base = (extra: Partial<SchemaFindingData> = {}): SchemaFindingData => {
    const d: SchemaFindingData = { keyword: error.keyword, key: name, ...extra };
    const v = scalarValue(data);
    if (
      v !== undefined &&
      !('value' in extra) &&
      error.keyword !== 'required' &&
      error.keyword !== 'additionalProperties'
    )
      d.value = v;
    return d;
  };
  const problem = (
    message: string,
    d: SchemaFindingData,
    target: Problem['target'] = 'value',
    targetKey?: string,
  ): Problem => ({ error, path, message, data: d, target, targetKey });

  switch (error.keyword) {
    case 'type':
      return problem(`${subject} must be ${expected(root, parent)} (got ${got(data)})`, base());
    case 'enum': {
      const allowed = (Array.isArray(p.allowedValues) ? p.allowedValues : []).map(String);
      const d = base({ allowed });
      if (typeof data === 'string') {
        const s = closest(data, allowed);
        if (s !== undefined) d.suggestion = s;
      }
      return problem(`${subject} must be one of ${allowed.join(', ')} (got ${show(data)})`, d);
    }
    case 'required': {
      const missing = String(p.missingProperty);
      // A team schema's titles name the schema, not the item: the built-in name wins ("PRD", "requirement").
      const what = context.title ?? (typeof parent.title === 'string' ? parent.title : name || 'this item');
      return {
        ...problem(
          `${what} is missing "${missing}"`,
          { keyword: 'required', key: missing, missing, missingKeys: [missing] },
          'firstKey',
        ),
        what,
      };
    }
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const own = Object.keys(parent.properties ?? {});
      const allowed = [...own, ...context.otherKeys.filter(k => !own.includes(k))];
      const present = typeof data === 'object' && data !== null ? Object.keys(data) : [];
      const suggestion = closest(
        key,
        allowed.filter(k => !present.includes(k)),
      );
      // The key is quoted short and on one line: a key can be a whole misread block of the file.
      const message =
        suggestion !== undefined
          ? `unknown key "${excerpt(key)}" (did you mean "${suggestion}"?)`
          : `unknown key "${excerpt(key)}" (allowed here: ${allowed.join(', ')})`;
      const d: SchemaFindingData = { keyword: 'additionalProperties', key, allowed };
      if (suggestion !== undefined) d.suggestion = suggestion;
      return problem(message, d, 'key', key);
    }
    case 'pattern':
      if (isIdSchema(parent)) return problem(`${show(data)} is not a valid ID (${idHelp})`, base());
      return problem(`${subject} does not have the expected form (got ${show(data)})`, base());
    case 'format':
      if (p.format === 'date') {
        // Written YYYY-MM-DD, but no such day: say what is wrong with it.
        const why = typeof data === 'string' ? impossibleDate(data) : undefined;
        if (why) return problem(`${data as string} is not a date: ${why}`, base());
        return problem(`${subject} must be a date written YYYY-MM-DD (got ${show(data)})`, base());
      }
      return problem(
        `${subject} must be written as ${withArticle(String(p.format))} (got ${show(data)})`,
        base(),
      );
    case 'minItems': {
      const n = Number(p.limit);
      return problem(
        n === 1 ? `${said} needs at least one entry` : `${said} needs at least ${n} entries`,
        base(),
      );
    }
    case 'maxItems':
      return problem(`${said} can have at most ${String(p.limit)} entries`, base());
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return problem(`${subject} must be ${bounds(parent)} (got ${show(data)})`, base());
    case 'minLength':
      return problem(
        Number(p.limit) === 1
          ? `${subject} must not be empty`
          : `${subject} must have at least ${String(p.limit)} characters`,
        base(),
      );
    case 'const':
      return problem(`${subject} must be ${show(p.allowedValue)} (got ${show(data)})`, base());
    default:
      return problem(`${subject} ${error.message ?? 'is not valid'}`, base());
  }
}

/** The allowed range of a number, from the schema that holds the failing bound. */
function bounds(s: JsonSchema): string {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const min = num(s.minimum),
    max = num(s.maximum),
    xmin = num(s.exclusiveMinimum),
    xmax = num(s.exclusiveMaximum);
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  const parts: string[] = [];
  if (xmin !== undefined) parts.push(`greater than ${xmin}`);
  if (min !== undefined) parts.push(`${min} or more`);
  if (xmax !== undefined) parts.push(`less than ${xmax}`);
  if (max !== undefined) parts.push(`${max} or less`);
  return parts.length ? parts.join(' and ') : 'within the allowed range';
}

/** What a schema expects, in words: "a number", "a list of IDs", "a mapping of keys". */
function expected(root: JsonSchema, schema: JsonSchema): string {
  const types = Array.isArray(schema.type)
    ? (schema.type as string[])
    : typeof schema.type === 'string'
      ? [schema.type]
      : [];
  const words = types.map(t => {
    switch (t) {
      case 'string':
        if (isIdSchema(schema)) return 'an ID';
        if (schema.format === 'date') return 'a date written YYYY-MM-DD';
        return 'a string';
      case 'number':
        return 'a number';
      case 'integer':
        return 'a whole number';
      case 'boolean':
        return 'true or false';
      case 'null':
        return 'nothing';
      case 'array': {
        const items =
          typeof schema.items === 'object' && schema.items !== null && !Array.isArray(schema.items)
            ? resolveRef(root, schema.items as JsonSchema)
            : undefined;
        if (!items) return 'a list';
        if (isIdSchema(items)) return 'a list of IDs';
        if (typeof items.title === 'string') return `a list of ${plural(items.title)}`;
        if (items.type === 'string') return 'a list of strings';
        if (items.type === 'number') return 'a list of numbers';
        return 'a list';
      }
      case 'object': {
        if (types.length > 1 && Array.isArray(schema.required) && schema.required.length > 0) {
          return `a mapping with ${andList((schema.required as string[]).slice())}`;
        }
        return 'a mapping of keys';
      }
      default:
        return t;
    }
  });
  return words.length ? words.join(' or ') : 'a valid value';
}

function plural(noun: string): string {
  if (/criterion$/.test(noun)) return noun.replace(/criterion$/, 'criteria');
  if (/[^aeiou]y$/.test(noun)) return noun.slice(0, -1) + 'ies';
  if (/(s|x|ch|sh)$/.test(noun)) return noun + 'es';
  return noun + 's';
}

function andList(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function quoteList(keys: string[]): string {
  return andList(keys.map(k => `"${k}"`));
}

/** What kind of value was written, in words. */
function got(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      if (Number.isFinite(v)) return 'a number';
      return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
    case 'boolean':
      return String(v);
    case 'object':
      return 'a mapping';
    default:
      return typeof v;
  }
}

/** A written value, for "(got ...)": strings quoted (a short, single-line excerpt), numbers as they are. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(excerpt(v));
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return got(v);
}

function scalarValue(v: unknown): string | number | boolean | null | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return undefined;
}

// ---------------------------------------------------------------------------
// Paths and ranges

/** Split an Ajv instancePath (a JSON Pointer) into keys, marking list indexes by walking the value. */
function segments(value: unknown, instancePath: string): Segment[] {
  if (instancePath === '') return [];
  const out: Segment[] = [];
  let cur: unknown = value;
  for (const raw of instancePath.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const index = Array.isArray(cur) && /^\d+$/.test(key);
    out.push({ key, index });
    cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
  }
  return out;
}

/** The key a problem is about: the last path segment that is not a list index. */
function nameOf(path: Segment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (!path[i].index) return path[i].key;
  return 'the document';
}

interface Located {
  /** The node at the path, when there is one. */
  node?: Node;
  /** The key node of the pair that holds it, when the last step was a key. */
  keyNode?: Node;
  /** The deepest node on the path that exists (for degrading). */
  nearest?: Node;
}

function locate(doc: Document.Parsed, path: Segment[]): Located {
  let cur = deref(doc, doc.contents);
  let keyNode: Node | undefined;
  let nearest: Node | undefined = cur;
  for (const seg of path) {
    if (!cur) return { nearest };
    nearest = cur;
    if (isSeq(cur) && seg.index) {
      const item = cur.items[Number(seg.key)] as Node | null | undefined;
      keyNode = undefined;
      cur = deref(doc, item);
    } else if (isMap(cur)) {
      const pair = cur.items.find(pr => keyText(pr.key) === seg.key);
      if (!pair) return { nearest };
      keyNode = isNode(pair.key) ? pair.key : undefined;
      if (keyNode && keyNode.range) nearest = keyNode;
      cur = deref(doc, pair.value as Node | null);
    } else {
      return { nearest };
    }
  }
  return { node: cur, keyNode, nearest: cur ?? nearest };
}

function safeRange(doc: Document.Parsed | undefined, lines: LineMap, p: Problem): Range {
  if (!doc) return emptyRange;
  let loc: Located = {};
  try {
    loc = locate(doc, p.path);
    const { node } = loc;
    if (p.target === 'firstKey' && node) {
      if (isMap(node)) {
        const first = node.items[0]?.key;
        if (isNode(first) && first.range) return nodeRange(lines, first);
      }
      if (node.range) return nodeRange(lines, node);
    } else if (p.target === 'key' && node && isMap(node)) {
      // A complex key (`? [a, b]`) has no plain name to match: take the first such key.
      const pair =
        node.items.find(pr => keyText(pr.key) === p.targetKey) ??
        node.items.find(pr => keyText(pr.key) === undefined);
      if (pair && isNode(pair.key) && pair.key.range) return nodeRange(lines, pair.key);
      if (node.range) return nodeRange(lines, node);
    } else if (p.target === 'value') {
      if (node && node.range && node.range[1] > node.range[0]) return nodeRange(lines, node);
      // An empty value (`title:`) has no text of its own: point at its key.
      if (loc.keyNode && loc.keyNode.range) return nodeRange(lines, loc.keyNode);
      if (node && node.range) return nodeRange(lines, node);
    }
  } catch {
    // fall through to the nearest node that exists
  }
  const n = loc.nearest;
  if (n && n.range) {
    try {
      return nodeRange(lines, n);
    } catch {
      return emptyRange;
    }
  }
  return emptyRange;
}

/** A map key as the plain value's property name (what Ajv's instancePath spells). */
function keyText(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a Scalar's value is a primitive
  if (isScalar(key)) return key.value === null || key.value === undefined ? '' : String(key.value);
  return undefined;
}

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && 'range' in v;
}

function deref(doc: Document.Parsed, node: Node | null | undefined): Node | undefined {
  if (!node) return undefined;
  if (isAlias(node)) {
    const target = node.resolve(doc);
    return target && !isAlias(target) ? target : undefined;
  }
  return node;
}

/** A range cut to the end of its first line (a whole-file value is marked on its first line). */
function firstLine(lines: LineMap, r: Range): Range {
  if (r.end.line === r.start.line) return r;
  const nextLineStart = lines.offsetAt({ line: r.start.line + 1, character: 0 });
  const text = lines.text.slice(lines.offsetAt(r.start), nextLineStart).replace(/[\r\n]+$/, '');
  return { start: r.start, end: { line: r.start.line, character: r.start.character + text.length } };
}
