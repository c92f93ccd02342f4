import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  promises as fs,
  readSync,
  readdirSync,
  realpathSync,
  type Dirent,
  type Stats,
} from 'fs';
import type { FileHandle } from 'fs/promises';
import * as path from 'path';
import { pathToFileURL, fileURLToPath } from 'url';
import { Minimatch } from 'minimatch';
import { RE2JS } from 're2js';
import { fileKind } from '../core/parse/fileKind';
import type { IWorkspace, ReadProblem, TraceListing, TraceRole } from '../core/workspace';
import type { TraceConfig } from '../core/config';

/** Files named by a configuration (team schemas) larger than this are not read. */
const maxConfigFileBytes = 1024 * 1024;

/** Code, test and results files larger than this are skipped (format 1.1). */
export const maxTraceFileBytes = 2 * 1024 * 1024;

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
 *
 * `isExcluded` gets paths relative to the folder being listed (`/`-separated);
 * `setExclude` replaces it with the user's `specwright.exclude` globs.
 */
export class NodeWorkspace implements IWorkspace {
  constructor(private isExcluded: (relativePath: string) => boolean = () => false) {}

  /** Leave out, from now on, the files and folders that match these globs (relative to each folder). */
  setExclude(globs: readonly string[]): void {
    this.isExcluded = excludeMatcher(globs);
  }

  /**
   * True when listing `rootUri` leaves `uri` out: it lies in a folder the
   * scan never enters (node_modules, .git, dist, out, ...) or matches an
   * exclude glob. False for a URI outside the folder.
   */
  ignores(uri: string, rootUri: string): boolean {
    let rel: string;
    try {
      rel = path.relative(uriToPath(rootUri), uriToPath(uri));
    } catch {
      return false; // not a file: URI
    }
    if (rel === '' || !isInside(rel)) return false;
    return isIgnoredPath(rel.split(path.sep).join('/'), this.isExcluded);
  }

  /** The folders listed so far, and their real paths: readFile stays inside them. */
  private readonly roots = new Map<string, Promise<string | undefined>>();

  /** What listings and reads under the listed folders could not read: path → reason (see readProblems). */
  private readonly problems = new Map<string, string>();

  async listSpecFiles(rootUri: string): Promise<string[]> {
    const root = uriToPath(rootUri);
    if (!this.roots.has(root))
      this.roots.set(
        root,
        fs.realpath(root).catch(() => undefined),
      );
    for (const p of this.problems.keys()) if (within(p, root)) this.problems.delete(p);
    const out: string[] = [];
    await walkFolder(
      root,
      this.isExcluded,
      (e, full) => {
        if (e.isFile() && fileKind(e.name)) {
          out.push(pathToUri(full));
        } else if (fileKind(e.name) && !e.isSymbolicLink() && !e.isFile()) {
          // Named like a spec file but never readable as one (links are not followed by design).
          this.problems.set(full, `not a regular file (${specialKind(e)})`);
        }
      },
      (dir, err) => {
        // Not fatal: the rest is still read. A folder deleted since its parent was listed is no problem.
        if (dir === root || !isGone(err)) this.problems.set(dir, describeReadError(err));
      },
    );
    return out.sort();
  }

  /**
   * The files under a folder that `trace:` globs match (minimatch, run on
   * RE2 as `specwright.exclude` is: see excludeMatcher), walking as
   * `listSpecFiles` does: no symbolic link followed, never into
   * node_modules, .git, dist, out, ..., nothing excluded. A file matched by
   * `tests` and `code` is a test file. Not a regular file: skipped, with the
   * reason. Only names are read here, and the time and size of results
   * files (a synchronous lstat each); contents are read one file at a time
   * by readTraceFile, which refuses a code or test file over 2 MB.
   *
   * A repository has thousands of code files: an lstat of each cost a tenth
   * of a check of 10,000 of them, and the read's fstat tells the size anyway
   * (docs/performance.md, "Code and tests"). The walk yields to the event
   * loop every 16 folders, so a server answers during it.
   */
  async listTraceFiles(rootUri: string, globs: TraceConfig): Promise<TraceListing> {
    const root = uriToPath(rootUri);
    if (!this.roots.has(root))
      this.roots.set(
        root,
        fs.realpath(root).catch(() => undefined),
      );
    const roleOf = this.traceMatcher(globs);
    const out: TraceListing = { files: [], skipped: [] };
    const visit = (e: Dirent, full: string, rel: string): void => {
      const role = roleOf(rel);
      if (!role || e.isSymbolicLink()) return;
      const uri = pathToUri(full);
      if (!e.isFile()) {
        out.skipped.push({ uri, reason: `not a regular file (${specialKind(e)})` });
        return;
      }
      // Only a results file needs its time here; a code or test file's size is checked when it is read.
      if (role !== 'results') {
        out.files.push({ uri, role, mtime: 0 });
        return;
      }
      try {
        const st = lstatSync(full);
        if (st.size > maxTraceFileBytes) out.skipped.push({ uri, reason: tooLarge(st.size) });
        else out.files.push({ uri, role, mtime: st.mtimeMs });
      } catch (err) {
        if (!isGone(err)) out.skipped.push({ uri, reason: describeReadError(err) });
      }
    };
    await walkFolder(root, this.isExcluded, visit, (dir, err) => {
      if (!isGone(err)) out.skipped.push({ uri: pathToUri(dir), reason: describeReadError(err) });
    });
    out.files.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    return out;
  }

  /** The glob kind that matches a relative path, as listTraceFiles tells (`results`, then `tests`, then `code`). */
  traceMatcher(globs: TraceConfig): (relativePath: string) => TraceRole | undefined {
    const results = excludeMatcher(globs.results);
    const tests = excludeMatcher(globs.tests);
    const code = excludeMatcher(globs.code);
    return rel => (results(rel) ? 'results' : tests(rel) ? 'tests' : code(rel) ? 'code' : undefined);
  }

  /** A trace file's modification time, or undefined when nothing is there any more (0 when it cannot be told: the read says why). */
  async traceFileTime(uri: string): Promise<number | undefined> {
    try {
      return (await fs.lstat(uriToPath(uri))).mtimeMs;
    } catch (err) {
      return isGone(err) ? undefined : 0;
    }
  }

  /** Reads since the last yield to the event loop (see readTraceFile). */
  private traceReadsInARow = 0;

  /** Real paths of folders looked up since the event loop last turned (see realFolder). */
  private readonly realFolders = new Map<string, string>();

  /**
   * A folder's real path, looked up once per folder until the event loop
   * turns: a scan reads thousands of files from a few hundred folders, and
   * realpath costs a system call per part of the path. The cache never
   * outlives the synchronous run of reads that filled it, so a folder
   * replaced by a link later is looked up again.
   */
  private realFolder(folder: string): string {
    let real = this.realFolders.get(folder);
    if (real === undefined) {
      if (!this.realFolders.size) setImmediate(() => this.realFolders.clear());
      real = realpathSync.native(folder);
      this.realFolders.set(folder, real);
    }
    return real;
  }

  /**
   * A file listTraceFiles found: read as readFile reads (inside the listed
   * folder, no link), but a failure is only returned. One file at a time,
   * with synchronous calls (realpath of its folder, open without following a
   * link, fstat, read, close): for thousands of small files, awaiting each
   * call cost several times the calls (docs/performance.md, "Code and
   * tests"). So that a server still answers during a scan, every 64th read
   * first yields to the event loop. The file is opened non-blocking (a FIFO
   * does not hang the read) and what was opened is checked with fstat, so no
   * lstat comes first; the folder's real path, the one check a link in a
   * parent folder needs, is looked up once per folder until the event loop
   * turns (`realFolder`).
   */
  async readTraceFile(uri: string): Promise<Uint8Array | { error: string }> {
    if (++this.traceReadsInARow >= 64) {
      this.traceReadsInARow = 0;
      await new Promise(resolve => setImmediate(resolve));
    }
    let p: string;
    try {
      p = uriToPath(uri);
    } catch {
      return { error: 'not a file on this disk' };
    }
    const root = this.rootOf(p);
    const realRoot = root !== undefined ? await this.roots.get(root) : undefined;
    try {
      const read = this.readInside(p, root, realRoot, maxTraceFileBytes);
      if (read === 'linked') return { error: 'reached through a symbolic link' };
      if (read === 'not a file') return { error: 'not a regular file' };
      return 'tooLarge' in read ? { error: tooLarge(read.tooLarge) } : read.bytes;
    } catch (err) {
      return { error: describeReadError(err) };
    }
  }

  /**
   * A regular file's bytes, with synchronous calls (the real path of its
   * folder, once per folder: `realFolder`; open without following a link and
   * non-blocking, so a FIFO does not hang; fstat; read; close): for thousands
   * of small files, awaiting each call cost several times the calls. 'linked'
   * when a folder on its path inside the listed folder is a link, 'not a
   * file' for a link, folder, FIFO or device; throws what the system throws
   * otherwise (gone, no permission).
   */
  private readInside(
    p: string,
    root: string | undefined,
    realRoot: string | undefined,
    maxBytes = Infinity,
  ): { bytes: Uint8Array } | { tooLarge: number } | 'linked' | 'not a file' {
    const folder = path.dirname(p);
    if (
      root !== undefined &&
      (realRoot === undefined ||
        path.relative(realRoot, this.realFolder(folder)) !== path.relative(root, folder))
    )
      return 'linked';
    let fd: number;
    try {
      fd = openSync(p, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0) | (fsConstants.O_NONBLOCK ?? 0));
    } catch (err) {
      // O_NOFOLLOW refuses a link as the last part of the path.
      if ((err as { code?: string }).code === 'ELOOP') return 'not a file';
      throw err;
    }
    try {
      const opened = fstatSync(fd);
      if (!opened.isFile()) return 'not a file';
      if (opened.size > maxBytes) return { tooLarge: opened.size };
      const bytes = Buffer.allocUnsafe(opened.size);
      let length = 0;
      while (length < bytes.length) {
        const n = readSync(fd, bytes, length, bytes.length - length, length);
        if (n === 0) break;
        length += n;
      }
      return { bytes: bytes.subarray(0, length) };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * The folders and spec files under a listed folder that its latest
   * listing, or a read since, could not read, sorted by path.
   */
  readProblems(rootUri: string): ReadProblem[] {
    const root = uriToPath(rootUri);
    return [...this.problems]
      .filter(([p]) => within(p, root))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([p, reason]) => ({ uri: pathToUri(p), reason }));
  }

  /**
   * A file named by a root's `.specwright.yaml` (a team schema), by a path
   * relative to the root. Only a regular file inside the root is read:
   * absolute paths and `..` that leaves the root are refused, no part of the
   * path may be a symbolic link (checked with lstat, then opened with
   * O_NOFOLLOW), and its real path must lie under the root's real path.
   */
  async readConfigFile(rootUri: string, relativePath: string): Promise<{ text: string } | { error: string }> {
    const shown = `"${relativePath}"`;
    if (
      path.isAbsolute(relativePath) ||
      path.win32.isAbsolute(relativePath) ||
      /^[A-Za-z]:/.test(relativePath)
    ) {
      return { error: `${shown} is not a relative path; only files inside the workspace folder are read` };
    }
    let root: string;
    try {
      root = uriToPath(rootUri);
    } catch {
      return { error: `${shown} cannot be read: the workspace folder is not on this disk` };
    }
    const full = path.resolve(root, relativePath);
    const rel = path.relative(root, full);
    if (rel === '' || !isInside(rel)) {
      return { error: `${shown} is outside the workspace folder; only files inside it are read` };
    }
    let last: Stats | undefined;
    let at = root;
    for (const seg of rel.split(path.sep)) {
      at = path.join(at, seg);
      try {
        last = await fs.lstat(at);
      } catch {
        return { error: `the schema file ${shown} does not exist` };
      }
      if (last.isSymbolicLink()) {
        return {
          error: `${shown} goes through a symbolic link (${path.relative(root, at).split(path.sep).join('/')}); links are not followed, so only files inside the workspace folder are read`,
        };
      }
    }
    if (!last?.isFile()) return { error: `the schema file ${shown} is not a file` };
    if (last.size > maxConfigFileBytes)
      return {
        error: `the schema file ${shown} is too large (more than ${maxConfigFileBytes / (1024 * 1024)} MB)`,
      };
    let handle: FileHandle | undefined;
    try {
      const [realRoot, realFile] = await Promise.all([fs.realpath(root), fs.realpath(full)]);
      const realRel = path.relative(realRoot, realFile);
      if (realRel === '' || !isInside(realRel)) {
        return { error: `${shown} is outside the workspace folder; only files inside it are read` };
      }
      handle = await fs.open(full, fsConstants.O_RDONLY | (fsConstants.O_NOFOLLOW ?? 0));
      const st = await handle.stat();
      // The file that was checked is the file that is read (nothing swapped it meanwhile).
      if (!st.isFile() || st.ino !== last.ino || st.dev !== last.dev)
        return { error: `the schema file ${shown} changed while it was read; try again` };
      if (st.size > maxConfigFileBytes)
        return {
          error: `the schema file ${shown} is too large (more than ${maxConfigFileBytes / (1024 * 1024)} MB)`,
        };
      const bytes = await handle.readFile();
      try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      } catch {
        return { error: `the schema file ${shown} is not UTF-8 text` };
      }
    } catch (err) {
      const code = (err as { code?: string }).code;
      return { error: `the schema file ${shown} cannot be read${code ? ` (${code})` : ''}` };
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  /**
   * A spec file's bytes, or undefined when it is not a regular file. Inside
   * a listed folder, a path through a symbolic link (`linked-dir/x.epic.yaml`
   * where `linked-dir` leads outside) is not read: a watched-file event or a
   * closed document must not make Specwright read what the listing, which
   * never follows links, would not. Links above the folder itself are fine.
   */
  async readFile(uri: string): Promise<Uint8Array | undefined> {
    let p: string;
    try {
      p = uriToPath(uri);
    } catch {
      return undefined; // not a file: URI
    }
    const root = this.rootOf(p);
    const realRoot = root !== undefined ? await this.roots.get(root) : undefined;
    try {
      // As a trace file is read: each awaited call was a round trip through libuv's thread pool (a scan of
      // 952 files spent 160 ms in them, against 45 ms for these).
      const read = this.readInside(p, root, realRoot);
      if (typeof read === 'string' || !('bytes' in read)) return undefined;
      this.problems.delete(p);
      return read.bytes;
    } catch (err) {
      // A file that is gone is simply absent; one that is there but cannot be read is a problem to report.
      if (isGone(err)) this.problems.delete(p);
      else if (root !== undefined) this.problems.set(p, describeReadError(err));
      return undefined;
    }
  }

  /** The innermost listed folder that holds a path. */
  private rootOf(p: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots.keys()) {
      const rel = path.relative(root, p);
      if (rel === '' || !isInside(rel)) continue;
      if (best === undefined || root.length > best.length) best = root;
    }
    return best;
  }
}

/**
 * Visit every file (and other non-folder entry) under a folder the way every
 * listing walks: no symbolic link followed, the skipped folders (node_modules,
 * .git, dist, out, ...) never entered, excluded paths left out; a folder
 * that cannot be read is passed to `unreadable` and the walk goes on.
 *
 * Folders are read with readdirSync, yielding to the event loop every 16
 * folders so that a server still answers: an awaited readdir per folder sat
 * in libuv's thread pool, and on a busy machine most of a 10,000-file
 * listing was the main thread waiting for it (docs/performance.md, "Code and
 * tests").
 */
async function walkFolder(
  root: string,
  isExcluded: (relativePath: string) => boolean,
  visit: (entry: Dirent, full: string, relativePath: string) => void,
  unreadable: (dir: string, err: unknown) => void,
): Promise<void> {
  let folders = 0;
  const walk = async (dir: string, relDir: string): Promise<void> => {
    if (++folders % 16 === 0) await new Promise(resolve => setImmediate(resolve));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      unreadable(dir, err);
      return;
    }
    for (const e of entries) {
      const rel = relDir ? `${relDir}/${e.name}` : e.name;
      if (isExcluded(rel)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!skippedFolders.has(e.name)) await walk(full, rel);
      } else {
        visit(e, full, rel);
      }
    }
  };
  await walk(root, '');
}

/** True when `p` is the folder `folder` or lies inside it. */
function within(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** The error says the path is not there (deleted, or a file where a folder was expected). */
function isGone(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** Why a code, test or results file is not read: its size. */
function tooLarge(bytes: number): string {
  return `larger than 2 MB (${(bytes / 1024 / 1024).toFixed(1)} MB)`;
}

/** What kind of thing a non-regular directory entry is, for a message. */
function specialKind(e: Dirent): string {
  if (e.isFIFO()) return 'a named pipe';
  if (e.isSocket()) return 'a socket';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'a device';
  return 'of an unknown type';
}

/**
 * Why a file or folder could not be read, in words, with the system's code
 * for a search: "permission denied (EACCES)".
 */
export function describeReadError(err: unknown): string {
  const code = (err as { code?: string })?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'it does not exist',
    ENOTDIR: 'a part of the path is not a folder',
    ELOOP: 'a loop of symbolic links',
    EIO: 'input/output error',
    EISDIR: 'it is a folder',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
    ENAMETOOLONG: 'the name is too long',
  };
  if (code && words[code]) return `${words[code]} (${code})`;
  if (code) return code;
  return err instanceof Error ? err.message : String(err);
}

/**
 * True when a path relative to a folder (`path.relative(folder, p)`) stays
 * inside it. Only a whole `..` segment leads out: `..evil`, `...` and `.. x`
 * are names of entries inside the folder, not its parent.
 */
function isInside(rel: string): boolean {
  return rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel);
}

/**
 * True when a listing would leave out this path (relative to the folder,
 * `/`-separated): one of its folders is never scanned, or it or one of its
 * folders is excluded. The same rule as `listSpecFiles`, for one path — the
 * server applies it to watched-file events.
 */
export function isIgnoredPath(
  relativePath: string,
  isExcluded: (relativePath: string) => boolean = () => false,
): boolean {
  const segments = relativePath.split('/');
  for (let i = 0; i < segments.length; i++) {
    if (i < segments.length - 1 && skippedFolders.has(segments[i])) return true;
    if (isExcluded(segments.slice(0, i + 1).join('/'))) return true;
  }
  return false;
}

/**
 * A test for `specwright.exclude` globs, matched against a path relative to
 * the workspace folder. A pattern that matches a folder excludes what is in
 * it (`archive` and `archive/**` alike). Case-sensitive, like the disk
 * usually is.
 *
 * The globs come from the repository's workspace settings, so they are run
 * in linear time: minimatch parses a glob into one regular expression
 * (extglobs off: `+(a|a)+(a|a)x` is a literal name), and RE2 (re2js) runs it,
 * never JavaScript's backtracking engine, on which `a*a*a*…x` took seconds
 * per long name. minimatch guards against `.` and `..` segments with
 * lookaheads, which RE2 lacks; a relative path made from a folder listing
 * never has such a segment, so they are taken out. A glob RE2 still cannot
 * run (none is known: minimatch writes classes, alternations and lazy
 * repetitions, all of which RE2 has) excludes nothing.
 */
export function excludeMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const matchers: RE2JS[] = [];
  for (const glob of globs) {
    const pattern = glob
      .trim()
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/^\/+/, '')
      .replace(/\/+$/, '');
    if (!pattern) continue;
    const regExp = new Minimatch(pattern, { dot: true, noext: true }).makeRe();
    const source = regExp
      ? dotSegmentGuards.reduce((src, guard) => src.split(guard).join(''), regExp.source)
      : undefined;
    try {
      if (source !== undefined) matchers.push(RE2JS.compile(source));
    } catch {
      // Not run at all rather than run by a backtracking engine.
    }
  }
  if (!matchers.length) return () => false;
  return rel => matchers.some(m => m.test(rel));
}

/** minimatch 10's lookaheads that keep `*` and `**` from matching `.` and `..` segments (see excludeMatcher). */
const dotSegmentGuards = ['(?!(?:\\/|^)(?:\\.{1,2})($|\\/))', '(?!(?:^|\\/)\\.\\.?(?:$|\\/))'];
