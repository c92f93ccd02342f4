/**
 * A small workspace with references from code and tests and a JUnit file
 * (format 1.1), applied in memory, for the tests of what the trace rolls up
 * to: graph/verification.ts, the code lens, the views and the report.
 *
 * REQ-1 direct code and a passing test; REQ-2 through its story ST-1;
 * REQ-3 through its acceptance criteria and a test file's reference only
 * (no result names it); REQ-4 one test passing and one failing; REQ-5 a
 * skipped test (and a test file's reference); REQ-6 nothing; REQ-7 a draft
 * with a passing test.
 */
import { SpecService } from '../../../server/src/core/service';
import type { TraceFileChange } from '../../../server/src/core/refs/traceStore';
import { lines, workspace } from '../helpers';

export const ROOT = 'file:///w';
export const CONFIG = 'file:///w/.specwright.yaml';
export const ROADMAP = 'file:///w/product.roadmap.yaml';
export const EPIC = 'file:///w/cart.epic.yaml';
export const PRD = 'file:///w/cart.prd.yaml';
export const STORIES = 'file:///w/s1.stories.yaml';
export const CODE = 'file:///w/src/cart.ts';
export const TEST = 'file:///w/test/cart.test.ts';
export const JUNIT = 'file:///w/reports/junit.xml';

export const traceConfig = lines(
  'trace:',
  '  code: [src/**/*.ts]',
  '  tests: [test/**/*.ts]',
  '  results: [reports/*.xml]',
);

const req = (id: string, status: string) =>
  `  - {id: ${id}, title: ${id} title, statement: s, priority: must, status: ${status}, acceptance_criteria: [one, two]}`;

export const specFiles: Record<string, string> = {
  [ROADMAP]: lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1', // 3
    '    title: First',
    '    horizon: now',
  ),
  [EPIC]: lines('id: EPIC-1', 'title: Cart', 'release: R-1'),
  [PRD]: lines(
    'id: PRD-1', // 0
    'title: Cart',
    'epic: EPIC-1',
    'requirements:',
    req('REQ-1', 'approved'), // 4
    req('REQ-2', 'in-progress'), // 5
    req('REQ-3', 'done'), // 6
    req('REQ-4', 'done'), // 7
    req('REQ-5', 'approved'), // 8
    req('REQ-6', 'approved'), // 9
    req('REQ-7', 'draft'), // 10
  ),
  [STORIES]: lines(
    'id: IT-1',
    'title: S1',
    'stories:',
    '  - {id: ST-1, title: Story one, implements: [REQ-2], status: done, acceptance_criteria: [ok]}',
    '  - {id: ST-2, title: Story two, implements: [REQ-5], status: in-progress, acceptance_criteria: [ok]}',
  ),
};

export const traceFiles: Record<string, string> = {
  [CODE]: lines(
    '// @implements REQ-1', // 0
    'export const a = 1;',
    '// @implements ST-1, REQ-3#2', // 2
    '// @implements REQ-4',
  ),
  [TEST]: lines(
    "it('one', () => {}); // @verifies REQ-3#1", // 0
    "it('five', () => {}); // @verifies REQ-5", // 1
  ),
  [JUNIT]: lines(
    '<testsuites><testsuite name="cart">',
    '  <testcase classname="cart" name="adds [REQ-1]"/>',
    '  <testcase classname="cart" name="story [ST-1]"/>',
    '  <testcase classname="cart" name="totals [REQ-4]"/>',
    '  <testcase classname="cart" name="rounds [REQ-4#1]"><failure message="off by one"/></testcase>',
    '  <testcase classname="cart" name="later [ST-2]"><skipped/></testcase>',
    '  <testcase classname="cart" name="draft [REQ-7]"/>',
    '</testsuite></testsuites>',
  ),
};

/** The change that sets a trace file (its role from its folder: reports/ results, test/ tests, else code). */
export function traceChange(uri: string, text: string, mtime = 1): TraceFileChange {
  const bytes = new TextEncoder().encode(text);
  if (uri.includes('/reports/')) return { uri, role: 'results', bytes, mtime };
  return { uri, role: uri.includes('/test/') ? 'tests' : 'code', bytes };
}

/** The workspace above (or with files replaced), with `config` as `.specwright.yaml`. */
export function tracedWorkspace(
  options: { config?: string; spec?: Record<string, string>; trace?: Record<string, string> } = {},
): SpecService {
  const s = workspace({ ...specFiles, ...options.spec }, { [ROOT]: options.config ?? traceConfig });
  s.applyTrace(
    Object.entries({ ...traceFiles, ...options.trace }).map(([uri, text]) => traceChange(uri, text)),
  );
  return s;
}
