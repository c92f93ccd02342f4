import { DiagnosticCode } from '../codes';
import type { Finding, Item } from '../types';
import { isRead } from '../parse/unread';
import type { CrossCheck, GraphReader } from './check';

/** An epic that depends on an epic whose release ends after its own. */
export const scheduleConflict: CrossCheck = {
  code: DiagnosticCode.scheduleConflict,
  run(items, graph) {
    const out: Finding[] = [];
    for (const epic of items) {
      if (epic.kind !== 'epic') continue;
      const own = releaseOf(epic, graph);
      if (!own) continue;
      for (const link of epic.links) {
        if (link.field !== 'depends_on') continue;
        const dep = graph.definitions(link.target).find(d => d.kind === 'epic');
        const theirs = dep && releaseOf(dep, graph);
        if (!dep || !theirs || theirs.end <= own.end) continue;
        out.push({
          code: this.code,
          range: link.range,
          message: `${epic.id} ships in ${own.release.id} (ends ${own.end}) but depends on ${dep.id}, which ships in ${theirs.release.id} (ends ${theirs.end})`,
          related: [
            {
              uri: theirs.release.uri,
              range: theirs.release.fieldRanges.end ?? theirs.release.idRange,
              message: `${theirs.release.id} ends ${theirs.end}`,
            },
          ],
          data: { id: epic.id, dependsOn: dep.id },
        });
      }
    }
    return out;
  },
};

function releaseOf(epic: Item, graph: GraphReader): { release: Item; end: string } | undefined {
  const id = epic.fields.release;
  if (typeof id !== 'string' || !isRead(epic, 'release')) return undefined;
  const release = graph.definitions(id).find(d => d.kind === 'release');
  const end = release?.fields.end;
  // An end date the schema refuses (2026-13-45) is its finding alone.
  return release && typeof end === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(end) && isRead(release, 'end')
    ? { release, end }
    : undefined;
}
