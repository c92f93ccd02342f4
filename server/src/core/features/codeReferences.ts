import type { PlacedReference } from '../refs/traceStore';
import type { CodeReference } from '../refs/scanReferences';
import type { Item, Position, Range } from '../types';
import type { WorkspaceView } from '../workspaceView';
import { rangeContains } from './edits';

/*
 * Code and test files (format 1.1, "References from code and tests") as the
 * editor features see them: the `@implements` / `@verifies` reference under
 * the cursor, and where the ID of a reference is written.
 */

/** The reference under a position in a code or test file, if any. */
export function referenceAt(
  service: WorkspaceView,
  uri: string,
  position: Position,
): CodeReference | undefined {
  return service.traces.referencesIn(uri).find(r => rangeContains(r.range, position));
}

/** The ID's own characters in a reference (`REQ-101` of `REQ-101#2`): what a rename replaces. */
export function referenceIdRange(ref: CodeReference): Range {
  const { start } = ref.range;
  return { start, end: { line: start.line, character: start.character + ref.id.length } };
}

/** The code and test references to an ID, each at its ID's characters, by file and position. */
export function referenceLocations(service: WorkspaceView, id: string): { uri: string; range: Range }[] {
  return service.traces
    .referencesTo(id)
    .map((r: PlacedReference) => ({ uri: r.uri, range: referenceIdRange(r) }));
}

/** The text of an item's acceptance criterion by its 1-based number, if it has one. */
export function acceptanceCriterion(item: Item, n: number): string | undefined {
  const list = item.fields.acceptance_criteria;
  if (!Array.isArray(list) || n < 1 || n > list.length) return undefined;
  const ac: unknown = list[n - 1];
  return typeof ac === 'string' ? ac : ac === undefined || ac === null ? undefined : JSON.stringify(ac);
}
