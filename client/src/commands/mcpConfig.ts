import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

/**
 * The `.vscode/mcp.json` entry that starts Specwright's MCP server
 * (`specwright mcp`) with the bundled CLI, and its merge into the file a
 * workspace may already have. Pure (no `vscode`, no I/O), so it is tested
 * without an editor; the command (setUpMcpServer.ts) reads and writes.
 *
 * VS Code's format: a top-level `servers` object, each server with `type`
 * (`stdio`), `command` and `args`; `${workspaceFolder}` is expanded by VS
 * Code. The file is JSON with comments: jsonc-parser edits it in place, so
 * the other servers, `inputs`, comments and formatting stay as written.
 */

/** The name of the entry under `servers`. */
export const mcpServerName = 'specwright';

export interface McpServerEntry {
  type: 'stdio';
  command: string;
  args: string[];
}

/** The entry that runs `node <cli> mcp ${workspaceFolder}`. */
export function specwrightMcpEntry(cliPath: string): McpServerEntry {
  return { type: 'stdio', command: 'node', args: [cliPath, 'mcp', '${workspaceFolder}'] };
}

export type McpMerge =
  /** `text` is the file to write; `replaced` says whether a `specwright` entry was there before. */
  | { kind: 'write'; text: string; replaced: boolean }
  /** The file already has exactly this entry. */
  | { kind: 'unchanged' }
  /** The file cannot be merged into without losing what it says (why, in words). */
  | { kind: 'refused'; reason: string };

/**
 * `existing` (the file's text; undefined when there is none) with
 * `servers.specwright` set to `entry`. A file that is not JSON with comments,
 * or whose top level or `servers` is not an object, is refused: it is the
 * user's file, and it is never rewritten from a guess.
 */
export function mergeMcpConfig(existing: string | undefined, entry: McpServerEntry): McpMerge {
  if (existing === undefined || existing.trim() === '')
    return {
      kind: 'write',
      text: JSON.stringify({ servers: { [mcpServerName]: entry } }, null, 2) + '\n',
      replaced: false,
    };
  const errors: ParseError[] = [];
  const root: unknown = parse(existing, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length) {
    const e = errors[0];
    const { line, column } = lineColumn(existing, e.offset);
    return {
      kind: 'refused',
      reason: `it is not valid JSON (${printParseErrorCode(e.error)} at line ${line}, column ${column})`,
    };
  }
  if (!isObject(root)) return { kind: 'refused', reason: 'its top level is not an object' };
  const servers = root.servers;
  if (servers !== undefined && !isObject(servers))
    return { kind: 'refused', reason: '"servers" is not an object' };
  const old = servers?.[mcpServerName];
  if (old !== undefined && JSON.stringify(old) === JSON.stringify(entry)) return { kind: 'unchanged' };
  const edits = modify(existing, ['servers', mcpServerName], entry, {
    formattingOptions: { ...indentOf(existing), eol: existing.includes('\r\n') ? '\r\n' : '\n' },
  });
  return { kind: 'write', text: applyEdits(existing, edits), replaced: old !== undefined };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The file's own indentation (its first indented line), else two spaces. */
function indentOf(text: string): { insertSpaces: boolean; tabSize: number } {
  const m = /\n([ \t]+)\S/.exec(text);
  if (!m) return { insertSpaces: true, tabSize: 2 };
  return m[1].startsWith('\t')
    ? { insertSpaces: false, tabSize: 1 }
    : { insertSpaces: true, tabSize: m[1].length };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
