import { formatNumber } from '../text/numbers';
import type { FindingSummary } from './itemFindings';
import type { ReportProgress } from './reportModel';

/** Words and numbers shared by the Markdown and HTML renderers, so both say the same thing. */

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Estimates and RICE scores: the one formatter of every surface (text/numbers.ts). */
export { formatNumber };

/** "1/3 (33%)": stories done of those that count (cancelled ones left out); "no stories" when there are none. */
export function storiesText(p: ReportProgress): string {
  return p.total ? `${p.done}/${p.total} (${p.percent}%)` : 'no stories';
}

/** "3/8 (37%)": estimate of done stories of the total estimate; "no estimates" when the total is 0. */
export function estimateText(p: ReportProgress): string {
  return p.totalEstimate
    ? `${formatNumber(p.doneEstimate)}/${formatNumber(p.totalEstimate)} (${p.estimatePercent}%)`
    : 'no estimates';
}

/** "stories done 1/3 (33%) · estimate done 3/10 (30%)", or "no stories" / "no estimates" for what is missing. */
export function progressSentence(p: ReportProgress): string {
  if (!p.total) return 'no stories';
  return `stories done ${storiesText(p)} · ${p.totalEstimate ? `estimate done ${estimateText(p)}` : 'no estimates'}`;
}

/** "2026-01-05 → 2026-03-27", "… → 2026-03-27", or "" without dates. */
export function datesText(start: string | null, end: string | null): string {
  return start === null && end === null ? '' : `${start ?? '…'} → ${end ?? '…'}`;
}

/** "1 error, 2 warnings": the counts that are not zero; "" when there are none. */
export function findingsText(f: { error: number; warning: number; info: number }): string {
  return [
    f.error ? plural(f.error, 'error') : '',
    f.warning ? plural(f.warning, 'warning') : '',
    f.info ? `${f.info} info` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** "missing-acceptance, uncovered ×2". */
export function codesText(f: FindingSummary): string {
  return Object.entries(f.codes)
    .map(([code, n]) => (n > 1 ? `${code} ×${n}` : code))
    .join(', ');
}

/** The workspace's coverage, the figures `coverage-threshold` checks. */
export function coverageSentence(c: { covered: number; total: number; percent: number }): string {
  return c.total
    ? `Coverage ${c.percent}%: ${c.covered} of ${plural(c.total, 'committed requirement has', 'committed requirements have')} a story (approved, in-progress and done requirements count).`
    : 'Coverage: no requirement is approved, in progress or done yet.';
}

/** A PRD's coverage in the matrix: "1/2 (50%)", or "none committed" when no requirement counts yet. */
export function coverageText(c: { covered: number; total: number; percent: number }): string {
  return c.total ? `${c.covered}/${c.total} (${c.percent}%)` : 'none committed';
}

/** "2/3 (66%)": requirements that meet a measure of the committed ones; "none committed" when none counts yet. */
export function shareText(part: number, whole: number, percent: number): string {
  return whole ? `${part}/${whole} (${percent}%)` : 'none committed';
}

/** The Verification section's lead, the same in Markdown and HTML. */
export const verificationNote =
  'Committed requirements (approved, in-progress, done) per release: implemented when code references them, one of their acceptance criteria or a story that implements them; verified when a test of the same passed and none failed (with no test result, when a test file references them).';

/** The matrix cells of a requirement's code and tests: implemented, tests, passing (with the failing ones). */
export function traceCells(t: {
  implemented: boolean;
  tests: number;
  passing: number;
  failing: number;
}): [string, string, string] {
  return [
    t.implemented ? 'yes' : 'no',
    String(t.tests),
    t.failing ? `${t.passing} (${t.failing} failing)` : String(t.passing),
  ];
}
