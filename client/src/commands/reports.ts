import * as vscode from 'vscode';
import { RenderReportRequest, type ReportFormat } from '../../../server/src/protocol';
import type { CommandFactory } from './commandFactory';
import { RoadmapBoardPanel } from '../webview/roadmapBoardPanel';
import { writeTextFile } from '../writeFile';

/** "Specwright: Export Report…" and "Specwright: Open Roadmap Board". */

interface FormatChoice extends vscode.QuickPickItem {
  format: ReportFormat;
  extension: string;
  filter: string;
}

const formatChoices: readonly FormatChoice[] = [
  {
    format: 'md',
    extension: 'md',
    filter: 'Markdown',
    label: 'Markdown',
    detail: 'Headings and tables, for a wiki, a README or a pull request',
  },
  {
    format: 'html',
    extension: 'html',
    filter: 'HTML',
    label: 'HTML',
    detail: 'One self-contained page with the Roadmap Board, to share or print',
  },
  {
    format: 'csv',
    extension: 'csv',
    filter: 'CSV',
    label: 'CSV',
    detail: 'One row per requirement, for a spreadsheet',
  },
  {
    format: 'json',
    extension: 'json',
    filter: 'JSON',
    label: 'JSON',
    detail: 'The whole report model, for scripts',
  },
];

/** Options of Export Report; when given (by tests or other extensions), that question is not asked. */
export interface ExportReportArgs {
  format?: ReportFormat;
  /** Where to write the report. */
  uri?: vscode.Uri;
}

/**
 * Export Report…: pick a format, pick a file (default
 * `reports/specwright-report.<ext>` in the first workspace folder), write the
 * server's rendering of the live workspace (the text `specwright report`
 * prints), and offer to open it (an HTML report in a preview). Resolves to
 * the file written.
 */
export const exportReport: CommandFactory =
  ctx =>
  async (args?: ExportReportArgs): Promise<vscode.Uri | undefined> => {
    const choice = args?.format
      ? formatChoices.find(c => c.format === args.format)
      : await vscode.window.showQuickPick(formatChoices, {
          title: 'Export Report',
          placeHolder: 'Report format',
        });
    if (!choice) return undefined;

    const uri = args?.uri ?? (await askWhere(choice));
    if (!uri) return undefined;

    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Specwright: rendering the report' },
      () => ctx.request(c => c.sendRequest(RenderReportRequest.type, { format: choice.format })),
    );
    if (!report) {
      void vscode.window
        .showErrorMessage(
          'Specwright could not render the report: the language server is not running or failed (see the output).',
          'Show Output',
        )
        .then(answer => {
          if (answer) ctx.output.show(true);
        });
      return undefined;
    }
    try {
      await writeTextFile(uri, report.text);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Specwright could not write ${uri.fsPath || uri.toString()}: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }

    void offerToOpen(uri, choice.format, report.text);
    return uri;
  };

/**
 * The save dialog, starting in the workspace's `reports/` folder (made for
 * it, and removed again when the dialog is cancelled and it is still empty),
 * so reports do not pile up next to the specs.
 */
async function askWhere(choice: FormatChoice): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const reports = folder && vscode.Uri.joinPath(folder, 'reports');
  let made = false;
  if (reports) {
    try {
      await vscode.workspace.fs.stat(reports);
    } catch {
      await vscode.workspace.fs.createDirectory(reports).then(
        () => {
          made = true;
        },
        () => undefined,
      );
    }
  }
  const uri = await vscode.window.showSaveDialog({
    title: `Export Report (${choice.label})`,
    saveLabel: 'Export',
    defaultUri: reports ? vscode.Uri.joinPath(reports, `specwright-report.${choice.extension}`) : undefined,
    filters: { [choice.filter]: [choice.extension] },
  });
  if (!uri && made && reports) {
    const left = await vscode.workspace.fs.readDirectory(reports).then(
      entries => entries.length,
      () => 1,
    );
    if (!left) await vscode.workspace.fs.delete(reports).then(undefined, () => undefined);
  }
  return uri;
}

async function offerToOpen(uri: vscode.Uri, format: ReportFormat, text: string): Promise<void> {
  const actions = format === 'html' ? ['Open Preview', 'Open in Editor'] : ['Open'];
  const answer = await vscode.window.showInformationMessage(
    `Report written to ${vscode.workspace.asRelativePath(uri)}.`,
    ...actions,
  );
  if (answer === 'Open Preview') previewHtml(uri, text);
  else if (answer) await vscode.window.showTextDocument(uri, { preview: false });
}

/**
 * The HTML report in a webview, as a browser would show it (Open used to
 * show its source). No scripts run; the page's own inline styles and
 * data: images are all it loads.
 */
function previewHtml(uri: vscode.Uri, html: string): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(
    'specwright.reportPreview',
    `Report: ${vscode.workspace.asRelativePath(uri)}`,
    vscode.ViewColumn.Active,
    { enableScripts: false, localResourceRoots: [] },
  );
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`;
  panel.webview.html = /<head[^>]*>/i.test(html)
    ? html.replace(/<head[^>]*>/i, m => `${m}${csp}`)
    : `${csp}${html}`;
  return panel;
}

/** Open Roadmap Board: one panel; run again, it is revealed. */
export const openRoadmapBoard: CommandFactory = ctx => {
  let board: RoadmapBoardPanel | undefined;
  ctx.push({ dispose: () => board?.dispose() });
  return (): RoadmapBoardPanel => {
    if (board) board.reveal();
    else
      board = RoadmapBoardPanel.create(ctx, () => {
        board = undefined;
      });
    return board;
  };
};
