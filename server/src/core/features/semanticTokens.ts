import type { SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { WorkspaceView } from '../workspaceView';
import type { Range } from '../types';
import { idText } from './idAt';

/**
 * Semantic tokens for the IDs of a document, so that themes colour them by
 * what they are rather than by a grammar scope only some themes know:
 * - a defined ID (the value of `id:`): `variable` with `declaration`;
 * - a link that names an item of the workspace: `variable`;
 * - a link that names no item: `variable` with `unresolved`, a modifier of
 *   ours that package.json maps to the `invalid` scope default themes colour
 *   (`semanticTokenModifiers`, `semanticTokenScopes`).
 * A link is unresolved exactly when the unresolved-link check would report
 * it: a file with a syntax error that may define the ID makes it neither.
 */

/** The legend the server announces; the order is the encoding. */
export const semanticTokensLegend: SemanticTokensLegend = {
  tokenTypes: ['variable'],
  tokenModifiers: ['declaration', 'unresolved'],
};

const variable = 0;
const declaration = 1 << 0;
const unresolved = 1 << 1;

/** One token before encoding: where it is, and what it is. */
export interface IdToken {
  range: Range;
  type: 'defined' | 'linked' | 'unresolved';
}

/** The ID tokens of a document, in source order; [] for a file the workspace does not hold. */
export function idTokens(service: WorkspaceView, uri: string): IdToken[] {
  const file = service.index.files.get(uri);
  if (!file) return [];
  const index = service.index;
  const out: IdToken[] = [];
  for (const item of file.items) {
    out.push({ range: idText(item.idRange, item.id).range, type: 'defined' });
    for (const link of item.links) {
      if (link.unread) continue;
      const resolved = index.definitions(link.target).length > 0;
      if (!resolved && index.mayDefine(link.target)) continue;
      out.push({ range: idText(link.range, link.target).range, type: resolved ? 'linked' : 'unresolved' });
    }
  }
  // One line each (a token may not span lines); sorted, as the encoding is relative to the previous one.
  return out
    .filter(t => t.range.start.line === t.range.end.line && t.range.end.character > t.range.start.character)
    .sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
}

/** LSP's encoding of `textDocument/semanticTokens/full`: five numbers per token, each relative to the one before. */
export function semanticTokens(service: WorkspaceView, uri: string): SemanticTokens {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of idTokens(service, uri)) {
    const { start, end } = t.range;
    data.push(
      start.line - line,
      start.line === line ? start.character - char : start.character,
      end.character - start.character,
      variable,
      t.type === 'defined' ? declaration : t.type === 'unresolved' ? unresolved : 0,
    );
    line = start.line;
    char = start.character;
  }
  return { data };
}
