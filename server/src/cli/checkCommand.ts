import * as path from 'path';
import { allCodes } from '../core/codes';
import { configFileName } from '../core/config';
import { reviewsFileName } from '../core/reviews/stamps';
import type { Diagnostic, Severity } from '../core/types';
import { isUnder, joinUri } from '../core/workspace';
import type { CheckFormat } from './args';
import { formatGithub } from './formatters/github';
import { formatJson } from './formatters/json';
import { formatJunit } from './formatters/junit';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import type { CliHost } from './host';
import { compareDiagnostics, type CheckReport, type ReportDiagnostic, type ReportSuppressed } from './report';
import { recording, replayLine, runKey, runSnapshot, storedRun } from './checkReplay';
import {
  analyseWorkspace,
  displayPath,
  emptyMessage,
  inside,
  openWorkspace,
  plural,
  quote,
  relativeTo,
  saveCache,
  type LoadedWorkspace,
} from './workspace';

export interface CheckOptions {
  paths: string[];
  format: CheckFormat;
  config?: string;
  /** --root DIR: the workspace root of every PATH. */
  root?: string;
  maxWarnings?: number;
  /** List the findings that suppression comments hide (text and json). */
  showSuppressed?: boolean;
  /** Accept a PATH that holds no spec file. */
  allowEmpty?: boolean;
  /** --cache[=DIR]: read unchanged files from the index cache in DIR ('' for the default folder). */
  cache?: string;
}

/**
 * `specwright check`: scan the workspace with the same SpecService calls as
 * the language server, print the diagnostics, and return the exit code.
 * Throws UsageError / CommandFailure when it cannot run (exit 2).
 *
 * It never passes by checking nothing: a PATH that holds no spec file
 * (unless --allow-empty), or a file or folder of the workspace that cannot be
 * read, is named on stderr, one line each, and the exit code is 2 — after the
 * findings of what could be read, when there is any.
 */
export async function checkCommand(options: CheckOptions, host: CliHost): Promise<number> {
  const opened = await openWorkspace('check', options.paths, options, host);
  const { cache } = opened;
  if (!cache) return printCheck(await analyseWorkspace(opened, host), options, host);
  const key = runKey(opened, options, host);
  const stored = key !== undefined ? storedRun(cache, key) : undefined;
  if (stored) {
    host.stdout(stored.stdout);
    host.stderr(stored.stderr);
    host.stderr(`specwright: ${replayLine}\n`);
    return stored.code;
  }
  const recorded = recording(host);
  const ws = await analyseWorkspace(opened, recorded.host);
  const code = printCheck(ws, options, recorded.host);
  await saveCache(
    cache,
    ws.service,
    host,
    key !== undefined ? runSnapshot(key, { ...recorded.out, code }) : undefined,
  );
  return code;
}

/** Print what `check` found in a loaded workspace; returns the exit code. */
function printCheck(ws: LoadedWorkspace, options: CheckOptions, host: CliHost): number {
  const report = buildReport(ws, host, options);
  const problems = [
    ...ws.unreadable,
    ...(options.allowEmpty ? [] : ws.empty.map(t => `${emptyMessage(t)}; pass --allow-empty to accept that`)),
  ];
  if (report.files > 0 || problems.length === 0) {
    host.stdout(render(report, options.format, ws, host));
    if (options.format === 'text') host.stdout(unmarkedRootHint(report, ws, host));
  }
  if (problems.length) {
    host.stderr(problems.map(l => `specwright: ${l}\n`).join(''));
    return 2;
  }

  const { error, warning } = report.summary;
  if (error > 0) return 1;
  if (options.maxWarnings !== undefined && warning > options.maxWarnings) {
    host.stderr(
      `specwright: ${plural(warning, 'warning')} found, more than --max-warnings ${options.maxWarnings} allows\n`,
    );
    return 1;
  }
  return 0;
}

/** What `check` found in the files under its PATHs (`specwright mcp`'s check tool reads it too). */
export function buildReport(ws: LoadedWorkspace, host: CliHost, options: CheckOptions): CheckReport {
  const { service, targets, root } = ws;
  const folders = targets.filter(t => t.kind === 'folder').map(t => host.toUri(t.path));
  const files = new Set(targets.filter(t => t.kind === 'file').map(t => host.toUri(t.path)));

  const diagnostics: ReportDiagnostic[] = [];
  const suppressed: ReportSuppressed[] = [];
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const paths: string[] = [];
  let itemCount = 0;
  // The file's path is worked out only for a file with findings: a repository's 10,000 code files have few.
  const report = (uri: string, file?: string): void => {
    const { shown, suppressed: hidden } = service.shownAndSuppressed(uri);
    if (!shown.length && !hidden.length) return;
    const name = file ?? ws.relative(uri);
    for (const d of shown) {
      summary[d.severity]++;
      diagnostics.push(reportDiagnostic(ws, d, name));
    }
    for (const d of hidden) suppressed.push({ ...reportDiagnostic(ws, d, name), reason: d.reason });
  };
  for (const [uri, file] of service.index.files) {
    if (!files.has(uri) && !folders.some(f => isUnder(uri, f))) continue;
    const relative = ws.relative(uri);
    paths.push(relative);
    itemCount += file.items.length;
    report(uri, relative);
  }
  // Findings on a root's configuration that are not refusals (coverage-threshold): reported when a folder PATH holds the root.
  for (const r of ws.roots) {
    const rootUri = host.toUri(r);
    if (!folders.some(f => rootUri === f || isUnder(rootUri, f))) continue;
    const configUri = joinUri(rootUri, configFileName);
    if (!service.uris().includes(configUri)) continue;
    report(
      configUri,
      options.config !== undefined
        ? path.relative(root, path.resolve(host.cwd, options.config)).split(path.sep).join('/')
        : ws.relative(configUri),
    );
  }
  // Lines of a folder's review stamps that are not stamps (or are merge conflict markers).
  for (const folder of folders) {
    const stampsUri = joinUri(folder, reviewsFileName);
    if (service.uris().includes(stampsUri)) report(stampsUri);
  }
  // Code, test and results files that trace: names (format 1.1): unknown IDs, results that are not JUnit XML.
  for (const uri of service.traces.files()) if (folders.some(f => isUnder(uri, f))) report(uri);
  diagnostics.sort(compareDiagnostics);
  suppressed.sort(compareDiagnostics);
  const rootUri = host.toUri(root);
  return {
    root,
    rootUri: rootUri.endsWith('/') ? rootUri : rootUri + '/',
    files: paths.length,
    items: itemCount,
    paths: paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    diagnostics,
    summary,
    suppressedCount: suppressed.length,
    ...(options.showSuppressed ? { suppressed } : {}),
    suppressions: suppressed,
    switchedOff: switchedOff(ws, host),
  };
}

/** The codes switched off under any of the roots, in the order of docs/format.md. */
function switchedOff(ws: LoadedWorkspace, host: CliHost): string[] {
  const off = new Set(ws.roots.flatMap(r => ws.service.switchedOff(host.toUri(r))));
  return [...allCodes.filter(c => off.has(c)), ...[...off].filter(c => !allCodes.includes(c)).sort()];
}

function reportDiagnostic(ws: LoadedWorkspace, d: Diagnostic, file: string): ReportDiagnostic {
  const out: ReportDiagnostic = {
    file,
    range: d.range,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
  if (d.related?.length)
    out.related = d.related.map(r => ({ file: ws.relative(r.uri), range: r.range, message: r.message }));
  return out;
}

/**
 * JSON and SARIF name files relative to the root they carry. The others name
 * them from the working directory: text as tsc does (`../specs/a.prd.yaml`
 * outside it, so that a terminal opens it), JUnit and GitHub relative inside
 * it and absolute outside (CI runs from the repository root, and GitHub and
 * GitLab want repository paths).
 */
function render(report: CheckReport, format: CheckFormat, ws: LoadedWorkspace, host: CliHost): string {
  const abs = (file: string): string => path.join(ws.root, ...file.split('/'));
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'text':
      return formatText(
        withFiles(report, f => relativeTo(host.cwd, abs(f))),
        { color: host.color },
      );
    case 'junit':
      return formatJunit(withFiles(report, f => displayPath(abs(f), host.cwd)));
    case 'github':
      return formatGithub(withFiles(report, f => displayPath(abs(f), host.cwd)));
  }
}

/** The report with every file name passed through `name`. */
function withFiles(report: CheckReport, name: (file: string) => string): CheckReport {
  const rename = <T extends ReportDiagnostic>(d: T): T => ({
    ...d,
    file: name(d.file),
    ...(d.related ? { related: d.related.map(r => ({ ...r, file: name(r.file) })) } : {}),
  });
  return {
    ...report,
    diagnostics: report.diagnostics.map(rename),
    ...(report.paths ? { paths: report.paths.map(name) } : {}),
    ...(report.suppressed ? { suppressed: report.suppressed.map(rename) } : {}),
  };
}

/**
 * After the text summary: when a link is unresolved in a workspace whose root
 * no .specwright.yaml marks (the folder given was taken as the root), the
 * IDs may well be defined in a folder above it.
 */
function unmarkedRootHint(report: CheckReport, ws: LoadedWorkspace, host: CliHost): string {
  const unresolved = report.diagnostics.filter(d => d.code === 'unresolved-link');
  if (!unresolved.length) return '';
  const roots = ws.unmarkedRoots.filter(r =>
    unresolved.some(d => inside(path.join(ws.root, ...d.file.split('/')), r)),
  );
  if (!roots.length) return '';
  const names = roots.map(r => quote(relativeTo(host.cwd, r))).join(', ');
  return `hint: links resolve only inside the workspace root ${names}, which no ${configFileName} marks; if the missing IDs are defined in a folder above it, add a ${configFileName} at the root of your specs (or pass --root DIR)\n`;
}
