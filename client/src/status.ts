import * as vscode from 'vscode';
import type { WorkspaceStatus } from '../../server/src/protocol';
import type { Ctx } from './ctx';

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed';

/**
 * The status bar item: errors, warnings and uncovered requirements of the
 * whole workspace, as the server counts them (sent with every
 * `specwright/workspaceChanged`). A click opens the Problems panel; while
 * the server is down, it offers the output instead.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private state: ServerState = 'starting';
  private counts: WorkspaceStatus | undefined;

  constructor(ctx: Ctx) {
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
        item.tooltip = this.state === 'failed'
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
    item.text = `$(error) ${c.errors} $(warning) ${c.warnings} $(checklist) ${c.uncovered} uncovered`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown('**Specwright**\n\n');
    md.appendMarkdown(`${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')} and ${plural(c.infos, 'info finding')} `);
    md.appendMarkdown(`in ${plural(c.files, 'spec file')} (${plural(c.items, 'item')}).\n\n`);
    md.appendMarkdown(`${plural(c.uncovered, 'committed requirement')} without a story.\n\n`);
    md.appendMarkdown('Click to open the Problems panel.');
    item.tooltip = md;
    item.command = { command: 'workbench.actions.view.problems', title: 'Show Problems' };
    item.accessibilityInformation = {
      label: `Specwright: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${c.uncovered} uncovered requirements`,
    };
    item.show();
  }
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
