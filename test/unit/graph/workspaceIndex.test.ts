/**
 * The index's lists (definitions, incoming links, contained items) after any
 * sequence of adds, replacements and removals equal a naive recomputation from
 * the files it holds: same entries, same order (URI, then position, then the
 * order within the file) — the order findings' related information and
 * references are reported in.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { WorkspaceIndex, type IncomingLink } from '../../../server/src/core/graph/workspaceIndex';
import { linkFields, rollupLink } from '../../../server/src/core/model';
import { keptStoriesUnder, storiesUnder } from '../../../server/src/core/graph/progress';
import { closestMatches } from '../../../server/src/core/text/closest';
import type { FileIndex, Item, ItemKind, Link, Range } from '../../../server/src/core/types';

const uris = [
  'file:///w/a.stories.yaml',
  'file:///w/b.stories.yaml',
  'file:///w/b.stories.yaml2',
  'file:///w/c/d.prd.yaml',
  'file:///w/e.epic.yaml',
  'file:///x.prd.yaml',
];
const ids = ['P-1', 'G-1', 'R-1', 'EPIC-1', 'REQ-1', 'REQ-2', 'ST-1', 'ST-2'];
const kinds: ItemKind[] = ['persona', 'goal', 'release', 'epic', 'prd', 'requirement', 'story', 'iteration'];
const fields = ['implements', 'as_a', 'epic', 'release', 'depends_on', 'goals'];

/** Positions from a small grid, so that several entries share a line, or a line and character. */
const at = fc.record({ line: fc.nat(4), character: fc.nat(2) });
const range = at.map((start): Range => ({
  start,
  end: { line: start.line, character: start.character + 3 },
}));
const link = fc.record({ field: fc.constantFrom(...fields), target: fc.constantFrom(...ids), range });
const item = fc.record({
  id: fc.constantFrom(...ids),
  kind: fc.constantFrom(...kinds),
  idRange: range,
  parent: fc.option(fc.constantFrom(...ids), { nil: undefined }),
  links: fc.array(link, { maxLength: 4 }),
});
const fileAt = (uri: string) =>
  fc.array(item, { maxLength: 5 }).map((raw): FileIndex => ({
    uri,
    kind: 'stories',
    local: [],
    items: raw.map(r => {
      const it: Item = {
        id: r.id,
        kind: r.kind,
        uri,
        idRange: r.idRange,
        range: r.idRange,
        fields: {},
        fieldRanges: {},
        keyRanges: {},
        links: [],
      };
      if (r.parent !== undefined) it.parent = r.parent;
      it.links = r.links.map((l): Link => ({ ...l, from: r.id }));
      return it;
    }),
  }));
type Op = { uri: string; file?: FileIndex };
const op = fc
  .constantFrom(...uris)
  .chain(uri => fc.option(fileAt(uri), { nil: undefined, freq: 4 }).map((file): Op => ({ uri, file })));

const byPlace = (uriA: string, a: Range, uriB: string, b: Range): number =>
  (uriA < uriB ? -1 : uriA > uriB ? 1 : 0) ||
  a.start.line - b.start.line ||
  a.start.character - b.start.character;

/** What the index should answer, from its files alone (Array.prototype.sort is stable: ties keep file order). */
function naive(files: Iterable<FileIndex>) {
  const defs = new Map<string, Item[]>();
  const incoming = new Map<string, IncomingLink[]>();
  const contained = new Map<string, Item[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const l = m.get(k);
    if (l) l.push(v);
    else m.set(k, [v]);
  };
  for (const f of files) {
    for (const i of f.items) {
      push(defs, i.id, i);
      if (i.parent) push(contained, i.parent, i);
      for (const l of i.links) push(incoming, l.target, { ...l, uri: f.uri, holder: i });
    }
  }
  for (const l of defs.values()) l.sort((a, b) => byPlace(a.uri, a.idRange, b.uri, b.idRange));
  for (const l of contained.values()) l.sort((a, b) => byPlace(a.uri, a.idRange, b.uri, b.idRange));
  for (const l of incoming.values()) l.sort((a, b) => byPlace(a.uri, a.range, b.uri, b.range));
  return { defs, incoming, contained };
}

function assertMatches(index: WorkspaceIndex): void {
  const want = naive(index.files.values());
  assert.deepEqual(new Set(index.ids()), new Set(want.defs.keys()));
  for (const id of [...ids, 'NONE-1']) {
    assert.deepEqual(index.definitions(id), want.defs.get(id) ?? [], `definitions(${id})`);
    assert.deepEqual(index.containedIn(id), want.contained.get(id) ?? [], `containedIn(${id})`);
    const got = index.incoming(id);
    const expected = want.incoming.get(id) ?? [];
    assert.deepEqual(got, expected, `incoming(${id})`);
    // The holders are the indexed items themselves, not copies.
    got.forEach((l, i) => assert.equal(l.holder, expected[i].holder));
    // Roll-up children, as stated: contained requirements and stories, then the holders of
    // roll-up links whose field accepts a kind the ID is defined as (any, when undefined); each once.
    const kindsOfId = (want.defs.get(id) ?? []).map(d => d.kind);
    const kids: Item[] = [];
    for (const c of want.contained.get(id) ?? [])
      if (c.kind === 'requirement' || c.kind === 'story') if (!kids.includes(c)) kids.push(c);
    for (const l of expected) {
      const accepted = linkFields[l.holder.kind][l.field]?.targets;
      const accepts = !accepted || kindsOfId.length === 0 || kindsOfId.some(k => accepted.includes(k));
      if (rollupLink[l.holder.kind] === l.field && accepts && !kids.includes(l.holder)) kids.push(l.holder);
    }
    assert.deepEqual(index.children(id), kids, `children(${id})`);
    // The roll-up the index keeps between changes is the walk's, item for item (the same objects).
    const kept = keptStoriesUnder(index, id);
    const walked = storiesUnder(index, id);
    assert.equal(kept.length, walked.length, `storiesUnder(${id})`);
    kept.forEach((s, i) => assert.equal(s, walked[i], `storiesUnder(${id})[${i}]`));
  }
  // Suggestions come from candidates the index keeps between calls: they must follow every change.
  for (const filter of [undefined, ['story'], ['requirement', 'prd'], []] as (ItemKind[] | undefined)[]) {
    const candidates = [...want.defs].filter(([, d]) => !filter || d.some(i => filter.includes(i.kind)));
    for (const typo of ['REQ-3', 'req-1', 'ST-12', 'EPIC-2', 'P-2'])
      for (const limit of [3, 1, 10])
        assert.deepEqual(
          index.closestIds(typo, filter, limit),
          closestMatches(
            typo,
            candidates.map(([id]) => id),
            limit,
          ),
          `closestIds(${typo}, ${filter?.join(',') ?? 'any kind'}, ${limit})`,
        );
  }
}

describe('graph: workspace index lists', () => {
  it('equal a naive recomputation after every add, replacement and removal', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), ops => {
        const index = new WorkspaceIndex();
        for (const { uri, file } of ops) {
          index.set(uri, file);
          assertMatches(index);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keep many holders of one hot ID in URI order when files in the middle are replaced and removed', () => {
    const index = new WorkspaceIndex();
    const fileOf = (n: number, links: number): FileIndex => {
      const uri = `file:///w/s${String(n).padStart(4, '0')}.stories.yaml`;
      const range = (line: number): Range => ({
        start: { line, character: 8 },
        end: { line, character: 11 },
      });
      const holder: Item = {
        id: `ST-${n}`,
        kind: 'story',
        uri,
        idRange: range(0),
        range: range(0),
        fields: {},
        fieldRanges: {},
        keyRanges: {},
        links: [],
      };
      for (let k = 0; k < links; k++)
        holder.links.push({ field: 'as_a', from: holder.id, target: 'P-1', range: range(k + 1) });
      return { uri, kind: 'stories', local: [], items: [holder] };
    };
    // Added out of order, so most inserts land in the middle of the list.
    for (const n of Array.from({ length: 600 }, (_, i) => (i * 337) % 600))
      index.set(fileOf(n, 1).uri, fileOf(n, 1));
    for (let n = 0; n < 600; n += 7) index.set(fileOf(n, 1).uri, n % 2 ? undefined : fileOf(n, 3));
    const want = naive(index.files.values()).incoming.get('P-1')!;
    assert.deepEqual(index.incoming('P-1'), want);
    assert.equal(want.length, 600 - 86 + 43 * 3); // 43 removed, 43 now with three links
    for (const f of [...index.files.values()]) index.set(f.uri, undefined);
    assert.deepEqual(index.incoming('P-1'), []);
    assert.deepEqual([...index.ids()], []);
  });
});
