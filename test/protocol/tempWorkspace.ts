import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Range } from 'vscode-languageserver-protocol/node';
import { repoRoot } from './lspClient';

/**
 * A throw-away copy of a checked-in fixture folder (test/fixtures/<name>), so
 * a test can write and delete files without touching the repository.
 */
export class TempWorkspace {
  private constructor(readonly dir: string) {}

  static copy(fixture: string): TempWorkspace {
    const source = path.join(repoRoot, 'test', 'fixtures', fixture);
    if (!fs.existsSync(source)) throw new Error(`fixture folder ${source} is missing`);
    // realpath: the server reports the paths it walks; on macOS /tmp is a symlink.
    const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `specwright-${fixture}-`));
    fs.cpSync(source, dir, { recursive: true });
    return new TempWorkspace(dir);
  }

  /** The URI of the folder itself, or of a file in it (`/`-separated relative path). */
  uri(relative = ''): string {
    return pathToFileURL(relative ? path.join(this.dir, relative) : this.dir).href;
  }

  read(relative: string): string {
    return fs.readFileSync(path.join(this.dir, relative), 'utf8');
  }

  write(relative: string, content: string | Uint8Array): string {
    const full = path.join(this.dir, relative);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
    return this.uri(relative);
  }

  remove(relative: string): string {
    fs.rmSync(path.join(this.dir, relative), { force: true });
    return this.uri(relative);
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A range from 0-based numbers, as LSP writes it. */
export function range(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** File event types of workspace/didChangeWatchedFiles. */
export const FileChange = { created: 1, changed: 2, deleted: 3 } as const;
