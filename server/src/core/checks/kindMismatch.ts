import { isMap, isScalar, type Node } from 'yaml';
import { DiagnosticCode } from '../codes';
import { nodeRange } from '../parse/extract';
import { excerpt, withArticle, type LocalCheck } from './check';

/** A top-level `kind:` that contradicts the file suffix (the suffix wins). */
export const kindMismatch: LocalCheck = {
  code: DiagnosticCode.kindMismatch,
  run({ kind, parsed }) {
    const root = parsed.doc?.contents;
    if (!isMap(root)) return [];
    const node = root.get('kind', true) as Node | undefined;
    if (!isScalar(node) || !node.range || node.value === kind) return [];
    const written = typeof node.value === 'string' ? `"${excerpt(node.value)}"` : excerpt(String(node.value));
    return [
      {
        code: this.code,
        range: nodeRange(parsed.lines, node),
        message: `kind is ${written} but the file name makes this ${withArticle(kind)} file (*.${kind}.yaml)`,
        data: { expected: kind },
      },
    ];
  },
};
