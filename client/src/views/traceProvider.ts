import * as vscode from 'vscode';
import { TraceRequest, type TraceResult, type TraceViewNode } from '../../../server/src/protocol';
import type { CtxApi } from '../ctxApi';
import { resolveTooltip, treeItemFor } from './treeItems';

export const traceViewId = 'specwright.trace';

/** A row of the trace view: a server row, one of the view's own headings (Upstream, Downstream, Tickets), or a ticket. */
interface TraceRow extends TraceViewNode {
  role: 'focus' | 'heading' | 'upstream' | 'downstream' | 'evidence' | 'ticket';
  /** A ticket's URL, opened on click. */
  url?: string;
}

const followDelayMs = 200;

/**
 * The Trace view: the item at the cursor, the chain above it and what lies
 * below it, as the server's `specwright/trace` answers. It follows the
 * active spec editor's cursor (debounced, and only while the view is
 * visible), and asks again on `specwright/workspaceChanged`.
 */
export class TraceProvider implements vscode.TreeDataProvider<TraceRow>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<TraceRow | undefined | void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  readonly view: vscode.TreeView<TraceRow>;
  private readonly disposables: vscode.Disposable[] = [];
  private target: { uri: vscode.Uri; position: vscode.Position } | undefined;
  /** The target of what the view shows. */
  private shown: { uri: vscode.Uri; position: vscode.Position } | undefined;
  private roots: TraceRow[] = [];
  private current: TraceResult | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  private stale = true;

  constructor(private readonly ctx: CtxApi) {
    this.view = vscode.window.createTreeView(traceViewId, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this._onDidChangeTreeData,
      vscode.window.onDidChangeTextEditorSelection(e => this.follow(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor(e => this.follow(e)),
      this.view.onDidChangeVisibility(e => {
        if (e.visible && this.stale) void this.update();
      }),
      ctx.onDidChangeWorkspace(() => this.refresh()),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  /** What the view shows: the server's last answer, if any. */
  get result(): TraceResult | undefined {
    return this.current;
  }

  /** Trace the item at a position now (Show Trace). */
  async showAt(uri: vscode.Uri, position: vscode.Position): Promise<TraceResult | undefined> {
    if (this.timer) clearTimeout(this.timer);
    this.target = { uri, position };
    await this.update(true);
    return this.current;
  }

  /** Ask the server again for the current target. */
  refresh(): void {
    this.stale = true;
    if (this.view.visible) void this.update();
  }

  // ---- TreeDataProvider --------------------------------------------------------

  getChildren(element?: TraceRow): TraceRow[] {
    return element ? (element.children as TraceRow[]) : this.roots;
  }

  getTreeItem(row: TraceRow): vscode.TreeItem {
    if (row.role === 'ticket') return ticketItem(row);
    const expanded = row.role !== 'downstream';
    const item = treeItemFor(
      row,
      expanded,
      row.role === 'upstream' || row.role === 'downstream' ? viaText(row) : undefined,
    );
    if (row.role === 'heading') item.contextValue = 'specwright.traceHeading';
    return item;
  }

  resolveTreeItem(
    item: vscode.TreeItem,
    row: TraceRow,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> | vscode.TreeItem {
    return row.role === 'heading' || row.role === 'evidence' || row.role === 'ticket'
      ? item
      : resolveTooltip(this.ctx, item, row, token);
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // ---- internals -------------------------------------------------------------------

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== 'specwright') return;
    this.target = { uri: editor.document.uri, position: editor.selection.active };
    this.stale = true;
    if (!this.view.visible) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), followDelayMs);
  }

  private async update(force = false): Promise<void> {
    this.timer = undefined;
    if (!force && !this.view.visible) return;
    const target = this.target;
    if (!target) return;
    const generation = ++this.generation;
    const result = await this.ctx.request(c =>
      c.sendRequest(TraceRequest.type, {
        textDocument: { uri: this.ctx.serverUri(target.uri) },
        position: { line: target.position.line, character: target.position.character },
      }),
    );
    if (generation !== this.generation) return; // a newer request is on its way
    this.stale = false;
    // The cursor moved to a place without an item (or the server is down):
    // keep showing the last item, and keep refreshing that one.
    if (!result && this.current && !force) {
      this.target = this.shown ?? this.target;
      return;
    }
    this.shown = result ? target : undefined;
    this.current = result ?? undefined;
    this.roots = this.current ? rowsOf(this.current) : [];
    this.view.description = this.current?.item.itemId;
    this._onDidChangeTreeData.fire();
  }
}

function rowsOf(result: TraceResult): TraceRow[] {
  const tag = (nodes: TraceViewNode[], role: 'upstream' | 'downstream'): TraceRow[] =>
    nodes.map(n => ({ ...n, role, children: tag(n.children, role) }));
  const heading = (id: string, label: string, children: TraceRow[]): TraceRow => ({
    id,
    label,
    description: String(children.length),
    kind: 'group',
    hasChildren: children.length > 0,
    findings: { errors: 0, warnings: 0, infos: 0 },
    role: 'heading',
    children,
  });
  const children: TraceRow[] = [];
  const up = tag(result.upstream, 'upstream');
  const down = tag(result.downstream, 'downstream');
  if (up.length) children.push(heading('h:upstream', 'Upstream', up));
  if (down.length) children.push(heading('h:downstream', 'Downstream', down));
  const evidence = (nodes: TraceViewNode[]): TraceRow[] =>
    nodes.map(n => ({ ...n, role: 'evidence', children: evidence(n.children) }));
  children.push(...evidence(result.evidence ?? []));
  const tickets = (result.tickets ?? []).map((t, i): TraceRow => ({
    id: `t:${i}:${t.ticket}`,
    label: t.ticket,
    description: t.url ?? 'no link: no pattern of .specwright.yaml tickets matches it',
    kind: 'group',
    hasChildren: false,
    findings: { errors: 0, warnings: 0, infos: 0 },
    role: 'ticket',
    url: t.url,
    children: [],
  }));
  if (tickets.length) children.push(heading('h:tickets', 'Tickets', tickets));
  return [{ ...result.item, role: 'focus', hasChildren: children.length > 0, children }];
}

/** A ticket's row: a click opens its URL in the browser (VS Code asks first for an untrusted domain). */
function ticketItem(row: TraceRow): vscode.TreeItem {
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = row.description;
  item.iconPath = new vscode.ThemeIcon(row.url ? 'link-external' : 'issues');
  item.contextValue = 'specwright.ticket';
  if (row.url) {
    item.tooltip = row.url;
    item.command = {
      command: 'vscode.open',
      title: 'Open Ticket',
      arguments: [vscode.Uri.parse(row.url, true)],
    };
  }
  return item;
}

/**
 * How a row relates to the row it hangs under, in words: upstream rows are
 * what the item below points to, downstream rows what points to the item above.
 */
const viaLabels: Record<'upstream' | 'downstream', Record<string, string>> = {
  upstream: {
    parent: 'contains it',
    implements: 'implemented by it',
    epic: 'its epic',
    release: 'ships it',
    goals: 'a goal it serves',
    personas: 'a persona it serves',
    as_a: 'its persona',
    depends_on: 'it depends on this',
  },
  downstream: {
    contains: 'part of it',
    implements: 'implements it',
    epic: 'belongs to it',
    release: 'ships in it',
    goals: 'serves it',
    personas: 'serves them',
    as_a: 'written for them',
    depends_on: 'depends on it',
  },
};

function viaText(row: TraceRow): string | undefined {
  if (!row.via) return undefined;
  const labels =
    row.role === 'upstream' ? viaLabels.upstream : row.role === 'downstream' ? viaLabels.downstream : {};
  return labels[row.via] ?? row.via.replace(/_/g, ' ');
}
