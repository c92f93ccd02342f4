import { DiagnosticCode } from '../codes';
import { linkFields } from '../model';
import type { Finding } from '../types';
import type { CrossCheck } from './check';

/** A link that names an ID no item has. */
export const unresolvedLink: CrossCheck = {
  code: DiagnosticCode.unresolvedLink,
  run(items, graph) {
    const out: Finding[] = [];
    for (const item of items) {
      for (const link of item.links) {
        if (graph.definitions(link.target).length > 0) continue;
        out.push({
          code: this.code,
          range: link.range,
          message: `${link.target} is not defined in this workspace`,
          data: { target: link.target, field: link.field, from: item.id, kinds: linkFields[item.kind][link.field]?.targets },
        });
      }
    }
    return out;
  },
};
