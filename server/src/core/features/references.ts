import type { Location } from 'vscode-languageserver-types';
import type { WorkspaceView } from '../workspaceView';
import type { Position } from '../types';
import { referenceLocations } from './codeReferences';
import { compareLocations } from './edits';
import { idAt, idText } from './idAt';

/**
 * Every link that names the ID at the position, in every file (code and
 * test files' references included), plus its
 * definitions when `includeDeclaration` is set. Ranges cover the ID's text
 * (inside quotes). Sorted by file, then position.
 */
export function references(
  service: WorkspaceView,
  uri: string,
  position: Position,
  options: { includeDeclaration: boolean },
): Location[] {
  const at = idAt(service, uri, position);
  return at ? referencesTo(service, at.id, options) : [];
}

/** The references of an ID (see `references`). */
export function referencesTo(
  service: WorkspaceView,
  id: string,
  options: { includeDeclaration: boolean },
): Location[] {
  const out: Location[] = service.index
    .incoming(id)
    .map(l => ({ uri: l.uri, range: idText(l.range, id).range }));
  // Code and test files name it too (`@implements REQ-101`, `@verifies REQ-101#2`).
  out.push(...referenceLocations(service, id));
  if (options.includeDeclaration) {
    for (const d of service.index.definitions(id))
      out.push({ uri: d.uri, range: idText(d.idRange, id).range });
  }
  return out.sort(compareLocations);
}
