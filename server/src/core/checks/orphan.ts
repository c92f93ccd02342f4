import { DiagnosticCode } from '../codes';
import { isRead } from '../parse/unread';
import type { LocalCheck } from './check';

/**
 * Epics scheduled in no release and PRDs that belong to no epic. A `release`
 * or `epic` the checks do not read (misspelled, or a value the schema refuses)
 * is the schema's finding, not also an orphan.
 */
export const orphan: LocalCheck = {
  code: DiagnosticCode.orphan,
  run({ items }) {
    const out = [];
    for (const item of items) {
      if (item.kind === 'epic' && !item.fields.release && isRead(item, 'release')) {
        out.push({
          code: this.code,
          range: item.idRange,
          message: `${item.id} is not scheduled: it names no release`,
        });
      } else if (item.kind === 'prd' && !item.fields.epic && isRead(item, 'epic')) {
        out.push({
          code: this.code,
          range: item.idRange,
          message: `${item.id} belongs to no epic: it names no epic`,
        });
      }
    }
    return out;
  },
};
