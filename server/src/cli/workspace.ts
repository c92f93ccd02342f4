import * as path from 'path';
import type { StoredSnapshot } from '../core/cache/cacheFile';
import type { IndexCacheStore } from '../core/cache/recordCache';
import { configFileName } from '../core/config';
import { fileKind } from '../core/parse/fileKind';
import { SpecService, type FileChange, type ScanInputs } from '../core/service';
import { commonFolder } from '../core/text/commonFolder';
import { isUnder } from '../core/workspace';
import { UsageError, type Command } from './args';
import { clean, linePath } from './formatters/text';
import { CommandFailure, type CliHost } from './host';

/** A PATH of the command line, resolved. */
export interface Target {
  /** The PATH as typed. */
  given: string;
  /** Its absolute path. */
  path: string;
  kind: 'file' | 'folder';
  /** The workspace root it belongs to (see `workspaceRoot`). */
  root: string;
}

/** How the workspace is found and read. */
export interface LoadOptions {
  /** --config FILE: the configuration of every root, instead of its .specwright.yaml. */
  config?: string;
  /** --root DIR: the workspace root of every PATH, instead of the one found. */
  root?: string;
  /** check --cache[=DIR]: the index cache's folder ('' for node_modules/.cache/specwright under the workspace root). */
  cache?: string;
}

/** The workspaces of the command line's PATHs, read into one SpecService. */
export interface LoadedWorkspace {
  service: SpecService;
  targets: Target[];
  /** The workspace roots, none inside another. */
  roots: string[];
  /** The roots that neither a .specwright.yaml nor --root marks: found only as the folder given. */
  unmarkedRoots: string[];
  /** The deepest folder that holds every root: what file names are relative to. */
  root: string;
  /** A file's path relative to `root`, with `/`. */
  relative: (uri: string) => string;
  /** A file's path as the user would type it from the working directory (`../x` when outside it). */
  fromCwd: (uri: string) => string;
  /**
   * One line per file or folder of the workspace that could not be read.
   * check fails on them; trace and report print them as warnings.
   */
  unreadable: string[];
  /** The folder PATHs that hold no spec file (see `emptyMessage`). */
  empty: Target[];
}

/**
 * Resolve the PATHs, find their workspace roots, read every spec file of
 * those workspaces (and a file PATH that the scan skips), and apply the
 * configuration; refuse a PATH that is missing or unreadable, and a
 * configuration with problems. The same for every command, so that check,
 * trace and report see the same workspace. With --cache, the cache is
 * written before it returns.
 */
export async function loadWorkspace(
  command: Command,
  paths: string[],
  options: LoadOptions,
  host: CliHost,
): Promise<LoadedWorkspace> {
  const opened = await openWorkspace(command, paths, options, host);
  const ws = await analyseWorkspace(opened, host);
  if (opened.cache) await saveCache(opened.cache, ws.service, host);
  return ws;
}

/** The workspaces of the command line, read but not analysed yet (`analyseWorkspace`). */
export interface OpenedWorkspace {
  command: Command;
  options: LoadOptions;
  service: SpecService;
  targets: Target[];
  roots: string[];
  rootUris: string[];
  unmarkedRoots: string[];
  /** --cache: the index cache, opened. */
  cache?: IndexCacheStore;
  /** What the scan read, and its key when there is a cache. */
  inputs: ScanInputs;
}

/** Resolve the PATHs, find their roots, read their configurations and files (`SpecService.readInputs`). */
export async function openWorkspace(
  command: Command,
  paths: string[],
  options: LoadOptions,
  host: CliHost,
): Promise<OpenedWorkspace> {
  const rootOverride =
    options.root !== undefined ? await resolveRoot(command, options.root, host) : undefined;
  const targets = await resolveTargets(command, paths, rootOverride, host);
  const configText = options.config !== undefined ? await readConfig(options.config, host) : undefined;

  const roots = outermost(targets.map(t => t.root));
  const rootUris = roots.map(r => host.toUri(r));
  const unmarkedRoots: string[] = [];
  if (rootOverride === undefined) {
    for (const r of roots)
      if ((await host.stat(path.join(r, configFileName))) !== 'file') unmarkedRoots.push(r);
  }
  const service = new SpecService(host.workspace);
  const cache = options.cache !== undefined ? await openCache(options.cache, roots, host) : undefined;
  service.useRecordCache(cache);
  // A trusted --config replaces each folder's own .specwright.yaml before anything of it is read:
  // neither that file nor the team schemas it names are opened (the repository may be hostile).
  // The team schemas --config names are read (paths relative to the folder, inside it).
  const inputs = await service.readInputs(rootUris, { config: configText });
  await cache?.loaded;
  refuseBrokenConfig(service, roots, rootUris, options.config, host, notDone[command]);
  return { command, options, service, targets, roots, rootUris, unmarkedRoots, cache, inputs };
}

/** Analyse what `openWorkspace` read, and read what the scan of the roots leaves out but a PATH names. */
export async function analyseWorkspace(opened: OpenedWorkspace, host: CliHost): Promise<LoadedWorkspace> {
  const { service, targets, roots, rootUris, unmarkedRoots } = opened;
  await service.analyse(opened.inputs);

  const unreadable: string[] = [];
  const seen = new Set<string>();
  const cannotRead = (uri: string, reason: string): void => {
    if (seen.has(uri)) return;
    seen.add(uri);
    unreadable.push(`cannot read ${quote(relativeTo(host.cwd, host.toPath(uri)))}: ${reason}`);
  };
  // A folder PATH that the scan of its root skips (dist, out, node_modules, ...) is listed and read on its own.
  for (const t of targets) {
    if (t.kind !== 'folder' || roots.includes(t.path)) continue;
    const uri = host.toUri(t.path);
    if ([...service.index.files.keys()].some(u => isUnder(u, uri))) continue;
    const changes: FileChange[] = [];
    for (const u of await host.workspace.listSpecFiles(uri)) {
      const bytes = await host.workspace.readFile(u);
      if (bytes) changes.push({ uri: u, bytes });
    }
    if (changes.length) service.apply(changes);
  }
  // A file PATH in a folder the scan skips is still read.
  for (const t of targets) {
    if (t.kind !== 'file') continue;
    const uri = host.toUri(t.path);
    if (service.index.files.has(uri)) continue;
    const bytes = await host.workspace.readFile(uri);
    if (bytes) service.apply([{ uri, bytes }]);
    else if (!rootUris.some(r => host.workspace.readProblems?.(r).some(p => p.uri === uri)))
      cannotRead(uri, 'it is reached through a symbolic link, which is not followed inside a workspace');
  }
  for (const uri of rootUris)
    for (const p of host.workspace.readProblems?.(uri) ?? []) cannotRead(p.uri, p.reason);
  const skipped = service.traces
    .skipped()
    .map(s => `${quote(relativeTo(host.cwd, host.toPath(s.uri)))}: ${s.reason}`);
  if (skipped.length)
    host.stderr(
      `specwright: note: skipped ${plural(skipped.length, 'file')} that trace: names: ${skipped.join('; ')}\n`,
    );
  const files = [...service.index.files.keys()].map(uri => host.toPath(uri));
  const empty = targets.filter(
    t => t.kind === 'folder' && !seen.has(host.toUri(t.path)) && !files.some(f => inside(f, t.path)),
  );

  // The deepest folder that holds every root (the first root when they share none, e.g. two drives).
  const root = commonFolder(roots, path.sep) ?? roots[0];
  return {
    service,
    targets,
    roots,
    unmarkedRoots,
    root,
    relative: uri => path.relative(root, host.toPath(uri)).split(path.sep).join('/'),
    fromCwd: uri => relativeTo(host.cwd, host.toPath(uri)),
    unreadable,
    empty,
  };
}

/** --cache[=DIR]: the cache of these roots, in DIR (relative to the current folder) or the default folder. */
async function openCache(
  dir: string,
  roots: readonly string[],
  host: CliHost,
): Promise<IndexCacheStore | undefined> {
  if (!host.openCache) return undefined;
  const folder = dir
    ? path.resolve(host.cwd, dir)
    : path.join(commonFolder(roots, path.sep) ?? roots[0], 'node_modules', '.cache', 'specwright');
  return host.openCache(folder, roots, line => host.stderr(`specwright: ${line}\n`));
}

/** Store what the index holds (and a snapshot), and say on stderr how much of it the cache gave. */
export async function saveCache(
  cache: IndexCacheStore,
  service: SpecService,
  host: CliHost,
  snapshot?: StoredSnapshot,
): Promise<void> {
  await cache.save(service.cacheRecords(), snapshot);
  host.stderr(`specwright: cache: ${cache.hits} of ${cache.lookups} files from the cache\n`);
}

/** What trace and report print, as warnings, of the problems check fails on. */
export function warnProblems(ws: LoadedWorkspace, host: CliHost): void {
  const lines = [...ws.unreadable, ...ws.empty.map(emptyMessage)];
  host.stderr(lines.map(l => `specwright: warning: ${l}\n`).join(''));
}

/** The line that says a folder PATH holds no spec file. */
export function emptyMessage(t: Target): string {
  return `no spec files in ${quote(t.given)} (none is named *.vision, *.roadmap, *.epic, *.prd or *.stories, then .yaml or .yml)`;
}

/** What the refusal of a broken configuration says was not done. */
const notDone: Record<Command, string> = {
  check: 'nothing was checked',
  trace: 'nothing was traced',
  report: 'no report was written',
  review: 'nothing was stamped',
  impact: 'no impact was listed',
  diff: 'no changes were listed',
  mcp: 'nothing was served',
  export: 'nothing was exported',
};

/** --root DIR: it must be a folder. */
async function resolveRoot(command: Command, given: string, host: CliHost): Promise<string> {
  const abs = path.resolve(host.cwd, given);
  const kind = await host.stat(abs);
  if (kind === 'folder') return abs;
  if (kind === undefined) throw new UsageError(`--root ${quote(given)} does not exist`, command);
  if (typeof kind === 'object')
    throw new CommandFailure(`cannot read the --root folder ${quote(given)}: ${kind.error}`);
  throw new UsageError(`--root ${quote(given)} is not a folder`, command);
}

/**
 * Every PATH, or one line per PATH that cannot be used (so that a CI job
 * with two wrong paths learns of both at once).
 */
async function resolveTargets(
  command: Command,
  paths: string[],
  rootOverride: string | undefined,
  host: CliHost,
): Promise<Target[]> {
  const out: Target[] = [];
  const problems: string[] = [];
  for (const given of paths) {
    const abs = path.resolve(host.cwd, given);
    const kind = await host.stat(abs);
    if (kind === undefined) {
      problems.push(`path ${quote(given)} does not exist`);
      continue;
    }
    if (typeof kind === 'object') {
      problems.push(`cannot read ${quote(given)}: ${kind.error}`);
      continue;
    }
    if (kind === 'other') {
      problems.push(`path ${quote(given)} is neither a file nor a folder`);
      continue;
    }
    if (kind === 'file' && !fileKind(abs)) {
      problems.push(
        `${quote(given)} is not a spec file (its name must end in .vision, .roadmap, .epic, .prd or .stories, then .yaml or .yml)`,
      );
      continue;
    }
    if (rootOverride !== undefined && !inside(abs, rootOverride)) {
      problems.push(
        `path ${quote(given)} is outside the --root folder ${quote(relativeTo(host.cwd, rootOverride))}`,
      );
      continue;
    }
    out.push({ given, path: abs, kind, root: rootOverride ?? (await workspaceRoot(abs, kind, host)) });
  }
  if (problems.length) throw new CommandFailure(problems);
  if (!out.length) throw new UsageError('no PATH given', command);
  return out;
}

/**
 * The workspace root of a PATH, so that its links resolve and its
 * configuration applies: the nearest folder at or above it (above a file)
 * that holds `.specwright.yaml`. Without one, a folder is its own root (never
 * a folder higher up, such as the top of a git repository, which may hold
 * unrelated specs); a file's root is the current folder when the file lies
 * inside it, else the file's own folder.
 */
async function workspaceRoot(p: string, kind: 'file' | 'folder', host: CliHost): Promise<string> {
  const start = kind === 'folder' ? p : path.dirname(p);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if ((await host.stat(path.join(dir, configFileName))) === 'file') return dir;
    if (path.dirname(dir) === dir) break;
  }
  if (kind === 'folder') return p;
  return inside(p, host.cwd) ? host.cwd : path.dirname(p);
}

async function readConfig(given: string, host: CliHost): Promise<string> {
  const abs = path.resolve(host.cwd, given);
  const kind = await host.stat(abs);
  const text = kind === 'file' ? await host.readText(abs) : undefined;
  if (text === undefined) {
    const why =
      kind === undefined
        ? ' (it does not exist)'
        : kind === 'folder'
          ? ' (it is a folder)'
          : typeof kind === 'object'
            ? ` (${kind.error})`
            : '';
    throw new CommandFailure(`cannot read the configuration file ${quote(given)}${why}`);
  }
  return text;
}

/** A configuration with problems stops the command: its severities cannot be trusted. */
function refuseBrokenConfig(
  service: SpecService,
  roots: string[],
  rootUris: string[],
  override: string | undefined,
  host: CliHost,
  what: string,
): void {
  const lines: string[] = [];
  const seen = new Set<string>();
  roots.forEach((root, i) => {
    const name = override ?? displayPath(path.join(root, configFileName), host.cwd);
    const problems = [...service.configProblems(rootUris[i])].sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
    for (const p of problems) {
      const line = `${linePath(name)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${clean(p.message)}`;
      if (!seen.has(line)) {
        seen.add(line);
        lines.push(line);
      }
    }
  });
  if (lines.length) {
    throw new CommandFailure(`invalid configuration, ${what}:\n${lines.map(l => `  ${l}`).join('\n')}`);
  }
}

/** Drop roots that lie inside another: the outer workspace (and its configuration) covers them. */
function outermost(roots: string[]): string[] {
  const unique = [...new Set(roots)];
  return unique.filter(r => !unique.some(o => o !== r && inside(r, o)));
}

/** True when `p` is inside the folder `folder` (or is it). */
export function inside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** A path as the user would type it from the working directory: relative when inside it, else absolute. */
export function displayPath(p: string, cwd: string): string {
  return inside(p, cwd) ? path.relative(cwd, p).split(path.sep).join('/') : p;
}

/**
 * A path relative to `from`, with `/`, as tsc prints it (`../specs/a.prd.yaml`
 * outside it): a terminal opens it from there. Absolute when no relative path
 * leads there (another drive).
 */
export function relativeTo(from: string, p: string): string {
  const rel = path.relative(from, p);
  if (path.isAbsolute(rel)) return p;
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

export function quote(s: string): string {
  return `"${s}"`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
