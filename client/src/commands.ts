import * as vscode from 'vscode';
import type { Location as LspLocation, Position as LspPosition } from 'vscode-languageclient';
import {
  NewDocumentRequest,
  type DocKind,
  type EvidenceEntry,
  type GroupBy,
  type ViewNode,
} from '../../server/src/protocol';
import type { CommandFactory } from './commands/commandFactory';
import { exportReport, openRoadmapBoard } from './commands/reports';
import { reviewChanges } from './commands/reviewChanges';
import { setUpMcpServer } from './commands/setUpMcpServer';
import { showFindings } from './commands/showFindings';
import type { Ctx } from './ctx';
import { groupByLabels, roadmapViewId } from './views/roadmapProvider';
import { traceViewId } from './views/traceProvider';
import { plural } from './status';
import { locationOf } from './views/treeItems';
import { writeTextFile } from './writeFile';

/** Options of the New … commands; when given (by tests or other extensions), no question is asked. */
export interface NewDocumentArgs {
  title?: string;
  /** The folder to create the file in. */
  folder?: vscode.Uri;
  /** The epic of a PRD, the release of an epic or iteration (one the server lists); asked for when absent. */
  parent?: string;
}

const kindNames: Record<DocKind, string> = {
  vision: 'Vision',
  roadmap: 'Roadmap',
  epic: 'Epic',
  prd: 'PRD',
  stories: 'Iteration',
};

/** New Vision / Roadmap / Epic / PRD / Iteration: ask for a title and a folder, write the server's text, open it. */
export function newDocument(kind: DocKind): CommandFactory {
  return ctx =>
    async (args?: NewDocumentArgs): Promise<vscode.Uri | undefined> => {
      const name = kindNames[kind];
      const title =
        args?.title ??
        (await vscode.window.showInputBox({
          title: `New ${name}`,
          prompt: `The title of the new ${name === 'PRD' ? 'PRD' : name.toLowerCase()}`,
          placeHolder: kind === 'vision' ? 'Product name' : 'Title',
          ignoreFocusOut: true,
          validateInput: v => (v.trim() ? undefined : 'Enter a title'),
        }));
      if (!title?.trim()) return undefined;

      // Where it hangs (an epic for a PRD, a release for an epic): picked from
      // what exists, so the new document names no missing item and is no orphan.
      let parent = args?.parent;
      if (parent === undefined) {
        const draft = await ctx.request(c => c.sendRequest(NewDocumentRequest.type, { kind, title }));
        const parents = draft?.parents ?? [];
        if (parents.length) {
          const what = kind === 'prd' ? 'epic' : 'release';
          const picked = await vscode.window.showQuickPick(
            parents.map(p => ({ label: p.id, description: p.title })),
            {
              title: `New ${name}: the ${what} it belongs to`,
              placeHolder: `Pick the ${what}`,
              ignoreFocusOut: true,
            },
          );
          if (!picked) return undefined;
          parent = picked.label;
        }
      }

      const folder = args?.folder ?? (await pickFolder(name, await usualFolder(kind)));
      if (!folder) return undefined;

      const doc = await ctx.request(c =>
        c.sendRequest(NewDocumentRequest.type, { kind, title, folderUri: ctx.serverUri(folder), parent }),
      );
      if (!doc) {
        void vscode.window
          .showErrorMessage(
            `Specwright could not create the ${name}: the language server is not running.`,
            'Show Output',
          )
          .then(choice => {
            if (choice) ctx.output.show(true);
          });
        return undefined;
      }
      const target = await freeUri(folder, doc.fileName);
      await writeTextFile(target, doc.text);
      const r = doc.selection;
      const selection = new vscode.Selection(r.start.line, r.start.character, r.end.line, r.end.character);
      const editor = await vscode.window.showTextDocument(target, { selection, preview: false });
      editor.revealRange(selection);
      return target;
    };
}

/** The folder that holds most files of a kind (where PRDs live), if any does. */
async function usualFolder(kind: DocKind): Promise<vscode.Uri | undefined> {
  const files = await vscode.workspace.findFiles(`**/*.${kind}.{yaml,yml}`, '**/node_modules/**', 500);
  const counts = new Map<string, { uri: vscode.Uri; n: number }>();
  for (const f of files) {
    const dir = vscode.Uri.joinPath(f, '..');
    const entry = counts.get(dir.toString()) ?? { uri: dir, n: 0 };
    entry.n++;
    counts.set(dir.toString(), entry);
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.uri;
}

async function pickFolder(name: string, usual: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const defaultUri =
    usual ??
    (active && vscode.workspace.getWorkspaceFolder(active)?.uri) ??
    vscode.workspace.workspaceFolders?.[0]?.uri;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    defaultUri,
    openLabel: `Create ${name} Here`,
    title: `New ${name}: choose a folder`,
  });
  return picked?.[0];
}

/** `name` in `folder`, numbered (`x-2.prd.yaml`) when a file of that name exists. */
async function freeUri(folder: vscode.Uri, name: string): Promise<vscode.Uri> {
  const m = /^(.*?)(\.[a-z]+\.yaml)$/.exec(name);
  const [base, suffix] = m ? [m[1], m[2]] : [name, ''];
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.joinPath(folder, n === 1 ? name : `${base}-${n}${suffix}`);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      return uri;
    }
  }
}

function specEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'specwright' ? editor : undefined;
}

/**
 * Every command of the extension (the ids package.json contributes);
 * `registerCommands` registers them all.
 */
export const commands: Record<string, CommandFactory> = {
  'specwright.newVision': newDocument('vision'),
  'specwright.newRoadmap': newDocument('roadmap'),
  'specwright.newEpic': newDocument('epic'),
  'specwright.newPrd': newDocument('prd'),
  'specwright.newIteration': newDocument('stories'),

  'specwright.revealInRoadmap': ctx => async (): Promise<boolean> => {
    const editor = specEditor();
    if (!editor) {
      void vscode.window.showInformationMessage(
        'Open a Specwright document and put the cursor on an item to reveal it in the roadmap.',
      );
      return false;
    }
    await vscode.commands.executeCommand(`${roadmapViewId}.focus`);
    const found = await ctx.roadmap.reveal(editor.document.uri, editor.selection.active);
    if (!found) {
      void vscode.window.showInformationMessage(
        ctx.roadmap.hideDone
          ? 'This item has no row in the roadmap, or it is done or cancelled and the roadmap hides those.'
          : 'This item has no row in the roadmap (only releases, epics, PRDs, requirements and stories do).',
      );
    }
    return found;
  },

  /** Trace the item at the cursor, or the roadmap row it is invoked on. */
  'specwright.showTrace': ctx => async (node?: ViewNode) => {
    const editor = specEditor();
    await vscode.commands.executeCommand(`${traceViewId}.focus`);
    const loc = node && typeof node === 'object' && 'location' in node ? locationOf(node) : undefined;
    if (loc) return ctx.trace.showAt(loc.uri, loc.range.start);
    if (editor) return ctx.trace.showAt(editor.document.uri, editor.selection.active);
    return ctx.trace.result;
  },

  /**
   * A one-line summary of the workspace's findings with the counts, and two
   * ways on: Specwright's findings alone (VS Code has no API that sets the
   * Problems filter, so that list is a quick pick: showFindings.ts) and the
   * Problems panel.
   */
  'specwright.checkWorkspace': ctx => () => {
    const c = ctx.workspace;
    if (!c) {
      void vscode.window.showInformationMessage(
        'Specwright: the language server has not read the workspace yet.',
      );
      return undefined;
    }
    const r = c.currentRelease;
    const summary =
      `Specwright: ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info finding')} ` +
      `in ${plural(c.files, 'spec file')}` +
      (r
        ? `; ${r.id} is ${r.stories.percent}% done, ${r.requirements.percent}% of its requirements covered.`
        : '.');
    ctx.output.info(summary);
    void vscode.window.showInformationMessage(summary, 'Show Findings', 'Show Problems').then(choice => {
      if (choice === 'Show Findings') void showFindings();
      else if (choice) void vscode.commands.executeCommand('workbench.action.problems.focus');
    });
    return summary;
  },

  'specwright.showFindings': () => () => showFindings(),

  'specwright.restartServer': ctx => () => ctx.restart(),

  'specwright.showOutput': ctx => () => ctx.output.show(true),

  /**
   * For the server's code lenses: arguments arrive as LSP JSON (a URI string,
   * a position, locations); `editor.action.showReferences` wants VS Code types.
   */
  'specwright.showReferences': ctx => (uri: string, position: LspPosition, locations: LspLocation[]) => {
    const p2c = ctx.client?.protocol2CodeConverter;
    const asUri = (u: string) => (p2c ? p2c.asUri(u) : vscode.Uri.parse(u));
    const asRange = (r: LspLocation['range']) =>
      new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    return vscode.commands.executeCommand(
      'editor.action.showReferences',
      asUri(uri),
      new vscode.Position(position.line, position.character),
      (locations ?? []).map(l => new vscode.Location(asUri(l.uri), asRange(l.range))),
    );
  },

  /**
   * For the requirement's code-and-tests lens: a pick list of its code
   * references and tests as the server words them (test outcomes as
   * VS Code's testing icons); the one picked opens at its place.
   */
  'specwright.showCodeAndTests':
    ctx =>
    async (_uri: string, _position: LspPosition, entries: EvidenceEntry[]): Promise<void> => {
      const p2c = ctx.client?.protocol2CodeConverter;
      const asUri = (u: string) => (p2c ? p2c.asUri(u) : vscode.Uri.parse(u));
      const items = (entries ?? []).map(e => ({
        label: `$(${entryIcon(e)}) ${e.label}`,
        description: e.description,
        entry: e,
      }));
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Code and Tests',
        placeHolder: items.length ? 'Open a reference or a test…' : 'No code references or tests yet',
        matchOnDescription: true,
      });
      if (!picked) return;
      const r = picked.entry.location.range;
      await vscode.window.showTextDocument(asUri(picked.entry.location.uri), {
        selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character),
        preview: true,
      });
    },

  /**
   * From the palette there is no argument; from the view's title bar VS Code
   * passes the focused row (a ViewNode), which is not a grouping mode: ask.
   */
  'specwright.roadmap.groupBy': ctx => async (arg?: unknown) => {
    let mode = typeof arg === 'string' && arg in groupByLabels ? (arg as GroupBy) : undefined;
    if (!mode) {
      const items = (Object.keys(groupByLabels) as GroupBy[]).map(m => ({
        label: groupByLabels[m],
        description: m === ctx.roadmap.groupBy ? 'current' : undefined,
        mode: m,
      }));
      const picked = await vscode.window.showQuickPick(items, {
        title: 'Group the Roadmap By',
        placeHolder: 'Group by…',
      });
      mode = picked?.mode;
    }
    if (mode && mode in groupByLabels) await ctx.roadmap.setGroupBy(mode);
  },
  'specwright.roadmap.groupByRelease': ctx => () => ctx.roadmap.setGroupBy('release'),
  'specwright.roadmap.groupByStatus': ctx => () => ctx.roadmap.setGroupBy('status'),
  'specwright.roadmap.groupByOwner': ctx => () => ctx.roadmap.setGroupBy('owner'),
  'specwright.roadmap.hideDone': ctx => () => ctx.roadmap.setHideDone(true),
  'specwright.roadmap.showDone': ctx => () => ctx.roadmap.setHideDone(false),
  'specwright.roadmap.showVerifiedProgress': ctx => () => ctx.roadmap.setProgress('verified'),
  'specwright.roadmap.showSpecifiedProgress': ctx => () => ctx.roadmap.setProgress('specified'),
  'specwright.roadmap.refresh': ctx => () => ctx.roadmap.refresh(),
  'specwright.trace.refresh': ctx => () => ctx.trace.refresh(),

  /** After a quick fix: open the file and select the placeholder the fix inserted (typing replaces it). */
  'specwright.selectPlaceholder': () => async (uri: string, range: LspLocation['range']) => {
    if (typeof uri !== 'string' || !range?.start || !range.end) return;
    const selection = new vscode.Selection(
      range.start.line,
      range.start.character,
      range.end.line,
      range.end.character,
    );
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, preview: false });
    editor.revealRange(selection);
  },

  'specwright.exportReport': exportReport,
  'specwright.openRoadmapBoard': openRoadmapBoard,
  'specwright.reviewChanges': reviewChanges,
  'specwright.setUpMcpServer': setUpMcpServer,
};

/** A lens entry's codicon: a code file, or the test's outcome as VS Code's testing views show it. */
function entryIcon(e: EvidenceEntry): string {
  if (e.kind === 'code') return 'file-code';
  const byOutcome: Record<string, string> = {
    passed: 'pass',
    failed: 'error',
    error: 'bug',
    skipped: 'debug-step-over',
  };
  return (e.outcome && byOutcome[e.outcome]) || 'beaker';
}

export function registerCommands(ctx: Ctx): void {
  for (const [id, factory] of Object.entries(commands)) {
    ctx.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
}
