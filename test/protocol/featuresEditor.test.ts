import * as assert from 'assert';
import type {
  CodeLens,
  CompletionList,
  FoldingRange,
  Hover,
  LocationLink,
  SelectionRange,
} from 'vscode-languageserver-protocol/node';
import { at, featureFiles, OpenDocument, pos, startOn, type Session } from './featureFixture';
import { range } from './tempWorkspace';

/** A selection range and its parents, innermost first, as [startLine, startChar, endLine, endChar]. */
function chain(s: SelectionRange | undefined): number[][] {
  const out: number[][] = [];
  for (let r = s; r; r = r.parent)
    out.push([r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character]);
  return out;
}

describe('protocol: code lens, folding, selection ranges, broken documents', () => {
  let s: Session;

  beforeEach(async () => {
    s = await startOn();
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  async function lensTitles(file: string): Promise<[number, number, string, number][]> {
    const uri = s.uri(file);
    const lenses = await s.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(
      lenses.every(l => l.command === undefined),
      'lenses come unresolved',
    );
    const out: [number, number, string, number][] = [];
    for (const lens of lenses) {
      const resolved = await s.client.request<CodeLens>('codeLens/resolve', lens);
      assert.deepStrictEqual([resolved.range, resolved.data], [lens.range, lens.data]);
      const [argUri, argPosition, locations] = resolved.command!.arguments as [string, unknown, unknown[]];
      assert.deepStrictEqual(
        [resolved.command!.command, argUri, argPosition],
        ['specwright.showReferences', uri, lens.range.start],
      );
      out.push([
        lens.range.start.line,
        lens.range.start.character,
        resolved.command!.title,
        locations.length,
      ]);
    }
    return out;
  }

  it('code lenses on requirements, PRDs, epics and releases, with titles on resolve', async () => {
    assert.deepStrictEqual(s.client.initializeResult.capabilities.codeLensProvider, {
      resolveProvider: true,
    });
    assert.deepStrictEqual(await lensTitles(featureFiles.prd), [
      // Both requirements are drafts: coverage counts committed ones only (graph/coverage.ts).
      [0, 4, 'no requirement committed yet · 0% of stories done', 3],
      [5, 8, 'implemented by 2 stories · 0 done', 2],
      [9, 8, 'implemented by 1 story · 0 done', 1],
    ]);
    assert.deepStrictEqual(await lensTitles(featureFiles.epic), [
      [0, 4, 'RICE 12.5 · 1 PRD · 0% of stories done', 1],
    ]);
    assert.deepStrictEqual(await lensTitles(featureFiles.roadmap), [
      [3, 8, '1 epic · 0% of stories done', 1],
      [7, 8, '0 epics · no stories yet', 0],
    ]);
    assert.deepStrictEqual(await lensTitles(featureFiles.stories), []);
  });

  it('code lens titles follow other files, and the client is asked to refresh them', async () => {
    const doc = new OpenDocument(s.client, s.uri(featureFiles.stories), s.ws.read(featureFiles.stories));
    await doc.published();
    const since = s.client.notifications.length;
    doc.set(doc.text.replace('    status: draft\n', '    status: done\n    acceptance_criteria: [Paid]\n'));
    await s.client.waitForNotification('workspace/codeLens/refresh', () => true, since);
    assert.deepStrictEqual((await lensTitles(featureFiles.prd))[1], [
      5,
      8,
      'implemented by 2 stories · 1 done',
      2,
    ]);
  });

  it('a lens whose item is gone stays unresolved', async () => {
    const lens: CodeLens = {
      range: range(0, 4, 0, 9),
      data: { uri: s.uri(featureFiles.prd), id: 'PRD-404' },
    };
    assert.deepStrictEqual(await s.client.request('codeLens/resolve', lens), lens);
    const garbage: CodeLens = { range: range(0, 0, 0, 0), data: 42 };
    assert.deepStrictEqual(await s.client.request('codeLens/resolve', garbage), garbage);
  });

  it('folding ranges: lists, entries and comment blocks of an open document', async () => {
    const doc = new OpenDocument(s.client, s.uri(featureFiles.stories), s.ws.read(featureFiles.stories));
    const folds = await s.client.request<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: { uri: doc.uri },
    });
    assert.deepStrictEqual(folds, [
      { startLine: 0, endLine: 1, kind: 'comment' }, // the two comment lines
      { startLine: 5, endLine: 15 }, // stories:
      { startLine: 6, endLine: 10 }, // - id: ST-1
      { startLine: 11, endLine: 15 }, // - id: ST-2
      { startLine: 13, endLine: 15 }, // implements:
    ]);
  });

  it('selection ranges: scalar → flow list → pair → item → list entry → list → pair → document', async () => {
    const doc = new OpenDocument(s.client, s.uri(featureFiles.stories), s.ws.read(featureFiles.stories));
    const ranges = await s.client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri: doc.uri },
      positions: [pos(9, 18), pos(14, 9)],
    });
    assert.deepStrictEqual(chain(ranges[0]), [
      [9, 17, 9, 22],
      [9, 16, 9, 23],
      [9, 4, 9, 23],
      [6, 4, 10, 17],
      [6, 2, 10, 17],
      [6, 2, 15, 13],
      [5, 0, 15, 13],
      [2, 0, 15, 13],
      [0, 0, 16, 0],
    ]);
    assert.deepStrictEqual(chain(ranges[1]), [
      [14, 8, 14, 13],
      [14, 6, 14, 13],
      [14, 6, 15, 13],
      [13, 4, 15, 13],
      [11, 4, 15, 13],
      [11, 2, 15, 13],
      [6, 2, 15, 13],
      [5, 0, 15, 13],
      [2, 0, 15, 13],
      [0, 0, 16, 0],
    ]);
  });

  it('a document with a syntax error elsewhere: features still work on what parsed', async () => {
    // Line 13: a second `title:` in ST-2, which YAML forbids.
    const text = s.ws
      .read(featureFiles.stories)
      .replace('    title: One-page checkout\n', '    title: One-page checkout\n    title: twice\n');
    const doc = new OpenDocument(s.client, s.uri(featureFiles.stories), text);
    const published = await doc.published();
    assert.deepStrictEqual(
      published.diagnostics.map(d => [d.code, d.range, d.message]),
      [['yaml-syntax', range(13, 4, 13, 5), 'Map keys must be unique']],
    );

    for (const [line, character] of [
      [9, 18],
      [16, 9],
    ]) {
      const hover = await s.client.request<Hover>('textDocument/hover', at(doc.uri, line, character));
      assert.match((hover.contents as { value: string }).value, /^\*\*Requirement REQ-1\*\* — Saved cards/);
    }
    const links = await s.client.request<LocationLink[]>('textDocument/definition', at(doc.uri, 8, 12));
    assert.deepStrictEqual(
      links.map(l => [l.targetUri, l.targetSelectionRange]),
      [[s.uri(featureFiles.vision), range(7, 8, 7, 17)]],
    );
    const { items } = await s.client.request<CompletionList>('textDocument/completion', at(doc.uri, 10, 14));
    assert.ok(
      items.some(i => i.label === 'in-progress'),
      JSON.stringify(items.map(i => i.label)),
    );
    const folds = await s.client.request<FoldingRange[]>('textDocument/foldingRange', {
      textDocument: { uri: doc.uri },
    });
    assert.deepStrictEqual(folds.slice(0, 2), [
      { startLine: 0, endLine: 1, kind: 'comment' },
      { startLine: 5, endLine: 16 },
    ]);
  });
});
