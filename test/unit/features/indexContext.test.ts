/**
 * Hover reads an item's own keys and values from the index (indexContext.ts)
 * so that a first hover in a file does not build the file's syntax tree.
 * Wherever the index answers, the answer must be the tree's: compared at
 * every position of the example workspace's documents and of documents
 * written to trip it (flow maps, quotes, anchors and aliases, block scalars,
 * CRLF, a syntax error, a team schema's key).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hover } from '../../../server/src/core/features/hover';
import { indexContext } from '../../../server/src/core/features/indexContext';
import { yamlContext } from '../../../server/src/core/features/yamlContext';
import { fileKind } from '../../../server/src/core/parse/fileKind';
import { SpecService } from '../../../server/src/core/service';
import type { WorkspaceView } from '../../../server/src/core/workspaceView';
import { lines } from '../helpers';

const examples = path.join(__dirname, '../../../../examples');

function exampleDocs(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (fileKind(p))
        out['file:///w/' + path.relative(examples, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(examples);
  return out;
}

const tricky: Record<string, string> = {
  'file:///t/flow.prd.yaml': lines(
    'id: PRD-F',
    'title: Flow',
    'status: draft',
    'requirements:',
    '  - {id: REQ-F1, title: t, statement: s, priority: must, status: approved}',
    '  - id: REQ-F2',
    '    title: "quoted title"',
    "    'priority': should",
    '    status: "done"',
    '    statement: >',
    '      folded',
    '    acceptance_criteria: [one, two]',
    '    rice: {reach: 1}',
  ),
  'file:///t/alias.prd.yaml': lines(
    'id: PRD-A',
    'title: &t Aliased',
    'x-note: *t',
    'requirements:',
    '  - &r',
    '    id: REQ-A1',
    '    title: t',
    '    statement: s',
    '    priority: must',
  ),
  'file:///t/crlf.epic.yaml': 'id: EPIC-C\r\ntitle: Crlf\r\nstatus: in-progress\r\npriority: could\r\n',
  'file:///t/broken.prd.yaml': lines('id: PRD-B', 'title: Broken', 'status: [draft', 'priority: must'),
  // `rice` takes a map: a word there is a key being typed (the text reading says so).
  'file:///t/mapvalue.epic.yaml': lines('id: EPIC-M', 'title: M', 'rice: reach', 'release: R-9'),
  'file:///t/flowdoc.epic.yaml': '{id: EPIC-F, title: Flow doc, status: done}\n',
  'file:///t/comments.stories.yaml': lines(
    '# iteration',
    'id: IT-C # the sprint',
    'title: C',
    'stories:',
    '  - id: ST-C1 # first',
    '    title: s',
    '    status: done   # shipped',
    '    estimate: 3',
    '    custom-field: later',
  ),
};

/** The same view, with no editor text: hover can only read the tree. */
function treeOnly(service: SpecService): WorkspaceView {
  return Object.create(service, { openText: { value: () => undefined } }) as WorkspaceView;
}

/** Every position of every open document where the index answers, each checked against the tree. */
function compareEverywhere(docs: Record<string, string>): number {
  const service = new SpecService();
  service.openDocuments(Object.entries(docs).map(([uri, text]) => ({ uri, text, version: 1 })));
  const tree = treeOnly(service);
  let answered = 0;
  for (const [uri, text] of Object.entries(docs)) {
    const kind = fileKind(uri)!;
    const file = service.index.files.get(uri)!;
    const rows = text.split(/\r?\n|\r/);
    for (let line = 0; line < rows.length; line++)
      for (let character = 0; character <= rows[line].length; character++) {
        const position = { line, character };
        const quick = indexContext(text, kind, file, position);
        if (!quick) continue;
        answered++;
        const at = `${uri}:${line + 1}:${character + 1}`;
        const ctx = yamlContext(service, uri, position);
        assert.ok(ctx, `${at}: the tree has no context where the index has ${quick.place}`);
        assert.equal(ctx.place, quick.place, at);
        assert.equal(ctx.source, 'tree', at);
        assert.equal(ctx.word, quick.word, at);
        assert.deepEqual(ctx.wordRange, quick.wordRange, at);
        assert.deepEqual(
          ctx.path.map(s => (typeof s === 'number' ? 0 : s)),
          quick.schemaPath,
          at,
        );
        assert.deepEqual(hover(service, uri, position), hover(tree, uri, position), at);
      }
  }
  return answered;
}

describe('feature: keys and values read from the index', () => {
  it("answers as the tree does at every position of the example workspace's documents", () => {
    const docs = exampleDocs();
    assert.ok(Object.keys(docs).length >= 10);
    // Most keys and enum values of the examples are answered from the index.
    assert.ok(compareEverywhere(docs) > 2000);
  });

  it('answers as the tree does, or not at all, in documents written to trip it', () => {
    compareEverywhere(tricky);
  });

  it('leaves to the tree what it cannot tell: flow maps, quotes, aliases, syntax errors, block scalars', () => {
    const service = new SpecService();
    service.openDocuments(Object.entries(tricky).map(([uri, text]) => ({ uri, text, version: 1 })));
    const quick = (uri: string, line: number, character: number) =>
      indexContext(tricky[uri], fileKind(uri)!, service.index.files.get(uri)!, { line, character });
    const flow = 'file:///t/flow.prd.yaml';
    assert.deepEqual(quick(flow, 2, 1), {
      place: 'key',
      schemaPath: ['status'],
      word: 'status',
      wordRange: { start: { line: 2, character: 0 }, end: { line: 2, character: 6 } },
    });
    assert.deepEqual(quick(flow, 2, 10), {
      place: 'value',
      schemaPath: ['status'],
      word: 'draft',
      wordRange: { start: { line: 2, character: 8 }, end: { line: 2, character: 13 } },
    });
    assert.equal(quick(flow, 4, 52), undefined, 'a key of a flow map');
    assert.deepEqual(quick(flow, 5, 5)?.schemaPath, ['requirements', 0, 'id']);
    assert.equal(quick(flow, 7, 6), undefined, 'a quoted key');
    assert.equal(quick(flow, 8, 14), undefined, 'a quoted value');
    assert.equal(quick(flow, 9, 18), undefined, 'a folded scalar');
    assert.equal(quick(flow, 11, 27), undefined, 'inside a flow list');
    assert.equal(quick('file:///t/alias.prd.yaml', 1, 2), undefined, 'a document with an anchor');
    assert.equal(quick('file:///t/mapvalue.epic.yaml', 2, 8), undefined, 'a word where a map belongs');
    assert.equal(quick('file:///t/mapvalue.epic.yaml', 3, 10), undefined, 'an ID in a link field');
    assert.equal(quick('file:///t/mapvalue.epic.yaml', 3, 2)?.place, 'key');
    assert.equal(quick('file:///t/broken.prd.yaml', 3, 2), undefined, 'a document with a syntax error');
    assert.equal(quick('file:///t/flowdoc.epic.yaml', 0, 16), undefined, 'a document in flow style');
    assert.deepEqual(quick('file:///t/crlf.epic.yaml', 3, 12)?.word, 'could');
    assert.deepEqual(quick('file:///t/comments.stories.yaml', 6, 12)?.word, 'done');
  });

  it('hovers a key of a document no feature has read without building its syntax tree', () => {
    const service = new SpecService();
    const uri = 'file:///t/crlf.epic.yaml';
    service.openDocuments([{ uri, text: tricky[uri], version: 1 }]);
    const noTree = Object.create(service, {
      tree: {
        value: () => {
          throw new Error('the syntax tree was asked for');
        },
      },
    }) as WorkspaceView;
    const h = hover(noTree, uri, { line: 3, character: 2 });
    assert.match(h?.contents.value ?? '', /^\*\*priority\*\*/);
    assert.deepEqual(
      hover(noTree, uri, { line: 2, character: 10 }),
      hover(service, uri, { line: 2, character: 10 }),
    );
  });
});
