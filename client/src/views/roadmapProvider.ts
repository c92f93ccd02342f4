import * as vscode from 'vscode';
import {
  RoadmapChildrenRequest,
  RoadmapRevealRequest,
  type GroupBy,
  type ProgressMeasure,
  type RoadmapViewOptions,
  type ViewNode,
} from '../../../server/src/protocol';
import type { CtxApi } from '../ctxApi';
import { resolveTooltip, treeItemFor } from './treeItems';

export const roadmapViewId = 'specwright.roadmap';

const groupByKey = 'specwright.roadmap.groupBy';
const hideDoneKey = 'specwright.roadmap.hideDone';
const emptyKey = 'specwright.roadmap.empty';
/** The setting (and context key) of the progress the rows show: `specified` or `verified`. */
const progressSetting = 'specwright.roadmap.progress';

export const groupByLabels: Record<GroupBy, string> = {
  release: 'Release',
  status: 'Status',
  owner: 'Owner',
};

/**
 * The Roadmap view. Every row comes from the server, one level per
 * `specwright/roadmapChildren` request; this class only remembers how rows
 * hang together (for `getParent`, which "Reveal in Roadmap" needs), the
 * grouping and filter the user chose (workspace state, mirrored into context
 * keys for the view's menus), the progress it shows (the setting
 * `specwright.roadmap.progress`, which the title bar's toggle writes), and
 * refreshes on `specwright/workspaceChanged`.
 */
export class RoadmapProvider implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<ViewNode | undefined | void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  readonly view: vscode.TreeView<ViewNode>;
  private readonly parents = new Map<string, ViewNode | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private _groupBy: GroupBy;
  private _hideDone: boolean;
  private _progress: ProgressMeasure;

  constructor(private readonly ctx: CtxApi) {
    const state = ctx.extension.workspaceState;
    const saved = state.get<string>(groupByKey);
    this._groupBy = saved === 'status' || saved === 'owner' ? saved : 'release';
    this._hideDone = state.get<boolean>(hideDoneKey) === true;
    this._progress = progressFromSettings();
    this.view = vscode.window.createTreeView(roadmapViewId, {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    this.disposables.push(
      this.view,
      this._onDidChangeTreeData,
      ctx.onDidChangeWorkspace(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration(e => {
        if (!e.affectsConfiguration(progressSetting)) return;
        this._progress = progressFromSettings();
        this.updateTitle();
        this.refresh();
      }),
    );
    this.updateTitle();
  }

  get groupBy(): GroupBy {
    return this._groupBy;
  }

  get hideDone(): boolean {
    return this._hideDone;
  }

  get progress(): ProgressMeasure {
    return this._progress;
  }

  get options(): RoadmapViewOptions {
    return { groupBy: this._groupBy, hideDone: this._hideDone, progress: this._progress };
  }

  refresh(): void {
    this._onDidChangeTreeData.fire();
  }

  async setGroupBy(mode: GroupBy): Promise<void> {
    this._groupBy = mode;
    await this.ctx.extension.workspaceState.update(groupByKey, mode);
    this.updateTitle();
    this.parents.clear();
    this.refresh();
  }

  async setHideDone(hide: boolean): Promise<void> {
    this._hideDone = hide;
    await this.ctx.extension.workspaceState.update(hideDoneKey, hide);
    this.updateTitle();
    this.parents.clear();
    this.refresh();
  }

  /**
   * Show specified or verified progress: writes the setting (the workspace's
   * when a folder is open, else the user's), which keeps it across sessions;
   * the view follows the setting's change.
   */
  async setProgress(measure: ProgressMeasure): Promise<void> {
    const target = vscode.workspace.workspaceFolders?.length
      ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    this._progress = measure;
    await vscode.workspace.getConfiguration().update(progressSetting, measure, target);
    this.updateTitle();
    this.refresh();
  }

  // ---- TreeDataProvider --------------------------------------------------------

  async getChildren(element?: ViewNode): Promise<ViewNode[]> {
    const nodes =
      (await this.ctx.request(c =>
        c.sendRequest(RoadmapChildrenRequest.type, { parent: element?.id, ...this.options }),
      )) ?? [];
    for (const n of nodes) this.parents.set(n.id, element);
    // An empty top level (spec files but no release, epic or PRD yet) shows the welcome text with the next step.
    if (!element) void vscode.commands.executeCommand('setContext', emptyKey, nodes.length === 0);
    return nodes;
  }

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return treeItemFor(node);
  }

  resolveTreeItem(
    item: vscode.TreeItem,
    node: ViewNode,
    token: vscode.CancellationToken,
  ): Promise<vscode.TreeItem> {
    return resolveTooltip(this.ctx, item, node, token);
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return this.parents.get(node.id);
  }

  // ---- Reveal in Roadmap ---------------------------------------------------------

  /**
   * Select the row of the item at a position. Answers false when the item has
   * no row (a goal, a persona, an iteration) or the filter hides it.
   */
  async reveal(uri: vscode.Uri, position: vscode.Position): Promise<boolean> {
    const path = await this.ctx.request(c =>
      c.sendRequest(RoadmapRevealRequest.type, {
        textDocument: { uri: this.ctx.serverUri(uri) },
        position: { line: position.line, character: position.character },
        ...this.options,
      }),
    );
    if (!path?.length) return false;
    let parent: ViewNode | undefined;
    for (const node of path) {
      this.parents.set(node.id, parent);
      parent = node;
    }
    await this.view.reveal(path[path.length - 1], { select: true, focus: true, expand: false });
    return true;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private updateTitle(): void {
    const parts = [];
    if (this._groupBy !== 'release') parts.push(`by ${groupByLabels[this._groupBy].toLowerCase()}`);
    if (this._hideDone) parts.push('open items');
    if (this._progress === 'verified') parts.push('verified progress');
    this.view.description = parts.length ? parts.join(' · ') : undefined;
    void vscode.commands.executeCommand('setContext', groupByKey, this._groupBy);
    void vscode.commands.executeCommand('setContext', hideDoneKey, this._hideDone);
    void vscode.commands.executeCommand('setContext', progressSetting, this._progress);
  }
}

function progressFromSettings(): ProgressMeasure {
  return vscode.workspace.getConfiguration().get<string>(progressSetting) === 'verified'
    ? 'verified'
    : 'specified';
}
