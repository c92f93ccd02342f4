/**
 * What the two readings of a document (yamlContext.ts's tree reading and
 * halfTypedYaml.ts's text reading) say about a cursor: where it is, and how
 * to read what the document holds around it.
 */

export type PathSegment = string | number;

/**
 * - `key`: on a key, or on a half-typed one (`  pri`, no colon yet).
 * - `value`: on a scalar value: a key's (`status: dra`), a list entry's
 *   (`- REQ-1`) or a flow list entry's (`[REQ-1, RE]`); the word may be
 *   empty (`epic: |`).
 * - `empty`: where something new is written; `container` says what.
 */
export type CursorPlace = 'key' | 'value' | 'empty';

/**
 * What an empty spot belongs to:
 * - `map`: an empty line at a map's key column (a new key goes here); `path` is the map's.
 * - `entry`: after a `- ` with nothing behind it; `path` is the new entry's.
 * - `list`: an empty line at a list's dash column (a new `- ` goes here); `path` is the entry it would make.
 * - `pending`: an empty line below `key:` with no value, indented deeper; `path` is the key's.
 */
export type EmptyContainer = 'map' | 'entry' | 'list' | 'pending';

/** Where the cursor is, as a reading finds it. */
export interface Hit {
  place: CursorPlace;
  container?: EmptyContainer;
  path: PathSegment[];
  /** For flow list entries. */
  flow?: boolean;
}

/** Read access to what the document holds, by path. */
export interface Reader {
  /** Keys of the map at a path, in order. */
  keysAt(path: PathSegment[]): string[];
  /** Scalar entries of the list at a path (undefined for entries that are not scalars). */
  entriesAt(path: PathSegment[]): (string | undefined)[];
  /** The scalar at a path. */
  scalarAt(path: PathSegment[]): string | undefined;
}
