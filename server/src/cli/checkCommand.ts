import * as path from 'path';
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
import { inside, loadWorkspace, plural, type LoadedWorkspace } from './workspace';

export interface CheckOptions {
  paths: string[];
  format: CheckFormat;
  config?: string;
  maxWarnings?: number;
  /** List the findings that suppression comments hide (text and json). */
  showSuppressed?: boolean;
}

/**
 * `specwright check`: scan the workspace with the same SpecService calls as
 * the language server, print the diagnostics, and return the exit code.
 * Throws UsageError / CommandFailure when it cannot run (exit 2).
 */
export async function checkCommand(options: CheckOptions, host: CliHost): Promise<number> {
  const ws = await loadWorkspace('check', options.paths, options.config, host);
  const report = buildReport(ws, host, options);
  host.stdout(render(report, options.format, host));

  const { error, warning } = report.summary;
  if (error > 0) return 1;
  if (options.maxWarnings !== undefined && warning > options.maxWarnings) {
    host.stderr(`specwright: ${plural(warning, 'warning')} found, more than --max-warnings ${options.maxWarnings} allows\n`);
    return 1;
  }
  return 0;
}

function buildReport(ws: LoadedWorkspace, host: CliHost, options: CheckOptions): CheckReport {
  const { service, targets, root } = ws;
  const folders = targets.filter(t => t.kind === 'folder').map(t => host.toUri(t.path));
  const files = new Set(targets.filter(t => t.kind === 'file').map(t => host.toUri(t.path)));

  const diagnostics: ReportDiagnostic[] = [];
  const suppressed: ReportSuppressed[] = [];
  const summary: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const paths: string[] = [];
  let itemCount = 0;
  const report = (uri: string, file: string): void => {
    for (const d of service.diagnostics(uri)) {
      summary[d.severity]++;
      diagnostics.push(reportDiagnostic(ws, d, file));
    }
    for (const d of service.suppressed(uri)) suppressed.push({ ...reportDiagnostic(ws, d, file), reason: d.reason });
  };
  for (const [uri, file] of service.index.files) {
    if (!files.has(uri) && !folders.some(f => isUnder(uri, f))) continue;
    paths.push(ws.relative(uri));
    itemCount += file.items.length;
    report(uri, ws.relative(uri));
  }
  // Findings on a folder's configuration that are not refusals (coverage-threshold): reported with the folder.
  for (const folder of folders) {
    const configUri = joinUri(folder, configFileName);
    if (!service.uris().includes(configUri)) continue;
    report(configUri, options.config !== undefined ? path.relative(root, path.resolve(host.cwd, options.config)).split(path.sep).join('/') : ws.relative(configUri));
  }
  // Lines of a folder's review stamps that are not stamps (or are merge conflict markers).
  for (const folder of folders) {
    const stampsUri = joinUri(folder, reviewsFileName);
    if (service.uris().includes(stampsUri)) report(stampsUri, ws.relative(stampsUri));
  }
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
  };
}

function reportDiagnostic(ws: LoadedWorkspace, d: Diagnostic, file: string): ReportDiagnostic {
  const out: ReportDiagnostic = { file, range: d.range, severity: d.severity, code: d.code, message: d.message };
  if (d.related?.length) out.related = d.related.map(r => ({ file: ws.relative(r.uri), range: r.range, message: r.message }));
  return out;
}

function render(report: CheckReport, format: CheckFormat, host: CliHost): string {
  switch (format) {
    case 'json': return formatJson(report);
    case 'sarif': return formatSarif(report);
    case 'text': return formatText(report, { color: host.color });
    case 'junit': return formatJunit(report, { pathPrefix: pathPrefix(report.root, host.cwd) });
    case 'github': return formatGithub(report, { pathPrefix: pathPrefix(report.root, host.cwd) });
  }
}

/**
 * What turns a root-relative file name into one relative to the working
 * directory (CI runs from the repository root, and GitHub and GitLab want
 * repository paths): "" when the root is the working directory, "specs/"
 * below it, the absolute root outside it.
 */
function pathPrefix(root: string, cwd: string): string {
  if (!inside(root, cwd)) return root.split(path.sep).join('/').replace(/\/?$/, '/');
  const rel = path.relative(cwd, root).split(path.sep).join('/');
  return rel ? `${rel}/` : '';
}
