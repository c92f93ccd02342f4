/**
 * The one way the CLI writes a file. A repository written by someone else
 * can plant a symbolic link where a report is expected (`site` → a folder
 * outside, `specwright-report.html` → a file outside), so a write follows no
 * link at all: every folder on the path and the file itself are looked at
 * with lstat, and a link anywhere refuses the write. The text goes to a
 * fresh temporary file beside the target (O_EXCL | O_NOFOLLOW, so nothing
 * planted there is opened) and is then renamed over it, which replaces the
 * name and never writes through it; a reader never sees half a file.
 */
import { randomBytes } from 'crypto';
import { constants, promises as fs } from 'fs';
import * as path from 'path';

/** Why a write was refused before anything was written; `code` is what the CLI turns into words. */
export class WriteRefused extends Error {
  constructor(
    readonly code: 'ELINK' | 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'ENOTREG',
    readonly at: string,
  ) {
    super(`${at} ${refusals[code]}`);
  }
}

const refusals: Record<WriteRefused['code'], string> = {
  ELINK: 'is a symbolic link, and nothing is written through one',
  ENOENT: 'does not exist',
  ENOTDIR: 'is not a folder',
  EISDIR: 'is a folder',
  ENOTREG: 'is not a regular file',
};

/** Create or replace the regular file at the absolute path `target` with `text` (UTF-8), or with bytes. */
export async function writeFileSafely(target: string, text: string | Uint8Array): Promise<void> {
  const file = path.resolve(target);
  const folder = path.dirname(file);
  await checkFolders(folder);
  const existing = await lstatOrUndefined(file);
  if (existing?.isSymbolicLink()) throw new WriteRefused('ELINK', file);
  if (existing?.isDirectory()) throw new WriteRefused('EISDIR', file);
  if (existing && !existing.isFile()) throw new WriteRefused('ENOTREG', file);

  const temp = path.join(
    folder,
    `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await fs.open(
    temp,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
    existing ? existing.mode & 0o777 : 0o666,
  );
  try {
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
}

/** Every folder from the file system's root down to `folder` must exist and be a real folder, not a link. */
async function checkFolders(folder: string): Promise<void> {
  const { root } = path.parse(folder);
  let at = root;
  for (const name of folder.slice(root.length).split(path.sep).filter(Boolean)) {
    at = path.join(at, name);
    const st = await lstatOrUndefined(at);
    if (st === undefined) throw new WriteRefused('ENOENT', at);
    if (st.isSymbolicLink()) throw new WriteRefused('ELINK', at);
    if (!st.isDirectory()) throw new WriteRefused('ENOTDIR', at);
  }
}

async function lstatOrUndefined(p: string) {
  try {
    return await fs.lstat(p);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
