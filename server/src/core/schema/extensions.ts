import Ajv, { type ValidateFunction } from 'ajv';
import type { DocKind } from '../types';
import type { JsonSchema } from './schemas';
import { addVocabulary } from './vocabulary';
import { maxDepth, maxTokens } from '../parse/parseDocument';
import { linearRegExpEngine, UnsupportedPattern } from './linearPattern';
import { withThousands } from '../text/numbers';

/**
 * Team schema extensions: `.specwright.yaml` `schemas: { prd: ./conventions/prd.schema.json }`.
 * A team's JSON Schema for a document kind is validated in addition to the
 * built-in one. It is untrusted input, so:
 * - it is compiled by an Ajv instance of its own (never the built-in one), in
 *   strict mode, without `$data`, and without `loadSchema`: nothing is ever
 *   fetched, and a `$ref` to anything but a local `#/...` is refused before
 *   compiling;
 * - its regular expressions (`pattern`, `patternProperties`, wherever Ajv
 *   finds them, `$ref`s into data included) run on a linear-time engine
 *   (linearPattern.ts); one that engine cannot run is a problem, never run
 *   by JavaScript's backtracking RegExp;
 * - it gets the limits of a spec file: no more than maxDepth levels of
 *   nesting and maxTokens values, besides its size;
 * - every problem becomes a message for a finding on the configuration, never
 *   an exception.
 */

/** A compiled extension schema. */
export interface ExtensionSchema {
  kind: DocKind;
  /** The path as configured (normalised, relative to the workspace folder). */
  path: string;
  schema: JsonSchema;
  validate: ValidateFunction;
  /** What identifies the schema's content: equal fingerprints check files alike. */
  fingerprint: string;
}

/** What reading a file named by the configuration gave: its text, or why there is none. */
export type ConfigFileRead = { text: string } | { error: string };

/** Extension schema files are small; a larger one is refused before it is parsed. */
export const maxSchemaBytes = 1024 * 1024;

/** Compile a team's schema, or say (in words for the configuration's author) why it cannot be used. */
export function compileExtension(
  kind: DocKind,
  path: string,
  read: ConfigFileRead,
): { extension: ExtensionSchema } | { problem: string } {
  if ('error' in read) return { problem: read.error };
  if (read.text.length > maxSchemaBytes)
    return { problem: `the schema file "${path}" is too large (more than 1 MB)` };
  let schema: unknown;
  try {
    schema = JSON.parse(read.text.charCodeAt(0) === 0xfeff ? read.text.slice(1) : read.text);
  } catch (err) {
    return { problem: `the schema file "${path}" is not valid JSON: ${oneLine(err)}` };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { problem: `the schema file "${path}" must hold a JSON object (a JSON Schema)` };
  }
  const unsafe = tooLarge(schema) ?? remoteRef(schema as JsonSchema);
  if (unsafe) return { problem: `the schema file "${path}" cannot be used: ${unsafe}` };
  try {
    const validate = newAjv().compile(schema as JsonSchema);
    return {
      extension: {
        kind,
        path,
        schema: schema as JsonSchema,
        validate,
        fingerprint: `${path}\u0000${JSON.stringify(schema)}`,
      },
    };
  } catch (err) {
    if (err instanceof UnsupportedPattern) {
      return { problem: `the schema file "${path}" cannot be used: ${err.message}` };
    }
    return { problem: `the schema file "${path}" is not a valid JSON Schema: ${oneLine(err)}` };
  }
}

/** A fresh Ajv for one extension schema: its `$id`s cannot collide with another's, or with the built-in schemas. */
function newAjv(): Ajv {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    verbose: true,
    allowUnionTypes: true,
    // Strict (unknown keywords, formats and types are errors), except that a
    // team may require a built-in key without declaring it again.
    strictRequired: false,
    $data: false,
    // No loadSchema: compile() never fetches; an unknown $ref fails compiling.
    logger: false,
    addUsedSchema: false,
    // Every pattern (pattern, patternProperties) runs on RE2: linear time, whatever it is.
    code: { regExp: linearRegExpEngine },
  });
  // The same annotation and format as the built-in schemas, so a team can copy their style.
  return addVocabulary(ajv);
}

/** Keywords whose value is one schema. */
const schemaKeywords = [
  'additionalProperties',
  'additionalItems',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'not',
  'items',
];
/** Keywords whose value is a list of schemas. */
const schemaListKeywords = ['allOf', 'anyOf', 'oneOf', 'items'];
/** Keywords whose value maps names to schemas. */
const schemaMapKeywords = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];

/**
 * The limits of a spec file, for a parsed JSON file: nesting deeper than
 * maxDepth or more than maxTokens values make it unusable (the compiler
 * recurses per level, and its work grows with the values).
 */
function tooLarge(value: unknown): string | undefined {
  const work: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  let count = 0;
  while (work.length) {
    const { value: v, depth } = work.pop()!;
    if (++count > maxTokens)
      return `it has more than ${withThousands(maxTokens)} values; a schema needs far fewer`;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= maxDepth)
      return `it is nested too deeply (more than ${maxDepth} levels); a schema needs only a few levels of nesting`;
    for (const child of Array.isArray(v) ? v : Object.values(v))
      work.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/**
 * Walk every subschema (only through schema keywords, so a property *named*
 * `$ref` is not mistaken for the keyword) and return why the schema cannot
 * be used: a `$ref` that is not local. (A `$ref` into data, such as an enum
 * value, that this walk does not visit is refused by the compiler: it never
 * fetches, and it reads only this file.)
 */
function remoteRef(root: JsonSchema): string | undefined {
  const work: { schema: unknown; pointer: string }[] = [{ schema: root, pointer: '#' }];
  while (work.length) {
    const { schema, pointer } = work.pop()!;
    if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) continue;
    const s = schema as JsonSchema;
    if (typeof s.$ref === 'string' && !(s.$ref === '#' || s.$ref.startsWith('#/'))) {
      return `its $ref "${s.$ref}" at ${pointer} is not a local reference; only references within the file (#/...) are allowed, and nothing is ever fetched`;
    }
    for (const k of schemaKeywords)
      if (k in s && !Array.isArray(s[k])) work.push({ schema: s[k], pointer: `${pointer}/${k}` });
    for (const k of schemaListKeywords) {
      const list = s[k];
      if (Array.isArray(list))
        list.forEach((sub, i) => work.push({ schema: sub, pointer: `${pointer}/${k}/${i}` }));
    }
    for (const k of schemaMapKeywords) {
      const map = s[k];
      if (typeof map !== 'object' || map === null || Array.isArray(map)) continue;
      for (const [name, sub] of Object.entries(map))
        work.push({ schema: sub, pointer: `${pointer}/${k}/${escapePointer(name)}` });
    }
  }
  return undefined;
}

function oneLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
