import * as vscode from 'vscode';
import {
  RevisionFileRequest,
  SuspectLinksRequest,
  type RevisionFileParams,
  type SuspectLinkEntry,
} from '../../../server/src/protocol';
import type { Ctx } from '../ctx';
import type { CommandFactory } from './commandFactory';

/** The scheme of an upstream file at its reviewed revision: the server reads it from git. */
export const revisionScheme = 'specwright-rev';

interface LinkChoice extends vscode.QuickPickItem {
  link: SuspectLinkEntry;
}

/** Contexts whose `specwright-rev:` provider is registered (once, at the first Review Changes). */
const providers = new WeakSet<Ctx>();

/**
 * "Specwright: Review Changes": every suspect link from the server (which
 * finds them and their reviewed revisions), in a quick pick; the one picked
 * opens in VS Code's diff editor, the upstream file at its reviewed revision
 * beside the file now, at the item. Where git has no reviewed version, the
 * item opens alone. Resolves to the link opened.
 */
export const reviewChanges: CommandFactory = ctx => async (): Promise<SuspectLinkEntry | undefined> => {
  if (!providers.has(ctx)) {
    providers.add(ctx);
    ctx.push(vscode.workspace.registerTextDocumentContentProvider(revisionScheme, revisionFiles(ctx)));
  }
  const links = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Specwright: finding links to review' },
    () => ctx.request(c => c.sendRequest(SuspectLinksRequest.type)),
  );
  if (!links) {
    void vscode.window.showErrorMessage(
      'Specwright could not list the links to review: the language server is not running or failed (see the output).',
    );
    return undefined;
  }
  if (!links.length) {
    void vscode.window.showInformationMessage(
      'No link to review: every reviewed link matches its upstream item (or the workspace keeps no specwright.reviews).',
    );
    return undefined;
  }
  const picked = await vscode.window.showQuickPick<LinkChoice>(
    links.map(link => ({
      link,
      label: `${link.from} → ${link.target}`,
      description: `${link.field}; changed: ${link.changed.join(', ')}`,
      detail: link.reviewed
        ? `reviewed at ${link.reviewed.commit.slice(0, 12)} (${link.reviewed.path})`
        : 'no reviewed version in git history: opens the item',
    })),
    { title: 'Review Changes', placeHolder: 'A link whose upstream item changed since its review' },
  );
  if (!picked) return undefined;
  const { link } = picked;
  const now = vscode.Uri.parse(link.targetUri);
  const r = link.targetRange;
  const selection = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  if (link.reviewed) {
    const params: RevisionFileParams = {
      rootUri: link.rootUri,
      commit: link.reviewed.commit,
      path: link.reviewed.path,
    };
    const before = vscode.Uri.from({
      scheme: revisionScheme,
      path: `/${link.reviewed.path}`,
      query: JSON.stringify(params),
    });
    await vscode.commands.executeCommand(
      'vscode.diff',
      before,
      now,
      `${link.target}: reviewed (${link.reviewed.commit.slice(0, 7)}) ↔ now`,
      { selection, preview: false },
    );
  } else {
    await vscode.window.showTextDocument(now, { selection, preview: false });
  }
  return link;
};

/** `specwright-rev:` documents: the query names the root, commit and path; the server answers from git. */
function revisionFiles(ctx: Ctx): vscode.TextDocumentContentProvider {
  return {
    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
      let params: RevisionFileParams;
      try {
        params = JSON.parse(uri.query) as RevisionFileParams;
      } catch {
        return '';
      }
      const file = await ctx.request(c => c.sendRequest(RevisionFileRequest.type, params));
      return file?.text ?? '';
    },
  };
}
