import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

/**
 * Replace the file at `target` with `text` (UTF-8) as one step: the text is
 * written to a new file next to it (created exclusively, so nothing that is
 * already there is followed or overwritten), then renamed over it. A reader
 * sees the old file or the new one, never half of one. A symbolic link (or
 * anything but a regular file) at `target` is refused, not written through:
 * the error says so, with code `ESYMLINK` or `ENOTFILE`. The new file keeps
 * the old one's permissions.
 */
export async function replaceFile(target: string, text: string): Promise<void> {
  let mode: number | undefined;
  try {
    const st = await fs.lstat(target);
    if (st.isSymbolicLink()) throw Object.assign(new Error(`${target} is a symbolic link; it is not written through`), { code: 'ESYMLINK' });
    if (!st.isFile()) throw Object.assign(new Error(`${target} is not a regular file`), { code: 'ENOTFILE' });
    mode = st.mode & 0o7777;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT') throw err;
  }
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode ?? 0o666);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
}
