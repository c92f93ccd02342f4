/**
 * Plain data shared by every part of the core. Positions and ranges are
 * LSP's own types (0-based, UTF-16 code units), from vscode-languageserver-types
 * (data types only, no connection), so the edges pass them through and the
 * compiler checks them against the protocol.
 */
import type { Position, Range } from 'vscode-languageserver-types';

export type { Position, Range };

/** The five document kinds, named by the file suffix. */
export type DocKind = 'vision' | 'roadmap' | 'epic' | 'prd' | 'stories';

/** Every kind of item that carries an ID. */
export type ItemKind =
  | 'vision'
  | 'goal'
  | 'persona'
  | 'roadmap'
  | 'release'
  | 'epic'
  | 'prd'
  | 'requirement'
  | 'iteration'
  | 'story';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedInfo {
  uri: string;
  range: Range;
  message: string;
}

/** A finding before the workspace's rule overrides are applied. */
export interface Finding {
  code: string;
  range: Range;
  message: string;
  related?: RelatedInfo[];
  /** Extra facts for quick fixes (e.g. the unknown key, the bad value). */
  data?: Record<string, unknown>;
}

/** A finding after configuration: it has a severity and a file. */
export interface Diagnostic extends Finding {
  uri: string;
  severity: Severity;
}

/** A link written in a downstream item, pointing upstream at an ID. */
export interface Link {
  /** The field it is written in: `implements`, `release`, `depends_on`, ... */
  field: string;
  /** The ID of the item that holds the link. */
  from: string;
  /** The ID it names, as written. */
  target: string;
  range: Range;
  /** The value failed the schema (not an ID): the schema's finding names it, no link check does (parse/unread.ts). */
  unread?: true;
}

/** An item defined in a file, as extracted from the YAML tree. */
export interface Item {
  id: string;
  kind: ItemKind;
  uri: string;
  /** Range of the `id` value. */
  idRange: Range;
  /** Range of the whole item (the mapping that defines it). */
  range: Range;
  /** Scalar fields as read from YAML (title, status, priority, dates, ...). */
  fields: Record<string, unknown>;
  /** Ranges of the values of fields, by key. */
  fieldRanges: Record<string, Range>;
  /** Ranges of the keys of fields, by key. */
  keyRanges: Record<string, Range>;
  /** The item that contains this one in the same file (a PRD for a requirement). */
  parent?: string;
  links: Link[];
  /**
   * Known keys the checks must neither read nor take as missing: the value
   * failed the schema, or the key is written misspelled (see parse/unread.ts).
   */
  unread?: string[];
}

/** What the index keeps of one file: its items, never its syntax tree. */
export interface FileIndex {
  uri: string;
  kind: DocKind;
  items: Item[];
  /** Findings that depend on this file alone (syntax, schema, local checks). */
  local: Finding[];
  /**
   * The IDs the file may define or link to beyond what was read: after a
   * syntax error (parse/damaged.ts), or under a misspelled link key (parse/unread.ts).
   */
  unread?: { ids: string[]; mentions: string[] };
}
