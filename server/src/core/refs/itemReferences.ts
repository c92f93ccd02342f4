import { testName } from '../checks/failingTest';
import type { Range } from '../types';
import type { TestOutcome } from './readJUnit';
import type { TraceStore } from './traceStore';

/**
 * The code references, test references and test runs of an item (format
 * 1.1), as `specwright trace` and the MCP `trace` tool show them: one
 * answer for both, so the tool keeps giving what the command prints.
 */
export interface ItemReferences {
  /** `@implements` in code files. */
  code: { file: string; range: Range; id: string; ac: number | null }[];
  /** `@verifies` anywhere, and any reference in a test file, then the latest run of each test case that names the item. */
  tests: (
    | { file: string; range: Range; id: string; ac: number | null }
    | { file: string; name: string; classname: string; outcome: TestOutcome; ac: number | null }
  )[];
}

/** An item's references and test runs, files named by `name`. */
export function itemReferences(
  traces: TraceStore,
  id: string,
  name: (uri: string) => string,
): ItemReferences {
  const out: ItemReferences = { code: [], tests: [] };
  for (const r of traces.referencesTo(id)) {
    const entry = { file: name(r.uri), range: r.range, id: r.id, ac: r.ac ?? null };
    (r.relation === 'implements' ? out.code : out.tests).push(entry);
  }
  const runs = [...traces.testsOf(id)].sort((a, b) => compare(testName(a), testName(b)));
  for (const run of runs)
    out.tests.push({
      file: name(run.uri),
      name: run.test.name,
      classname: run.test.classname,
      outcome: run.test.outcome,
      ac: run.test.targets.find(t => t.id === id && t.ac !== undefined)?.ac ?? null,
    });
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
