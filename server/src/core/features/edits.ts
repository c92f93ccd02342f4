import type { Position, Range } from '../types';

/**
 * Edit and location shapes shared by features that change or point into
 * files (rename, quick fixes). Same shape as LSP's, so the edge passes them
 * through; nothing here imports the protocol.
 */

/** Replace `range` with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A range in a file. */
export interface Location {
  uri: string;
  range: Range;
}

/** Edits to many files, by URI; each file's edits are sorted and never overlap. */
export interface WorkspaceEdit {
  edits: Map<string, TextEdit[]>;
}

/** Why a feature refused to produce an edit, worded for the user. */
export interface EditError {
  error: string;
}

/** Collects edits by file, dropping exact duplicates, and hands them back sorted. */
export class WorkspaceEditBuilder {
  private readonly byUri = new Map<string, Map<string, TextEdit>>();

  replace(uri: string, range: Range, newText: string): this {
    let edits = this.byUri.get(uri);
    if (!edits) this.byUri.set(uri, (edits = new Map<string, TextEdit>()));
    edits.set(rangeKey(range), { range, newText });
    return this;
  }

  build(): WorkspaceEdit {
    const edits = new Map<string, TextEdit[]>();
    for (const uri of [...this.byUri.keys()].sort()) {
      edits.set(
        uri,
        [...this.byUri.get(uri)!.values()].sort((a, b) => compareRanges(a.range, b.range)),
      );
    }
    return { edits };
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

export function compareLocations(a: Location, b: Location): number {
  return (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) || compareRanges(a.range, b.range);
}

/** True when `pos` lies in `range`, both ends included (a cursor just after a word is on it). */
export function rangeContains(range: Range, pos: Position): boolean {
  return comparePositions(range.start, pos) <= 0 && comparePositions(pos, range.end) <= 0;
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
