import { CodeActionKind, type ClientCapabilities, type ServerCapabilities } from 'vscode-languageserver';
import { semanticTokensLegend } from '../core/features/semanticTokens';

/**
 * Combine the capabilities features contribute. Nested objects (such as
 * `workspace`) merge key by key; anything else is taken from the later feature.
 */
export function mergeCapabilities(parts: ReadonlyArray<ServerCapabilities | void>): ServerCapabilities {
  const out: Record<string, unknown> = {};
  for (const part of parts) if (part) mergeInto(out, part as Record<string, unknown>);
  return out as ServerCapabilities;
}

function mergeInto(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) mergeInto(existing, value);
    else target[key] = isPlainObject(value) ? mergeInto({}, value) : value;
  }
  return target;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Characters after which the editor asks for completions on its own: a key's
 * colon and the space after it, a flow list's `[` and `,`, a block list's `-`;
 * in a code or test file, the `#` of an acceptance criterion (`REQ-101#`).
 */
export const completionTriggerCharacters: readonly string[] = [':', ' ', '[', ',', '-', '#'];

/**
 * What each feature in handlers/ announces, in one place. Some depend on
 * what the client said it can take.
 */
export const featureCapabilities = {
  hover: () => ({ hoverProvider: true }),
  /** Link IDs come without documentation, which completionItem/resolve adds. */
  completion: () => ({
    completionProvider: { triggerCharacters: [...completionTriggerCharacters], resolveProvider: true },
  }),
  definition: () => ({ definitionProvider: true }),
  references: () => ({ referencesProvider: true }),
  documentHighlight: () => ({ documentHighlightProvider: true }),
  /** `prepareProvider` only for a client that sends prepareRename (LSP forbids it otherwise). */
  rename: client => ({
    renameProvider: client.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
  }),
  documentSymbols: () => ({ documentSymbolProvider: true }),
  workspaceSymbols: () => ({ workspaceSymbolProvider: true }),
  /** Quick fixes are CodeAction literals: kinds only for a client that takes them. */
  codeActions: client => ({
    codeActionProvider: client.textDocument?.codeAction?.codeActionLiteralSupport
      ? { codeActionKinds: [CodeActionKind.QuickFix] }
      : true,
  }),
  codeLens: () => ({ codeLensProvider: { resolveProvider: true } }),
  folding: () => ({ foldingRangeProvider: true }),
  /** Ticket keys come with their target: nothing to resolve. */
  documentLinks: () => ({ documentLinkProvider: { resolveProvider: false } }),
  selectionRange: () => ({ selectionRangeProvider: true }),
  /** Whole documents only: they are small, and the tokens change with other files anyway. */
  semanticTokens: () => ({ semanticTokensProvider: { legend: semanticTokensLegend, full: true } }),
} satisfies Record<string, (client: ClientCapabilities) => ServerCapabilities>;
