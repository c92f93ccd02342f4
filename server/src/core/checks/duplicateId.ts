import { DiagnosticCode } from '../codes';
import type { Finding } from '../types';
import { relatedList, type CrossCheck } from './check';

/** IDs are unique across the workspace; every definition of a shared ID is reported. */
export const duplicateId: CrossCheck = {
  code: DiagnosticCode.duplicateId,
  run(items, graph) {
    const out: Finding[] = [];
    for (const item of items) {
      const defs = graph.definitions(item.id);
      if (defs.length < 2) continue;
      out.push({
        code: this.code,
        range: item.idRange,
        message: `${item.id} is defined ${defs.length} times; IDs must be unique in the workspace`,
        related: relatedList(
          defs,
          d => ({ uri: d.uri, range: d.idRange, message: `another definition of ${item.id}` }),
          d => d !== item,
        ),
        data: { id: item.id },
      });
    }
    return out;
  },
};
