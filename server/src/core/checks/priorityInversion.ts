import { DiagnosticCode } from '../codes';
import type { Finding } from '../types';
import type { CrossCheck } from './check';

/** A `must` requirement that waits on something we may never build. */
export const priorityInversion: CrossCheck = {
  code: DiagnosticCode.priorityInversion,
  run(items, graph) {
    const out: Finding[] = [];
    for (const req of items) {
      if (req.kind !== 'requirement' || req.fields.priority !== 'must') continue;
      for (const link of req.links) {
        if (link.field !== 'depends_on') continue;
        const dep = graph.definitions(link.target).find(d => d.kind === 'requirement');
        const p = dep?.fields.priority;
        if (!dep || (p !== 'could' && p !== 'wont')) continue;
        out.push({
          code: this.code,
          range: link.range,
          message: `${req.id} is a must but depends on ${dep.id}, which is only a ${p}`,
          related: [
            { uri: dep.uri, range: dep.fieldRanges.priority ?? dep.idRange, message: `${dep.id} is a ${p}` },
          ],
          data: { id: req.id, dependsOn: dep.id },
        });
      }
    }
    return out;
  },
};
