import { idPattern, linkFields } from '../model';
import { renamedFields, renamedStamps, type Reprint } from '../reviews/renameStamps';
import { reviewsFileName, serializeStamps } from '../reviews/stamps';
import { stampsFileEdit } from '../reviews/stampsEdit';
import type { WorkspaceView } from '../workspaceView';
import type { Item, Position, Range } from '../types';
import { joinUri } from '../workspace';
import { WorkspaceEditBuilder, type EditError, type WorkspaceEdit } from './edits';
import { referenceLocations } from './codeReferences';
import { idAt, idText } from './idAt';

export const notAnIdMessage = 'You can only rename an ID (the value of id: or a link)';

/** What the editor shows in the rename box: the ID's text and range. */
export interface PrepareRename {
  range: Range;
  placeholder: string;
}

/** The ID at the position to rename, or why there is nothing to rename there. */
export function prepareRename(
  service: WorkspaceView,
  uri: string,
  position: Position,
): PrepareRename | EditError {
  const at = idAt(service, uri, position);
  if (!at) return { error: notAnIdMessage };
  return { range: at.range, placeholder: at.id };
}

/**
 * Rename the ID at the position everywhere: one edit per definition and per
 * link, in every file (open or closed), one per reference in code and test
 * files (`REQ-101#2` keeps its `#2`), and in each `specwright.reviews`
 * that names it (a rename is not a content change: no link turns suspect).
 * Quoted IDs keep their quotes: only
 * the text inside is replaced. Refuses a new ID that is not valid, already
 * defined, or the same as the old one.
 */
export function rename(
  service: WorkspaceView,
  uri: string,
  position: Position,
  newName: string,
): WorkspaceEdit | EditError {
  const at = idAt(service, uri, position);
  if (!at) return { error: notAnIdMessage };
  const oldId = at.id;
  const newId = newName.trim();
  if (newId === oldId) return { error: `The new ID is the same as the old one (${oldId})` };
  if (!idPattern.test(newId)) {
    return {
      error:
        `"${newId}" is not a valid ID: an ID is a capital letter, then capitals, digits or _, a hyphen, ` +
        `and letters, digits, ".", "_" or "-" (like REQ-101, EPIC-12 or R-2026.1)`,
    };
  }
  const taken = service.index.definitions(newId)[0];
  if (taken) return { error: `${newId} is already defined in ${shortPath(taken.uri)}` };

  const edits = new WorkspaceEditBuilder();
  const put = (fileUri: string, scalar: Range): void => {
    // An ID written with escapes or over lines is replaced whole, as a plain scalar
    // (every valid ID is a plain YAML string, in block and flow style alike).
    edits.replace(fileUri, idText(scalar, oldId).range, newId);
  };
  for (const d of service.index.definitions(oldId)) put(d.uri, d.idRange);
  for (const l of service.index.incoming(oldId)) put(l.uri, l.range);
  for (const r of referenceLocations(service, oldId)) edits.replace(r.uri, r.range, newId);
  for (const root of service.reviewRoots()) {
    const stamps = renameInStamps(service, root, oldId, newId);
    if (stamps) edits.replace(joinUri(root, reviewsFileName), stamps.range, stamps.newText);
  }
  return edits.build();
}

/**
 * The edit of a root's `specwright.reviews` that keeps its stamps valid
 * across the rename (reviews/renameStamps.ts); undefined when no stamp
 * changes, or when the file has lines that are not stamps (left as they are).
 */
function renameInStamps(
  service: WorkspaceView,
  root: string,
  oldId: string,
  newId: string,
): { range: Range; newText: string } | undefined {
  const parsed = service.reviewStamps(root);
  if (!parsed) return undefined;
  const reprints = new Map<string, Reprint>();
  for (const l of service.index.incoming(oldId)) {
    const holder: Item = l.holder;
    if (reprints.has(holder.id)) continue;
    const fields = renamedFields(holder.fields, Object.keys(linkFields[holder.kind]), oldId, newId);
    reprints.set(holder.id, {
      was: service.contentPrint(holder, root).fingerprint,
      now: service.contentPrint({ ...holder, fields }, root).fingerprint,
    });
  }
  const stamps = renamedStamps(parsed.stamps, oldId, newId, reprints);
  return stamps && stampsFileEdit(parsed, serializeStamps(stamps));
}

/** The last two segments of a URI's path (`prds/checkout.prd.yaml`), for messages. */
export function shortPath(uri: string): string {
  const path = uri
    .replace(/[?#].*$/, '')
    .replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '')
    .split('/')
    .filter(Boolean);
  const tail = path.slice(-2).join('/');
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}
