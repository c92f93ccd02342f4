import * as assert from 'assert';
import type { DocumentLink, Hover } from 'vscode-languageserver-protocol/node';
import { at, OpenDocument, startOn, type Session } from './featureFixture';
import { range } from './tempWorkspace';

/**
 * test/fixtures/protocol-tickets: `.specwright.yaml` links Jira-style keys
 * and `owner/repo#n` keys; EPIC-1 names PAY-1, PRD-1 names "PAY-10" (quoted)
 * and acme/shop#42, REQ-1 names PAY-11 and notes-only (no pattern matches).
 */
const files = ['pay.epic.yaml', 'pay.prd.yaml'];

describe('protocol: tickets', () => {
  let s: Session;

  beforeEach(async () => {
    s = await startOn('protocol-tickets', files);
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it('announces document links that need no resolve', () => {
    assert.deepStrictEqual(s.client.initializeResult.capabilities.documentLinkProvider, {
      resolveProvider: false,
    });
  });

  it('answers textDocument/documentLink with each matched ticket key, its exact range and URL', async () => {
    const prd = s.uri('pay.prd.yaml');
    const doc = new OpenDocument(s.client, prd, s.ws.read('pay.prd.yaml'));
    await doc.published();
    const links = await s.client.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: prd },
    });
    assert.deepStrictEqual(links, [
      {
        range: range(3, 11, 3, 17),
        target: 'https://acme.atlassian.net/browse/PAY-10',
        tooltip: 'Open PAY-10 in the tracker',
      },
      {
        range: range(3, 20, 3, 32),
        target: 'https://tracker.example.com/github?key=acme%2Fshop%2342',
        tooltip: 'Open acme/shop#42 in the tracker',
      },
      {
        range: range(10, 8, 10, 14),
        target: 'https://acme.atlassian.net/browse/PAY-11',
        tooltip: 'Open PAY-11 in the tracker',
      },
    ]);

    // An edit is seen at once: a new key links, and one no pattern matches does not.
    doc.set(doc.text.replace('      - notes-only', '      - OPS-7\n      - notes-only'));
    await doc.published();
    const after = await s.client.request<DocumentLink[]>('textDocument/documentLink', {
      textDocument: { uri: prd },
    });
    assert.deepStrictEqual(
      after.map(l => [l.range, l.target]),
      [
        [range(3, 11, 3, 17), 'https://acme.atlassian.net/browse/PAY-10'],
        [range(3, 20, 3, 32), 'https://tracker.example.com/github?key=acme%2Fshop%2342'],
        [range(10, 8, 10, 14), 'https://acme.atlassian.net/browse/PAY-11'],
        [range(11, 8, 11, 13), 'https://acme.atlassian.net/browse/OPS-7'],
      ],
    );
  });

  it("shows an item's tickets on its hover card, as links where a pattern matches", async () => {
    const prd = s.uri('pay.prd.yaml');
    const hover = await s.client.request<Hover>('textDocument/hover', at(prd, 5, 10));
    assert.deepStrictEqual(hover, {
      contents: {
        kind: 'markdown',
        value: [
          '**Requirement REQ-1** — Saved cards',
          '',
          'status `draft` · priority `must`',
          '',
          'Tickets: [PAY-11](https://acme.atlassian.net/browse/PAY-11) · notes-only',
          '',
          'Upstream:',
          '- PRD `PRD-1` One-tap pay',
          '- Epic `EPIC-1` One-tap pay',
          '',
          'no stories yet',
          '',
          `[pay.prd.yaml:6](${prd}#L6)`,
        ].join('\n'),
      },
      range: range(5, 8, 5, 13),
    });
    const epicCard = await s.client.request<Hover>('textDocument/hover', at(prd, 2, 8));
    assert.ok(
      (epicCard.contents as { value: string }).value.includes(
        '\n\nTickets: [PAY-1](https://acme.atlassian.net/browse/PAY-1)\n\n',
      ),
    );
  });

  it("gives the Trace view the focused item's tickets with their URLs", async () => {
    const prd = s.uri('pay.prd.yaml');
    const trace = await s.client.request<{ item: { itemId: string }; tickets?: unknown }>(
      'specwright/trace',
      at(prd, 5, 10),
    );
    assert.strictEqual(trace.item.itemId, 'REQ-1');
    assert.deepStrictEqual(trace.tickets, [
      { ticket: 'PAY-11', url: 'https://acme.atlassian.net/browse/PAY-11' },
      { ticket: 'notes-only' },
    ]);
  });

  it('reports a bad tickets: entry in .specwright.yaml exactly, and links no key with it', async () => {
    const config = s.ws.write(
      '.specwright.yaml',
      ['tickets:', '  "(PAY-[0-9]+": "https://acme.atlassian.net/browse/{ticket}"', ''].join('\n'),
    );
    s.client.filesChanged({ uri: config, type: 2 });
    const published = await s.client.waitForDiagnostics(config, p => p.diagnostics.length > 0);
    assert.deepStrictEqual(
      published.diagnostics.map(d => [d.range, d.code, d.message]),
      [
        [
          range(1, 2, 1, 15),
          'schema',
          'tickets: the pattern "(PAY-[0-9]+" is not a valid regular expression: Unterminated group',
        ],
      ],
    );
    const prd = s.uri('pay.prd.yaml');
    const doc = new OpenDocument(s.client, prd, s.ws.read('pay.prd.yaml'));
    await doc.published();
    assert.deepStrictEqual(
      await s.client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: prd } }),
      [],
    );
  });
});
