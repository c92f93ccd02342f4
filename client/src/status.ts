import * as vscode from 'vscode';
import type { WorkspaceStatus } from '../../server/src/protocol';
import type { CtxApi } from './ctxApi';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/**
 * The status bar item: the current release's progress and coverage (its
 * counts, and the workspace's findings, in the tooltip), as the server sends
 * them with every `specwright/workspaceChanged`. A click runs Check
 * Workspace; while the server is down, it offers the output instead.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private state: ServerState = 'starting';
  private counts: WorkspaceStatus | undefined;

  constructor(ctx: CtxApi) {
    this.item = vscode.window.createStatusBarItem('specwright.status', vscode.StatusBarAlignment.Left, 10);
    this.item.name = 'Specwright';
    this.subscription = ctx.onDidChangeWorkspace(status => {
      this.counts = status;
      this.render();
    });
    this.render();
  }

  setServerState(state: ServerState): void {
    this.state = state;
    this.render();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (this.state) {
      case 'starting':
        item.text = '$(sync~spin) Specwright';
        item.tooltip = 'Specwright: starting the language server…';
        item.command = 'specwright.showOutput';
        item.show();
        return;
      case 'stopped':
      case 'failed':
        item.text = '$(error) Specwright';
        item.tooltip =
          this.state === 'failed'
            ? 'Specwright: the language server could not start. Click to see its output.'
            : 'Specwright: the language server stopped. Click to see its output.';
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        item.command = 'specwright.showOutput';
        item.show();
        return;
      case 'running':
        break;
    }
    const c = this.counts;
    if (!c || !c.hasSpecFiles) {
      item.hide();
      return;
    }
    // What only Specwright knows (VS Code already counts the problems): the current release.
    const r = c.currentRelease;
    item.text = r
      ? `$(milestone) ${r.id} ${r.stories.percent}% done · ${r.requirements.percent}% covered`
      : `$(checklist) ${c.uncovered} uncovered`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**Specwright**\n\n');
    if (r) {
      md.appendText(
        `${r.id} ${r.title}: ${r.stories.done} of ${plural(r.stories.total, 'story', 'stories')} done (${r.stories.percent}%), ` +
          `${r.requirements.covered} of ${plural(r.requirements.total, 'requirement')} covered by a story (${r.requirements.percent}%).`,
      );
      md.appendMarkdown('\n\n');
    }
    md.appendMarkdown(
      `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')} and ${plural(c.infos, 'info finding')} `,
    );
    md.appendMarkdown(`in ${plural(c.files, 'spec file')} (${plural(c.items, 'item')}); `);
    md.appendMarkdown(`${plural(c.uncovered, 'committed requirement')} without a story.\n\n`);
    md.appendMarkdown('Click to check the workspace.');
    item.tooltip = md;
    item.command = { command: 'specwright.checkWorkspace', title: 'Check Workspace' };
    item.accessibilityInformation = {
      label: r
        ? `Specwright: ${r.id} ${r.stories.percent}% of stories done, ${r.requirements.percent}% of requirements covered`
        : `Specwright: ${c.uncovered} uncovered requirements`,
    };
    item.show();
  }
}

export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : many}`;
}
