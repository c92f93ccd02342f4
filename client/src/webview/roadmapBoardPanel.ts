import * as vscode from 'vscode';
import { RoadmapBoardRequest, type RoadmapBoard } from '../../../server/src/protocol';
import type { CtxApi } from '../ctxApi';
import { boardDocument, boardNote, newNonce, type BoardMessage, type BoardUpdate } from './boardDocument';

export const roadmapBoardViewType = 'specwright.roadmapBoard';

/** Gathers bursts of `specwright/workspaceChanged` (the server sends one per ~100 ms of typing) into one board request. */
const refreshDelayMs = 100;

/**
 * The Roadmap Board webview: the server's board fragment
 * (`specwright/roadmapBoard`, the HTML report's code), refreshed on every
 * workspace change while the panel is visible, and a click on a card opens
 * the epic's definition. The panel renders; it computes nothing.
 */
export class RoadmapBoardPanel implements vscode.Disposable {
  private board: RoadmapBoard | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The request in flight, and whether another change came in meanwhile. */
  private loading: Promise<void> | undefined;
  private stale = false;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  /**
   * Opens the board beside the active text editor (so that it follows the
   * typing in view), else in the active group. `onDispose` runs once, when
   * the user closes it or the extension stops.
   */
  static create(ctx: CtxApi, onDispose: () => void): RoadmapBoardPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(roadmapBoardViewType, 'Roadmap Board', column, {
      // Only for the click script of boardDocument.ts; the CSP admits nothing else.
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(ctx.extension.extensionUri, 'resources')],
    });
    panel.iconPath = vscode.Uri.joinPath(ctx.extension.extensionUri, 'resources', 'specwright.svg');
    return new RoadmapBoardPanel(ctx, panel, onDispose);
  }

  private constructor(
    private readonly ctx: CtxApi,
    readonly panel: vscode.WebviewPanel,
    private readonly onDispose: () => void,
  ) {
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: BoardMessage) => this.received(m)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.schedule(0);
      }),
      ctx.onDidChangeWorkspace(() => this.schedule(refreshDelayMs)),
    );
    this.render(boardNote('Loading the roadmap…'), '');
    this.schedule(0);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** The board as last received (for tests). */
  get current(): RoadmapBoard | undefined {
    return this.board;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDispose();
  }

  // ---- internals ---------------------------------------------------------------

  /** Ask for the board after `delay` ms; while hidden, only remember that it is stale. */
  private schedule(delay: number): void {
    this.stale = true;
    if (this.disposed || !this.panel.visible) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, delay);
  }

  /** One request at a time, so that answers cannot arrive out of order; a change meanwhile asks again after. */
  private async refresh(): Promise<void> {
    if (this.loading) return;
    this.stale = false;
    this.loading = this.load();
    try {
      await this.loading;
    } finally {
      this.loading = undefined;
    }
    if (this.stale && !this.disposed) this.schedule(0);
  }

  private async load(): Promise<void> {
    const board = await this.ctx.request(c => c.sendRequest(RoadmapBoardRequest.type));
    if (this.disposed) return;
    if (!board) {
      if (!this.board)
        this.render(boardNote('The Specwright language server is not running: no roadmap to show.'), '');
      return;
    }
    const first = !this.board || this.board.css !== board.css;
    this.board = board;
    if (first) this.render(board.html, board.css);
    else void this.panel.webview.postMessage({ type: 'update', html: board.html } satisfies BoardUpdate);
  }

  /** Replace the whole document (first load, or a new stylesheet); later boards go by message. */
  private render(body: string, css: string): void {
    const webview = this.panel.webview;
    webview.html = boardDocument({ cspSource: webview.cspSource, nonce: newNonce(), body, css });
  }

  private received(message: BoardMessage): void {
    if (message?.type === 'ready') {
      // The document may have been reloaded (hidden and shown again): give it the latest board.
      if (this.board)
        void this.panel.webview.postMessage({ type: 'update', html: this.board.html } satisfies BoardUpdate);
    } else if (message?.type === 'openEpic' && typeof message.id === 'string') {
      void this.openEpic(message.id);
    }
  }

  /** Open the epic's definition next to the board (the first group, or beside a board that is in it), its ID selected. */
  private async openEpic(id: string): Promise<void> {
    let loc = this.board?.epics[id];
    if (!loc) {
      await this.refresh();
      loc = this.board?.epics[id];
    }
    if (!loc) {
      void vscode.window.showInformationMessage(`The epic ${id} is no longer on the roadmap.`);
      return;
    }
    const p2c = this.ctx.client?.protocol2CodeConverter;
    const uri = p2c ? p2c.asUri(loc.uri) : vscode.Uri.parse(loc.uri);
    const r = loc.range;
    const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    try {
      const viewColumn =
        this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(uri, {
        viewColumn,
        selection,
        preserveFocus: false,
      });
      editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Specwright could not open the epic ${id}: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
