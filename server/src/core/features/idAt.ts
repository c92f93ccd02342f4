import type { WorkspaceView } from '../workspaceView';
import type { Item, Link, Position, Range } from '../types';
import type { CodeReference } from '../refs/scanReferences';
import { referenceAt, referenceIdRange } from './codeReferences';
import { rangeContains } from './edits';

/** The ID under a position: where it is defined, or a link that names it. */
export interface IdAt {
  id: string;
  /** The ID's text: the scalar's range, inside the quotes when it is quoted. */
  range: Range;
  role: 'definition' | 'link' | 'reference';
  /** The item the ID defines (role `definition`). */
  item?: Item;
  /** The link that names the ID (role `link`). */
  link?: Link;
  /** The `@implements` / `@verifies` reference that names the ID in a code or test file (role `reference`). */
  reference?: CodeReference;
}

/**
 * The ID at a position in a file: the value of an `id:` or an entry of a
 * link field (block or flow style); in a code or test file, an ID after
 * `@implements` / `@verifies`. Read from the index's ranges, so it works
 * for closed files too.
 */
export function idAt(service: WorkspaceView, uri: string, position: Position): IdAt | undefined {
  const file = service.index.files.get(uri);
  if (!file) {
    const reference = referenceAt(service, uri, position);
    return (
      reference && { id: reference.id, range: referenceIdRange(reference), role: 'reference', reference }
    );
  }
  for (const item of file.items) {
    if (rangeContains(item.idRange, position)) {
      return { id: item.id, range: idText(item.idRange, item.id).range, role: 'definition', item };
    }
    for (const link of item.links) {
      if (rangeContains(link.range, position)) {
        return { id: link.target, range: idText(link.range, link.target).range, role: 'link', link };
      }
    }
  }
  return undefined;
}

/** Where an ID's text is inside its scalar. */
export interface IdText {
  range: Range;
  /**
   * True when `range` holds exactly the ID's characters (a plain scalar, or
   * the inside of quotes), so replacing them keeps the quoting as it was.
   * False for scalars written with escapes or over lines: replace the whole
   * scalar then.
   */
  exact: boolean;
}

/**
 * The ID's own characters within a scalar's range. The index keeps scalar
 * ranges only (no text), so quoting is read from the width: a plain scalar is
 * as wide as its value, a quoted one two wider; escapes make it wider still.
 */
export function idText(scalar: Range, id: string): IdText {
  if (scalar.start.line === scalar.end.line) {
    const width = scalar.end.character - scalar.start.character;
    if (width === id.length) return { range: scalar, exact: true };
    if (width === id.length + 2) {
      return {
        range: {
          start: { line: scalar.start.line, character: scalar.start.character + 1 },
          end: { line: scalar.end.line, character: scalar.end.character - 1 },
        },
        exact: true,
      };
    }
  }
  return { range: scalar, exact: false };
}
