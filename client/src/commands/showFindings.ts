import * as vscode from 'vscode';

/** The `source` the server gives every diagnostic it publishes (server/src/lsp/convert.ts `diagnosticSource`). */
const source = 'specwright';

interface FindingPick extends vscode.QuickPickItem {
  uri: vscode.Uri;
  range: vscode.Range;
}

const icons: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: '$(error)',
  [vscode.DiagnosticSeverity.Warning]: '$(warning)',
  [vscode.DiagnosticSeverity.Information]: '$(info)',
  [vscode.DiagnosticSeverity.Hint]: '$(lightbulb)',
};

/**
 * Specwright's findings alone, in a quick pick: the Problems panel filtered
 * to Specwright. VS Code gives an extension no way to set the Problems
 * filter, so "Check Workspace" offers this list next to the whole panel. It
 * reads what VS Code already holds (the published diagnostics), worst first,
 * then by file and line; picking one opens it as a preview.
 */
export async function showFindings(): Promise<void> {
  const picks: (FindingPick & { severity: vscode.DiagnosticSeverity })[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    for (const d of diagnostics) {
      if (d.source !== source) continue;
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      picks.push({
        label: `${icons[d.severity]} ${code ?? ''}`.trim(),
        description: `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1}`,
        detail: d.message,
        uri,
        range: d.range,
        severity: d.severity,
      });
    }
  }
  if (!picks.length) {
    void vscode.window.showInformationMessage('Specwright: no findings.');
    return;
  }
  picks.sort(
    (a, b) =>
      a.severity - b.severity ||
      (a.description ?? '').localeCompare(b.description ?? '', undefined, { numeric: true }),
  );
  const picked = await vscode.window.showQuickPick(picks, {
    title: `Specwright findings (${picks.length})`,
    placeHolder: 'Filter by code, file or message',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked) await vscode.window.showTextDocument(picked.uri, { selection: picked.range, preview: true });
}
