/**
 * Time in tests: budgets are measured, hangs are guarded.
 *
 * A time budget ("a hostile file is answered within 1 s") is a figure of
 * the benchmark (bench/hostile.ts, part of `npm run bench`), which reports
 * each input's median beside its budget. A test never asserts one: CI runs
 * on machines slower and busier than the one a budget was set on, and a
 * test that trips there blocks every landing (it did: the hostile-input
 * tests failed four runs out of four on a loaded 2-core machine).
 *
 * What a test asserts is the behaviour (what is published, refused,
 * unchanged), and that the work ends: a guard of `hangFactor` times the
 * budget, far past anything a slow machine needs and far short of "never".
 */

/** How many times its budget a piece of work may take in a test before it counts as a hang. */
export const hangFactor = 20;

/** The hang guard, in ms, for work whose budget is `budgetMs`. */
export function hangGuard(budgetMs: number): number {
  return budgetMs * hangFactor;
}

/** Run `fn` (synchronous work), assert that it did not hang (see hangGuard), and return its result. */
export function withinHangGuard<T>(budgetMs: number, what: string, fn: () => T): T {
  const t0 = performance.now();
  const result = fn();
  const ms = performance.now() - t0;
  if (ms >= hangGuard(budgetMs))
    throw new Error(
      `${what} took ${ms.toFixed(0)} ms: ${hangFactor} times its budget of ${budgetMs} ms, so taken for a hang`,
    );
  return result;
}
