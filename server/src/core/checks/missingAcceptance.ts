import { DiagnosticCode } from '../codes';
import { isCommitted, statusOf } from '../model';
import { isRead } from '../parse/unread';
import type { LocalCheck } from './check';

/** Committed requirements and stories must say how we will know they are done. */
export const missingAcceptance: LocalCheck = {
  code: DiagnosticCode.missingAcceptance,
  run({ items }) {
    const out = [];
    for (const item of items) {
      if (item.kind !== 'requirement' && item.kind !== 'story') continue;
      const status = statusOf(item.fields);
      const range = item.fieldRanges.status;
      // Criteria written under a misspelled key, or in a form the schema refuses: the schema's finding says so.
      if (!isCommitted(status) || !range || !isRead(item, 'status') || !isRead(item, 'acceptance_criteria'))
        continue;
      const ac = item.fields.acceptance_criteria;
      if (Array.isArray(ac) && ac.length > 0) continue;
      out.push({
        code: this.code,
        range,
        message: `${item.id} is ${status} but has no acceptance criteria`,
        data: { id: item.id },
      });
    }
    return out;
  },
};
