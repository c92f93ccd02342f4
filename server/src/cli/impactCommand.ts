import type { ImpactFormat } from './args';
import { changedItems, impactOf } from '../core/reviews/impact';
import { readRevision } from '../core/reviews/revisionItems';
import type { Item } from '../core/types';
import {
  formatImpactJson,
  formatImpactMarkdown,
  formatImpactText,
  type ImpactReport,
} from './formatters/impact';
import type { CliHost } from './host';
import { configTextOf, readingHistory, revisionFiles } from './revisions';
import { loadRootWorkspace, refuseUnknownIds } from './rootWorkspace';
import { warnProblems, type LoadedWorkspace } from './workspace';

export interface ImpactOptions {
  ids: string[];
  since?: string;
  format: ImpactFormat;
  config?: string;
  /** --root DIR; without it, the workspace of the current folder, found as check finds it. */
  root?: string;
}

const notDone = 'no impact was listed';

/**
 * `specwright impact [ID...] [--since REV]`: every item downstream of the
 * IDs, and of the items whose content (fingerprint) differs between REV and
 * the working tree, with the way each is reached. Only reads. Exit 0; an
 * unknown ID, or --since without a git repository or with an unknown
 * revision, is a CommandFailure (exit 2).
 */
export async function impactCommand(options: ImpactOptions, host: CliHost): Promise<number> {
  const { ws, root, rootUri } = await loadRootWorkspace('impact', options, host);
  warnProblems(ws, host);
  // Text names files from the working directory (a terminal opens them); JSON and Markdown from the root.
  const display = (uri: string): string => (options.format === 'text' ? ws.fromCwd(uri) : ws.relative(uri));
  const report = await impactReport(ws, { root, rootUri }, options, host, display);
  host.stdout(
    options.format === 'json'
      ? formatImpactJson(report, ws.root)
      : options.format === 'md'
        ? formatImpactMarkdown(report)
        : formatImpactText(report),
  );
  return 0;
}

/**
 * What `impact` lists (`specwright mcp`'s impact tool asks it too): the
 * items downstream of the IDs and of those changed since `since`, files
 * named by `display`. Throws a CommandFailure for an unknown ID, no git
 * repository or an unknown revision.
 */
export async function impactReport(
  ws: LoadedWorkspace,
  at: { root: string; rootUri: string },
  options: { ids: readonly string[]; since?: string; config?: string },
  host: CliHost,
  display: (uri: string) => string,
): Promise<ImpactReport> {
  const { root, rootUri } = at;
  const { service } = ws;
  refuseUnknownIds(service, options.ids, notDone);

  const report: ImpactReport = { changed: [...new Set(options.ids)].map(id => ({ id })), impacted: [] };
  if (options.since !== undefined) {
    const revision = options.since;
    const reader = host.revisions(root);
    const { commit, files } = await readingHistory(notDone, async () => {
      const commit = await reader.resolve(revision);
      const paths = await reader.changedSpecFiles(commit);
      return { commit, files: await revisionFiles(reader, commit, paths, root, host) };
    });
    const then = readRevision(files, await configTextOf(root, options.config, host));
    const before = new Map<string, Item>();
    for (const [id, placed] of then.items) before.set(id, placed.item);
    report.since = { revision, commit };
    if (then.unreadable.length) report.unreadable = then.unreadable;
    for (const c of changedItems(
      before,
      id => service.index.definitions(id)[0],
      item => service.contentPrint(item, rootUri),
    )) {
      const entry = report.changed.find(e => e.id === c.id);
      if (entry) entry.fields = c.fields;
      else report.changed.push({ id: c.id, fields: c.fields });
    }
  }

  report.impacted = impactOf(
    service.index,
    report.changed.map(c => c.id),
  ).map(({ item, from, path }) => {
    const title = item.fields.title ?? item.fields.name ?? item.fields.product;
    const status = item.fields.status;
    return {
      id: item.id,
      kind: item.kind,
      ...(typeof title === 'string' ? { title } : {}),
      ...(typeof status === 'string' ? { status } : {}),
      file: display(item.uri),
      line: item.idRange.start.line + 1,
      from,
      path,
    };
  });
  return report;
}
