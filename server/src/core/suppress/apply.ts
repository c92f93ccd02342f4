import { allCodes, DiagnosticCode } from '../codes';
import { closest } from '../text/closest';
import type { Diagnostic, Finding, Range } from '../types';
import type { Directive } from './directives';

/** A finding that a suppression comment hides: not published, but counted and listed (`specwright check --show-suppressed`). */
export interface SuppressedDiagnostic extends Diagnostic {
  /** The reason written after `--` ('' when the comment gives none). */
  reason: string;
  /** The range of the suppression comment. */
  suppressedBy: Range;
}

export interface Suppression {
  /** The findings still shown. */
  shown: Diagnostic[];
  suppressed: SuppressedDiagnostic[];
  /** What is wrong with the comments themselves (`suppression-reason`, `unused-suppression`), before severities. */
  problems: Finding[];
}

/** Codes a suppression may name: every code (the suppression codes themselves cannot be suppressed). */
const suppressible = allCodes.filter(
  c => c !== DiagnosticCode.suppressionReason && c !== DiagnosticCode.unusedSuppression,
);

/**
 * Apply a file's suppression comments to its findings (severities already
 * applied, `off` ones already gone). A finding is hidden by a next-line
 * comment on the line before it (its range starts on the comment's target
 * line) or by a file-level comment that names its code; the more specific
 * next-line comment is the one that counts as used. Linear in findings ×
 * comments, and comments are few: cheap enough to run at every publish.
 */
export function applySuppressions(
  findings: readonly Diagnostic[],
  directives: readonly Directive[],
): Suppression {
  if (!directives.length) return { shown: [...findings], suppressed: [], problems: [] };
  // Indexed, so that a file with many comments and many findings stays linear.
  const byLine = new Map<string, number>(); // `${target line}:${code}` → the first next-line comment
  const byCode = new Map<string, number>(); // code → the first file-level comment
  directives.forEach((d, i) => {
    for (const c of d.codes) {
      const key = d.scope === 'next-line' ? `${d.target}:${c.code}` : c.code;
      const map = d.scope === 'next-line' ? byLine : byCode;
      if (!map.has(key) && (d.scope === 'file' || d.target !== undefined)) map.set(key, i);
    }
  });
  const used = new Set<string>(); // `${directive index}:${code}`
  const shown: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  for (const f of findings) {
    const by = byLine.get(`${f.range.start.line}:${f.code}`) ?? byCode.get(f.code) ?? -1;
    if (by < 0) {
      shown.push(f);
      continue;
    }
    const d = directives[by];
    used.add(`${by}:${f.code}`);
    suppressed.push({ ...f, reason: d.reason ?? '', suppressedBy: d.range });
  }

  const problems: Finding[] = [];
  directives.forEach((d, i) => {
    const example = `# specwright-${d.scope === 'file' ? 'disable' : 'disable-next-line'} ${d.codes[0]?.code ?? 'CODE'} -- why`;
    if (!d.reason) {
      problems.push({
        code: DiagnosticCode.suppressionReason,
        range: d.range,
        message: `this suppression gives no reason; write why after "--" (${example})`,
      });
    }
    if (!d.codes.length) {
      problems.push({
        code: DiagnosticCode.unusedSuppression,
        range: d.range,
        message: `this suppression names no diagnostic code, so it suppresses nothing (${example})`,
      });
      return;
    }
    for (const c of d.codes) {
      if (c.code === DiagnosticCode.suppressionReason || c.code === DiagnosticCode.unusedSuppression) {
        problems.push({
          code: DiagnosticCode.unusedSuppression,
          range: c.range,
          message: `${c.code} findings cannot be suppressed (fix the comment instead), so this suppression suppresses nothing`,
          data: { code: c.code },
        });
        continue;
      }
      if (!suppressible.includes(c.code)) {
        const guess = closest(c.code, suppressible);
        problems.push({
          code: DiagnosticCode.unusedSuppression,
          range: c.range,
          message: `unknown diagnostic code "${c.code}"${guess ? ` (did you mean "${guess}"?)` : ''}, so this suppression suppresses nothing`,
          data: guess ? { code: c.code, suggestion: guess } : { code: c.code },
        });
        continue;
      }
      if (used.has(`${i}:${c.code}`)) continue;
      const where =
        d.scope === 'file'
          ? 'this file has no such finding'
          : d.target === undefined
            ? 'no line follows it'
            : `no such finding starts on line ${d.target + 1}`;
      problems.push({
        code: DiagnosticCode.unusedSuppression,
        range: c.range,
        message: `this suppression of ${c.code} is unused: ${where}`,
        data: { code: c.code },
      });
    }
  });
  return { shown, suppressed, problems };
}
