import type { ErrorObject } from 'ajv';
import { excerpt, withArticle } from '../checks/check';
import { closest } from '../text/closest';
import { impossibleDate } from './dates';
import { isIdSchema, resolveRef, type JsonSchema } from './schemas';

/**
 * An Ajv error in a product manager's words: what it is about (the key, by
 * its path in the document) and what is wrong, with the data quick fixes
 * read. validate.ts decides which errors become findings and where they go.
 */

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

export interface Segment {
  key: string;
  index: boolean;
}

export interface Problem {
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

const idHelp =
  'IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes';

export function describe(
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

export function quoteList(keys: string[]): string {
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

export function scalarValue(v: unknown): string | number | boolean | null | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  return undefined;
}

// ---------------------------------------------------------------------------
// Paths

/** Split an Ajv instancePath (a JSON Pointer) into keys, marking list indexes by walking the value. */
export function segments(value: unknown, instancePath: string): Segment[] {
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
export function nameOf(path: Segment[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (!path[i].index) return path[i].key;
  return 'the document';
}
