import { DiagnosticCode } from '../codes';
import { localChecks } from '../checks/registry';
import { validateSchema } from '../schema/validate';
import type { DocKind, FileIndex, Finding } from '../types';
import { decodeText } from './decode';
import { extractItems } from './extract';
import { parseYaml, type ParsedYaml } from './parseDocument';

export interface AnalyzedFile {
  index: FileIndex;
  /** The syntax tree; the service keeps it only while the document is open. */
  parsed?: ParsedYaml;
}

const start = { line: 0, character: 0 };

/**
 * Everything that can be known of one file on its own: items, links, syntax,
 * schema and local-check findings. Never throws; a check that fails becomes
 * one `internal-error` finding and the rest of the file's findings still come.
 */
export function analyzeFile(uri: string, kind: DocKind, content: string | Uint8Array): AnalyzedFile {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    const decoded = decodeText(content);
    if (!decoded.ok) {
      const local = [{ code: DiagnosticCode.yamlSyntax, range: { start, end: start }, message: decoded.reason }];
      return { index: { uri, kind, items: [], local } };
    }
    text = decoded.text;
  }
  const local: Finding[] = [];
  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      local.push(internalError(what, err));
      return fallback;
    }
  };
  const parsed = guard('parsing', undefined, () => parseYaml(text));
  if (!parsed) return { index: { uri, kind, items: [], local } };
  local.push(...parsed.syntax);
  const items = guard('reading items', [], () => extractItems(uri, kind, parsed.doc, parsed.lines));
  local.push(...guard('schema validation', [], () => validateSchema(kind, parsed)));
  for (const check of localChecks) {
    local.push(...guard(`the ${check.code} check`, [], () => check.run({ uri, kind, items, parsed })));
  }
  return { index: { uri, kind, items, local }, parsed };
}

export function internalError(what: string, err: unknown): Finding {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: 'internal-error',
    range: { start, end: start },
    message: `Specwright failed in ${what} for this file (${detail}); other files are still checked. Please report this.`,
  };
}
