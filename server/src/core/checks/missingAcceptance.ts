import { DiagnosticCode } from '../codes';
import { isCommitted, statusOf } from '../model';
import { isRead } from '../parse/unread';
import type { LocalCheck } from './check';

/**
 * The criterion the "Add acceptance criteria" quick fix inserts and selects,
 * so that typing replaces it. Left as it is, it says nothing about the item:
 * the check counts it as no criterion, or the fix would silence the warning.
 */
export const acceptancePlaceholder = 'Given …, when …, then …';

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
      const criteria = Array.isArray(ac) ? ac : [];
      if (hasAcceptanceCriteria(criteria)) continue;
      out.push({
        code: this.code,
        range,
        message: criteria.length
          ? `${item.id} is ${status} but its acceptance criteria are still the placeholder "${acceptancePlaceholder}"`
          : `${item.id} is ${status} but has no acceptance criteria`,
        data: criteria.length ? { id: item.id, placeholder: true } : { id: item.id },
      });
    }
    return out;
  },
};

/** Whether an item's `acceptance_criteria` value holds a criterion (not only the placeholder). */
export function hasAcceptanceCriteria(value: unknown): boolean {
  return Array.isArray(value) && value.some(c => !isPlaceholder(c));
}

function isPlaceholder(criterion: unknown): boolean {
  return typeof criterion === 'string' && criterion.trim() === acceptancePlaceholder;
}
