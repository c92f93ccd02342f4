import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SpecwrightApi } from '../../../client/src/extension';
import { activate, codeOf, extensionId, waitFor, workspaceRoot } from './helpers';

describe('Specwright in VS Code', () => {
  let api: SpecwrightApi;

  before(async () => {
    api = await activate();
  });

  it('activates and starts the language server', () => {
    assert.ok(vscode.extensions.getExtension(extensionId)?.isActive);
    assert.ok(api.ctx.client?.isRunning(), 'the language client runs');
  });

  it('publishes diagnostics with their codes for the examples', async () => {
    const prd = vscode.Uri.joinPath(workspaceRoot(), 'prds', 'express-checkout.prd.yaml');
    const stories = vscode.Uri.joinPath(workspaceRoot(), 'iterations', '2026-s02.stories.yaml');
    await vscode.window.showTextDocument(prd);
    const diags = await waitFor(
      () => vscode.languages.getDiagnostics(prd),
      d => d.length > 0,
      vscode.languages.onDidChangeDiagnostics,
    );
    const rollup = diags.find(d => codeOf(d) === 'status-rollup');
    assert.ok(rollup, `status-rollup among ${diags.map(codeOf).join(', ')}`);
    assert.equal(rollup.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(rollup.range.start.line, 35);
    // a closed file gets its findings from the workspace scan
    const unresolved = await waitFor(
      () => vscode.languages.getDiagnostics(stories),
      d => d.length > 0,
      vscode.languages.onDidChangeDiagnostics,
    );
    assert.deepEqual(unresolved.map(codeOf), ['unresolved-link']);
    assert.equal(unresolved[0].severity, vscode.DiagnosticSeverity.Error);
  });

  it('counts the workspace in the status the server sends', async () => {
    const status = await waitFor(
      () => api.ctx.workspace,
      s => !!s && s.files >= 14,
      api.ctx.onDidChangeWorkspace,
    );
    assert.deepEqual(
      { errors: status!.errors, warnings: status!.warnings, uncovered: status!.uncovered },
      { errors: 1, warnings: 4, uncovered: 1 },
    );
  });

  it('shows releases by horizon in the roadmap, then epics by priority', async () => {
    await waitFor(
      () => api.ctx.workspace,
      s => !!s && s.files >= 14,
      api.ctx.onDidChangeWorkspace,
    );
    const top = await api.ctx.roadmap.getChildren();
    assert.deepEqual(
      top.slice(0, 4).map(n => n.label),
      [
        'R-2026.1 Checkout that converts',
        'R-2026.2 Right items, right time',
        'R-2026.3 The weekly habit',
        'R-2026.4 Delivery pass',
      ],
    );
    assert.match(top[0].description, /^now · 2026-01-05 → 2026-03-27 · in-progress · \d+%$/);
    const item = api.ctx.roadmap.getTreeItem(top[0]);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'milestone');
    assert.equal(item.command?.command, 'vscode.open');
    const epics = await api.ctx.roadmap.getChildren(top[0]);
    assert.deepEqual(
      epics.map(n => n.itemId),
      ['EPIC-1', 'EPIC-5', 'EPIC-2'],
    );
  });

  it('groups the roadmap by status on request', async () => {
    await vscode.commands.executeCommand('specwright.roadmap.groupBy', 'status');
    try {
      const top = await api.ctx.roadmap.getChildren();
      assert.ok(
        top.every(n => n.kind === 'group'),
        top.map(n => n.label).join(', '),
      );
    } finally {
      await vscode.commands.executeCommand('specwright.roadmap.groupBy', 'release');
    }
  });

  it('traces the item at the cursor', async () => {
    const stories = vscode.Uri.joinPath(workspaceRoot(), 'iterations', '2026-s01.stories.yaml');
    const editor = await vscode.window.showTextDocument(stories);
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex(l => l.includes('id: ST-101'));
    const result = await api.ctx.trace.showAt(stories, new vscode.Position(line, 10));
    assert.equal(result?.item.itemId, 'ST-101');
    assert.equal(result?.upstream[0]?.itemId, 'REQ-101');
  });

  it('creates a PRD with the next free ID and opens it with the first tab stop selected', async () => {
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'prds');
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('specwright.newPrd', {
      title: 'Gift cards',
      folder,
    });
    assert.ok(created, 'the command returns the new file');
    assert.equal(created.path, vscode.Uri.joinPath(folder, 'gift-cards.prd.yaml').path);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
    assert.match(text, /^id: PRD-5\ntitle: Gift cards\n/);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.path, created.path);
    assert.equal(editor?.document.getText(editor.selection), 'The problem this PRD solves, and for whom');
    // a new document brings no error; it has no epic yet, which the examples' config makes a warning
    const diags = await waitFor(
      () => vscode.languages.getDiagnostics(created),
      d => d.length > 0,
      vscode.languages.onDidChangeDiagnostics,
    );
    assert.deepEqual(
      diags.map(d => [codeOf(d), d.severity]),
      [['orphan', vscode.DiagnosticSeverity.Warning]],
    );
  });
});
