import * as vscode from 'vscode';
import { RenderReportRequest, type ReportFormat } from '../../../server/src/protocol';
import type { CommandFactory } from '../commands';
import { RoadmapBoardPanel } from '../webview/roadmapBoardPanel';
import { writeTextFile } from '../writeFile';

/** "Specwright: Export Report…" and "Specwright: Open Roadmap Board". */

interface FormatChoice extends vscode.QuickPickItem {
  format: ReportFormat;
  extension: string;
  filter: string;
}

const formatChoices: readonly FormatChoice[] = [
  { format: 'md', extension: 'md', filter: 'Markdown', label: 'Markdown', detail: 'Headings and tables, for a wiki, a README or a pull request' },
  { format: 'html', extension: 'html', filter: 'HTML', label: 'HTML', detail: 'One self-contained page with the Roadmap Board, to share or print' },
  { format: 'csv', extension: 'csv', filter: 'CSV', label: 'CSV', detail: 'One row per requirement, for a spreadsheet' },
  { format: 'json', extension: 'json', filter: 'JSON', label: 'JSON', detail: 'The whole report model, for scripts' },
];

/** Options of Export Report; when given (by tests or other extensions), that question is not asked. */
export interface ExportReportArgs {
  format?: ReportFormat;
  /** Where to write the report. */
  uri?: vscode.Uri;
}

/**
 * Export Report…: pick a format, pick a file (default
 * `specwright-report.<ext>` in the first workspace folder), write the
 * server's rendering of the live workspace (the text `specwright report`
 * prints), and offer to open it. Resolves to the file written.
 */
export const exportReport: CommandFactory = ctx => async (args?: ExportReportArgs): Promise<vscode.Uri | undefined> => {
  const choice = args?.format
    ? formatChoices.find(c => c.format === args.format)
    : await vscode.window.showQuickPick(formatChoices, { title: 'Export Report', placeHolder: 'Report format' });
  if (!choice) return undefined;

  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = args?.uri ?? await vscode.window.showSaveDialog({
    title: `Export Report (${choice.label})`,
    saveLabel: 'Export',
    defaultUri: folder && vscode.Uri.joinPath(folder, `specwright-report.${choice.extension}`),
    filters: { [choice.filter]: [choice.extension] },
  });
  if (!uri) return undefined;

  const report = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Specwright: rendering the report' },
    () => ctx.request(c => c.sendRequest(RenderReportRequest.type, { format: choice.format })),
  );
  if (!report) {
    void vscode.window.showErrorMessage('Specwright could not render the report: the language server is not running or failed (see the output).', 'Show Output')
      .then(answer => { if (answer) ctx.output.show(true); });
    return undefined;
  }
  try {
    await writeTextFile(uri, report.text);
  } catch (err) {
    void vscode.window.showErrorMessage(`Specwright could not write ${uri.fsPath || uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }

  void offerToOpen(uri, choice.format);
  return uri;
};

async function offerToOpen(uri: vscode.Uri, format: ReportFormat): Promise<void> {
  // A browser can only open the file where it lies: a local file on the desktop.
  const browser = format === 'html' && uri.scheme === 'file' && vscode.env.uiKind === vscode.UIKind.Desktop && !vscode.env.remoteName;
  const actions = browser ? ['Open in Browser', 'Open in Editor'] : ['Open'];
  const answer = await vscode.window.showInformationMessage(`Report written to ${vscode.workspace.asRelativePath(uri)}.`, ...actions);
  if (answer === 'Open in Browser') await vscode.env.openExternal(uri);
  else if (answer) await vscode.window.showTextDocument(uri, { preview: false });
}

/** Open Roadmap Board: one panel; run again, it is revealed. */
export const openRoadmapBoard: CommandFactory = ctx => {
  let board: RoadmapBoardPanel | undefined;
  ctx.push({ dispose: () => board?.dispose() });
  return (): RoadmapBoardPanel => {
    if (board) board.reveal();
    else board = RoadmapBoardPanel.create(ctx, () => { board = undefined; });
    return board;
  };
};
