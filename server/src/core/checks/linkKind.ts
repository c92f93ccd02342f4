import { DiagnosticCode } from '../codes';
import { linkFields } from '../model';
import type { Finding, ItemKind } from '../types';
import { excerpt, withArticle, type CrossCheck } from './check';

/** A link to an existing item of a kind the field does not accept. */
export const linkKind: CrossCheck = {
  code: DiagnosticCode.linkKind,
  run(items, graph) {
    const out: Finding[] = [];
    for (const item of items) {
      for (const link of item.links) {
        const targets = linkFields[item.kind][link.field]?.targets;
        if (!targets || link.unread) continue;
        const defs = graph.definitions(link.target);
        if (defs.length === 0 || defs.some(d => targets.includes(d.kind))) continue;
        out.push({
          code: this.code,
          range: link.range,
          message: `${link.field} must name ${article(targets)}, but ${excerpt(link.target)} is ${a(defs[0].kind)}`,
          related: [
            {
              uri: defs[0].uri,
              range: defs[0].idRange,
              message: `${excerpt(link.target)} is defined here as ${a(defs[0].kind)}`,
            },
          ],
          data: { target: link.target, field: link.field, from: item.id, kinds: targets },
        });
      }
    }
    return out;
  },
};

function a(kind: ItemKind): string {
  return withArticle(kind === 'prd' ? 'PRD' : kind);
}

function article(kinds: readonly ItemKind[]): string {
  return kinds.map(a).join(' or ');
}
