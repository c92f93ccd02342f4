import { DiagnosticCode } from '../codes';
import { isCommitted, statusOf } from '../model';
import type { Finding } from '../types';
import type { CrossCheck } from './check';

/** A committed requirement that no story implements. */
export const uncovered: CrossCheck = {
  code: DiagnosticCode.uncovered,
  run(items, graph) {
    const out: Finding[] = [];
    for (const req of items) {
      if (req.kind !== 'requirement') continue;
      const status = statusOf(req.fields);
      if (!isCommitted(status)) continue;
      if (graph.incoming(req.id).some(l => l.field === 'implements' && l.holder.kind === 'story')) continue;
      // A stories file with a syntax error may implement it (parse/damaged.ts): that file's finding says so.
      if (graph.mayLink(req.id)) continue;
      out.push({
        code: this.code,
        range: req.idRange,
        message: `${req.id} is ${status} but no story implements it`,
        data: { id: req.id },
      });
    }
    return out;
  },
};
