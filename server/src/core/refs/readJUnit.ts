import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DiagnosticCode } from '../codes';
import type { Finding } from '../types';

/** A test case's outcome, as JUnit XML records it. */
export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

/** An item a test case names: `[REQ-101]`, `[REQ-101#2]` or a `verifies` property. */
export interface TestTarget {
  id: string;
  /** The 1-based acceptance criterion, for `REQ-101#2`. */
  ac?: number;
}

/** One `<testcase>` of a JUnit XML file. */
export interface TestCase {
  name: string;
  classname: string;
  outcome: TestOutcome;
  /** What it verifies, in the order written, each once. */
  targets: TestTarget[];
}

const asArrays = new Set(['testsuite', 'testcase', 'properties', 'property', 'failure', 'error', 'skipped']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  // Names and messages are shown as written; no entity of a DOCTYPE is expanded.
  processEntities: false,
  isArray: name => asArrays.has(name),
});

const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * The test cases of a JUnit XML file (`<testsuites>` or one `<testsuite>`,
 * suites nested at any depth). XML that is not well-formed, or that holds no
 * test suite, is one `schema` finding on the file, at the parser's position;
 * this never throws.
 */
export function readJUnit(text: string): { cases: TestCase[]; problems: Finding[] } {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    let line = Math.max(0, (valid.err.line ?? 1) - 1);
    let character = Math.max(0, (valid.err.col ?? 1) - 1);
    let message = valid.err.msg;
    // Tags left open at the end come as a JSON list of names, at the file's start: say so, at its end.
    const open = /^Invalid '(\[[^]*\])' found\.$/.exec(message);
    const names = open ? openTags(open[1]) : undefined;
    if (names) {
      message = `the file ends before ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} closed`;
      const all = text.split(/\r\n|\r|\n/);
      line = all.length - 1;
      character = all[line].length;
    }
    return {
      cases: [],
      problems: [
        {
          code: DiagnosticCode.schema,
          range: { start: { line, character }, end: { line, character } },
          message: `not well-formed JUnit XML: ${message}`,
        },
      ],
    };
  }
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch (err) {
    return { cases: [], problems: [notJUnit(`not readable as JUnit XML: ${String(err)}`)] };
  }
  const top = record(doc);
  const suites = [...list(record(top.testsuites).testsuite), ...list(top.testsuite)];
  if (!('testsuites' in top) && !('testsuite' in top))
    return {
      cases: [],
      problems: [notJUnit('not JUnit XML: the root element is neither <testsuites> nor <testsuite>')],
    };
  const cases: TestCase[] = [];
  const walk = (suite: Record<string, unknown>): void => {
    for (const c of list(suite.testcase)) cases.push(testCase(record(c)));
    for (const inner of list(suite.testsuite)) walk(record(inner));
  };
  for (const s of suites) walk(record(s));
  return { cases, problems: [] };
}

/** The validator's list of open tags (`["a","b"]`) as `<a>`, `<b>`; undefined if it is not such a list. */
function openTags(list: string): string[] | undefined {
  try {
    const names: unknown = JSON.parse(list);
    return Array.isArray(names) ? names.map(n => `<${String(n)}>`) : undefined;
  } catch {
    return undefined;
  }
}

function notJUnit(message: string): Finding {
  return { code: DiagnosticCode.schema, range: whole, message };
}

function testCase(c: Record<string, unknown>): TestCase {
  const name = text(c.name);
  const classname = text(c.classname);
  const outcome: TestOutcome =
    'failure' in c ? 'failed' : 'error' in c ? 'error' : 'skipped' in c ? 'skipped' : 'passed';
  const targets: TestTarget[] = [];
  const add = (t: TestTarget): void => {
    if (!targets.some(o => o.id === t.id && o.ac === t.ac)) targets.push(t);
  };
  for (const written of [classname, name])
    for (const m of written.matchAll(/\[([^\]]*)\]/g)) parseTargets(m[1]).forEach(add);
  for (const props of list(c.properties))
    for (const p of list(record(props).property)) {
      const prop = record(p);
      if (text(prop.name) === 'verifies') parseTargets(text(prop.value)).forEach(add);
    }
  return { name, classname, outcome, targets };
}

const targetPattern = /^([A-Z][A-Z0-9_]*-[A-Za-z0-9][A-Za-z0-9._-]*)(?:#([0-9]+))?$/;

/** `REQ-101`, `REQ-101#2`, or several separated by commas or blanks; other words are not IDs. */
function parseTargets(written: string): TestTarget[] {
  const out: TestTarget[] = [];
  for (const word of written.split(/[\s,]+/)) {
    const m = targetPattern.exec(word);
    if (m) out.push(m[2] !== undefined ? { id: m[1], ac: Number(m[2]) } : { id: m[1] });
  }
  return out;
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}
