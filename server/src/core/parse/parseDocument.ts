import { parseAllDocuments, Document, isDocument } from 'yaml';
import { DiagnosticCode } from '../codes';
import type { Finding } from '../types';
import { LineMap } from './sourceText';

/** Alias expansions allowed when turning YAML into plain values ("billion laughs" guard). */
export const maxAliasCount = 200;

export interface ParsedYaml {
  text: string;
  lines: LineMap;
  /** The first (and only allowed) document; undefined for an empty file. */
  doc: Document.Parsed | undefined;
  /** yaml-syntax findings. */
  syntax: Finding[];
  /** The document as plain values, for schema validation; undefined when it could not be built. */
  value: unknown;
}

/**
 * Parse a spec file's text. Never throws: whatever goes wrong becomes a
 * `yaml-syntax` finding, and whatever did parse is still returned so the
 * other checks can run on it.
 */
export function parseYaml(text: string): ParsedYaml {
  const lines = new LineMap(text);
  const syntax: Finding[] = [];
  const finding = (start: number, end: number, message: string, data?: Record<string, unknown>): void => {
    syntax.push({ code: DiagnosticCode.yamlSyntax, range: lines.range(start, Math.max(end, start)), message, data });
  };

  let doc: Document.Parsed | undefined;
  try {
    const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: true, version: '1.2' });
    const list = Array.isArray(docs) ? docs : [];
    doc = list[0];
    for (const d of list) {
      for (const e of d.errors) {
        // yaml reports a parser stack overflow as an error, not by throwing.
        const message = e.code === 'RESOURCE_EXHAUSTION' && /call stack/i.test(e.message)
          ? tooDeep
          : cleanMessage(e.message);
        finding(e.pos[0], e.pos[1], message, { yamlCode: e.code });
      }
    }
    if (list.length > 1) {
      const second = list[1];
      const start = second.range?.[0] ?? text.length;
      finding(start, Math.min(text.length, start + 3), 'a spec file holds one YAML document; this is a second one (remove the "---" or move it to its own file)');
    }
  } catch (err) {
    // The parser recurses per nesting level; absurd nesting can exhaust the stack.
    finding(0, 0, `the file could not be read as YAML: ${describe(err)}`);
    return { text, lines, doc: undefined, syntax, value: undefined };
  }

  let value: unknown;
  if (doc && isDocument(doc)) {
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (err) {
      const msg = /alias/i.test(describe(err))
        ? `too many alias expansions (more than ${maxAliasCount}); spec files should not need YAML aliases`
        : `the file could not be read as YAML: ${describe(err)}`;
      finding(0, 0, msg);
      value = undefined;
    }
  }
  return { text, lines, doc, syntax, value };
}

const tooDeep = 'the file is nested too deeply to read as YAML; spec files need only a few levels of nesting';

function cleanMessage(message: string): string {
  const first = message.split('\n')[0].trim();
  // yaml appends " at line N, column M" in some messages; the range says that already.
  return first.replace(/ at line \d+, column \d+:?$/, '');
}

function describe(err: unknown): string {
  if (err instanceof RangeError) return 'it is nested too deeply';
  return err instanceof Error ? err.message : String(err);
}
