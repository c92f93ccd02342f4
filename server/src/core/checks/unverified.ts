import { DiagnosticCode } from '../codes';
import type { Finding, Item } from '../types';

/** What `unverified` asks of the workspace. */
export interface VerificationFacts {
  /** A test verifies this ID (or one of its acceptance criteria). */
  isTested(id: string): boolean;
  /** The IDs of the stories that implement a requirement. */
  implementers(id: string): readonly string[];
}

/**
 * `unverified`: a requirement that is `done` and that no test verifies —
 * neither itself, one of its acceptance criteria, nor a story that
 * implements it. Run only where `trace.tests` or `trace.results` is set.
 */
export function unverifiedFindings(items: readonly Item[], facts: VerificationFacts): Finding[] {
  const out: Finding[] = [];
  for (const item of items) {
    if (item.kind !== 'requirement' || item.fields.status !== 'done') continue;
    if (facts.isTested(item.id) || facts.implementers(item.id).some(s => facts.isTested(s))) continue;
    out.push({
      code: DiagnosticCode.unverified,
      range: item.idRange,
      message: `${item.id} is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)`,
    });
  }
  return out;
}
