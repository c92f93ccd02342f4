/**
 * Hostile inputs against the core: each file, read from bytes (as from disk)
 * and from text (as an open document), is answered with a clear finding,
 * without a throw, an internal error, a hang or a change to its content.
 * The server's side of the same inputs: test/protocol/hostile*.test.ts.
 *
 * Their time budgets are measured by the benchmark (bench/hostile.ts); here
 * only a hang fails a test (see timing.ts).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { findCycles } from '../../../server/src/core/graph/cycles';
import { WorkspaceIndex } from '../../../server/src/core/graph/workspaceIndex';
import { SpecService } from '../../../server/src/core/service';
import type { Diagnostic, FileIndex, Item } from '../../../server/src/core/types';
import { findings, lines, span } from '../helpers';
import {
  assertExpected,
  bigCycle,
  bigPrd,
  conflictMarkers,
  conflicted,
  corpus,
  emojiFindings,
  emojiText,
  hugeScalar,
  tooLarge,
  yaml11,
  type Content,
} from './hostileCorpus';
import { withinHangGuard } from './timing';

const W = 'file:///w/';
const bytesOf = (c: Content): Uint8Array => (typeof c === 'string' ? new TextEncoder().encode(c) : c);
const digest = (c: Content): string => createHash('sha256').update(bytesOf(c)).digest('hex');

/** Apply one file to a fresh service without a throw or a hang (budget: 1 s); the content is left as it was. */
function answer(
  uri: string,
  content: Content,
  as: 'disk' | 'editor',
): { s: SpecService; diags: Diagnostic[] } {
  const before = digest(content);
  const s = new SpecService();
  const diags = withinHangGuard(1000, `${uri} (${as})`, () => {
    if (as === 'editor') s.openDocument(uri, content as string, 1);
    else s.apply([{ uri, bytes: bytesOf(content) }]);
    return s.diagnostics(uri);
  });
  assert.equal(digest(content), before, 'the content is unchanged');
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
  return { s, diags };
}

describe('reliability: hostile inputs (core)', () => {
  for (const h of corpus) {
    it(`${h.name}: from disk, a clear finding`, function () {
      this.timeout(120_000); // the hang guards inside are 20 s each
      const content = h.content(); // generating a 50 MiB file takes a while; it is not the core's time
      const { diags } = answer(W + h.name, content, 'disk');
      assertExpected(h, diags, `${h.name} from disk`);
    });
    if (!h.bytes) {
      it(`${h.name}: as an open document, a clear finding`, function () {
        this.timeout(120_000); // the hang guards inside are 20 s each
        const { s, diags } = answer(W + h.name, h.content(), 'editor');
        assertExpected(h, diags, `${h.name} as an open document`);
        assert.doesNotThrow(() => JSON.stringify(s.index.files.get(W + h.name)));
      });
    }
  }

  it('a 50 MiB scalar is refused by the same 8 MB limit from disk and as an open document, and the document still closes and reopens', function () {
    this.timeout(120_000); // the hang guards inside are 20 s each
    const uri = W + 'huge.epic.yaml';
    const text = hugeScalar();
    for (const as of ['disk', 'editor'] as const) {
      const { s, diags } = answer(uri, text, as);
      assert.deepEqual(
        diags.map(d => [d.code, span(d.range), d.message]),
        [['yaml-syntax', [0, 0, 0, 0], tooLarge(50)]],
      );
      assert.deepEqual(s.index.files.get(uri)?.items, []);
      if (as === 'editor') {
        // The tree kept for the document holds no YAML: no feature reads a 50 MiB document.
        assert.equal(s.tree(uri)?.parsed.doc, undefined);
        s.apply([{ uri, text: lines('id: EPIC-1', 'title: Small again', 'release: R-404') }]);
        assert.deepEqual(
          findings(s, uri).map(f => f.code),
          ['unresolved-link'],
        );
        assert.ok(s.tree(uri)?.parsed.doc);
      }
    }
  });

  it('5,000-deep nesting (flow lists, flow maps, block lists) gives the same findings with plenty of stack and with little left', () => {
    for (const h of corpus.filter(c => c.name.startsWith('deep-'))) {
      const text = h.content() as string;
      const deep = (n: number): Diagnostic[] =>
        n > 0 ? deep(n - 1) : answer(W + h.name, text, 'editor').diags;
      const roomy = deep(0);
      assert.equal(roomy.filter(d => d.code === 'yaml-syntax').length, 1, h.name);
      assert.deepStrictEqual(deep(4000), roomy, h.name);
    }
  });

  it("block nesting just under the parser's limit (1,000 levels) is cut at 100 and the rest read, even with little stack left", () => {
    for (const deepPart of [
      `${'- '.repeat(1000)}x`,
      Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n'),
    ]) {
      const text = lines('id: EPIC-1', 'title: T', 'x-deep:', deepPart, 'release: R-404');
      const deep = (n: number): Diagnostic[] =>
        n > 0 ? deep(n - 1) : answer(W + 'deep.epic.yaml', text, 'editor').diags;
      const roomy = deep(0);
      assert.ok(
        roomy.some(
          d =>
            d.code === 'yaml-syntax' &&
            /^the file is nested too deeply .*more than 100 levels/.test(d.message),
        ),
        JSON.stringify(roomy.map(d => d.message)),
      );
      assert.ok(
        roomy.some(
          d => d.code === 'unresolved-link' && d.message === 'R-404 is not defined in this workspace',
        ),
        'the rest of the file is read',
      );
      assert.deepStrictEqual(deep(3000), roomy);
    }
  });

  it('BOM, CRLF and emoji: ranges are exact in UTF-16 units, from UTF-8 and UTF-16 bytes with a BOM and from text with one', () => {
    const uri = W + 'emoji.prd.yaml';
    const expected = emojiFindings.map(([code, range, message]) => [code, range, message]);
    const inputs: [string, Content, 'disk' | 'editor'][] = [
      ['UTF-8 + BOM', new Uint8Array(Buffer.from('\ufeff' + emojiText, 'utf8')), 'disk'],
      ['UTF-16LE + BOM', new Uint8Array(Buffer.from('\ufeff' + emojiText, 'utf16le')), 'disk'],
      ['text + BOM', '\ufeff' + emojiText, 'editor'],
      ['text', emojiText, 'editor'],
    ];
    for (const [what, content, as] of inputs) {
      const { diags } = answer(uri, content, as);
      assert.deepEqual(
        diags.filter(d => d.code !== 'schema').map(d => [d.code, span(d.range), d.message]),
        expected,
        what,
      );
    }
    // On the first line, an editor text's BOM is a character of its own (a client that keeps it counts it too).
    const first = answer(uri, '\ufeffid: PRD-1\nrequirements: []\n', 'editor').s.index.definitions(
      'PRD-1',
    )[0];
    assert.deepEqual(span(first.idRange), [0, 5, 0, 10]);
    const fromDisk = answer(
      uri,
      new Uint8Array(Buffer.from('\ufeffid: PRD-1\nrequirements: []\n')),
      'disk',
    ).s.index.definitions('PRD-1')[0];
    assert.deepEqual(span(fromDisk.idRange), [0, 4, 0, 9]);
  });

  describe('git conflict markers', () => {
    const P = W + 'conflict.prd.yaml';
    const S = W + 'sprint.stories.yaml';
    const stories = lines(
      'id: IT-1',
      'title: Sprint',
      'stories:',
      '  - {id: ST-1, title: a, implements: [REQ-1, REQ-2]}',
    );
    const clean = lines(
      'id: PRD-1',
      'title: Checkout',
      'epic: EPIC-1',
      'requirements:',
      '  - {id: REQ-1, title: Saved cards, statement: s, priority: must}',
      '  - {id: REQ-2, title: One page, statement: s, priority: should}',
    );

    it('one yaml-syntax finding at the first marker; the first side is read, so other files are not flooded', () => {
      const s = new SpecService();
      s.apply([
        { uri: P, text: conflicted() },
        { uri: S, text: stories },
      ]);
      assert.deepEqual(
        findings(s, P, 'yaml-syntax').map(f => [f.range, f.message]),
        [[[4, 0, 4, 12], conflictMarkers]],
      );
      assert.deepEqual(
        findings(s, P)
          .filter(f => f.code !== 'yaml-syntax')
          .map(f => f.code),
        ['unresolved-link'],
      ); // EPIC-1 only
      assert.deepEqual(
        s.index.files.get(P)!.items.map(i => [i.id, i.fields.title, i.fields.priority]),
        [
          ['PRD-1', 'Checkout', undefined],
          ['REQ-1', 'Saved cards', 'must'],
          ['REQ-2', 'One page', 'should'],
        ],
      );
      assert.deepEqual(findings(s, S), []);
    });

    it('is read the same by an incremental update and by a fresh rebuild, and resolving the conflict clears the finding', () => {
      const s = new SpecService();
      s.apply([
        { uri: P, text: clean },
        { uri: S, text: stories },
      ]);
      const before = findings(s, S);
      s.apply([{ uri: P, text: conflicted() }]);
      const rebuilt = new SpecService();
      rebuilt.apply([
        { uri: P, text: conflicted() },
        { uri: S, text: stories },
      ]);
      for (const u of [P, S]) assert.deepStrictEqual(s.diagnostics(u), rebuilt.diagnostics(u));
      assert.deepEqual(findings(s, S), before);
      // Taking theirs: the marker finding goes, REQ-3 appears.
      const theirs = conflicted()
        .split('\n')
        .filter((l, i, all) => i < 4 || (i > all.indexOf('=======') && !l.startsWith('>>>>>>>')))
        .join('\n');
      s.apply([{ uri: P, text: theirs }]);
      assert.deepEqual(findings(s, P, 'yaml-syntax'), []);
      assert.equal(s.index.definitions('REQ-3').length, 1);
    });

    it('diff3 (with a base section), CRLF, several conflicts and an unterminated one', () => {
      const text =
        [
          'id: EPIC-1',
          '<<<<<<< ours',
          'title: Ours',
          '||||||| base',
          'title: Base',
          '=======',
          'title: Theirs',
          '>>>>>>> theirs',
          'release: R-1',
          '<<<<<<< ours',
          'status: done',
          '=======',
          'status: draft',
          '>>>>>>> theirs',
          '<<<<<<< HEAD',
          'owner: Lena',
          '=======',
          'owner: Bob',
        ].join('\r\n') + '\r\n';
      const s = new SpecService();
      s.apply([{ uri: W + 'd3.epic.yaml', text }]);
      assert.deepEqual(
        findings(s, W + 'd3.epic.yaml', 'yaml-syntax').map(f => f.range),
        [[1, 0, 1, 12]],
      );
      assert.deepEqual(s.index.definitions('EPIC-1')[0].fields, {
        id: 'EPIC-1',
        title: 'Ours',
        release: 'R-1',
        status: 'done',
        owner: 'Lena',
      });
      assert.deepEqual(span(s.index.definitions('EPIC-1')[0].fieldRanges.owner), [15, 7, 15, 11]);
    });
  });

  it('YAML 1.1 surprises are read as YAML 1.2 (core schema), with clear findings where a string or ID is expected', () => {
    const uri = W + 'yaml11.stories.yaml';
    const { s } = answer(uri, yaml11(), 'editor');
    const items = s.index.files.get(uri)!.items;
    assert.deepEqual(
      items.map(i => i.id),
      ['IT-1', 'ST-1', 'ST-3'],
      'id: 1.10 is the number 1.1, so no item',
    );
    assert.deepEqual(items[0].fields.title, 'no');
    assert.deepEqual(items[0].fields.start, '2026-01-05');
    assert.deepEqual(items[0].fields.end, 20260213);
    assert.deepEqual(items[1].fields.title, 'off');
    assert.deepEqual(items[1].fields.estimate, 755);
    assert.deepEqual(items[2].fields.title, null);
    assert.deepEqual(items[2].fields.estimate, '1_000');
    assert.deepEqual(items[2].fields.status, true);
    assert.deepEqual(
      findings(s, uri).map(f => [f.code, f.range, f.message]),
      [
        [
          'schema',
          [2, 9, 2, 11],
          '"NO" is not a valid ID (IDs look like REQ-101: a capital letter, capitals/digits/underscores, a dash, then letters, digits, dots or dashes)',
        ],
        ['schema', [4, 5, 4, 13], 'end must be a date written YYYY-MM-DD (got a number)'],
        ['unresolved-link', [8, 17, 8, 22], 'REQ-1 is not defined in this workspace'],
        ['schema', [10, 8, 10, 12], 'id must be an ID (got a number)'], // not an item, so its links are not links either
        ['schema', [14, 11, 14, 12], 'title must be a string (got nothing)'],
        ['unresolved-link', [15, 17, 15, 22], 'REQ-1 is not defined in this workspace'],
        ['schema', [16, 14, 16, 19], 'estimate must be a number (got a string)'],
        ['schema', [17, 12, 17, 16], 'status must be a string (got true)'],
      ],
    );
  });

  it('a self-link: depends_on itself is a one-item cycle, implements itself a link-kind finding, related to itself nothing', () => {
    const uri = W + 'self.epic.yaml';
    const { diags } = answer(
      uri,
      lines('id: EPIC-1', 'title: T', 'release: R-404', 'depends_on: [EPIC-1]', 'related: [EPIC-1]'),
      'editor',
    );
    assert.deepEqual(
      diags.map(d => [d.code, span(d.range), d.message, d.related?.length ?? 0]),
      [
        ['unresolved-link', [2, 9, 2, 14], 'R-404 is not defined in this workspace', 0],
        ['dependency-cycle', [3, 13, 3, 19], 'EPIC-1 depends on itself', 0],
      ],
    );
  });

  it('a 100,000-node dependency cycle: found without a stack overflow, with bounded messages and related lists', () => {
    const index = new WorkspaceIndex();
    const n = 100_000;
    const at = (line: number, character: number) => ({
      start: { line, character },
      end: { line, character: character + 8 },
    });
    for (let f = 0; f < 100; f++) {
      const uri = `${W}cycle/p${f}.prd.yaml`;
      const items: Item[] = [];
      for (let i = 0; i < n / 100; i++) {
        const k = f * (n / 100) + i;
        items.push({
          id: `REQ-${k}`,
          kind: 'requirement',
          uri,
          idRange: at(i, 10),
          range: at(i, 4),
          fields: {},
          fieldRanges: {},
          keyRanges: {},
          parent: `PRD-${f}`,
          links: [{ field: 'depends_on', from: `REQ-${k}`, target: `REQ-${(k + 1) % n}`, range: at(i, 70) }],
        });
      }
      index.set(uri, { uri, kind: 'prd', items, local: [] } satisfies FileIndex);
    }
    findCycles(index); // warm up
    // With almost no stack left, the same result: nothing recurses per node.
    const low = (depth: number): ReturnType<typeof findCycles> =>
      depth > 0 ? low(depth - 1) : findCycles(index);
    // Typically 0.5 s on one core (most of it allocating 100,000 findings); budget 2 s.
    const result = withinHangGuard(2000, 'findCycles', () => low(5000));
    const all = [...result.values()].flat() as { message: string; related?: unknown[] }[];
    assert.equal(all.length, n);
    assert.ok(all.every(f => f.message.length < 200 && (f.related?.length ?? 0) <= 3));
    assert.equal(
      all[0].message,
      'depends_on forms a cycle: REQ-0 → REQ-1 leads back to REQ-0 (100000 items in the cycle: REQ-0, REQ-1, REQ-2, REQ-3, REQ-4, …)',
    );
  });

  it('a 100,000-node cycle across 100 files, through the whole core: checked, then broken by one edit', function () {
    this.timeout(300_000);
    const files = bigCycle();
    const s = new SpecService();
    withinHangGuard(5000, 'the first apply', () =>
      s.apply([...files].map(([name, text]) => ({ uri: W + name, text }))),
    );
    const p0 = W + 'cycle/p000.prd.yaml';
    assert.equal(findings(s, p0, 'dependency-cycle').length, 1000);
    const p50 = W + 'cycle/p050.prd.yaml';
    const whole = files.get('cycle/p050.prd.yaml')!;
    const broken = whole.replace('depends_on: [REQ-50001]', 'depends_on: []');
    // Typically 0.6–1 s: re-reading the file, recomputing every cycle, re-checking 100 files; budget 3 s.
    const changed = withinHangGuard(3000, 'breaking the cycle', () => s.apply([{ uri: p50, text: broken }]));
    assert.ok(whole !== broken);
    assert.equal(changed.size, 100);
    assert.deepEqual(findings(s, p0, 'dependency-cycle'), []);
  });

  it('a 2 MB spec file, typed in: each edit is checked', function () {
    this.timeout(240_000);
    const uri = W + 'big.prd.yaml';
    const { text, requirements } = bigPrd();
    assert.ok(text.length >= 2 * 1024 * 1024 && requirements > 900);
    const s = new SpecService();
    s.openDocument(uri, text, 1);
    assert.equal(s.index.files.get(uri)!.items.length, requirements + 1);
    assert.deepEqual(
      findings(s, uri).filter(
        f => f.code === 'yaml-syntax' || f.code === 'schema' || f.code === 'internal-error',
      ),
      [],
    );
    let current = text;
    const edits: ((t: string) => string)[] = [
      t => t.replace('title: Checkout, end to end', 'title: Checkout, end to end!'), // warm-up
      t => t.replace('status: draft', 'status: done'),
      t => t.replace('  - id: REQ-500\n', '  - id: REQ-500\n    owner: Bob\n'),
      t => t.replace('depends_on: [REQ-700]', 'depends_on: [REQ-7000]'),
      t => t.replace('priority: must', 'priority: [must'),
      t => t.replace('priority: [must', 'priority: must'),
    ];
    let version = 1;
    edits.forEach((edit, i) => {
      const previous = current;
      current = edit(current);
      assert.notEqual(current, previous, `edit ${i} changes the text`);
      withinHangGuard(1000, `edit ${i}`, () => {
        s.apply([{ uri, text: current, version: ++version }]);
        s.diagnostics(uri);
      });
    });
    assert.ok(
      findings(s, uri).some(
        f =>
          f.code === 'unresolved-link' && f.message.startsWith('REQ-7000 is not defined in this workspace'),
      ),
    );
  });

  it('2,000 files deleted and 2,000 created in one batch (a checkout switch): one apply, as a rebuild gives', function () {
    this.timeout(240_000);
    const file = (dir: string, i: number) =>
      [
        `${W}${dir}/s${i}.stories.yaml`,
        lines(
          `id: IT-${dir}-${i}`,
          'title: T',
          'stories:',
          `  - {id: ST-${dir}-${i}, title: t, implements: [REQ-${i % 50}], depends_on: [ST-${dir}-${(i + 1) % 2000}]}`,
        ),
      ] as const;
    const prd = [
      W + 'p.prd.yaml',
      lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        ...Array.from({ length: 50 }, (_, i) => `  - {id: REQ-${i}, title: t, statement: s, priority: must}`),
      ),
    ] as const;
    const s = new SpecService();
    s.apply(
      [prd, ...Array.from({ length: 2000 }, (_, i) => file('a', i))].map(([uri, text]) => ({ uri, text })),
    );
    const next = Array.from({ length: 2000 }, (_, i) => file('b', i));
    const result = withinHangGuard(3000, 'the switch', () =>
      s.apply([
        ...Array.from({ length: 2000 }, (_, i) => ({ uri: file('a', i)[0], deleted: true as const })),
        ...next.map(([uri, text]) => ({ uri, text })),
      ]),
    );
    // The 4,000 files; not the PRD: none of its requirements is committed, so it reads no links to them.
    assert.equal(result.size, 4001);
    const rebuilt = new SpecService();
    rebuilt.apply([prd, ...next].map(([uri, text]) => ({ uri, text })));
    for (const uri of [prd[0], next[0][0], next[1999][0]])
      assert.deepStrictEqual(s.diagnostics(uri), rebuilt.diagnostics(uri));
    assert.equal(findings(s, next[0][0], 'dependency-cycle').length, 1);
  });
});
