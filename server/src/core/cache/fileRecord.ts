import type { Directive } from '../suppress/directives';
import { ByteReader, ByteWriter } from './bytes';
import type { FileIndex } from '../types';

/**
 * One file's analysis as the service keeps it between sessions: its
 * `FileIndex` (items, links, ranges, local findings, what a damaged file may
 * hide) and its suppression comments, which are read from the syntax tree
 * a cached file never gets.
 */
export interface FileRecord {
  index: FileIndex;
  directives: Directive[];
}

/** A value the record cannot hold exactly (a lone surrogate, a class instance): the file is not cached. */
export class NotEncodable extends Error {}

/** A record that does not decode (truncated, damaged, from another format): the file is analysed instead. */
export class BadRecord extends Error {}

/*
 * The encoding. A record is bytes: a header, a string table, a shape table
 * and one value. Every string is stored once per record (IDs, field names,
 * the URI, messages) and named by its number; every object by the number of
 * its shape (its keys, in order: an item's keys are stored once, not once per
 * item) and then its values; a range (the most common object by far) is four
 * unsigned varints instead of three objects. Numbers that are small
 * non-negative integers are varints, others float64. The value tags cover
 * what JSON and the YAML reader produce (undefined, null, booleans, numbers,
 * strings, arrays, plain objects); anything else is refused at encoding, so
 * decode(encode(x)) deep-equals x for every record that is stored.
 *
 *   record  = magic u8 (0x53), format u8, strings, shapes, value
 *   strings = count, utf16 length of each, utf8 byte length, utf8 bytes
 *   shapes  = count, (key count, string number of each key)*
 */

const magic = 0x53;
/** Bumped whenever the byte layout changes. */
export const recordFormat = 1;

const enum Tag {
  Undefined = 0,
  Null = 1,
  False = 2,
  True = 3,
  Uint = 4,
  NegInt = 5,
  Float = 6,
  String = 7,
  Array = 8,
  Object = 9,
  Range = 10,
  EmptyArray = 11,
}

/** In a `u` regular expression a surrogate pair is one code point: this matches lone surrogates only. */
const loneSurrogate = /[\ud800-\udfff]/u;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Encode one file's analysis; throws NotEncodable when a value cannot be stored exactly. */
export function encodeRecord(record: FileRecord): Uint8Array {
  return encodeValue(record);
}

/**
 * Encode any value of the kinds above (a file's record, the findings of a
 * scan: findingsSnapshot.ts); throws NotEncodable when it cannot be stored exactly.
 */
export function encodeValue(root: unknown): Uint8Array {
  const strings = new Map<string, number>();
  const shapes = new Map<string, number>();
  const shapeKeys: number[][] = [];
  const body = new ByteWriter();
  const str = (s: string): number => {
    let n = strings.get(s);
    if (n === undefined) {
      if (loneSurrogate.test(s)) throw new NotEncodable('a string holds a lone surrogate');
      n = strings.size;
      strings.set(s, n);
    }
    return n;
  };
  const value = (v: unknown, depth: number): void => {
    if (depth > 200) throw new NotEncodable('the value is nested too deeply');
    switch (typeof v) {
      case 'undefined':
        return body.byte(Tag.Undefined);
      case 'boolean':
        return body.byte(v ? Tag.True : Tag.False);
      case 'number':
        if (Number.isSafeInteger(v) && !Object.is(v, -0)) {
          body.byte(v >= 0 ? Tag.Uint : Tag.NegInt);
          return body.uint(Math.abs(v));
        }
        body.byte(Tag.Float);
        return body.float(v);
      case 'string':
        body.byte(Tag.String);
        return body.uint(str(v));
      case 'object':
        break;
      default:
        throw new NotEncodable(`a value of type ${typeof v}`);
    }
    if (v === null) return body.byte(Tag.Null);
    if (Array.isArray(v)) {
      if (v.length === 0) return body.byte(Tag.EmptyArray);
      body.byte(Tag.Array);
      body.uint(v.length);
      for (let i = 0; i < v.length; i++) {
        if (!(i in v)) throw new NotEncodable('an array with a hole');
        value(v[i], depth + 1);
      }
      return;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) throw new NotEncodable('an object that is not plain');
    if (proto === null) throw new NotEncodable('an object without a prototype');
    const range = asRange(v);
    if (range) {
      body.byte(Tag.Range);
      body.uint(range[0]);
      body.uint(range[1]);
      body.uint(range[2]);
      body.uint(range[3]);
      return;
    }
    const keys = Object.keys(v);
    if (Object.getOwnPropertySymbols(v).length) throw new NotEncodable('an object with symbol keys');
    const shapeId = JSON.stringify(keys); // unambiguous, whatever the keys hold
    let shape = shapes.get(shapeId);
    if (shape === undefined) {
      shape = shapes.size;
      shapes.set(shapeId, shape);
      shapeKeys.push(keys.map(str));
    }
    body.byte(Tag.Object);
    body.uint(shape);
    const obj = v as Record<string, unknown>;
    for (const k of keys) value(obj[k], depth + 1);
  };
  value(root, 0);

  const out = new ByteWriter();
  out.byte(magic);
  out.byte(recordFormat);
  const list = [...strings.keys()];
  out.uint(list.length);
  for (const s of list) out.uint(s.length);
  const utf8 = encoder.encode(list.join(''));
  out.uint(utf8.length);
  out.raw(utf8);
  out.uint(shapeKeys.length);
  for (const keys of shapeKeys) {
    out.uint(keys.length);
    for (const k of keys) out.uint(k);
  }
  out.raw(body.bytes.subarray(0, body.length));
  return out.result();
}

/** A plain `{start: {line, character}, end: {line, character}}` of non-negative integers, as four numbers. */
function asRange(v: object): [number, number, number, number] | undefined {
  const r = v as { start?: unknown; end?: unknown };
  if (!isPosition(r.start) || !isPosition(r.end)) return undefined;
  const keys = Object.keys(v);
  if (keys.length !== 2 || keys[0] !== 'start' || keys[1] !== 'end') return undefined;
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

function isPosition(v: unknown): v is { line: number; character: number } {
  if (typeof v !== 'object' || v === null || Object.getPrototypeOf(v) !== Object.prototype) return false;
  const keys = Object.keys(v);
  if (keys.length !== 2 || keys[0] !== 'line' || keys[1] !== 'character') return false;
  const p = v as { line: unknown; character: unknown };
  return isCount(p.line) && isCount(p.character);
}

const isCount = (n: unknown): n is number =>
  Number.isSafeInteger(n) && (n as number) >= 0 && !Object.is(n, -0);

/**
 * Decode a record. Throws BadRecord for bytes that are not one; a record
 * that decodes is the analysis that was encoded (the cache file around it
 * is checksummed, so damaged bytes never reach here as a record).
 */
export function decodeRecord(bytes: Uint8Array): FileRecord {
  const record = decodeValue(bytes);
  if (!isRecordShape(record)) throw new BadRecord('the value is not a file record');
  return record;
}

/** Decode what `encodeValue` wrote. Throws BadRecord for bytes that are not such a value. */
export function decodeValue(bytes: Uint8Array): unknown {
  const r = new ByteReader(bytes, message => new BadRecord(message));
  if (r.byte() !== magic || r.byte() !== recordFormat) throw new BadRecord('not a record of this format');
  const count = r.count();
  const lengths = new Array<number>(count);
  let total = 0;
  for (let i = 0; i < count; i++) total += lengths[i] = r.uint();
  let text: string;
  try {
    text = decoder.decode(r.raw(r.count()));
  } catch (err) {
    if (err instanceof BadRecord) throw err;
    throw new BadRecord('the string table is not UTF-8');
  }
  if (text.length !== total) throw new BadRecord('the string table does not match its lengths');
  const strings = new Array<string>(count);
  for (let i = 0, at = 0; i < count; at += lengths[i++]) strings[i] = text.slice(at, at + lengths[i]);
  const stringAt = (n: number): string => {
    if (n >= count) throw new BadRecord('a string number is out of range');
    return strings[n];
  };
  const shapeCount = r.count();
  const shapes = new Array<string[]>(shapeCount);
  for (let i = 0; i < shapeCount; i++) {
    const n = r.count();
    const keys = new Array<string>(n);
    for (let k = 0; k < n; k++) keys[k] = stringAt(r.uint());
    shapes[i] = keys;
  }
  const value = (depth: number): unknown => {
    if (depth > 200) throw new BadRecord('the value is nested too deeply');
    const tag = r.byte() as Tag;
    switch (tag) {
      case Tag.Undefined:
        return undefined;
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Uint:
        return r.uint();
      case Tag.NegInt:
        return -r.uint();
      case Tag.Float:
        return r.float();
      case Tag.String:
        return stringAt(r.uint());
      case Tag.EmptyArray:
        return [];
      case Tag.Array: {
        const n = r.count();
        const out = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = value(depth + 1);
        return out;
      }
      case Tag.Range:
        return {
          start: { line: r.uint(), character: r.uint() },
          end: { line: r.uint(), character: r.uint() },
        };
      case Tag.Object: {
        const n = r.uint();
        if (n >= shapeCount) throw new BadRecord('a shape number is out of range');
        const out: Record<string, unknown> = {};
        for (const k of shapes[n]) {
          // A YAML key `__proto__` is an own property, never the prototype.
          if (k === '__proto__')
            Object.defineProperty(out, k, {
              value: value(depth + 1),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else out[k] = value(depth + 1);
        }
        return out;
      }
      default:
        throw new BadRecord(`an unknown value tag ${String(tag)}`);
    }
  };
  const decoded = value(0);
  if (r.at !== bytes.length) throw new BadRecord('bytes follow the record');
  return decoded;
}

/** The outline of a FileRecord; the bytes' checksum vouches for the rest. */
function isRecordShape(v: unknown): v is FileRecord {
  if (typeof v !== 'object' || v === null) return false;
  const rec = v as { index?: unknown; directives?: unknown };
  if (!Array.isArray(rec.directives) || typeof rec.index !== 'object' || rec.index === null) return false;
  const index = rec.index as { uri?: unknown; kind?: unknown; items?: unknown; local?: unknown };
  return (
    typeof index.uri === 'string' &&
    typeof index.kind === 'string' &&
    Array.isArray(index.items) &&
    Array.isArray(index.local)
  );
}

/** `encodeValue`, or undefined when the value cannot be stored exactly (what is stored whole or not at all). */
export function encodeIfExact(value: unknown): Uint8Array | undefined {
  try {
    return encodeValue(value);
  } catch (err) {
    if (err instanceof NotEncodable) return undefined;
    throw err;
  }
}

/** `decodeValue`, or undefined when the bytes are not such a value. */
export function decodeIfValid(bytes: Uint8Array): unknown {
  try {
    return decodeValue(bytes);
  } catch (err) {
    if (err instanceof BadRecord) return undefined;
    throw err;
  }
}
