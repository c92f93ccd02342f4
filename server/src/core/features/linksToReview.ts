import { DiagnosticCode } from '../codes';
import type { WorkspaceView } from '../workspaceView';
import type { Location } from 'vscode-languageserver-types';
import { compareLocations } from './edits';

/**
 * The links to each of `ids` that wait for a review: where the
 * `suspect-link` and `unreviewed-link` findings that name them as target
 * are, read from the findings themselves (so a rule switched off, or a
 * suppressed finding, asks for no review here either). Reads the findings
 * of the files that hold links to the IDs, once per file.
 */
export function linksToReview(service: WorkspaceView, ids: ReadonlySet<string>): Map<string, Location[]> {
  const out = new Map<string, Location[]>();
  if (!ids.size || !service.reviewRoots().length) return out;
  const holders = new Set<string>();
  for (const id of ids) for (const l of service.index.incoming(id)) holders.add(l.uri);
  for (const uri of holders) {
    for (const d of service.diagnostics(uri)) {
      if (d.code !== DiagnosticCode.suspectLink && d.code !== DiagnosticCode.unreviewedLink) continue;
      const target = (d.data as { target?: unknown } | undefined)?.target;
      if (typeof target !== 'string' || !ids.has(target)) continue;
      let list = out.get(target);
      if (!list) out.set(target, (list = []));
      list.push({ uri, range: d.range });
    }
  }
  for (const list of out.values()) list.sort(compareLocations);
  return out;
}
