import { DiagnosticCode } from '../codes';
import { linkFields } from '../model';
import type { Finding } from '../types';
import { excerpt, type CrossCheck } from './check';

/**
 * A link that names an ID no item has. Not when a file with a syntax error
 * may define it (its `id:` is written there but could not be read): that
 * file's yaml-syntax finding is the one problem (parse/damaged.ts). A close
 * ID of a kind the field accepts is suggested.
 */
export const unresolvedLink: CrossCheck = {
  code: DiagnosticCode.unresolvedLink,
  run(items, graph) {
    const out: Finding[] = [];
    for (const item of items) {
      for (const link of item.links) {
        if (link.unread || graph.definitions(link.target).length > 0 || graph.mayDefine(link.target))
          continue;
        const kinds = linkFields[item.kind][link.field]?.targets;
        const near = graph.closestIds(link.target, kinds)[0];
        out.push({
          code: this.code,
          range: link.range,
          message: `${excerpt(link.target)} is not defined in this workspace${near ? ` (did you mean ${near}?)` : ''}`,
          data: { target: link.target, field: link.field, from: item.id, kinds },
        });
      }
    }
    return out;
  },
};
