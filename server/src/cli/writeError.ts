import { displayPath, quote } from './workspace';

/**
 * Why the host's writeText refused or failed, in words (node/safeWrite.ts
 * sets the codes): the one wording for every file the CLI writes (the
 * report's --out, review's specwright.reviews).
 */
export function describeWriteError(err: unknown, cwd: string): string {
  const e = err as { code?: string; at?: string };
  switch (e?.code) {
    case 'ELINK':
      return `${e.at ? quote(displayPath(e.at, cwd)) : 'its path'} is a symbolic link, and nothing is written through one`;
    case 'ENOTREG':
      return 'it is not a regular file';
    case 'ENOTDIR':
      return `${e.at ? quote(displayPath(e.at, cwd)) : 'a folder on its path'} is not a folder`;
    case 'ENOENT':
      return 'its folder does not exist';
    case 'EISDIR':
      return 'it is a folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
