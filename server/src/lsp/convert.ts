import {
  DiagnosticSeverity,
  Location,
  SymbolInformation,
  TextDocumentEdit,
  type CodeAction,
  type Diagnostic as LspDiagnostic,
  type DocumentSymbol,
  type LocationLink,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Diagnostic, Severity } from '../core/types';
import type { CodeAction as QuickFix } from '../core/features/codeActions';
import type { DefinitionLink } from '../core/features/definition';

/** The `source` of every diagnostic the server publishes. */
export const diagnosticSource = 'specwright';

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * A core diagnostic as LSP sends it. Core positions already are 0-based
 * UTF-16 line/character pairs, so ranges pass through unchanged. `data`
 * carries the finding's facts for code actions.
 */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: d.range,
    severity: severities[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: diagnosticSource,
    message: d.message,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map(r => ({
      location: { uri: r.uri, range: r.range },
      message: r.message,
    }));
  }
  if (d.data !== undefined) out.data = d.data;
  return out;
}

/** How the client wants workspace edits, and the versions of its open documents. */
export interface EditTarget {
  /** The client takes `documentChanges` (workspace.workspaceEdit.documentChanges). */
  documentChanges: boolean;
  /** The version of an open document; null for a file the editor does not hold. */
  versionOf(uri: string): number | null;
}

/**
 * A core edit (by URI) as LSP's WorkspaceEdit: `documentChanges` with each
 * open document's version (so a client refuses an edit its buffer has moved
 * past) and version null for closed files, or plain `changes`.
 */
export function toLspWorkspaceEdit(
  edits: ReadonlyMap<string, TextEdit[]>,
  target: EditTarget,
): WorkspaceEdit {
  if (target.documentChanges) {
    return {
      documentChanges: [...edits].map(([uri, e]) =>
        TextDocumentEdit.create({ uri, version: target.versionOf(uri) }, e),
      ),
    };
  }
  return { changes: Object.fromEntries(edits) };
}

/** A core quick fix, with its edit in the form the client takes. */
export function toLspCodeAction(action: QuickFix, target: EditTarget): CodeAction {
  const out: CodeAction = {
    title: action.title,
    kind: action.kind,
    diagnostics: action.diagnostics,
    edit: toLspWorkspaceEdit(new Map(Object.entries(action.edit.changes)), target),
  };
  if (action.isPreferred) out.isPreferred = true;
  if (action.command) out.command = action.command;
  return out;
}

/** Definitions as LocationLinks, or as plain Locations (the item's ID) for a client without link support. */
export function toLspDefinition(links: DefinitionLink[], linkSupport: boolean): LocationLink[] | Location[] {
  if (linkSupport) return links;
  return links.map(l => Location.create(l.targetUri, l.targetSelectionRange));
}

/** An outline as DocumentSymbols, or flattened to SymbolInformation for a client without hierarchy support. */
export function toLspDocumentSymbols(
  uri: string,
  symbols: DocumentSymbol[],
  hierarchical: boolean,
): DocumentSymbol[] | SymbolInformation[] {
  if (hierarchical) return symbols;
  const out: SymbolInformation[] = [];
  const walk = (list: readonly DocumentSymbol[], container?: string): void => {
    for (const s of list) {
      out.push(SymbolInformation.create(s.name, s.kind, s.range, uri, container));
      if (s.children) walk(s.children, s.name);
    }
  };
  walk(symbols);
  return out;
}
