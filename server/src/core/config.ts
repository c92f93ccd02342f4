import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { allCodes, codeInfo, defaultSeverity, DiagnosticCode, ruleSettings } from './codes';
import { idPattern } from './model';
import { closest } from './text/closest';
import { LineMap } from './parse/sourceText';
import { checkText } from './parse/decode';
import { parseYaml } from './parse/parseDocument';
import { nodeRange } from './parse/extract';
import { itemKinds, neverContent, type ExtraContentFields } from './reviews/contentFields';
import { linearRegExp, UnsupportedPattern } from './schema/linearPattern';
import type { DocKind, Finding, Range, Severity } from './types';

export const configFileName = '.specwright.yaml';

export type RuleSetting = Severity | 'off';

/** A share (0–1) written in the configuration, with where it is written. */
export interface Threshold {
  value: number;
  /** The range of the number. */
  range: Range;
}

/**
 * The measures a `coverage:` minimum can be set on: `covered` (written
 * `min`: committed requirements that stories implement, graph/coverage.ts),
 * `implemented` and `verified` (graph/verification.ts).
 */
export type CoverageMeasure = 'covered' | 'implemented' | 'verified';

/** The measures in the order they are checked and reported. */
export const coverageMeasures: readonly CoverageMeasure[] = ['covered', 'implemented', 'verified'];

/** Minimums by measure. */
export type Minimums = Partial<Record<CoverageMeasure, Threshold>>;

/** `coverage:` of `.specwright.yaml`: the least shares of committed requirements that are covered, implemented, verified. */
export interface CoverageConfig {
  /** Over the whole workspace folder. */
  folder: Minimums;
  /** Per release, by release ID (the range of the ID key is where a release that does not exist is reported). */
  releases: { id: string; keyRange: Range; minimums: Minimums }[];
}

/** `schemas:` of `.specwright.yaml`: a team's own JSON Schema for a document kind, by path relative to the folder. */
export interface SchemaReference {
  kind: DocKind;
  /** The path as written, with `/` separators. */
  path: string;
  /** The range of the path value (where problems with the file are reported). */
  range: Range;
}

/** A workspace's `.specwright.yaml`, normalised. */
export interface SpecConfig {
  rules: Record<string, RuleSetting>;
  coverage?: CoverageConfig;
  /** Extension schemas, one per kind at most. */
  schemas?: SchemaReference[];
  /** The range of the `schemas` key, when there is one. */
  schemasKey?: Range;
  /** `reviews:` — what review stamps cover. */
  reviews?: ReviewsConfig;
  /** `trace:` — the code, test and results files whose references count. */
  trace?: TraceConfig;
  /** `tickets:` — which ticket keys link to which tracker, in the order written. */
  tickets?: TicketTemplate[];
}

/**
 * One entry of `tickets:` in `.specwright.yaml`: ticket keys that the
 * pattern matches whole link to the template with `{ticket}` replaced by the
 * key (core/tickets.ts).
 */
export interface TicketTemplate {
  /** A regular expression as written; it runs on the linear-time engine (schema/linearPattern.ts). */
  pattern: string;
  /** An http or https URL with `{ticket}` in it. */
  template: string;
}

/**
 * `trace:` of `.specwright.yaml`: globs relative to the workspace folder
 * (format 1.1, "References from code and tests"). A kind left out is empty.
 */
export interface TraceConfig {
  /** Source files: `@implements` there means implements. */
  code: string[];
  /** Test files: `@implements` and `@verifies` there both mean verifies. */
  tests: string[];
  /** JUnit XML results of those tests. */
  results: string[];
}

const traceKinds = ['code', 'tests', 'results'] as const;

/** `reviews:` of `.specwright.yaml`. */
export interface ReviewsConfig {
  /** Content fields a team adds per kind of item (`reviews: { content: { requirement: [x-risk] } }`). */
  content: ExtraContentFields;
}

export const defaultConfig: SpecConfig = { rules: {} };

const topKeys = ['rules', 'coverage', 'schemas', 'reviews', 'trace', 'tickets'] as const;
const docKinds: readonly DocKind[] = ['vision', 'roadmap', 'epic', 'prd', 'stories'];

/**
 * Read `.specwright.yaml`. Problems become findings on the config file (code
 * `schema`); whatever is valid in it still applies.
 *
 * It is read as a spec file is (parseYaml), with the same limits — size,
 * nesting, YAML tokens, keys per mapping, aliases — and the same findings
 * when one is passed: the repository writes it, so it is untrusted input.
 */
export function parseConfig(text: string): { config: SpecConfig; problems: Finding[] } {
  const config: SpecConfig = { rules: {} };
  const refused = checkText(text);
  if (refused !== undefined) {
    return {
      config,
      problems: [
        {
          code: DiagnosticCode.yamlSyntax,
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: refused,
        },
      ],
    };
  }
  const parsed = parseYaml(text);
  const { lines } = parsed;
  const problems: Finding[] = [...parsed.syntax];
  const root = (parsed.doc?.contents ?? null) as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    problems.push({
      code: DiagnosticCode.schema,
      range: root.range ? nodeRange(lines, root) : lines.range(0, 0),
      message: 'the configuration must be a mapping of keys (rules: ...)',
    });
    return { config, problems };
  }
  const problem = (node: Node, message: string): void => {
    problems.push({ code: DiagnosticCode.schema, range: nodeRange(lines, node), message });
  };
  for (const pair of root.items) {
    const key = pair.key as Node;
    const name = isScalar(key) ? String(key.value) : '';
    const value = pair.value as Node | null;
    if (name === 'rules') {
      readRules(value, lines, config.rules, problems);
    } else if (name === 'coverage') {
      config.coverage = readCoverage(value, key, lines, problem);
    } else if (name === 'schemas') {
      config.schemasKey = nodeRange(lines, key);
      config.schemas = readSchemas(value, lines, problem);
    } else if (name === 'reviews') {
      config.reviews = readReviews(value, key, problem);
    } else if (name === 'trace') {
      config.trace = readTrace(value, key, problem);
    } else if (name === 'tickets') {
      config.tickets = readTickets(value, key, problem);
    } else if (!name.startsWith('x-') && key?.range) {
      problem(key, `unknown configuration key "${name}" (allowed: ${topKeys.join(', ')})`);
    }
  }
  traceNeeded(config, problems);
  return { config, problems };
}

function isEmpty(node: Node | null): boolean {
  return node === null || (isScalar(node) && node.value === null);
}

/** The node to report a problem with a value at: the value, or its key when the value is empty. */
function at(value: Node | null, key: Node): Node {
  return value && value.range && value.range[0] !== value.range[1] ? value : key;
}

/**
 * Why a rule may not name `code` (undefined: it may): the codes a workspace
 * may configure are `allCodes`, so not `internal-error` (Specwright's own
 * failures are always shown). The one rule for `rules:` of `.specwright.yaml`
 * and the editor's `specwright.rules` setting.
 */
export function refusedRule(code: string): string | undefined {
  if (allCodes.includes(code)) return undefined;
  if (codeInfo(code)?.internal)
    return `rule "${code}" cannot be set: Specwright's own failures are always reported`;
  const guess = closest(code, allCodes);
  return `unknown rule "${code}"${guess ? ` (did you mean "${guess}"?)` : ''}`;
}

function readRules(
  node: Node | null,
  lines: LineMap,
  rules: Record<string, RuleSetting>,
  problems: Finding[],
): void {
  if (node === null || (isScalar(node) && node.value === null)) return;
  if (!isMap(node)) {
    problems.push({
      code: DiagnosticCode.schema,
      range: nodeRange(lines, node),
      message: 'rules must be a mapping of code: error|warning|info|off',
    });
    return;
  }
  for (const pair of node.items) {
    const key = pair.key as Node;
    const value = pair.value as Node | null;
    const code = isScalar(key) ? String(key.value) : '';
    const refused = refusedRule(code);
    if (refused) {
      problems.push({ code: DiagnosticCode.schema, range: nodeRange(lines, key), message: refused });
      continue;
    }
    const setting = isScalar(value) ? value.value : undefined;
    if (typeof setting === 'string' && (ruleSettings as readonly string[]).includes(setting)) {
      rules[code] = setting as RuleSetting;
    } else {
      // An empty value has a zero-width range after the colon: point at the key instead.
      const empty = !value?.range || value.range[0] === value.range[1];
      problems.push({
        code: DiagnosticCode.schema,
        range: empty ? nodeRange(lines, key) : nodeRange(lines, value),
        message: `rule ${code} must be one of error, warning, info, off (got ${describeValue(value)})`,
      });
    }
  }
}

/** The key that sets each measure's minimum, in `coverage:` and in a release's mapping. */
const measureKeys: Readonly<Record<string, CoverageMeasure>> = {
  min: 'covered',
  implemented: 'implemented',
  verified: 'verified',
};

/**
 * `coverage: { min: 0.8, implemented: 0.7, verified: 0.6, releases: { R-1: 0.9, R-2: { verified: 1 } } }`;
 * shares are numbers from 0 to 1, a release's number is its `min`.
 */
function readCoverage(
  node: Node | null,
  key: Node,
  lines: LineMap,
  problem: (node: Node, message: string) => void,
): CoverageConfig | undefined {
  if (isEmpty(node)) return undefined;
  if (!isMap(node)) {
    problem(at(node, key), 'coverage must be a mapping (min: 0.8, releases: { R-1: 0.9 })');
    return undefined;
  }
  const out: CoverageConfig = { folder: {}, releases: [] };
  const share = (value: Node | null, k: Node, what: string): Threshold | undefined => {
    const v = isScalar(value) ? value.value : undefined;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1)
      return { value: v, range: nodeRange(lines, value!) };
    problem(
      at(value, k),
      `${what} must be a number from 0 to 1, such as 0.8 for 80% (got ${describeValue(value)})`,
    );
    return undefined;
  };
  const allowed = Object.keys(measureKeys).join(', ');
  for (const pair of node.items) {
    const k = pair.key as Node;
    const name = isScalar(k) ? String(k.value) : '';
    const value = pair.value as Node | null;
    const measure = Object.hasOwn(measureKeys, name) ? measureKeys[name] : undefined;
    if (measure) {
      const t = share(value, k, `coverage ${name}`);
      if (t) out.folder[measure] = t;
    } else if (name === 'releases') {
      if (isEmpty(value)) continue;
      if (!isMap(value)) {
        problem(at(value, k), 'coverage releases must be a mapping of release ID: share (R-2026.1: 0.9)');
        continue;
      }
      for (const rp of value.items) {
        const rk = rp.key as Node;
        const id = isScalar(rk) ? String(rk.value) : '';
        if (!idPattern.test(id)) {
          problem(rk, `"${id}" is not a release ID (IDs look like R-2026.1)`);
          continue;
        }
        const rv = rp.value as Node | null;
        const minimums: Minimums = {};
        if (isMap(rv)) {
          for (const mp of rv.items) {
            const mk = mp.key as Node;
            const mname = isScalar(mk) ? String(mk.value) : '';
            const m = Object.hasOwn(measureKeys, mname) ? measureKeys[mname] : undefined;
            if (m) {
              const t = share(mp.value as Node | null, mk, `coverage ${mname} of ${id}`);
              if (t) minimums[m] = t;
            } else if (!mname.startsWith('x-') && mk?.range) {
              problem(mk, `unknown coverage key "${mname}" for ${id} (allowed: ${allowed})`);
            }
          }
        } else {
          const t = share(rv, rk, `coverage of ${id}`);
          if (t) minimums.covered = t;
        }
        if (Object.keys(minimums).length) out.releases.push({ id, keyRange: nodeRange(lines, rk), minimums });
      }
    } else if (!name.startsWith('x-') && k?.range) {
      problem(k, `unknown coverage key "${name}" (allowed: ${allowed}, releases)`);
    }
  }
  return out;
}

/**
 * A minimum on `implemented` or `verified` needs the files that make those
 * true: `trace.code`, and `trace.tests` or `trace.results`. Without them
 * nothing could ever count, so the minimum is a problem at its number.
 */
function traceNeeded(config: SpecConfig, problems: Finding[]): void {
  const c = config.coverage;
  if (!c) return;
  const t = config.trace;
  const lacks = (m: CoverageMeasure): string | undefined =>
    m === 'implemented' && !t?.code.length
      ? 'trace.code'
      : m === 'verified' && !t?.tests.length && !t?.results.length
        ? 'trace.tests or trace.results'
        : undefined;
  const check = (minimums: Minimums, where: string): void => {
    for (const m of ['implemented', 'verified'] as const) {
      const threshold = minimums[m];
      const missing = lacks(m);
      if (!threshold || !missing) continue;
      problems.push({
        code: DiagnosticCode.schema,
        range: threshold.range,
        message: `a minimum on ${m}${where} needs ${missing} in this file: without them no requirement counts as ${m}`,
      });
    }
  };
  check(c.folder, '');
  for (const r of c.releases) check(r.minimums, ` for ${r.id}`);
}

/** `schemas: { prd: ./conventions/prd.schema.json }`: paths relative to the workspace folder, inside it. */
function readSchemas(
  node: Node | null,
  lines: LineMap,
  problem: (node: Node, message: string) => void,
): SchemaReference[] {
  const out: SchemaReference[] = [];
  if (isEmpty(node)) return out;
  if (!isMap(node)) {
    problem(
      node!,
      'schemas must be a mapping of document kind: path of a JSON Schema file (prd: ./conventions/prd.schema.json)',
    );
    return out;
  }
  for (const pair of node.items) {
    const k = pair.key as Node;
    const kind = isScalar(k) ? String(k.value) : '';
    const value = pair.value as Node | null;
    if (kind.startsWith('x-')) continue;
    if (!(docKinds as readonly string[]).includes(kind)) {
      const guess = closest(kind, docKinds);
      problem(
        k,
        `unknown document kind "${kind}"${guess ? ` (did you mean "${guess}"?)` : ` (use ${docKinds.join(', ')})`}`,
      );
      continue;
    }
    const raw = isScalar(value) ? value.value : undefined;
    if (typeof raw !== 'string' || raw.trim() === '') {
      problem(
        at(value, k),
        `schemas.${kind} must be the path of a JSON Schema file, relative to the workspace folder (got ${describeValue(value)})`,
      );
      continue;
    }
    const checked = relativeSchemaPath(raw.trim());
    if ('error' in checked) {
      problem(value!, checked.error);
      continue;
    }
    out.push({ kind: kind as DocKind, path: checked.path, range: nodeRange(lines, value!) });
  }
  return out;
}

/**
 * `reviews: { content: { requirement: [x-risk, rationale] } }`: fields added
 * to a kind's content fields (docs/format.md, "Review stamps"). Fields that
 * are never content (status, owner, ...) are refused.
 */
function readReviews(
  node: Node | null,
  key: Node,
  problem: (node: Node, message: string) => void,
): ReviewsConfig | undefined {
  if (isEmpty(node)) return undefined;
  if (!isMap(node)) {
    problem(at(node, key), 'reviews must be a mapping (content: { requirement: [x-risk] })');
    return undefined;
  }
  const out: ReviewsConfig = { content: {} };
  for (const pair of node.items) {
    const k = pair.key as Node;
    const name = isScalar(k) ? String(k.value) : '';
    const value = pair.value as Node | null;
    if (name.startsWith('x-')) continue;
    if (name !== 'content') {
      if (k?.range) problem(k, `unknown reviews key "${name}" (allowed: content)`);
      continue;
    }
    if (isEmpty(value)) continue;
    if (!isMap(value)) {
      problem(
        at(value, k),
        'reviews content must be a mapping of item kind: list of field names (requirement: [x-risk])',
      );
      continue;
    }
    for (const kp of value.items) {
      const kk = kp.key as Node;
      const kind = isScalar(kk) ? String(kk.value) : '';
      const list = kp.value as Node | null;
      if (!(itemKinds as readonly string[]).includes(kind)) {
        const guess = closest(kind, itemKinds);
        problem(
          kk,
          `unknown item kind "${kind}"${guess ? ` (did you mean "${guess}"?)` : ` (use ${itemKinds.join(', ')})`}`,
        );
        continue;
      }
      if (isEmpty(list)) continue;
      if (!isSeq(list)) {
        problem(
          at(list, kk),
          `reviews content of ${kind} must be a list of field names (got ${describeValue(list)})`,
        );
        continue;
      }
      const fields: string[] = [];
      for (const entry of list.items as Node[]) {
        const f = isScalar(entry) ? entry.value : undefined;
        if (typeof f !== 'string' || f.trim() === '') {
          problem(entry, `a content field must be a field name (got ${describeValue(entry)})`);
        } else if (neverContent.includes(f)) {
          problem(entry, `${f} is never content: a change to it does not make links suspect`);
        } else if (!fields.includes(f)) {
          fields.push(f);
        }
      }
      out.content[kind as keyof ExtraContentFields] = fields;
    }
  }
  return out;
}

/**
 * `trace: { code: [src/**\/*.ts], tests: test/**\/*.ts, results: [reports/*.xml] }`:
 * each a glob or a list of globs, relative to the workspace folder and inside it.
 */
function readTrace(
  node: Node | null,
  key: Node,
  problem: (node: Node, message: string) => void,
): TraceConfig | undefined {
  if (isEmpty(node)) return undefined;
  if (!isMap(node)) {
    problem(
      at(node, key),
      'trace must be a mapping (code: [src/**/*.ts], tests: [test/**/*.ts], results: [reports/*.xml])',
    );
    return undefined;
  }
  const out: TraceConfig = { code: [], tests: [], results: [] };
  for (const pair of node.items) {
    const k = pair.key as Node;
    const name = isScalar(k) ? String(k.value) : '';
    const value = pair.value as Node | null;
    if (name.startsWith('x-')) continue;
    if (!(traceKinds as readonly string[]).includes(name)) {
      if (k?.range) {
        const guess = closest(name, traceKinds);
        problem(
          k,
          `unknown trace key "${name}"${guess ? ` (did you mean "${guess}"?)` : ''} (allowed: ${traceKinds.join(', ')})`,
        );
      }
      continue;
    }
    if (isEmpty(value)) continue;
    const entries = isSeq(value) ? (value.items as Node[]) : isScalar(value) ? [value] : undefined;
    if (!entries) {
      problem(
        value!,
        `trace ${name} must be a glob or a list of globs, relative to the workspace folder (got ${describeValue(value)})`,
      );
      continue;
    }
    for (const entry of entries) {
      const glob = isScalar(entry) ? entry.value : undefined;
      const refused =
        typeof glob !== 'string' || glob.trim() === ''
          ? `a trace ${name} entry must be a glob such as "src/**/*.ts" (got ${describeValue(entry)})`
          : globProblem(glob.trim());
      if (refused) problem(entry, refused);
      else
        out[name as keyof TraceConfig].push(
          (glob as string)
            .trim()
            .replace(/\\/g, '/')
            .replace(/^(\.\/)+/, ''),
        );
    }
  }
  return out;
}

/**
 * `tickets: { "[A-Z]+-[0-9]+": "https://acme.atlassian.net/browse/{ticket}" }`:
 * a mapping of pattern to URL template. The repository writes the patterns,
 * so each must run on the linear-time engine (a pattern it refuses is a
 * finding on the key, never a fallback to RegExp); a template must be an
 * http(s) URL with `{ticket}` in it (a finding on the value otherwise).
 */
function readTickets(
  node: Node | null,
  key: Node,
  problem: (node: Node, message: string) => void,
): TicketTemplate[] | undefined {
  if (isEmpty(node)) return undefined;
  if (!isMap(node)) {
    problem(at(node, key), `tickets must be a mapping of pattern: URL template (${ticketsExample})`);
    return undefined;
  }
  const out: TicketTemplate[] = [];
  for (const pair of node.items) {
    const k = pair.key as Node;
    const value = pair.value as Node | null;
    const pattern = isScalar(k) ? k.value : undefined;
    if (typeof pattern !== 'string' || pattern === '') {
      if (k?.range) problem(k, `a tickets key must be a regular expression such as "[A-Z]+-[0-9]+"`);
      continue;
    }
    const refused = patternProblem(pattern);
    if (refused) {
      problem(k, `tickets: ${refused}`);
      continue;
    }
    const template = isScalar(value) ? value.value : undefined;
    const wrong =
      typeof template !== 'string'
        ? `the URL template of "${pattern}" must be a text such as "https://acme.atlassian.net/browse/{ticket}" (got ${describeValue(value)})`
        : templateProblem(pattern, template);
    if (wrong) problem(at(value, k), wrong);
    else out.push({ pattern, template: template as string });
  }
  return out;
}

const ticketsExample = '"[A-Z]+-[0-9]+": "https://acme.atlassian.net/browse/{ticket}"';

/** Why a ticket pattern cannot be used, in words; undefined when the linear-time engine runs it. */
function patternProblem(pattern: string): string | undefined {
  try {
    linearRegExp(pattern);
    return undefined;
  } catch (err) {
    if (err instanceof UnsupportedPattern) return err.message;
    throw err;
  }
}

/** Why a URL template is refused: no `{ticket}`, or not an http(s) URL. */
function templateProblem(pattern: string, template: string): string | undefined {
  if (!template.includes('{ticket}'))
    return `the URL template of "${pattern}" must contain {ticket}, where the ticket key goes (got ${JSON.stringify(template)})`;
  let url: URL | undefined;
  try {
    url = new URL(template.replaceAll('{ticket}', 'T'));
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    return `the URL template of "${pattern}" must be an http or https URL (got ${JSON.stringify(template)})`;
  return undefined;
}

/** Why a trace glob is refused: it must stay inside the workspace folder. */
function globProblem(glob: string): string | undefined {
  const p = glob.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p))
    return `"${glob}" is not a relative glob; write it relative to the workspace folder (src/**/*.ts)`;
  if (p.split('/').includes('..'))
    return `"${glob}" leaves the workspace folder; only files inside it are read`;
  return undefined;
}

/**
 * A configured path, normalised to `a/b/c.json` — or why it is refused: an
 * absolute path, or one that leaves the workspace folder (`..`). The
 * workspace checks again when it reads the file (symbolic links, real paths).
 */
export function relativeSchemaPath(written: string): { path: string } | { error: string } {
  const p = written.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p) || /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(written)) {
    return {
      error: `"${written}" is not a relative path; write the path of a file inside the workspace folder, relative to it`,
    };
  }
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (!parts.length)
        return { error: `"${written}" is outside the workspace folder; only files inside it are read` };
      parts.pop();
    } else {
      parts.push(seg);
    }
  }
  if (!parts.length) return { error: `"${written}" does not name a file` };
  return { path: parts.join('/') };
}

/** A rule's value as written, for messages: a scalar as JSON, a list or mapping by name. */
function describeValue(node: Node | null): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  return JSON.stringify(isScalar(node) ? (node.value ?? null) : null);
}

/** The severity a code has under a configuration, or 'off'. */
export function severityOf(code: string, config: SpecConfig): RuleSetting {
  return config.rules[code] ?? defaultSeverity[code] ?? 'error';
}
