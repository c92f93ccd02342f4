/**
 * Opening documents costs what it must and no more: a document whose text the
 * scan has read is not analysed again and re-checks no other file, documents
 * opened together are checked in one pass, their syntax trees are built when a
 * feature first asks — while every result stays what a full rebuild gives.
 */
import * as assert from 'node:assert/strict';
import { SpecService } from '../../server/src/core/service';
import { lines, workspace } from './helpers';
import { MemoryWorkspace } from './memoryWorkspace';

const ROOT = 'file:///w';
const VISION = 'file:///w/product.vision.yaml';
const ROADMAP = 'file:///w/product.roadmap.yaml';
const PRD = 'file:///w/prds/a.prd.yaml';
const storiesUri = (i: number) => `file:///w/it/${i}.stories.yaml`;

/** A small workspace where every iteration links to the same persona and release (hot IDs), and stories implement REQ-1. */
function files(iterations = 5): Map<string, string> {
  const out = new Map<string, string>([
    [
      VISION,
      lines(
        'id: V-1',
        'product: Shop',
        'statement: s',
        'personas:',
        '  - {id: P-1, name: Pat}',
        'goals:',
        '  - {id: G-1, title: Grow}',
      ),
    ],
    [
      ROADMAP,
      lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - {id: R-1, title: One, horizon: now, status: in-progress, end: 2025-03-31}',
      ),
    ],
    [
      PRD,
      lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-404',
        'requirements:',
        '  - {id: REQ-1, title: Pay, statement: s, priority: must, status: approved}',
      ),
    ],
  ]);
  for (let i = 1; i <= iterations; i++) {
    out.set(
      storiesUri(i),
      lines(
        `id: IT-${i}`,
        'title: Sprint',
        'release: R-1',
        'stories:',
        `  - {id: ST-${i}, title: t, as_a: P-1, implements: [REQ-1]}`,
      ),
    );
  }
  return out;
}

async function scanned(texts: Map<string, string>): Promise<SpecService> {
  const s = new SpecService(new MemoryWorkspace(new Map(texts)));
  await s.scan([ROOT]);
  return s;
}

/** Every file's diagnostics equal those of a service given the same texts at once. */
function assertRebuilt(s: SpecService, texts: Map<string, string>): void {
  const rebuilt = workspace(Object.fromEntries(texts));
  for (const uri of new Set([...texts.keys(), ...s.uris()]))
    assert.deepStrictEqual(s.diagnostics(uri), rebuilt.diagnostics(uri), uri);
}

/** Count the cross-file re-checks of each file while `fn` runs. */
function countRechecks(fn: () => void): Map<string, number> {
  const proto = SpecService.prototype as unknown as { recheck: (this: SpecService, uri: string) => void };
  const original = proto.recheck;
  const counts = new Map<string, number>();
  proto.recheck = function (uri: string) {
    counts.set(uri, (counts.get(uri) ?? 0) + 1);
    original.call(this, uri);
  };
  try {
    fn();
  } finally {
    proto.recheck = original;
  }
  return counts;
}

describe('opening documents', () => {
  it('a document with the text the scan read is not analysed again, and no other file is re-checked', async () => {
    const texts = files();
    const s = await scanned(texts);
    const indexed = s.index.files.get(storiesUri(1));
    const before = s.diagnostics(storiesUri(1));
    let affected: Set<string> | undefined;
    const rechecks = countRechecks(() => {
      affected = s.openDocument(storiesUri(1), texts.get(storiesUri(1))!, 1);
    });
    assert.deepEqual([...affected!], [storiesUri(1)], 'published again, under its version');
    assert.equal(rechecks.size, 0);
    assert.equal(s.index.files.get(storiesUri(1)), indexed, 'the index entry is the one the scan made');
    assert.deepStrictEqual(s.diagnostics(storiesUri(1)), before);
    assert.equal(s.tree(storiesUri(1))?.parsed.text, texts.get(storiesUri(1)));
    assert.equal(s.tree(storiesUri(1))?.version, 1);
  });

  it('the same text again: nothing with the same version, only that document with a new one', async () => {
    const texts = files();
    const s = await scanned(texts);
    const text = texts.get(PRD)!;
    s.openDocument(PRD, text, 1);
    assert.deepEqual([...s.openDocuments([{ uri: PRD, text, version: 1 }])], []);
    assert.deepEqual([...s.openDocuments([{ uri: PRD, text, version: 2 }])], [PRD]);
    assert.equal(s.tree(PRD)?.version, 2);
  });

  it('a document whose text differs from the disk is analysed, and the files it affects are re-checked', async () => {
    const texts = files();
    const s = await scanned(texts);
    const edited = texts.get(PRD)!.replace('status: approved', 'status: draft');
    const affected = s.openDocument(PRD, edited, 1);
    texts.set(PRD, edited);
    assert.ok(affected.has(PRD));
    assertRebuilt(s, texts);
  });

  it('documents opened together are checked in one pass: each file once', async () => {
    const texts = files();
    const s = new SpecService(new MemoryWorkspace(new Map(texts)));
    // Opened before any scan, so every one is analysed and its IDs are new to the others.
    const rechecks = countRechecks(() =>
      s.openDocuments([...texts].map(([uri, text]) => ({ uri, text, version: 1 }))),
    );
    assert.deepEqual(
      [...rechecks.values()].filter(n => n !== 1),
      [],
    );
    assert.equal(rechecks.size, texts.size);
    assertRebuilt(s, texts);
    // The scan then reads none of them: the editor's text counts.
    await s.scan([ROOT]);
    assertRebuilt(s, texts);
  });

  it("a document opened before the scan reached it keeps the editor's text after the scan", async () => {
    const texts = files();
    const disk = new MemoryWorkspace(new Map(texts));
    const s = new SpecService(disk);
    const editor = texts.get(storiesUri(2))!.replace('implements: [REQ-1]', 'implements: [REQ-404]');
    s.openDocument(storiesUri(2), editor, 3);
    await s.scan([ROOT]);
    assert.ok(!disk.reads.includes(storiesUri(2)), 'the open document is not read from disk');
    texts.set(storiesUri(2), editor);
    assertRebuilt(s, texts);
    assert.deepEqual(
      s.diagnostics(storiesUri(2)).map(d => d.code),
      ['unresolved-link'],
    );
  });

  it('builds a syntax tree when a feature first asks, and keeps it while the document is edited', async () => {
    const texts = files();
    const s = await scanned(texts);
    const uri = storiesUri(1);
    s.openDocument(uri, texts.get(uri)!, 1);
    const tree = s.tree(uri)!.parsed;
    assert.equal(s.tree(uri)!.parsed, tree, 'built once');
    const edited = texts.get(uri)!.replace('title: Sprint', 'title: Sprint 2');
    s.openDocument(uri, edited, 2);
    assert.equal(s.tree(uri)?.parsed.text, edited);
    assert.equal(s.tree(uri)?.version, 2);
    s.closeDocument(uri);
    assert.equal(s.tree(uri), undefined);
  });

  it('a text the size limit refuses gets the same empty tree, built when asked for', () => {
    const s = new SpecService();
    const uri = storiesUri(1);
    s.openDocument(uri, 'id: IT-1\0', 1);
    assert.equal(s.tree(uri)?.parsed.doc, undefined);
    assert.equal(s.tree(uri)?.parsed.text, 'id: IT-1\0');
  });

  it('a changed team schema makes the next scan analyse unchanged files again', async () => {
    const texts = files();
    const disk = new MemoryWorkspace(new Map(texts));
    const s = new SpecService(disk);
    await s.scan([ROOT]);
    assert.deepEqual(
      s.diagnostics(PRD).filter(d => d.code === 'schema'),
      [],
    );
    disk.set('file:///w/.specwright.yaml', lines('schemas:', '  prd: ./prd.schema.json'));
    disk.set(
      'file:///w/prd.schema.json',
      JSON.stringify({
        type: 'object',
        required: ['compliance_review'],
        properties: { compliance_review: { type: 'string' } },
      }),
    );
    await s.scan([ROOT]);
    assert.deepEqual(
      s
        .diagnostics(PRD)
        .filter(d => d.code === 'schema')
        .map(d => d.message),
      ['PRD is missing "compliance_review"'],
    );
  });
});
