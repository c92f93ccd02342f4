import { promises as fs } from 'fs';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import { fileKind } from '../core/parse/fileKind';
import type { IWorkspace } from '../core/workspace';

/** Folders never scanned: dependencies, build output, VCS data. */
const skippedFolders = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

export function pathToUri(p: string): string {
  return pathToFileURL(path.resolve(p)).href;
}

export function uriToPath(uri: string): string {
  return fileURLToPath(uri);
}

/**
 * IWorkspace over Node's file system. Symbolic links are not followed, so a
 * workspace cannot make Specwright read files outside its folders.
 */
export class NodeWorkspace implements IWorkspace {
  constructor(private readonly isExcluded: (relativePath: string) => boolean = () => false) {}

  async listSpecFiles(rootUri: string): Promise<string[]> {
    const root = uriToPath(rootUri);
    const out: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return; // unreadable folders are skipped, not fatal
      }
      for (const e of entries) {
        const full = path.join(dir, e.name);
        const rel = path.relative(root, full).split(path.sep).join('/');
        if (this.isExcluded(rel)) continue;
        if (e.isDirectory()) {
          if (!skippedFolders.has(e.name)) await walk(full);
        } else if (e.isFile() && fileKind(e.name)) {
          out.push(pathToUri(full));
        }
      }
    };
    await walk(root);
    return out.sort();
  }

  async readFile(uri: string): Promise<Uint8Array | undefined> {
    try {
      const p = uriToPath(uri);
      const st = await fs.lstat(p);
      if (!st.isFile()) return undefined;
      return await fs.readFile(p);
    } catch {
      return undefined;
    }
  }
}
