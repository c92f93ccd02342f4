import { DiagnosticCode } from '../codes';
import type { TestRun } from '../refs/latestResults';
import type { Finding, Item } from '../types';

/**
 * `failing-test`: on the item a failing test (latest outcome `failed` or
 * `error`) names, and nowhere else — not on the requirement a failing
 * story implements: one problem, one finding. One finding per item, naming
 * its failing tests.
 */
export function failingTestFindings(
  items: readonly Item[],
  testsOf: (id: string) => readonly TestRun[],
): Finding[] {
  const out: Finding[] = [];
  for (const item of items) {
    const failing = testsOf(item.id).filter(r => r.test.outcome === 'failed' || r.test.outcome === 'error');
    if (!failing.length) continue;
    const names = failing.map(r => {
      const ac = r.test.targets.find(t => t.id === item.id && t.ac !== undefined)?.ac;
      const what = r.test.outcome === 'error' ? 'ended in an error' : 'failed';
      return `"${testName(r)}" ${what}${ac !== undefined ? ` (acceptance criterion ${ac})` : ''}`;
    });
    out.push({
      code: DiagnosticCode.failingTest,
      range: item.idRange,
      message: `${failing.length === 1 ? 'a test' : `${failing.length} tests`} of ${item.id} failed in the latest results: ${names.join('; ')}`,
    });
  }
  return out;
}

/** `classname name`, as a test report shows a case. */
export function testName(run: TestRun): string {
  return [run.test.classname, run.test.name].filter(Boolean).join(' ');
}
