import { DiagnosticCode } from '../codes';
import { isClosed, statusOf } from '../model';
import type { Finding } from '../types';
import { isRead } from '../parse/unread';
import { relatedList, type CrossCheck } from './check';

/** An item marked done while one of its direct children is still open. */
export const statusRollup: CrossCheck = {
  code: DiagnosticCode.statusRollup,
  run(items, graph) {
    const out: Finding[] = [];
    for (const item of items) {
      const range = item.fieldRanges.status;
      if (statusOf(item.fields) !== 'done' || !range || !isRead(item, 'status')) continue;
      // A child whose status is unread (misspelled, or not a status) is the schema's finding, not an open child.
      const open = graph.children(item.id).filter(c => !isClosed(statusOf(c.fields)) && isRead(c, 'status'));
      if (open.length === 0) continue;
      const named = open
        .slice(0, 3)
        .map(c => `${c.id} (${statusOf(c.fields)})`)
        .join(', ');
      const more = open.length > 3 ? ` and ${open.length - 3} more` : '';
      out.push({
        code: this.code,
        range,
        message:
          open.length === 1
            ? `${item.id} is done but ${open[0].id} is still ${statusOf(open[0].fields)}`
            : `${item.id} is done but ${open.length} of its items are still open: ${named}${more}`,
        related: relatedList(open, c => ({
          uri: c.uri,
          range: c.fieldRanges.status ?? c.idRange,
          message: `${c.id} is ${statusOf(c.fields)}`,
        })),
        data: { id: item.id, open: open.map(c => c.id) },
      });
    }
    return out;
  },
};
