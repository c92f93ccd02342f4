import { DiagnosticCode } from '../codes';
import { compareFingerprints, type ContentPrint } from '../reviews/fingerprint';
import { reviewableLinks } from '../reviews/reviewedLinks';
import { stampFor, type StampIndex } from '../reviews/stamps';
import type { Finding, Item } from '../types';
import { clipFindings } from './check';

/** What the review checks of one file read: the stamps of its workspace, the index, fingerprints. */
export interface ReviewInput {
  stamps: StampIndex;
  definitions(id: string): readonly Item[];
  /** The current content print of an upstream item (cached by the caller). */
  print(item: Item): ContentPrint;
}

/**
 * `suspect-link` and `unreviewed-link` for the links held by `items`, only
 * where the workspace keeps review stamps (docs/format.md, "Review stamps
 * and suspect links"). Each is reported at the ID in the link.
 *
 * Not a CrossCheck: what it reads is the upstream items' content, which no
 * other check reads, and the stamps file. The service runs it when
 * diagnostics are asked for (a map lookup and a cached fingerprint per
 * link), and marks the files that hold links to an item whose content
 * changed as affected, so incremental results equal a rebuild by
 * construction.
 */
export function reviewFindings(items: readonly Item[], input: ReviewInput): Finding[] {
  const out: Finding[] = [];
  for (const { link, target } of reviewableLinks(items, id => input.definitions(id))) {
    const stamps = input.stamps.get(link.from, link.field, link.target);
    const data = { from: link.from, field: link.field, target: link.target };
    if (!stamps) {
      out.push({
        code: DiagnosticCode.unreviewedLink,
        range: link.range,
        message: `${link.from} has no review stamp against ${link.target} (run "specwright review ${link.from}" to stamp its links)`,
        data,
      });
      continue;
    }
    const now = input.print(target);
    const stamp = stampFor(stamps, now.fingerprint);
    const change = compareFingerprints(stamp, now.fingerprint, now.fields, now.builtin);
    if (!change) continue;
    const reasons = [...change.fields];
    if (change.fieldListChanged) reasons.push(`its content fields in .specwright.yaml changed since`);
    out.push({
      code: DiagnosticCode.suspectLink,
      range: link.range,
      message: `${link.target} changed since ${link.from} was reviewed against it (${reasons.join(', ')})`,
      data: {
        ...data,
        changed: change.fields,
        fieldListChanged: change.fieldListChanged,
        stamp,
        fingerprint: now.fingerprint,
      },
    });
  }
  return clipFindings(out);
}
