import * as path from 'path';
import { configFileName } from '../core/config';
import { fileKind } from '../core/parse/fileKind';
import { SpecService } from '../core/service';
import type { Severity } from '../core/types';
import { isUnder } from '../core/workspace';
import { UsageError, type Format } from './args';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import type { CliHost } from './host';
import { compareDiagnostics, type CheckReport, type ReportDiagnostic } from './report';

export interface CheckOptions {
  paths: string[];
  format: Format;
  config?: string;
  maxWarnings?: number;
}

/** The command could not run for a reason that is not the command line (exit 2). */
export class CheckFailure extends Error {}

/**
 * `specwright check`: scan the workspace with the same SpecService calls as
 * the language server, print the diagnostics, and return the exit code.
 * Throws UsageError / CheckFailure when it cannot run (exit 2).
 */
export async function checkCommand(options: CheckOptions, host: CliHost): Promise<number> {
  const targets = await resolveTargets(options.paths, host);
  const configText = options.config !== undefined ? await readConfig(options.config, host) : undefined;

  const roots = outermost(targets.map(t => t.root));
  const rootUris = roots.map(r => host.toUri(r));
  const service = new SpecService(host.workspace);
  await service.scan(rootUris);
  if (configText !== undefined) for (const uri of rootUris) service.setConfig(uri, configText);
  refuseBrokenConfig(service, roots, rootUris, options.config, host);

  // A file PATH in a folder the scan skips (node_modules, ...) is still checked.
  for (const t of targets) {
    if (t.kind !== 'file') continue;
    const uri = host.toUri(t.path);
    if (service.index.files.has(uri)) continue;
    const bytes = await host.workspace.readFile(uri);
    if (!bytes) throw new CheckFailure(`cannot read ${quote(t.given)}`);
    service.apply([{ uri, bytes }]);
  }

  const report = buildReport(service, targets, roots, host);
  host.stdout(render(report, options.format, host.color));

  const { error, warning } = report.summary;
  if (error > 0) return 1;
  if (options.maxWarnings !== undefined && warning > options.maxWarnings) {
    host.stderr(`specwright: ${plural(warning, 'warning')} found, more than --max-warnings ${options.maxWarnings} allows\n`);
    return 1;
  }
  return 0;
}

interface Target {
  /** The PATH as typed. */
  given: string;
  /** Its absolute path. */
  path: string;
  kind: 'file' | 'folder';
  /** The workspace root it belongs to: the folder itself, or a file's workspace. */
  root: string;
}

async function resolveTargets(paths: string[], host: CliHost): Promise<Target[]> {
  const out: Target[] = [];
  for (const given of paths) {
    const abs = path.resolve(host.cwd, given);
    const kind = await host.stat(abs);
    if (kind === undefined) throw new UsageError(`path ${quote(given)} does not exist`);
    if (kind === 'other') throw new UsageError(`path ${quote(given)} is neither a file nor a folder`);
    if (kind === 'folder') {
      out.push({ given, path: abs, kind, root: abs });
    } else {
      if (!fileKind(abs)) {
        throw new UsageError(`${quote(given)} is not a spec file (its name must end in .vision, .roadmap, .epic, .prd or .stories, then .yaml or .yml)`);
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
    throw new CheckFailure(`cannot read the configuration file ${quote(given)}${kind === undefined ? ' (it does not exist)' : kind === 'folder' ? ' (it is a folder)' : ''}`);
  }
  return text;
}

/** A configuration with problems stops the check: its severities cannot be trusted. */
function refuseBrokenConfig(service: SpecService, roots: string[], rootUris: string[], override: string | undefined, host: CliHost): void {
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
    throw new CheckFailure(`invalid configuration, nothing was checked:\n${lines.map(l => `  ${l}`).join('\n')}`);
  }
}

function buildReport(service: SpecService, targets: Target[], roots: string[], host: CliHost): CheckReport {
  const root = commonFolder(roots);
  const folders = targets.filter(t => t.kind === 'folder').map(t => host.toUri(t.path));
  const files = new Set(targets.filter(t => t.kind === 'file').map(t => host.toUri(t.path)));
  const relative = (uri: string): string => path.relative(root, host.toPath(uri)).split(path.sep).join('/');

  const diagnostics: ReportDiagnostic[] = [];
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fileCount = 0;
  let itemCount = 0;
  for (const [uri, file] of service.index.files) {
    if (!files.has(uri) && !folders.some(f => isUnder(uri, f))) continue;
    fileCount++;
    itemCount += file.items.length;
    for (const d of service.diagnostics(uri)) {
      summary[d.severity]++;
      const out: ReportDiagnostic = { file: relative(uri), range: d.range, severity: d.severity, code: d.code, message: d.message };
      if (d.related?.length) out.related = d.related.map(r => ({ file: relative(r.uri), range: r.range, message: r.message }));
      diagnostics.push(out);
    }
  }
  diagnostics.sort(compareDiagnostics);
  const rootUri = host.toUri(root);
  return {
    root,
    rootUri: rootUri.endsWith('/') ? rootUri : rootUri + '/',
    files: fileCount,
    items: itemCount,
    diagnostics,
    summary,
  };
}

function render(report: CheckReport, format: Format, color: boolean): string {
  switch (format) {
    case 'json': return formatJson(report);
    case 'sarif': return formatSarif(report);
    case 'text': return formatText(report, { color });
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
function inside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

function displayPath(p: string, cwd: string): string {
  return inside(p, cwd) ? path.relative(cwd, p).split(path.sep).join('/') : p;
}

function quote(s: string): string {
  return `"${s}"`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
