/**
 * The compact record of one file's analysis (core/cache/fileRecord.ts):
 * decode(encode(x)) deep-equals x, for random records (unicode, huge and
 * odd numbers, nested field values, findings with related information and
 * data) and for the analysis of real files; what cannot be stored exactly
 * is refused at encoding, and bytes that are not a record are refused at
 * decoding, never read as another analysis.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  BadRecord,
  decodeRecord,
  encodeRecord,
  NotEncodable,
  type FileRecord,
} from '../../../server/src/core/cache/fileRecord';
import { analyzeFile } from '../../../server/src/core/parse/analyzeFile';
import { fileKind } from '../../../server/src/core/parse/fileKind';
import { readDirectives } from '../../../server/src/core/suppress/directives';
import type { DocKind } from '../../../server/src/core/types';
import { lines } from '../helpers';

const count = fc.nat({ max: 2 ** 31 });
const position = fc.record({ line: count, character: count }, { noNullPrototype: true });
const range = fc.record({ start: position, end: position }, { noNullPrototype: true });
/** Any text, astral planes included, but no lone surrogate (records refuse those: see below). */
const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const id = fc.oneof(fc.constantFrom('REQ-1', 'ST-2', 'EPIC-é', '目标-1'), text);
/** What YAML and JSON give a field: numbers of every kind, nesting, a `__proto__` key. */
const value: fc.Arbitrary<unknown> = fc.letrec(tie => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      null,
      true,
      false,
      undefined,
      0,
      -0,
      NaN,
      Infinity,
      -Infinity,
      2 ** 53,
      -(2 ** 60),
      1e-300,
    ),
    fc.double(),
    fc.integer(),
    text,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(text, fc.constant('__proto__')), tie('value'), {
      maxKeys: 4,
      noNullPrototype: true,
    }),
  ),
})).value;
const related = fc.array(fc.record({ uri: text, range, message: text }, { noNullPrototype: true }), {
  minLength: 1,
  maxLength: 3,
});
const finding = fc.record(
  {
    code: fc.constantFrom('schema', 'yaml-syntax', 'duplicate-id', 'internal-error'),
    range,
    message: text,
    related,
    data: fc.dictionary(text, value, { maxKeys: 3, noNullPrototype: true }),
  },
  { noNullPrototype: true, requiredKeys: ['code', 'range', 'message'] },
);
const link = fc.record(
  { field: text, from: id, target: id, range, unread: fc.constant(true as const) },
  { noNullPrototype: true, requiredKeys: ['field', 'from', 'target', 'range'] },
);
const item = fc.record(
  {
    id,
    kind: fc.constantFrom('prd', 'requirement', 'story'),
    uri: text,
    idRange: range,
    range,
    fields: fc.dictionary(text, value, { maxKeys: 6, noNullPrototype: true }),
    fieldRanges: fc.dictionary(text, range, { maxKeys: 4, noNullPrototype: true }),
    keyRanges: fc.dictionary(text, range, { maxKeys: 4, noNullPrototype: true }),
    parent: id,
    links: fc.array(link, { maxLength: 4 }),
    unread: fc.array(text, { maxLength: 2 }),
  },
  {
    noNullPrototype: true,
    requiredKeys: ['id', 'kind', 'uri', 'idRange', 'range', 'fields', 'fieldRanges', 'keyRanges', 'links'],
  },
);
const directive = fc.record(
  {
    scope: fc.constantFrom('next-line', 'file'),
    codes: fc.array(fc.record({ code: text, range }, { noNullPrototype: true }), { maxLength: 3 }),
    reason: text,
    range,
    target: count,
  },
  { noNullPrototype: true, requiredKeys: ['scope', 'codes', 'range'] },
);
const record = fc.record(
  {
    index: fc.record(
      {
        uri: text,
        kind: fc.constantFrom('vision', 'roadmap', 'epic', 'prd', 'stories'),
        items: fc.array(item, { maxLength: 5 }),
        local: fc.array(finding, { maxLength: 5 }),
        unread: fc.record({ ids: fc.array(id), mentions: fc.array(id) }, { noNullPrototype: true }),
      },
      { noNullPrototype: true, requiredKeys: ['uri', 'kind', 'items', 'local'] },
    ),
    directives: fc.array(directive, { maxLength: 3 }),
  },
  { noNullPrototype: true },
) as fc.Arbitrary<FileRecord>;

function roundTrip(r: FileRecord): FileRecord {
  return decodeRecord(encodeRecord(r));
}

/** Every spec file of examples/, with its text. */
function exampleFiles(
  dir = path.resolve(__dirname, '../../../../examples'),
): { uri: string; text: string }[] {
  const out: { uri: string; text: string }[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...exampleFiles(p));
    else if (fileKind(p)) out.push({ uri: `file://${p}`, text: readFileSync(p, 'utf8') });
  }
  return out;
}

function recordOf(uri: string, text: string | Uint8Array): FileRecord {
  const { index, parsed } = analyzeFile(uri, fileKind(uri) as DocKind, text, { tree: true });
  return { index, directives: parsed ? readDirectives(parsed) : [] };
}

describe('cache: file records', () => {
  it('decode(encode(x)) deep-equals x for random records', () => {
    fc.assert(
      fc.property(record, r => {
        assert.deepStrictEqual(roundTrip(r), r);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps key order, -0, NaN and a __proto__ key exactly', () => {
    const fields = JSON.parse('{"z": 1, "__proto__": {"x": -1}, "a": [null, 1.5]}') as Record<
      string,
      unknown
    >;
    fields.minus = -0;
    fields.nan = NaN;
    const r = roundTrip({
      index: {
        uri: 'file:///w/a.prd.yaml',
        kind: 'prd',
        items: [
          {
            id: 'PRD-1',
            kind: 'prd',
            uri: 'file:///w/a.prd.yaml',
            idRange: { start: { line: 0, character: 4 }, end: { line: 0, character: 9 } },
            range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
            fields,
            fieldRanges: {},
            keyRanges: {},
            links: [],
          },
        ],
        local: [],
      },
      directives: [],
    });
    const got = r.index.items[0].fields;
    assert.deepEqual(Object.keys(got), ['z', '__proto__', 'a', 'minus', 'nan']);
    assert.equal(Object.getPrototypeOf(got), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(got, '__proto__')?.value, { x: -1 });
    assert.ok(Object.is(got.minus, -0));
    assert.ok(Number.isNaN(got.nan));
  });

  it('decode(encode(x)) deep-equals the analysis of every example file', () => {
    const files = exampleFiles();
    assert.equal(files.length, 14);
    for (const f of files) {
      const r = recordOf(f.uri, f.text);
      assert.deepStrictEqual(roundTrip(r), r, f.uri);
    }
  });

  it('decode(encode(x)) deep-equals the analysis of damaged, unicode and suppressed files', () => {
    const texts = [
      lines(
        'id: PRD-1',
        'title: Ünïcödé 🚀 标题',
        'requirements:',
        '  - id: REQ-1',
        '    title: [',
        'broken',
      ),
      lines(
        '# specwright-disable orphan -- parked',
        'id: PRD-1',
        'title: x',
        'status: nonsense',
        'epic: 12',
        'implemnts: [REQ-9]',
        'requirements:',
        '  # specwright-disable-next-line missing-acceptance',
        '  - id: REQ-1',
        '    title: Big',
        `    statement: ${'long '.repeat(5000)}`,
        '    priority: must',
        '  - id: REQ-1',
        '    title: Dup',
      ),
      lines('- not a mapping'),
      '',
    ];
    for (const t of texts) {
      const r = recordOf('file:///w/x.prd.yaml', t);
      assert.deepStrictEqual(roundTrip(r), r);
    }
    const bytes = recordOf('file:///w/x.prd.yaml', new Uint8Array([0, 1, 2, 0xff, 0xfe]));
    assert.deepStrictEqual(roundTrip(bytes), bytes);
  });

  it('refuses at encoding what it cannot store exactly', () => {
    const base = recordOf('file:///w/x.prd.yaml', lines('id: PRD-1', 'title: x'));
    const withField = (v: unknown): FileRecord => {
      const copy = structuredClone(base);
      copy.index.items[0].fields.odd = v;
      return copy;
    };
    const odd: [string, unknown][] = [
      ['lone surrogate', '\ud800'],
      ['date', new Date(0)],
      ['map', new Map()],
      ['bigint', 10n],
      ['null prototype', Object.create(null)],
      ['function', () => 1],
      ['hole', new Array<number>(2)],
    ];
    for (const [what, v] of odd) assert.throws(() => encodeRecord(withField(v)), NotEncodable, what);
  });

  it('refuses at decoding bytes that are not a record, cut or damaged', () => {
    const bytes = encodeRecord(recordOf('file:///w/x.prd.yaml', lines('id: PRD-1', 'title: x')));
    assert.throws(() => decodeRecord(new Uint8Array()), BadRecord);
    assert.throws(() => decodeRecord(new TextEncoder().encode('{"index": {}}')), BadRecord);
    for (let n = 0; n < bytes.length; n++) assert.throws(() => decodeRecord(bytes.subarray(0, n)), BadRecord);
    assert.throws(() => decodeRecord(Uint8Array.of(...bytes, 0)), BadRecord);
    // Flipped bytes decode to an error, or to some record: the cache file's checksum is what catches these.
    fc.assert(
      fc.property(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const copy = bytes.slice();
        copy[at] ^= x;
        try {
          decodeRecord(copy);
        } catch (err) {
          assert.ok(err instanceof BadRecord, String(err));
        }
      }),
    );
  });

  it('is compact: a range costs four varints, a repeated string one', () => {
    const big = recordOf(
      'file:///w/x.prd.yaml',
      lines(
        'id: PRD-1',
        'title: x',
        'requirements:',
        ...Array.from({ length: 200 }, (_, i) => [
          `  - id: REQ-${i}`,
          `    title: Requirement ${i}`,
          '    priority: must',
        ]).flat(),
      ),
    );
    const json = JSON.stringify(big).length;
    const bytes = encodeRecord(big).length;
    assert.ok(bytes * 4 < json, `${bytes} bytes against ${json} of JSON`);
  });
});
