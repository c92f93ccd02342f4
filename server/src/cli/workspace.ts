import * as path from 'path';
import { configFileName } from '../core/config';
import { fileKind } from '../core/parse/fileKind';
import { SpecService } from '../core/service';
import { UsageError, type Command } from './args';
import { CommandFailure, type CliHost } from './host';

/** A PATH of the command line, resolved. */
export interface Target {
  /** The PATH as typed. */
  given: string;
  /** Its absolute path. */
  path: string;
  kind: 'file' | 'folder';
  /** The workspace root it belongs to: the folder itself, or a file's workspace. */
  root: string;
}

/** The workspaces of the command line's PATHs, read into one SpecService. */
export interface LoadedWorkspace {
  service: SpecService;
  targets: Target[];
  /** The workspace roots, none inside another. */
  roots: string[];
  /** The deepest folder that holds every root: what file names are relative to. */
  root: string;
  /** A file's path relative to `root`, with `/`. */
  relative(uri: string): string;
}

/**
 * Resolve the PATHs, read every spec file of their workspaces (and a file
 * PATH that the scan skips), and apply the configuration; refuse a
 * configuration with problems. The same for every command, so that check,
 * trace and report see the same workspace.
 */
export async function loadWorkspace(command: Command, paths: string[], config: string | undefined, host: CliHost): Promise<LoadedWorkspace> {
  const targets = await resolveTargets(command, paths, host);
  const configText = config !== undefined ? await readConfig(config, host) : undefined;

  const roots = outermost(targets.map(t => t.root));
  const rootUris = roots.map(r => host.toUri(r));
  const service = new SpecService(host.workspace);
  await service.scan(rootUris);
  // loadConfig reads the team schemas the file names (paths relative to the folder, inside it).
  if (configText !== undefined) for (const uri of rootUris) await service.loadConfig(uri, configText);
  refuseBrokenConfig(service, roots, rootUris, config, host, notDone[command]);

  // A file PATH in a folder the scan skips (node_modules, ...) is still read.
  for (const t of targets) {
    if (t.kind !== 'file') continue;
    const uri = host.toUri(t.path);
    if (service.index.files.has(uri)) continue;
    const bytes = await host.workspace.readFile(uri);
    if (!bytes) throw new CommandFailure(`cannot read ${quote(t.given)}`);
    service.apply([{ uri, bytes }]);
  }

  const root = commonFolder(roots);
  return {
    service,
    targets,
    roots,
    root,
    relative: uri => path.relative(root, host.toPath(uri)).split(path.sep).join('/'),
  };
}

/** What the refusal of a broken configuration says was not done. */
const notDone: Record<Command, string> = { check: 'nothing was checked', trace: 'nothing was traced', report: 'no report was written', review: 'nothing was stamped' };

async function resolveTargets(command: Command, paths: string[], host: CliHost): Promise<Target[]> {
  const out: Target[] = [];
  for (const given of paths) {
    const abs = path.resolve(host.cwd, given);
    const kind = await host.stat(abs);
    if (kind === undefined) throw new UsageError(`path ${quote(given)} does not exist`, command);
    if (kind === 'other') throw new UsageError(`path ${quote(given)} is neither a file nor a folder`, command);
    if (kind === 'folder') {
      out.push({ given, path: abs, kind, root: abs });
    } else {
      if (!fileKind(abs)) {
        throw new UsageError(`${quote(given)} is not a spec file (its name must end in .vision, .roadmap, .epic, .prd or .stories, then .yaml or .yml)`, command);
      }
      out.push({ given, path: abs, kind, root: await workspaceOf(abs, host) });
    }
  }
  return out;
}

/**
 * The workspace root of a single file, so that its links resolve: the nearest
 * folder above it that holds `.specwright.yaml`; else the current folder when
 * the file lies inside it; else the file's own folder.
 */
async function workspaceOf(file: string, host: CliHost): Promise<string> {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if ((await host.stat(path.join(dir, configFileName))) === 'file') return dir;
    if (path.dirname(dir) === dir) break;
  }
  return inside(file, host.cwd) ? host.cwd : path.dirname(file);
}

async function readConfig(given: string, host: CliHost): Promise<string> {
  const abs = path.resolve(host.cwd, given);
  const kind = await host.stat(abs);
  const text = kind === 'file' ? await host.readText(abs) : undefined;
  if (text === undefined) {
    throw new CommandFailure(`cannot read the configuration file ${quote(given)}${kind === undefined ? ' (it does not exist)' : kind === 'folder' ? ' (it is a folder)' : ''}`);
  }
  return text;
}

/** A configuration with problems stops the command: its severities cannot be trusted. */
function refuseBrokenConfig(service: SpecService, roots: string[], rootUris: string[], override: string | undefined, host: CliHost, what: string): void {
  const lines: string[] = [];
  const seen = new Set<string>();
  roots.forEach((root, i) => {
    const name = override ?? displayPath(path.join(root, configFileName), host.cwd);
    const problems = [...service.configProblems(rootUris[i])]
      .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    for (const p of problems) {
      const line = `${name}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`;
      if (!seen.has(line)) { seen.add(line); lines.push(line); }
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

/** The deepest folder that holds every root (the first root when they share none, e.g. two drives). */
function commonFolder(roots: string[]): string {
  let common = roots[0].split(path.sep);
  for (const r of roots.slice(1)) {
    const parts = r.split(path.sep);
    let n = 0;
    while (n < common.length && n < parts.length && common[n] === parts[n]) n++;
    common = common.slice(0, n);
  }
  if (common.length === 0) return roots[0];
  const joined = common.join(path.sep);
  return joined === '' || /^[A-Za-z]:$/.test(joined) ? joined + path.sep : joined;
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

export function quote(s: string): string {
  return `"${s}"`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
