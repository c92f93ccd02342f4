import { DiagnosticCode } from '../codes';
import { isRead } from '../parse/unread';
import type { LocalCheck } from './check';

const date = /^\d{4}-\d{2}-\d{2}$/;

/** An `end` date before the `start` date of the same item (releases, iterations). */
export const dateOrder: LocalCheck = {
  code: DiagnosticCode.dateOrder,
  run({ items }) {
    const out = [];
    for (const item of items) {
      const { start, end } = item.fields;
      const endRange = item.fieldRanges.end;
      // ISO dates compare correctly as strings; anything else (2026-13-45 too) is the schema's business.
      if (
        typeof start !== 'string' ||
        typeof end !== 'string' ||
        !date.test(start) ||
        !date.test(end) ||
        !endRange
      )
        continue;
      if (!isRead(item, 'start') || !isRead(item, 'end')) continue;
      if (end < start) {
        out.push({
          code: this.code,
          range: endRange,
          message: `${item.id} ends on ${end}, before it starts on ${start}`,
        });
      }
    }
    return out;
  },
};
