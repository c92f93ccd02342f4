import { DiagnosticCode } from '../codes';
import { isUncovered } from '../graph/coverage';
import { statusOf } from '../model';
import type { Finding } from '../types';
import type { CrossCheck } from './check';

/** A committed requirement that no story implements. */
export const uncovered: CrossCheck = {
  code: DiagnosticCode.uncovered,
  run(items, graph) {
    const out: Finding[] = [];
    for (const req of items) {
      // graph/coverage.ts says which count (a stories file with a syntax error may implement one).
      if (!isUncovered(graph, req)) continue;
      out.push({
        code: this.code,
        range: req.idRange,
        message: `${req.id} is ${statusOf(req.fields)} but no story implements it`,
        data: { id: req.id },
      });
    }
    return out;
  },
};
