import type { TestRun } from '../refs/latestResults';
import type { PlacedReference } from '../refs/traceStore';
import type { Item } from '../types';
import { countsForCoverage } from './coverage';
import type { IncomingLink } from './workspaceIndex';

/**
 * Implemented and verified, the one definition (docs/format.md, "Implemented
 * and verified"), next to coverage.ts's "covered": the code lens, the Trace
 * and Roadmap views, the report, the `coverage:` minimums and the MCP tools
 * all ask these functions, so they always agree.
 *
 * What counts for a requirement is the requirement itself (any of its
 * acceptance criteria: `REQ-101#2` counts for REQ-101) and every story that
 * implements it; for any other item, the item itself.
 * - implemented: an `@implements` reference in a code file names one of them;
 * - verified: no test that names one of them failed (latest outcome `failed`
 *   or `error`), and one passed — or, where no test result names any of
 *   them, a test file references one (the reference is then the only
 *   evidence there is: `trace:` names tests but no results). A skipped test
 *   neither verifies nor fails.
 */

/** What the rule reads of references and results: the TraceStore, read only. */
export interface TraceFacts {
  /** The code and test references to an ID (its acceptance criteria too), by file and position. */
  referencesTo(id: string): readonly PlacedReference[];
  /** The latest runs of the test cases that name an ID (or one of its acceptance criteria). */
  testsOf(id: string): readonly TestRun[];
}

/** What the rule reads of the graph: who implements a requirement. */
export interface ImplementerReader {
  incoming(id: string): readonly IncomingLink[];
}

/** An item's evidence from code and tests, and what it adds up to. */
export interface Verification {
  /** `@implements` references in code files to the item (or what counts for it), by file and position. */
  code: PlacedReference[];
  /** References in test files (and `@verifies` anywhere) to the same, by file and position. */
  testReferences: PlacedReference[];
  /** The latest run of each test case that names the same, each once, in the order of the results. */
  runs: TestRun[];
  /** How many tests: the runs where results name it, else the test references. */
  tests: number;
  passing: number;
  /** Runs whose latest outcome is `failed` or `error`. */
  failing: number;
  implemented: boolean;
  verified: boolean;
}

/** The IDs whose references and tests count for an item: itself, and a requirement's implementing stories. */
export function evidenceIds(graph: ImplementerReader, item: Item): string[] {
  const ids = [item.id];
  if (item.kind !== 'requirement') return ids;
  for (const l of graph.incoming(item.id))
    if (l.field === 'implements' && l.holder.kind === 'story' && !ids.includes(l.from)) ids.push(l.from);
  return ids;
}

/** The evidence of one item (see the rule above). */
export function verificationOf(graph: ImplementerReader, traces: TraceFacts, item: Item): Verification {
  const code: PlacedReference[] = [];
  const testReferences: PlacedReference[] = [];
  const runs = new Set<TestRun>();
  for (const id of evidenceIds(graph, item)) {
    for (const r of traces.referencesTo(id)) (r.relation === 'implements' ? code : testReferences).push(r);
    for (const run of traces.testsOf(id)) runs.add(run);
  }
  code.sort(compareReferences);
  testReferences.sort(compareReferences);
  let passing = 0;
  let failing = 0;
  for (const run of runs) {
    if (run.test.outcome === 'passed') passing++;
    else if (run.test.outcome === 'failed' || run.test.outcome === 'error') failing++;
  }
  const verified = failing === 0 && (passing > 0 || (runs.size === 0 && testReferences.length > 0));
  return {
    code,
    testReferences,
    runs: [...runs],
    tests: runs.size || testReferences.length,
    passing,
    failing,
    implemented: code.length > 0,
    verified,
  };
}

/** The counted (committed) requirements of some items, and how many of them are implemented and verified. */
export interface VerificationCount {
  /** Committed requirements (approved, in progress, done): the ones coverage counts. */
  specified: number;
  implemented: number;
  verified: number;
}

/** How many of the counted requirements among some items are implemented and verified. */
export function countVerification(
  graph: ImplementerReader,
  traces: TraceFacts,
  items: Iterable<Item>,
): VerificationCount {
  const out: VerificationCount = { specified: 0, implemented: 0, verified: 0 };
  for (const item of items) {
    if (!countsForCoverage(item)) continue;
    out.specified++;
    const v = verificationOf(graph, traces, item);
    if (v.implemented) out.implemented++;
    if (v.verified) out.verified++;
  }
  return out;
}

function compareReferences(a: PlacedReference, b: PlacedReference): number {
  if (a.uri !== b.uri) return a.uri < b.uri ? -1 : 1;
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
