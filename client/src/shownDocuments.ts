import * as vscode from 'vscode';
import {
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type LanguageClient,
  type Middleware,
} from 'vscode-languageclient/node';

/**
 * Decides which documents the server holds as open: those shown in a tab (or
 * a visible editor), and those edited without one (a workspace edit on a
 * file no tab shows) until they are saved and no tab shows them.
 *
 * VS Code keeps a document in `workspace.textDocuments` for minutes after its
 * tab closed, and vscode-languageclient sends `didClose` only when VS Code
 * lets go of it, and `didOpen` on a restart for every document it still
 * holds. While the server holds a document open, the editor's text wins over
 * the disk, so a file deleted or moved in a shell stayed in every view, count
 * and finding (a ghost) until the window was reloaded. Here a tab that closes
 * closes the document for the server at once, and a restart opens only what
 * tabs show: everything else is read from disk.
 */
export class ShownDocuments implements vscode.Disposable {
  /** URIs (VS Code's string form) of the documents the server holds open. */
  private readonly sent = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;

  constructor(private readonly isSpec: (doc: vscode.TextDocument) => boolean) {
    this.disposables.push(
      vscode.window.tabGroups.onDidChangeTabs(() => this.sync()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.sync()),
    );
  }

  /** The text-synchronisation middleware for the language client's options. */
  readonly middleware: Middleware = {
    didOpen: async (doc, next) => {
      if (!this.isShown(doc.uri)) return; // sent when a tab shows it (sync), or when it is edited
      this.sent.add(doc.uri.toString());
      return next(doc);
    },
    didChange: async (event, next) => {
      const uri = event.document.uri.toString();
      if (this.sent.has(uri)) return next(event);
      // An edit of a document the server reads from disk (a rename or quick
      // fix across files): it is open from now on, with the text it has now.
      if (event.document.isDirty) await this.open(event.document);
    },
    didSave: async (doc, next) => {
      if (this.sent.has(doc.uri.toString())) return next(doc);
    },
    didClose: async (doc, next) => {
      if (this.sent.delete(doc.uri.toString())) return next(doc);
    },
  };

  /** Bind to a (re)started client: the server holds nothing open yet. */
  attach(client: LanguageClient): void {
    this.client = client;
    this.sent.clear();
  }

  /** Forget what was sent (the server stopped). */
  reset(): void {
    this.sent.clear();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /** Open what tabs now show, close what they no longer show (unless it has unsaved edits). */
  private sync(): void {
    const client = this.client;
    if (!client?.isRunning()) return;
    const shown = this.shownUris();
    for (const doc of vscode.workspace.textDocuments) {
      const uri = doc.uri.toString();
      if (!this.isSpec(doc)) continue;
      if (shown.has(uri) && !this.sent.has(uri)) void this.open(doc);
      else if (!shown.has(uri) && this.sent.has(uri) && !doc.isDirty && doc.uri.scheme === 'file')
        void this.close(doc);
    }
  }

  private async open(doc: vscode.TextDocument): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) return;
    this.sent.add(doc.uri.toString());
    await client
      .sendNotification(
        DidOpenTextDocumentNotification.type,
        client.code2ProtocolConverter.asOpenTextDocumentParams(doc),
      )
      .catch(() => undefined);
  }

  private async close(doc: vscode.TextDocument): Promise<void> {
    const client = this.client;
    if (!client?.isRunning()) return;
    this.sent.delete(doc.uri.toString());
    await client
      .sendNotification(
        DidCloseTextDocumentNotification.type,
        client.code2ProtocolConverter.asCloseTextDocumentParams(doc),
      )
      .catch(() => undefined);
  }

  private isShown(uri: vscode.Uri): boolean {
    return this.shownUris().has(uri.toString());
  }

  /** Documents in a tab of any group (text or either side of a diff) or in a visible editor. */
  private shownUris(): Set<string> {
    const out = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText) out.add(input.uri.toString());
        else if (input instanceof vscode.TabInputTextDiff) {
          out.add(input.original.toString());
          out.add(input.modified.toString());
        }
      }
    }
    for (const editor of vscode.window.visibleTextEditors) out.add(editor.document.uri.toString());
    return out;
  }
}
