import type { LocationLink } from 'vscode-languageserver-types';
import type { WorkspaceView } from '../workspaceView';
import type { Position, Range } from '../types';
import { compareLocations } from './edits';
import { idAt, idText } from './idAt';

/**
 * LSP's LocationLink, always with the ID under the cursor as its origin (the
 * editor underlines it); the target range is the whole item, the target
 * selection range the item's ID.
 */
export interface DefinitionLink extends LocationLink {
  originSelectionRange: Range;
}

/**
 * Every definition of the ID at the position, in any file, open or closed
 * (more than one when the ID is a duplicate). Empty when the position is not
 * on an ID or the ID is defined nowhere.
 */
export function definition(service: WorkspaceView, uri: string, position: Position): DefinitionLink[] {
  const at = idAt(service, uri, position);
  if (!at) return [];
  return service.index
    .definitions(at.id)
    .map(item => ({
      originSelectionRange: at.range,
      targetUri: item.uri,
      targetRange: item.range,
      targetSelectionRange: idText(item.idRange, item.id).range,
    }))
    .sort((a, b) =>
      compareLocations(
        { uri: a.targetUri, range: a.targetSelectionRange },
        { uri: b.targetUri, range: b.targetSelectionRange },
      ),
    );
}
