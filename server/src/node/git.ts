import { execFile } from 'child_process';
import { fileKind } from '../core/parse/fileKind';
import type { FileHistory } from '../core/reviews/reviewedVersion';
import { RevisionError, type RevisionReader } from '../core/reviews/revisionReader';
import { isIgnoredPath } from './nodeWorkspace';

/** The most that one git command may print (a file's text, a list of paths). */
export const maxGitOutput = 64 * 1024 * 1024;
/** A git command that runs longer than this is stopped: a hang guard, not a budget. */
const gitTimeoutMs = 120_000;

/**
 * Settings that keep a repository's own configuration from running programs
 * or writing while Specwright only reads: no file-system monitor hook, no
 * external diff driver, no text conversion (every command here reads raw
 * blobs and names, never patches).
 */
const safeConfig = ['-c', 'core.fsmonitor=false', '-c', 'core.quotepath=off'];

/** What one git command gave back. */
interface GitResult {
  stdout: Buffer;
  stderr: string;
  code: number;
}

/**
 * `RevisionReader` over the `git` executable, run in the workspace root:
 * argument arrays (never a shell), bounded output, a time limit, no prompt,
 * no optional lock (reading never rewrites the index). Paths are relative to
 * the root and name spec files only, by the rule `check` lists files by.
 */
export class GitRevisions implements RevisionReader, FileHistory {
  private repository?: Promise<void>;

  constructor(
    private readonly root: string,
    private readonly git = 'git',
  ) {}

  /**
   * Whether git tracks any file under `folder` (absolute): false outside a
   * repository, or when git cannot run.
   */
  async tracksFilesUnder(folder: string): Promise<boolean> {
    try {
      const r = await this.run(['ls-files', '-z', '--', folder]);
      return r.code === 0 && r.stdout.length > 0;
    } catch {
      return false;
    }
  }

  async resolve(revision: string): Promise<string> {
    await this.inRepository();
    // A revision that starts with "-" would be read as an option: refused before git sees it.
    if (revision === '' || revision.startsWith('-'))
      throw new RevisionError(`"${revision}" is not a revision`);
    const r = await this.run([
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${revision}^{commit}`,
    ]);
    const commit = r.stdout.toString('utf8').trim();
    if (r.code !== 0 || !/^[0-9a-f]{40,64}$/.test(commit))
      throw new RevisionError(`unknown revision "${revision}": git knows no commit by that name here`);
    return commit;
  }

  async changedSpecFiles(from: string, to?: string): Promise<string[]> {
    await this.inRepository();
    const names = await this.list([
      'diff',
      '--name-only',
      '-z',
      '--no-renames',
      '--no-ext-diff',
      '--no-textconv',
      '--relative',
      from,
      ...(to === undefined ? [] : [to]),
      '--',
      '.',
    ]);
    if (to === undefined)
      names.push(...(await this.list(['ls-files', '-z', '--others', '--exclude-standard', '--', '.'])));
    return [...new Set(names)].filter(p => fileKind(p) !== undefined && !isIgnoredPath(p)).sort();
  }

  async readFile(commit: string, path: string): Promise<Uint8Array | undefined> {
    // `./` makes the path relative to the root (the working folder), not to the repository's top.
    const r = await this.run(['cat-file', 'blob', `${commit}:./${path}`]);
    if (r.code === 0) return new Uint8Array(r.stdout);
    if (
      /does not exist|exists on disk, but not in|not a valid object name|bad file|is a tree/i.test(r.stderr)
    )
      return undefined;
    throw new RevisionError(`git could not read ${path} at ${commit.slice(0, 12)}: ${firstLine(r.stderr)}`);
  }

  async commitsTouching(path: string, limit: number): Promise<string[]> {
    await this.inRepository();
    // No signature check (it would run gpg); a repository without commits has no history: none.
    const r = await this.run([
      '-c',
      'log.showSignature=false',
      'log',
      `--max-count=${Math.max(1, Math.floor(limit))}`,
      '--format=%H',
      '--end-of-options',
      'HEAD',
      '--',
      `./${path}`,
    ]);
    if (r.code !== 0) return [];
    return r.stdout
      .toString('utf8')
      .split('\n')
      .filter(l => /^[0-9a-f]{40,64}$/.test(l));
  }

  /** Refuse, once, a root that is not inside a git working tree. */
  private inRepository(): Promise<void> {
    this.repository ??= this.run(['rev-parse', '--is-inside-work-tree']).then(r => {
      if (r.code !== 0 || r.stdout.toString('utf8').trim() !== 'true')
        throw new RevisionError(
          /not a git repository/i.test(r.stderr) || r.code === 0
            ? `${this.root} is not inside a git repository (git init, or run it in a clone)`
            : `git cannot read the repository at ${this.root}: ${firstLine(r.stderr)}`,
        );
    });
    return this.repository;
  }

  private async list(args: string[]): Promise<string[]> {
    const r = await this.run(args);
    if (r.code !== 0) throw new RevisionError(`git ${args[0]} failed: ${firstLine(r.stderr)}`);
    return r.stdout
      .toString('utf8')
      .split('\0')
      .filter(s => s !== '');
  }

  private run(args: readonly string[]): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      execFile(
        this.git,
        [...safeConfig, ...args],
        {
          cwd: this.root,
          encoding: 'buffer',
          maxBuffer: maxGitOutput,
          timeout: gitTimeoutMs,
          windowsHide: true,
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        },
        (err, stdout, stderr) => {
          const e = err as (NodeJS.ErrnoException & { killed?: boolean; code?: unknown }) | null;
          if (e && typeof e.code === 'string') {
            if (e.code === 'ENOENT')
              return reject(new RevisionError('git was not found: install git, or put it on the PATH'));
            if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER')
              return reject(
                new RevisionError(`git ${args[0]} printed more than ${maxGitOutput / (1024 * 1024)} MB`),
              );
            return reject(new RevisionError(`git could not run: ${e.message}`));
          }
          if (e?.killed)
            return reject(
              new RevisionError(`git ${args[0]} did not finish within ${gitTimeoutMs / 1000} seconds`),
            );
          resolve({
            stdout,
            stderr: stderr.toString('utf8'),
            code: e ? (typeof e.code === 'number' ? e.code : 1) : 0,
          });
        },
      );
    });
  }
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map(l => l.replace(/^(fatal|error): /, '').trim())
      .find(l => l !== '') ?? 'no reason given'
  );
}
