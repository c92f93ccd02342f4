import type { WorkspaceView } from '../workspaceView';
import type { Position, Range } from '../types';
import { compareLocations } from './edits';
import { idAt, idText } from './idAt';

/** LSP's LocationLink: what was clicked, and the item it leads to. */
export interface DefinitionLink {
  /** The ID under the cursor (underlined by the editor). */
  originSelectionRange: Range;
  targetUri: string;
  /** The whole item. */
  targetRange: Range;
  /** The item's ID. */
  targetSelectionRange: Range;
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
