import * as assert from 'assert';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol/node';
import { at, OpenDocument, startOn, type Session } from './featureFixture';

/** A new iteration, open in the editor only; each test appends lines from line 7 on. */
const base = [
  'id: IT-2', // 0
  'title: Sprint 2', // 1
  'release: R-2', // 2
  'stories:', // 3
  '  - id: ST-3', // 4
  '    title: Reorder', // 5
  '    implements: [REQ-1]', // 6
  '',
].join('\n');

/** A PRD of EPIC-1 with requirements REQ-1001 to REQ-(1000 + count), all `must`. */
function bulkPrd(count: number): string {
  const out = ['id: PRD-9', 'title: Bulk', 'epic: EPIC-1', 'requirements:'];
  for (let n = 1001; n <= 1000 + count; n++)
    out.push(`  - id: REQ-${n}`, `    title: Step ${n}`, '    statement: s', '    priority: must');
  return out.join('\n') + '\n';
}

/** label, detail and the edit (line, start, end, new text), in the order the editor shows them. */
type Row = [string, string | undefined, number, number, number, string];

function rows(result: CompletionItem[] | CompletionList | null): Row[] {
  const items = Array.isArray(result) ? result : (result?.items ?? []);
  return [...items]
    .sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1))
    .map(i => {
      const e = i.textEdit as {
        range: { start: { line: number; character: number }; end: { character: number } };
        newText: string;
      };
      return [
        i.label,
        i.detail,
        e.range.start.line,
        e.range.start.character,
        e.range.end.character,
        e.newText,
      ];
    });
}

describe('protocol: completion', () => {
  let s: Session;
  let doc: OpenDocument;

  beforeEach(async () => {
    s = await startOn();
    doc = new OpenDocument(s.client, s.uri('iterations/s2.stories.yaml'), base);
    await doc.published();
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  /**
   * Change the document and ask at once, without waiting for its publish:
   * the answer must come from the text just sent.
   */
  async function complete(text: string, line: number, character: number): Promise<Row[]> {
    doc.set(text);
    return rows(await s.client.request('textDocument/completion', at(doc.uri, line, character)));
  }

  it('announces its trigger characters, and resolves items', () => {
    assert.deepStrictEqual(s.client.initializeResult.capabilities.completionProvider, {
      triggerCharacters: [':', ' ', '[', ',', '-', '#'],
      resolveProvider: true,
    });
  });

  it('keys the item does not have yet, as snippets with their value shape', async () => {
    assert.deepStrictEqual(await complete(base + '    \n', 7, 4), [
      ['as_a', 'ID', 7, 4, 4, 'as_a: $1'],
      ['i_want', 'string', 7, 4, 4, 'i_want: $1'],
      ['so_that', 'string', 7, 4, 4, 'so_that: $1'],
      ['status', 'draft | review | approved | in-progress | done | cancelled', 7, 4, 4, 'status: $1'],
      ['estimate', 'number', 7, 4, 4, 'estimate: $1'],
      ['depends_on', 'list of IDs', 7, 4, 4, 'depends_on: [$1]'],
      ['acceptance_criteria', 'list', 7, 4, 4, 'acceptance_criteria:\n      - $1'],
      ['priority', 'must | should | could | wont', 7, 4, 4, 'priority: $1'],
      ['owner', 'string', 7, 4, 4, 'owner: $1'],
      ['description', 'string', 7, 4, 4, 'description: $1'],
      ['related', 'list of IDs', 7, 4, 4, 'related: [$1]'],
      ['tickets', 'list', 7, 4, 4, 'tickets:\n      - $1'],
    ]);
  });

  it('enum values, replacing what is typed', async () => {
    assert.deepStrictEqual(
      (await complete(base + '    status: dr\n', 7, 14)).map(r => [r[0], r[3], r[4], r[5]]),
      [
        ['draft', 12, 14, 'draft'],
        ['review', 12, 14, 'review'],
        ['approved', 12, 14, 'approved'],
        ['in-progress', 12, 14, 'in-progress'],
        ['done', 12, 14, 'done'],
        ['cancelled', 12, 14, 'cancelled'],
      ],
    );
  });

  it('link IDs of the right kind only, in flow style: `implements: [RE|`', async () => {
    assert.deepStrictEqual(await complete(base.replace('[REQ-1]', '[RE]'), 6, 19), [
      ['REQ-1', 'Saved cards', 6, 17, 19, 'REQ-1'],
      ['REQ-2', 'One page', 6, 17, 19, 'REQ-2'],
    ]);
    // After a comma, without the IDs the list already has.
    assert.deepStrictEqual(await complete(base.replace('[REQ-1]', '[REQ-1, ]'), 6, 24), [
      ['REQ-2', 'One page', 6, 24, 24, 'REQ-2'],
    ]);
  });

  it('link IDs of the right kind only, in block style, and for a single link', async () => {
    // A story's depends_on names stories: not itself, not requirements.
    assert.deepStrictEqual(await complete(base + '    depends_on:\n      - \n', 8, 8), [
      ['ST-1', 'Pay with a saved card', 8, 8, 8, 'ST-1'],
      ['ST-2', 'One-page checkout', 8, 8, 8, 'ST-2'],
    ]);
    assert.deepStrictEqual(await complete(base + '    as_a: \n', 7, 10), [
      ['P-SHOPPER', 'Weekly shopper', 7, 10, 10, 'P-SHOPPER'],
    ]);
  });

  it('more IDs than the limit: the first 100, marked incomplete; typing more gives a complete list', async () => {
    const bulk = new OpenDocument(s.client, s.uri('prds/bulk.prd.yaml'), bulkPrd(150));
    await bulk.published();
    doc.set(base.replace('[REQ-1]', '[]'));
    const all = await s.client.request<CompletionList>('textDocument/completion', at(doc.uri, 6, 17));
    assert.strictEqual(all.isIncomplete, true);
    // No PRD of the iteration's release yet: every requirement is as close, so by ID.
    const first = ['REQ-1', 'REQ-2', ...Array.from({ length: 98 }, (_, i) => `REQ-${1001 + i}`)];
    assert.deepStrictEqual(
      rows(all).map(r => r[0]),
      first,
    );
    doc.set(base.replace('[REQ-1]', '[req-114]'));
    const narrowed = await s.client.request<CompletionList>('textDocument/completion', at(doc.uri, 6, 24));
    assert.strictEqual(narrowed.isIncomplete, false);
    assert.deepStrictEqual(
      rows(narrowed).map(r => [r[0], r[1], r[3], r[4], r[5]]),
      Array.from({ length: 10 }, (_, i) => [`REQ-114${i}`, `Step 114${i}`, 17, 24, `REQ-114${i}`]),
    );
  });

  it('completionItem/resolve adds the documentation; an item whose ID is gone comes back as it was', async () => {
    const bulk = new OpenDocument(s.client, s.uri('prds/bulk.prd.yaml'), bulkPrd(150));
    await bulk.published();
    doc.set(base.replace('[REQ-1]', '[REQ-1005]'));
    const list = await s.client.request<CompletionList>('textDocument/completion', at(doc.uri, 6, 25));
    assert.deepStrictEqual(
      list.items.map(i => [i.label, i.documentation, i.data]),
      [['REQ-1005', undefined, { uri: bulk.uri, id: 'REQ-1005' }]],
    );
    const item = list.items[0];
    assert.deepStrictEqual(await s.client.request<CompletionItem>('completionItem/resolve', item), {
      ...item,
      documentation: {
        kind: 'markdown',
        value: '**Requirement REQ-1005**\n\nstatus `draft` · priority `must`\n\nin PRD PRD-9 Bulk',
      },
    });
    bulk.set(bulkPrd(4));
    assert.deepStrictEqual(await s.client.request<CompletionItem>('completionItem/resolve', item), item);
  });

  it('the next free ID after `id:`', async () => {
    assert.deepStrictEqual(await complete(base + '  - id: \n', 7, 8), [
      ['ST-4', 'next free Story ID', 7, 8, 8, 'ST-4'],
    ]);
  });

  it('while the document is momentarily invalid YAML', async () => {
    const broken = [
      'id: IT-2',
      'title: Sprint 2',
      'release: R-2',
      'stories:',
      '  - id: ST-3',
      '    title: [Reorder',
      '    implements: [RE',
      '',
    ].join('\n');
    assert.deepStrictEqual(await complete(broken, 6, 19), [
      ['REQ-1', 'Saved cards', 6, 17, 19, 'REQ-1'],
      ['REQ-2', 'One page', 6, 17, 19, 'REQ-2'],
    ]);
    const keys = await complete(base + '    sta\n    title: "oops\n', 7, 7);
    assert.deepStrictEqual(
      keys.find(r => r[0] === 'status'),
      ['status', 'draft | review | approved | in-progress | done | cancelled', 7, 4, 7, 'status: $1'],
    );
    const published = await doc.published();
    assert.ok(
      published.diagnostics.some(d => d.code === 'yaml-syntax'),
      'the document really is invalid',
    );
  });
});
