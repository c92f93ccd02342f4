import type { TestCase } from './readJUnit';

/** A test case as read from one results file, with that file's modification time. */
export interface TestRun {
  test: TestCase;
  /** The results file. */
  uri: string;
  /** Its modification time (ms), passed in by whoever read it. */
  mtime: number;
}

/**
 * The latest run of each test case (by classname and name) over several
 * results files: the newest file wins; between files of the same time, the
 * last by URI, so that the answer does not depend on the order of reading.
 */
export function latestRuns(
  files: Iterable<{ uri: string; mtime: number; cases: readonly TestCase[] }>,
): TestRun[] {
  const latest = new Map<string, TestRun>();
  for (const f of files)
    for (const test of f.cases) {
      const key = testKey(test);
      const seen = latest.get(key);
      if (!seen || f.mtime > seen.mtime || (f.mtime === seen.mtime && f.uri > seen.uri))
        latest.set(key, { test, uri: f.uri, mtime: f.mtime });
    }
  return [...latest.values()];
}

/** What identifies a test case across results files: its classname and name. */
export function testKey(test: TestCase): string {
  return `${test.classname}\u0000${test.name}`;
}
