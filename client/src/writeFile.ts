import * as vscode from 'vscode';
import { writeFileSafely } from '../../server/src/node/safeWrite';

/**
 * The one way the extension writes a file (a new spec document, an exported
 * report). On the local file system it goes through the CLI's safe write
 * (server/src/node/safeWrite.ts): no symbolic link anywhere on the path, a
 * regular file only, a temporary file renamed over it; a repository cannot
 * plant a link where the default file name points. Other schemes (virtual
 * file systems) have no links to follow and use VS Code's file system.
 */
export async function writeTextFile(uri: vscode.Uri, text: string): Promise<void> {
  if (uri.scheme === 'file') await writeFileSafely(uri.fsPath, text);
  else await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}
