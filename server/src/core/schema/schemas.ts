import Ajv, { type ValidateFunction } from 'ajv';
import { linearRegExp } from './linearPattern';
import type { DocKind } from '../types';
import visionSchema from '../../../../schemas/vision.schema.json';
import roadmapSchema from '../../../../schemas/roadmap.schema.json';
import epicSchema from '../../../../schemas/epic.schema.json';
import prdSchema from '../../../../schemas/prd.schema.json';
import storiesSchema from '../../../../schemas/stories.schema.json';

/**
 * The JSON Schemas of format v1 (schemas/*.schema.json), one per document
 * kind, and the one Ajv instance that validates against them. The schemas are
 * self-contained (draft-07, shared parts under `definitions`, local `$ref`s
 * only), so nothing is ever fetched.
 */

/** A JSON Schema as plain data. */
export type JsonSchema = Record<string, unknown>;

const schemas: Record<DocKind, JsonSchema> = {
  vision: visionSchema,
  roadmap: roadmapSchema,
  epic: epicSchema,
  prd: prdSchema,
  stories: storiesSchema,
};

export const docKinds: readonly DocKind[] = ['vision', 'roadmap', 'epic', 'prd', 'stories'];

/** The JSON Schema of a document kind (the object imported from schemas/; do not mutate it). */
export function schemaFor(kind: DocKind): JsonSchema {
  return schemas[kind];
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && impossibleDate(text) === undefined;
}

const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Why a text written YYYY-MM-DD names no day of the calendar ("September has
 * 30 days"); undefined when it does, or when it is not written YYYY-MM-DD.
 */
export function impossibleDate(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3]);
  if (month < 1 || month > 12) return `there is no month ${month}`;
  if (day < 1) return 'there is no day 0';
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day <= days) return undefined;
  if (month === 2 && day === 29) return `${year} is not a leap year, so February has 28 days`;
  return `${monthNames[month - 1]} has ${days} days`;
}

let ajv: Ajv | undefined;
const validators = new Map<DocKind, ValidateFunction>();

/** The process's single Ajv instance, created on first use. */
export function getAjv(): Ajv {
  if (!ajv) {
    const instance = new Ajv({
      strict: true,
      allErrors: true,
      verbose: true,
      allowUnionTypes: true,
      $data: false,
    });
    // Annotation only: the meaning of each value of `enum`, in the same order.
    instance.addKeyword({
      keyword: 'enumDescriptions',
      schemaType: 'array',
      metaSchema: { type: 'array', items: { type: 'string' } },
    });
    instance.addFormat('date', { type: 'string', validate: isDate });
    ajv = instance;
  }
  return ajv;
}

/** The compiled validator of a document kind; each schema is compiled once per process. */
export function validatorFor(kind: DocKind): ValidateFunction {
  let v = validators.get(kind);
  if (!v) {
    v = getAjv().compile(schemas[kind]);
    validators.set(kind, v);
  }
  return v;
}

// ---------------------------------------------------------------------------
// Schema lookup for hover and completion.

/** What the schema says about one key (or list entry) of a document. */
export interface KeyInfo {
  /** The key (last path segment); undefined for the document itself or a list entry. */
  key?: string;
  /** The name of the item, for object schemas ("requirement", "story", ...). */
  title?: string;
  description?: string;
  /** JSON Schema type(s): "string", "number", "array", "object". */
  type?: string | string[];
  enum?: string[];
  /** Parallel to `enum`: what each value means. */
  enumDescriptions?: string[];
  examples?: unknown[];
  default?: unknown;
  /** "date" for dates. */
  format?: string;
  pattern?: string;
  /** True when the field holds one ID. */
  isId?: boolean;
  /** True when the field is a list of IDs. */
  isIdList?: boolean;
  /** Whether the key is required in the object that holds it. */
  required?: boolean;
  /** True for user extension keys (x-...). */
  extension?: boolean;
  /** True for a key that only the team's extension schema (`.specwright.yaml` `schemas:`) declares. */
  team?: boolean;
  /** The (resolved) sub-schema itself. */
  schema: JsonSchema;
}

function isObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Follow local `$ref`s (`#/definitions/...`) within one schema document. */
export function resolveRef(root: JsonSchema, schema: JsonSchema): JsonSchema {
  let s = schema;
  for (let hops = 0; hops < 16 && typeof s.$ref === 'string'; hops++) {
    const ref = s.$ref;
    if (!ref.startsWith('#')) return s;
    let target: unknown = root;
    for (const raw of ref
      .slice(1)
      .split('/')
      .filter(p => p !== '')) {
      const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[seg] : undefined;
    }
    if (!isObject(target)) return s;
    s = target;
  }
  return s;
}

function hasType(schema: JsonSchema, type: string): boolean {
  const t = schema.type;
  return t === type || (Array.isArray(t) && t.includes(type));
}

function extensionSchema(root: JsonSchema, schema: JsonSchema, key: string): JsonSchema | undefined {
  const pp = schema.patternProperties;
  if (!isObject(pp)) return undefined;
  for (const [pattern, sub] of Object.entries(pp)) {
    try {
      // A team's pattern: run by the linear-time engine, as when validating.
      if (linearRegExp(pattern).test(key) && isObject(sub)) return resolveRef(root, sub);
    } catch {
      // not a pattern the engine runs (the configuration says so); ignore it
    }
  }
  return undefined;
}

interface Step {
  schema: JsonSchema;
  parent?: JsonSchema;
  key?: string;
  extension: boolean;
}

/** Walk a schema (the built-in one of a kind, or a team's) along a YAML path; undefined where it has nothing there. */
function walk(root: JsonSchema, path: readonly (string | number)[]): Step | undefined {
  let step: Step = { schema: resolveRef(root, root), extension: false };
  for (const seg of path) {
    const s = step.schema;
    if (typeof seg === 'number' || (/^\d+$/.test(seg) && !hasType(s, 'object'))) {
      if (!hasType(s, 'array') || !isObject(s.items)) return undefined;
      step = { schema: resolveRef(root, s.items), parent: s, extension: false };
      continue;
    }
    if (!hasType(s, 'object')) return undefined;
    const props = isObject(s.properties) ? s.properties : {};
    const sub = Object.prototype.hasOwnProperty.call(props, seg) ? props[seg] : undefined;
    if (isObject(sub)) {
      step = { schema: resolveRef(root, sub), parent: s, key: seg, extension: false };
      continue;
    }
    const ext = extensionSchema(root, s, seg);
    if (!ext) return undefined;
    step = { schema: ext, parent: s, key: seg, extension: true };
  }
  return step;
}

function infoOf(
  root: JsonSchema,
  schema: JsonSchema,
  key: string | undefined,
  parent: JsonSchema | undefined,
  extension: boolean,
): KeyInfo {
  const info: KeyInfo = { schema };
  if (key !== undefined) info.key = key;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const strs = (v: unknown): string[] | undefined =>
    Array.isArray(v) && v.every(x => typeof x === 'string') ? v : undefined;
  if (str(schema.title)) info.title = str(schema.title);
  if (str(schema.description)) info.description = str(schema.description);
  if (typeof schema.type === 'string' || strs(schema.type)) info.type = schema.type as string | string[];
  if (strs(schema.enum)) info.enum = strs(schema.enum);
  if (strs(schema.enumDescriptions)) info.enumDescriptions = strs(schema.enumDescriptions);
  if (Array.isArray(schema.examples)) info.examples = schema.examples;
  if ('default' in schema) info.default = schema.default;
  if (str(schema.format)) info.format = str(schema.format);
  if (str(schema.pattern)) info.pattern = str(schema.pattern);
  if (isIdSchema(schema)) info.isId = true;
  if (hasType(schema, 'array') && isObject(schema.items) && isIdSchema(resolveRef(root, schema.items)))
    info.isIdList = true;
  if (key !== undefined && parent) {
    info.required = Array.isArray(parent.required) && parent.required.includes(key);
  }
  if (extension) info.extension = true;
  return info;
}

/** The ID pattern of format v1, as written in the schemas. */
export const idPatternSource = '^[A-Z][A-Z0-9_]*-[A-Za-z0-9][A-Za-z0-9._-]*$';

/** True for a schema of one ID (a string with the ID pattern). */
export function isIdSchema(schema: JsonSchema): boolean {
  return hasType(schema, 'string') && schema.pattern === idPatternSource;
}

/**
 * What the schema of `kind` says about the value at a YAML path, e.g.
 * `['requirements', 0, 'priority']`; `[]` is the document itself. Keys
 * starting `x-` describe as user extensions. Undefined where the schema has
 * nothing (an unknown key, an index into a non-list).
 */
export function describeKey(
  kind: DocKind,
  path: readonly (string | number)[],
  team?: JsonSchema,
): KeyInfo | undefined {
  const builtIn = describeIn(schemas[kind], path);
  if (!team) return builtIn;
  const extra = describeIn(team, path);
  if (!extra || extra.extension) return builtIn ?? extra;
  if (!builtIn || builtIn.extension) return { ...extra, team: true };
  return mergeInfo(builtIn, extra);
}

function describeIn(root: JsonSchema, path: readonly (string | number)[]): KeyInfo | undefined {
  try {
    const step = walk(root, path);
    if (!step) return undefined;
    return infoOf(root, step.schema, step.key, step.parent, step.extension);
  } catch {
    return undefined;
  }
}

/**
 * A key both schemas describe: the built-in facts, with what the team adds
 * (its description when the built-in schema has none, its requirement).
 */
function mergeInfo(builtIn: KeyInfo, team: KeyInfo): KeyInfo {
  const out: KeyInfo = { ...builtIn };
  if (!out.description && team.description) out.description = team.description;
  else if (out.description && team.description && team.description !== out.description)
    out.description = `${out.description}\n\n${team.description}`;
  if (team.required) out.required = true;
  if (!out.enum && team.enum) {
    out.enum = team.enum;
    if (team.enumDescriptions) out.enumDescriptions = team.enumDescriptions;
  }
  return out;
}

/**
 * The keys allowed in the object at a YAML path (e.g. `['requirements', 0]`,
 * `[]` for the top level), in schema order, each with its description and
 * whether it is required. Empty when there is no object schema at the path.
 */
export function allowedKeys(kind: DocKind, path: readonly (string | number)[], team?: JsonSchema): KeyInfo[] {
  const builtIn = keysIn(schemas[kind], path);
  if (!team) return builtIn;
  const extra = keysIn(team, path);
  const byKey = new Map(extra.map(k => [k.key, k]));
  // A team may require a built-in key without declaring it again.
  const teamRequired = requiredIn(team, path);
  const out = builtIn.map(k => {
    const merged = byKey.has(k.key) ? mergeInfo(k, byKey.get(k.key)!) : k;
    return k.key !== undefined && teamRequired.has(k.key) && !merged.required
      ? { ...merged, required: true }
      : merged;
  });
  const known = new Set(builtIn.map(k => k.key));
  for (const k of extra) if (!known.has(k.key)) out.push({ ...k, team: true });
  return out;
}

function requiredIn(root: JsonSchema, path: readonly (string | number)[]): Set<string> {
  try {
    const req = walk(root, path)?.schema.required;
    return new Set(Array.isArray(req) ? req.filter((k): k is string => typeof k === 'string') : []);
  } catch {
    return new Set();
  }
}

function keysIn(root: JsonSchema, path: readonly (string | number)[]): KeyInfo[] {
  try {
    const step = walk(root, path);
    if (!step || !isObject(step.schema.properties)) return [];
    // A team schema may leave out `type: object`; the built-in ones never do.
    if (step.schema.type !== undefined && !hasType(step.schema, 'object')) return [];
    const obj = step.schema;
    return Object.entries(obj.properties as JsonSchema)
      .filter((entry): entry is [string, JsonSchema] => isObject(entry[1]))
      .map(([key, sub]) => infoOf(root, resolveRef(root, sub), key, obj, false));
  } catch {
    return [];
  }
}

/**
 * The property names a schema declares for the object at an instance path
 * (JSON Pointer segments, list indexes as numbers), looking through local
 * `$ref`s and `allOf`/`anyOf`/`oneOf`/`if`/`then`/`else` branches. Used to let
 * the built-in schema's `additionalProperties: false` accept a team's keys,
 * and the other way round.
 */
export function declaredKeys(root: JsonSchema, path: readonly (string | number)[]): Set<string> {
  const out = new Set<string>();
  try {
    let level = branches(root, [root]);
    for (const seg of path) {
      const next: JsonSchema[] = [];
      for (const s of level) {
        if (typeof seg === 'number') {
          if (isObject(s.items)) next.push(s.items);
        } else if (isObject(s.properties) && isObject(s.properties[seg])) {
          next.push(s.properties[seg]);
        }
      }
      level = branches(root, next);
      if (!level.length) return out;
    }
    for (const s of level) if (isObject(s.properties)) for (const k of Object.keys(s.properties)) out.add(k);
  } catch {
    // a schema we cannot walk declares nothing
  }
  return out;
}

/** The schemas and every branch they apply, with local `$ref`s resolved. */
function branches(root: JsonSchema, schemas: JsonSchema[]): JsonSchema[] {
  const out: JsonSchema[] = [];
  const work = [...schemas];
  while (work.length && out.length < 1000) {
    const s = resolveRef(root, work.pop()!);
    if (out.includes(s)) continue;
    out.push(s);
    for (const k of ['allOf', 'anyOf', 'oneOf'])
      if (Array.isArray(s[k])) for (const b of s[k] as unknown[]) if (isObject(b)) work.push(b);
    for (const k of ['if', 'then', 'else']) if (isObject(s[k])) work.push(s[k]);
  }
  return out;
}

/** The keys a document of `kind` must have at its top level, in schema order. */
export function requiredKeys(kind: DocKind): string[] {
  const req = schemas[kind].required;
  return Array.isArray(req) ? req.filter((k): k is string => typeof k === 'string') : [];
}
