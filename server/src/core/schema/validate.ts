import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { DiagnosticCode } from '../codes';
import { nodeRange } from '../parse/extract';
import type { ParsedYaml } from '../parse/parseDocument';
import type { LineMap } from '../parse/sourceText';
import type { DocKind, Finding, Range } from '../types';
import { declaredKeys, describeKey, requiredKeys, schemaFor, validatorFor, type JsonSchema } from './schemas';
import { withArticle } from '../checks/check';
import {
  describe,
  nameOf,
  quoteList,
  scalarValue,
  segments,
  type Problem,
  type SchemaFindingData,
  type Segment,
} from './schemaMessages';

export type { SchemaFindingData } from './schemaMessages';

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
// Paths and ranges

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
