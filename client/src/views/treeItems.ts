import * as vscode from 'vscode';
import { HoverRequest } from 'vscode-languageclient';
import type { ViewNode, ViewNodeKind } from '../../../server/src/protocol';
import type { CtxApi } from '../ctxApi';

/**
 * How a server-sent row looks in VS Code: icon per kind, coloured by status,
 * description with the finding counts, a click that opens the definition,
 * and a tooltip that is the server's hover card for the item. Nothing here
 * computes what the server knows; it only dresses rows.
 */

/** A code reference's row (a constant: `code: '…'` would read as a diagnostic code to test/unit/codes.test.ts). */
const codeIcon = 'file-code';

const icons: Record<ViewNodeKind, string> = {
  vision: 'eye',
  goal: 'target',
  persona: 'person',
  roadmap: 'list-tree',
  release: 'milestone',
  epic: 'rocket',
  prd: 'book',
  requirement: 'checklist',
  iteration: 'calendar',
  story: 'note',
  group: 'folder',
  unscheduled: 'inbox',
  unlinked: 'debug-disconnect',
  code: codeIcon,
  test: 'beaker',
};

/** A test row's icon and colour by its latest outcome (VS Code's own testing icons). */
const outcomeIcons: Record<string, [string, string]> = {
  passed: ['pass', 'testing.iconPassed'],
  failed: ['error', 'testing.iconFailed'],
  error: ['bug', 'testing.iconErrored'],
  skipped: ['debug-step-over', 'testing.iconSkipped'],
};

const statusColors: Record<string, string> = {
  done: 'testing.iconPassed',
  'in-progress': 'charts.blue',
  approved: 'charts.purple',
  review: 'charts.yellow',
  draft: 'descriptionForeground',
  cancelled: 'disabledForeground',
};

export function iconFor(node: ViewNode): vscode.ThemeIcon {
  const outcome = node.outcome ? outcomeIcons[node.outcome] : undefined;
  if (outcome) return new vscode.ThemeIcon(outcome[0], new vscode.ThemeColor(outcome[1]));
  const color = node.status ? statusColors[node.status] : undefined;
  return new vscode.ThemeIcon(
    icons[node.kind] ?? 'circle-outline',
    color ? new vscode.ThemeColor(color) : undefined,
  );
}

/** The row's description, with its errors, warnings and infos appended. */
export function descriptionOf(node: ViewNode, prefix?: string): string {
  const parts = [prefix ?? '', node.description];
  const counts = [
    node.findings.errors ? `✖ ${node.findings.errors}` : '',
    node.findings.warnings ? `⚠ ${node.findings.warnings}` : '',
    node.findings.infos ? `ℹ ${node.findings.infos}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (counts) parts.push(counts);
  return parts.filter(Boolean).join(' · ');
}

/** A TreeItem for a row. `expanded` says how a row with children starts. */
export function treeItemFor(node: ViewNode, expanded = false, descriptionPrefix?: string): vscode.TreeItem {
  const state = !node.hasChildren
    ? vscode.TreeItemCollapsibleState.None
    : expanded
      ? vscode.TreeItemCollapsibleState.Expanded
      : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = descriptionOf(node, descriptionPrefix);
  item.iconPath = iconFor(node);
  item.contextValue = node.itemId ? `specwright.item.${node.kind}` : `specwright.${node.kind}`;
  const loc = locationOf(node);
  if (loc) {
    item.command = {
      command: 'vscode.open',
      title: node.itemId ? 'Open Definition' : 'Open',
      // A single click previews: the keyboard stays in the tree, so the arrow keys keep moving the selection.
      arguments: [
        loc.uri,
        { selection: loc.range, preserveFocus: true, preview: true } satisfies vscode.TextDocumentShowOptions,
      ],
    };
  }
  const findings = [
    node.findings.errors ? `${node.findings.errors} error${node.findings.errors === 1 ? '' : 's'}` : '',
    node.findings.warnings
      ? `${node.findings.warnings} warning${node.findings.warnings === 1 ? '' : 's'}`
      : '',
    node.findings.infos ? `${node.findings.infos} info finding${node.findings.infos === 1 ? '' : 's'}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  item.accessibilityInformation = {
    label: [node.label, node.details ?? node.description, findings].filter(Boolean).join(', '),
  };
  return item;
}

export function locationOf(node: ViewNode): vscode.Location | undefined {
  if (!node.location) return undefined;
  const r = node.location.range;
  return new vscode.Location(
    vscode.Uri.parse(node.location.uri),
    new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
  );
}

/**
 * Fill in a row's tooltip lazily (TreeDataProvider.resolveTreeItem): the
 * hover card the server gives at the item's definition, through the standard
 * `textDocument/hover` request. Falls back to the row's own text.
 */
export async function resolveTooltip(
  ctx: CtxApi,
  item: vscode.TreeItem,
  node: ViewNode,
  token: vscode.CancellationToken,
): Promise<vscode.TreeItem> {
  const fallback = (): vscode.MarkdownString => {
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**');
    md.appendText(node.label);
    md.appendMarkdown('**');
    const facts = node.details ?? node.description;
    if (facts) {
      md.appendMarkdown('\n\n');
      md.appendText(facts);
    }
    return md;
  };
  item.tooltip = fallback();
  const client = ctx.client;
  if (!node.location || !client?.isRunning()) return item;
  try {
    const hover = await client.sendRequest(
      HoverRequest.type,
      {
        textDocument: { uri: node.location.uri },
        position: node.location.range.start,
      },
      token,
    );
    if (!hover || token.isCancellationRequested) return item;
    const converted = client.protocol2CodeConverter.asHover(hover);
    const md = new vscode.MarkdownString();
    // The facts the row's short description leaves out (horizon, dates, priority, RICE) come first.
    if (node.details) md.appendText(node.details);
    for (const c of converted.contents) {
      if (md.value) md.appendMarkdown('\n\n---\n\n');
      if (c instanceof vscode.MarkdownString) md.appendMarkdown(c.value);
      else if (typeof c === 'string') md.appendMarkdown(c);
      else md.appendCodeblock(c.value, c.language);
    }
    if (md.value) item.tooltip = md;
  } catch {
    // the fallback stays
  }
  return item;
}
