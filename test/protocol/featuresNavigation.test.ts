import * as assert from 'assert';
import type { DocumentHighlight, Hover, Location, LocationLink } from 'vscode-languageserver-protocol/node';
import { at, featureFiles, OpenDocument, startOn, type Session } from './featureFixture';
import { range } from './tempWorkspace';

/** What hovering REQ-1 shows, wherever it is written (its definition or a link). */
function req1Card(prdUri: string): string {
  return [
    '**Requirement REQ-1** — Saved cards',
    '',
    'status `draft` · priority `must`',
    '',
    'Upstream:',
    '- PRD `PRD-1` Express checkout',
    '- Epic `EPIC-1` Express checkout',
    '- Release `R-1` Checkout that converts',
    '- Goal `G-CONV` Checkout conversion',
    '',
    'stories 0/2 done',
    '',
    `[checkout.prd.yaml:6](${prdUri}#L6)`,
  ].join('\n');
}

describe('protocol: hover, definition, references, highlights', () => {
  let s: Session;
  let prd: string;
  let stories: string;

  beforeEach(async () => {
    s = await startOn();
    prd = s.uri(featureFiles.prd);
    stories = s.uri(featureFiles.stories);
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  describe('hover', () => {
    it('on an ID in a closed file: its definition and a link to it show the same card', async () => {
      const onDefinition = await s.client.request<Hover>('textDocument/hover', at(prd, 5, 10));
      assert.deepStrictEqual(onDefinition, {
        contents: { kind: 'markdown', value: req1Card(prd) },
        range: range(5, 8, 5, 13),
      });
      const onLink = await s.client.request<Hover>('textDocument/hover', at(stories, 9, 18));
      assert.deepStrictEqual(onLink, {
        contents: { kind: 'markdown', value: req1Card(prd) },
        range: range(9, 17, 9, 22),
      });
    });

    it('on an ID in an open file, on a key, on an enum value', async () => {
      const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
      await doc.published();
      // A link in block style (line 15: `      - REQ-1`).
      assert.deepStrictEqual(await s.client.request<Hover>('textDocument/hover', at(stories, 15, 8)), {
        contents: { kind: 'markdown', value: req1Card(prd) },
        range: range(15, 8, 15, 13),
      });
      assert.deepStrictEqual(await s.client.request<Hover>('textDocument/hover', at(stories, 7, 6)), {
        contents: {
          kind: 'markdown',
          value:
            '**title** (required)\n\nA short, human-readable name for the story, shown in outlines, hovers and reports.',
        },
        range: range(7, 4, 7, 9),
      });
      assert.deepStrictEqual(await s.client.request<Hover>('textDocument/hover', at(stories, 10, 14)), {
        contents: {
          kind: 'markdown',
          value:
            '**status: `draft`** (the default)\n\nBeing written; not ready for review yet. This is the default when no status is given.',
        },
        range: range(10, 12, 10, 17),
      });
    });

    it('on an unresolved ID: not defined, and the closest IDs of the kind the field takes', async () => {
      const doc = new OpenDocument(
        s.client,
        stories,
        s.ws.read(featureFiles.stories).replace('[REQ-1]', '[REQ-3]'),
      );
      await doc.published(p => p.diagnostics.some(d => d.code === 'unresolved-link'));
      assert.deepStrictEqual(await s.client.request<Hover>('textDocument/hover', at(stories, 9, 19)), {
        contents: {
          kind: 'markdown',
          value:
            '**REQ-3** is not defined in this workspace.\n\nDid you mean `REQ-1` (Saved cards), `REQ-2` (One page)?',
        },
        range: range(9, 17, 9, 22),
      });
    });

    it('sees an edit sent just before it (pending edits are applied first)', async () => {
      const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
      await doc.published();
      doc.set(doc.text.replace('[REQ-1]', '[REQ-2]'));
      // No wait for the publish: the server coalesces edits, but the request must see this one.
      const h = await s.client.request<Hover>('textDocument/hover', at(stories, 9, 18));
      assert.match((h.contents as { value: string }).value, /^\*\*Requirement REQ-2\*\* — One page/);
    });

    it('answers null where there is nothing to say', async () => {
      assert.strictEqual(await s.client.request('textDocument/hover', at(stories, 0, 3)), null); // a comment, closed file
      assert.strictEqual(
        await s.client.request('textDocument/hover', at(s.uri('nowhere.prd.yaml'), 0, 0)),
        null,
      );
    });
  });

  it('definition: from a link in an open file to the item in a closed one, as a LocationLink', async () => {
    const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
    await doc.published();
    const links = await s.client.request<LocationLink[]>('textDocument/definition', at(stories, 9, 18));
    assert.deepStrictEqual(links, [
      {
        originSelectionRange: range(9, 17, 9, 22),
        targetUri: prd,
        targetRange: range(5, 4, 9, 0),
        targetSelectionRange: range(5, 8, 5, 13),
      },
    ]);
    // And back from a closed file to another closed file (the epic's release).
    const release = await s.client.request<LocationLink[]>(
      'textDocument/definition',
      at(s.uri(featureFiles.epic), 3, 10),
    );
    assert.deepStrictEqual(
      release.map(l => [l.targetUri, l.targetSelectionRange]),
      [[s.uri(featureFiles.roadmap), range(3, 8, 3, 11)]],
    );
    assert.deepStrictEqual(await s.client.request('textDocument/definition', at(stories, 7, 6)), []);
  });

  it('definition: plain Locations (the ID) for a client without link support', async () => {
    s.client.dispose();
    s.ws.dispose();
    s = await startOn('protocol-features', Object.values(featureFiles), {
      capabilities: c => ({ ...c, textDocument: { ...c.textDocument, definition: { linkSupport: false } } }),
    });
    const locations = await s.client.request<Location[]>(
      'textDocument/definition',
      at(s.uri(featureFiles.stories), 9, 18),
    );
    assert.deepStrictEqual(locations, [{ uri: s.uri(featureFiles.prd), range: range(5, 8, 5, 13) }]);
  });

  it('references: every link across files, open and closed, with or without the declaration', async () => {
    const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
    await doc.published();
    const links: Location[] = [
      { uri: stories, range: range(9, 17, 9, 22) },
      { uri: stories, range: range(15, 8, 15, 13) },
      { uri: prd, range: range(14, 8, 14, 13) },
    ];
    const withDeclaration = await s.client.request<Location[]>('textDocument/references', {
      ...at(prd, 5, 9),
      context: { includeDeclaration: true },
    });
    assert.deepStrictEqual(withDeclaration, [
      links[0],
      links[1],
      { uri: prd, range: range(5, 8, 5, 13) },
      links[2],
    ]);
    const without = await s.client.request<Location[]>('textDocument/references', {
      ...at(stories, 9, 18),
      context: { includeDeclaration: false },
    });
    assert.deepStrictEqual(without, links);
  });

  it('references follow an edit in an open document', async () => {
    const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
    await doc.published();
    doc.set(doc.text.replace('      - REQ-1\n', ''));
    const refs = await s.client.request<Location[]>('textDocument/references', {
      ...at(prd, 5, 9),
      context: { includeDeclaration: false },
    });
    assert.deepStrictEqual(refs, [
      { uri: stories, range: range(9, 17, 9, 22) },
      { uri: prd, range: range(14, 8, 14, 13) },
    ]);
  });

  it('document highlights: definitions (Write) and links (Read) of the ID in the same file', async () => {
    const highlights = await s.client.request<DocumentHighlight[]>(
      'textDocument/documentHighlight',
      at(prd, 14, 10),
    );
    assert.deepStrictEqual(highlights, [
      { range: range(5, 8, 5, 13), kind: 3 },
      { range: range(14, 8, 14, 13), kind: 2 },
    ]);
    const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories));
    await doc.published();
    assert.deepStrictEqual(
      await s.client.request<DocumentHighlight[]>('textDocument/documentHighlight', at(stories, 9, 18)),
      [
        { range: range(9, 17, 9, 22), kind: 2 },
        { range: range(15, 8, 15, 13), kind: 2 },
      ],
    );
  });
});
