import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { Item } from '../types';
import { builtinContentFields, contentFieldsOf, type ExtraContentFields } from './contentFields';

/**
 * An item's content fingerprint (docs/format.md, "Fingerprints"): one
 * segment per content field, in the kind's fixed field order, joined by
 * `.`. A segment is `-` for a field the item does not have (or leaves
 * empty), else the first 8 hex digits of the SHA-256 of the field's value
 * in canonical form (`canonicalValue`), UTF-8 encoded. Per-field segments
 * let a suspect link name the fields that changed without any history.
 *
 * Pure JS (@noble/hashes): the core runs where node:crypto does not.
 */

/** The segment of a field that is absent or empty (`null`). */
export const absentSegment = '-';
/** Hex digits kept of each field's hash. */
export const segmentLength = 8;

const segmentPattern = new RegExp(`^(?:[0-9a-f]{${segmentLength}}|${absentSegment})$`);

/** The fingerprint of an item's fields under a list of content fields. */
export function fingerprint(
  fields: Readonly<Record<string, unknown>>,
  contentFields: readonly string[],
): string {
  return contentFields.map(f => segmentOf(Object.hasOwn(fields, f) ? fields[f] : null)).join('.');
}

/** One field's segment. */
export function segmentOf(value: unknown): string {
  if (value === null || value === undefined) return absentSegment;
  return bytesToHex(sha256(utf8ToBytes(canonicalValue(value)))).slice(0, segmentLength);
}

/** True when `text` has the shape of a fingerprint (segments of 8 hex digits or `-`, joined by `.`). */
export function isFingerprint(text: string): boolean {
  if (text === '') return false;
  return text.split('.').every(s => segmentPattern.test(s));
}

/**
 * A parsed YAML value as one string that does not depend on how it was
 * written: strings with `\n` line ends and no trailing whitespace (a block
 * scalar's final line break, a CRLF checkout), mappings with their keys in
 * code-unit order, numbers by value (`1.0` is `1`), everything else as JSON.
 * An unreadable value (an alias that expands too far) is `undefined`.
 */
export function canonicalValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(normalizeText(value));
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return JSON.stringify(value === 0 ? 0 : value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalValue).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map(k => `${JSON.stringify(normalizeText(k))}:${canonicalValue(obj[k])}`).join(',')}}`;
  }
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects are handled above: a bigint or symbol
  return JSON.stringify(String(value));
}

function normalizeText(s: string): string {
  return s.replace(/\r\n?/g, '\n').trimEnd();
}

/** How a stamp's fingerprint differs from the current one. */
export interface FingerprintChange {
  /** The content fields whose segments differ (in field order). */
  fields: string[];
  /**
   * The stamp has more segments than the kind has content fields now: it was
   * made before `reviews.content` lost a field. Only the built-in fields,
   * whose positions never move, are then compared by name.
   */
  fieldListChanged: boolean;
}

/**
 * Compare a stamp with the current fingerprint; undefined when they agree.
 * `builtin` is how many of `contentFields` are built in (they come first).
 *
 * A stamp with fewer segments was made before `reviews.content` added the
 * last fields: it reads as if those were absent (`-`), so adding a field
 * makes suspect only the links to items that have it. A stamp with more
 * segments (a field was taken out of the list) is always suspect.
 */
export function compareFingerprints(
  stamp: string,
  current: string,
  contentFields: readonly string[],
  builtin: number,
): FingerprintChange | undefined {
  if (stamp === current) return undefined;
  const was = stamp.split('.');
  const now = current.split('.');
  const fieldListChanged = was.length > contentFields.length;
  const compared = fieldListChanged ? builtin : contentFields.length;
  const fields: string[] = [];
  for (let i = 0; i < compared; i++) if ((was[i] ?? absentSegment) !== now[i]) fields.push(contentFields[i]);
  return fields.length || fieldListChanged ? { fields, fieldListChanged } : undefined;
}

/** An item's fingerprint with the field list it was made from. */
export interface ContentPrint {
  fingerprint: string;
  /** The content fields, one per segment. */
  fields: readonly string[];
  /** How many of `fields` are built in (the rest come from `reviews.content`). */
  builtin: number;
}

/** The content print of an item under a workspace's `reviews.content`. */
export function contentPrintOf(
  item: Pick<Item, 'kind' | 'fields'>,
  extra: ExtraContentFields | undefined,
): ContentPrint {
  const fields = contentFieldsOf(item.kind, extra);
  return {
    fingerprint: fingerprint(item.fields, fields),
    fields,
    builtin: builtinContentFields[item.kind].length,
  };
}
