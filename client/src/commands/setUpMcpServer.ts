import * as vscode from 'vscode';
import type { CommandFactory } from './commandFactory';
import { mergeMcpConfig, specwrightMcpEntry } from './mcpConfig';
import { writeTextFile } from '../writeFile';

/** Options of Set Up MCP Server; when given (by tests or other extensions), that question is not asked. */
export interface SetUpMcpServerArgs {
  /** The workspace folder whose `.vscode/mcp.json` to write. */
  folder?: vscode.Uri;
  /** Skip the confirmation (tests). */
  confirmed?: boolean;
}

/**
 * "Specwright: Set Up MCP Server": writes (or merges into) the workspace
 * folder's `.vscode/mcp.json` the entry `servers.specwright` that starts
 * `specwright mcp` from the CLI bundled with the extension, after a modal
 * confirmation. Other servers, inputs and comments are kept (mcpConfig.ts).
 * Refused in Restricted Mode: the file makes VS Code run a program. Resolves
 * to the file written, or undefined.
 */
export const setUpMcpServer: CommandFactory =
  ctx =>
  async (args?: SetUpMcpServerArgs): Promise<vscode.Uri | undefined> => {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage(
        'Specwright: Set Up MCP Server needs a trusted workspace: the entry it writes makes VS Code run a program. Trust the workspace, then run it again.',
      );
      return undefined;
    }
    const folder = args?.folder ?? (await pickFolder());
    if (!folder) return undefined;
    const file = vscode.Uri.joinPath(folder, '.vscode', 'mcp.json');
    const cli = vscode.Uri.joinPath(ctx.extension.extensionUri, 'dist', 'cli.js').fsPath;
    const merged = mergeMcpConfig(await readText(file), specwrightMcpEntry(cli));
    if (merged.kind === 'refused') {
      void vscode.window.showErrorMessage(
        `Specwright: ${vscode.workspace.asRelativePath(file)} was left as it is: ${merged.reason}. Fix it, or add the "specwright" server by hand (see the README).`,
      );
      return undefined;
    }
    if (merged.kind === 'unchanged') {
      void vscode.window.showInformationMessage(
        `Specwright: ${vscode.workspace.asRelativePath(file)} already starts the Specwright MCP server.`,
      );
      return file;
    }
    if (!args?.confirmed) {
      const write = merged.replaced ? 'Replace Entry' : 'Add Entry';
      const answer = await vscode.window.showInformationMessage(
        `${merged.replaced ? 'Replace' : 'Add'} the "specwright" server in ${vscode.workspace.asRelativePath(file)}?`,
        {
          modal: true,
          detail: `MCP clients in VS Code (such as Copilot's agent mode) will start: node ${cli} mcp \${workspaceFolder}\n\nOther entries of the file are kept.`,
        },
        write,
      );
      if (answer !== write) return undefined;
    }
    try {
      // A missing .vscode folder is made; the write itself refuses a link on the path (writeFile.ts).
      await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
      await writeTextFile(file, merged.text);
    } catch (err) {
      void vscode.window.showErrorMessage(
        `Specwright: ${vscode.workspace.asRelativePath(file)} was not written: ${err instanceof Error ? err.message : String(err)}`,
      );
      return undefined;
    }
    const open = await vscode.window.showInformationMessage(
      `Specwright: the MCP server is set up in ${vscode.workspace.asRelativePath(file)}.`,
      'Open mcp.json',
    );
    if (open) await vscode.window.showTextDocument(file);
    return file;
  };

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders.length)
      void vscode.window.showErrorMessage('Specwright: open a folder to set up the MCP server in.');
    return folders[0]?.uri;
  }
  const picked = await vscode.window.showWorkspaceFolderPick({
    placeHolder: 'The workspace folder whose .vscode/mcp.json starts the Specwright MCP server',
  });
  return picked?.uri;
}

/** The file's text, or undefined when it does not exist. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch (err) {
    if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
    throw err;
  }
}
