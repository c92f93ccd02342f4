import { allCodes } from '../codes';
import { rangeContains } from '../features/edits';
import type { WorkspaceView } from '../workspaceView';
import type { Diagnostic, Item, Range, Severity } from '../types';

/** How many findings of each severity, and of each code, an item (or a workspace) has. */
export interface FindingSummary {
  error: number;
  warning: number;
  info: number;
  /** Count per code, errors' codes first, then warnings', then infos' (each in the order of docs/format.md). */
  codes: Record<string, number>;
}

/**
 * The workspace's findings by item: each diagnostic of `SpecService.diagnostics`
 * belongs to the innermost item whose range holds its start (a requirement's
 * own findings are not its PRD's), or to the file's top item when it lies
 * outside every item. Every finding is counted once.
 */
export class ItemFindings {
  private readonly byItem = new Map<Item, Diagnostic[]>();
  private readonly done = new Set<string>();

  constructor(private readonly service: WorkspaceView) {}

  /** The diagnostics that belong to an item, in source order. */
  diagnosticsOf(item: Item): readonly Diagnostic[] {
    this.load(item.uri);
    return this.byItem.get(item) ?? [];
  }

  summaryOf(item: Item): FindingSummary {
    return summarize(this.diagnosticsOf(item));
  }

  private load(uri: string): void {
    if (this.done.has(uri)) return;
    this.done.add(uri);
    const items = this.service.index.files.get(uri)?.items ?? [];
    const top = items.find(i => i.parent === undefined) ?? items[0];
    for (const d of this.service.diagnostics(uri)) {
      let owner: Item | undefined;
      for (const i of items) {
        if (rangeContains(i.range, d.range.start) && (!owner || size(i.range) < size(owner.range))) owner = i;
      }
      owner ??= top;
      if (!owner) continue;
      let list = this.byItem.get(owner);
      if (!list) this.byItem.set(owner, (list = []));
      list.push(d);
    }
  }
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Counts of a list of diagnostics, codes ordered by severity then as in docs/format.md. */
export function summarize(diagnostics: Iterable<{ code: string; severity: Severity }>): FindingSummary {
  const out: FindingSummary = { error: 0, warning: 0, info: 0, codes: {} };
  const counts = new Map<string, { severity: Severity; count: number }>();
  for (const d of diagnostics) {
    out[d.severity]++;
    const c = counts.get(d.code);
    if (c) {
      c.count++;
      if (severityRank[d.severity] < severityRank[c.severity]) c.severity = d.severity;
    } else {
      counts.set(d.code, { severity: d.severity, count: 1 });
    }
  }
  for (const [code] of [...counts].sort(
    (a, b) => severityRank[a[1].severity] - severityRank[b[1].severity] || compareCodes(a[0], b[0]),
  )) {
    out.codes[code] = counts.get(code)!.count;
  }
  return out;
}

/** Codes in the order of docs/format.md's table; codes outside it (internal-error) after, by name. */
export function compareCodes(a: string, b: string): number {
  const ra = allCodes.indexOf(a),
    rb = allCodes.indexOf(b);
  return (ra < 0 ? allCodes.length : ra) - (rb < 0 ? allCodes.length : rb) || (a < b ? -1 : a > b ? 1 : 0);
}

function size(r: Range): number {
  return (r.end.line - r.start.line) * 1e6 + (r.end.character - r.start.character);
}
