import { DiagnosticCode } from '../codes';
import { clipFindings } from '../checks/check';
import { localChecks } from '../checks/registry';
import { validateSchema, type TeamSchema } from '../schema/validate';
import type { DocKind, FileIndex, Finding } from '../types';
import { checkText, decodeText } from './decode';
import { extractItems } from './extract';
import { parseYaml, type ParsedYaml } from './parseDocument';
import { quickParse } from './quickParse';
import { LineMap } from './sourceText';
import { unreadOf } from './damaged';
import { applySchemaFindings } from './unread';

export interface AnalyzeOptions {
  /**
   * Whether the caller keeps the syntax tree (an open document: the editing
   * features read its CST). Without it, the file is read by quickParse when it
   * can be, which gives the same findings about ten times faster.
   */
  tree?: boolean;
  /** The team's extension schema for the file's kind (`.specwright.yaml` `schemas:`), validated with the built-in one. */
  team?: TeamSchema;
}

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
export function analyzeFile(
  uri: string,
  kind: DocKind,
  content: string | Uint8Array,
  options: AnalyzeOptions = {},
): AnalyzedFile {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    const decoded = decodeText(content);
    if (!decoded.ok) return refused(uri, kind, decoded.reason);
    text = decoded.text;
  }
  const why = checkText(text);
  // An empty tree, not none: an open document's tree is replaced, so no feature reads the text it had before.
  if (why !== undefined) return refused(uri, kind, why, typeof content === 'string' ? text : undefined);
  const local: Finding[] = [];
  // One at a time: spreading a list of 100,000 findings into push() overflows the stack.
  // Messages quote the file (a key, a value), so they are clipped to maxMessageLength.
  const add = (list: Finding[]): void => {
    for (const f of clipFindings(list)) local.push(f);
  };
  const guard = <T>(what: string, fallback: T, fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      local.push(internalError(what, err));
      return fallback;
    }
  };
  const parsed = guard(
    'parsing',
    undefined,
    () => (options.tree === false ? quickParse(text) : undefined) ?? parseYaml(text),
  );
  if (!parsed) return { index: { uri, kind, items: [], local } };
  add(parsed.syntax);
  const items = guard('reading items', [], () =>
    extractItems(uri, kind, parsed.doc, parsed.lines, parsed.aliases),
  );
  const schema = guard('schema validation', [], () => validateSchema(kind, parsed, options.team));
  // A value the schema refuses is not used by the other checks, nor a misspelled key taken as missing.
  const misspelledLinks = guard('reading the schema findings', [], () => applySchemaFindings(items, schema));
  add(schema);
  for (const check of localChecks) {
    add(guard(`the ${check.code} check`, [], () => check.run({ uri, kind, items, parsed })));
  }
  const index: FileIndex = { uri, kind, items, local };
  // What a syntax error may have kept from being read, so that other files do not report it (see damaged.ts).
  const unread = parsed.syntax.length
    ? guard('reading a damaged file', undefined, () => unreadOf(text, items))
    : undefined;
  if (unread) index.unread = unread;
  // IDs under a misspelled link key (`implemnts:`) may be linked from here, like those a syntax error hides.
  if (misspelledLinks.length) {
    const mentions = new Set([...(unread?.mentions ?? []), ...misspelledLinks]);
    index.unread = { ids: unread?.ids ?? [], mentions: [...mentions].sort() };
  }
  return { index, parsed };
}

/**
 * The syntax tree analyzeFile gives an editor's text, without the rest of
 * the analysis: for a tree built when a feature first asks for one. A text
 * analyzeFile refuses (binary, too large) gets the same empty tree.
 */
export function syntaxTree(text: string): ParsedYaml {
  const why = checkText(text);
  return why === undefined ? parseYaml(text) : emptyTree(text, refusal(why));
}

function refusal(reason: string): Finding {
  return { code: DiagnosticCode.yamlSyntax, range: { start, end: start }, message: reason };
}

function emptyTree(text: string, finding: Finding): ParsedYaml {
  return {
    text,
    lines: new LineMap(text),
    doc: undefined,
    syntax: [finding],
    value: undefined,
    aliases: new Map(),
  };
}

/**
 * A file that is not read at all (binary, too large): one yaml-syntax finding
 * at its start, no items; for an editor's text, a tree with no document.
 */
function refused(uri: string, kind: DocKind, reason: string, text?: string): AnalyzedFile {
  const finding = refusal(reason);
  return {
    index: { uri, kind, items: [], local: [finding] },
    parsed: text === undefined ? undefined : emptyTree(text, finding),
  };
}

export function internalError(what: string, err: unknown): Finding {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    code: DiagnosticCode.internalError,
    range: { start, end: start },
    message: `Specwright failed in ${what} for this file (${detail}); other files are still checked. Please report this.`,
  };
}
