import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes generated files of lines under a root, making each folder once
 * (thousands of files share a few folders), and counts the bytes written.
 */
export class LineFiles {
  bytes = 0;
  private readonly dirs = new Set<string>();

  constructor(private readonly root: string) {}

  /** Write `lines` (each ended by a newline) to `rel`, relative to the root. */
  write(rel: string, lines: readonly string[]): void {
    const full = path.join(this.root, rel);
    const dir = path.dirname(full);
    if (!this.dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.dirs.add(dir);
    }
    const text = lines.join('\n') + '\n';
    this.bytes += Buffer.byteLength(text);
    fs.writeFileSync(full, text);
  }
}
