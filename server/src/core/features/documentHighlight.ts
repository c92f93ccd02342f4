import { DocumentHighlightKind, type DocumentHighlight } from 'vscode-languageserver-types';
import type { WorkspaceView } from '../workspaceView';
import type { Position } from '../types';
import { compareRanges } from './edits';
import { idAt, idText } from './idAt';

/**
 * The occurrences, in the same file, of the ID at the position: its
 * definitions (Write) and the links that name it (Read), in source order.
 */
export function documentHighlights(
  service: WorkspaceView,
  uri: string,
  position: Position,
): DocumentHighlight[] {
  const at = idAt(service, uri, position);
  const file = service.index.files.get(uri);
  if (!at || !file) return [];
  const out: DocumentHighlight[] = [];
  for (const item of file.items) {
    if (item.id === at.id)
      out.push({ range: idText(item.idRange, at.id).range, kind: DocumentHighlightKind.Write });
    for (const l of item.links) {
      if (l.target === at.id)
        out.push({ range: idText(l.range, at.id).range, kind: DocumentHighlightKind.Read });
    }
  }
  return out.sort((a, b) => compareRanges(a.range, b.range));
}
