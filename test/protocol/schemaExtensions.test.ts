import * as assert from 'assert';
import type {
  CompletionList,
  Diagnostic,
  Hover,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { at, OpenDocument, startOn, type Session } from './featureFixture';
import { FileChange, range } from './tempWorkspace';

/**
 * test/fixtures/ext-basic over the real server: the team schema named in
 * `.specwright.yaml` is checked, its descriptions show in hover and
 * completion, and a change to the schema file on disk is picked up.
 */
describe('protocol: team schema extensions', () => {
  let s: Session;
  const files = [
    'prds/reviewed.prd.yaml',
    'prds/unreviewed.prd.yaml',
    'checkout.epic.yaml',
    'product.roadmap.yaml',
  ];
  const flat = (p: PublishDiagnosticsParams) =>
    p.diagnostics.map((d: Diagnostic) => ({
      range: d.range,
      severity: d.severity,
      code: d.code,
      message: d.message as string,
    }));
  const schemaFile = 'conventions/prd.schema.json';

  beforeEach(async () => {
    s = await startOn('ext-basic', files);
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it("publishes the team schema's findings like built-in ones", async () => {
    assert.deepStrictEqual(flat(s.client.latest(s.uri('prds/unreviewed.prd.yaml'))!), [
      {
        range: range(0, 0, 0, 2),
        severity: 1,
        code: 'schema',
        message: 'PRD is missing "compliance_review"',
      },
      {
        range: range(8, 10, 8, 16),
        severity: 1,
        code: 'schema',
        message: 'risk must be one of low, high (got "medium")',
      },
    ]);
    assert.deepStrictEqual(flat(s.client.latest(s.uri('prds/reviewed.prd.yaml'))!), []);
  });

  it("hover and completion show the team's descriptions", async () => {
    const reviewed = new OpenDocument(
      s.client,
      s.uri('prds/reviewed.prd.yaml'),
      s.ws.read('prds/reviewed.prd.yaml'),
    );
    await reviewed.published();
    const hover = await s.client.request<Hover>('textDocument/hover', at(reviewed.uri, 3, 5));
    assert.deepStrictEqual(hover.contents, {
      kind: 'markdown',
      value:
        '**compliance\\_review** (required) — team schema\n\nThe compliance review ticket that signed this PRD off, such as CR-123.',
    });

    const text = s.ws.read('prds/unreviewed.prd.yaml').replace('epic: EPIC-1\n', 'epic: EPIC-1\n\n');
    const unreviewed = new OpenDocument(s.client, s.uri('prds/unreviewed.prd.yaml'), text);
    await unreviewed.published();
    const { items } = await s.client.request<CompletionList>(
      'textDocument/completion',
      at(unreviewed.uri, 3, 0),
    );
    const item = items.find(i => i.label === 'compliance_review');
    assert.ok(item, JSON.stringify(items.map(i => i.label)));
    assert.strictEqual(item.detail, 'team schema · required · string');
    assert.deepStrictEqual(item.documentation, {
      kind: 'markdown',
      value: 'The compliance review ticket that signed this PRD off, such as CR-123.',
    });
  });

  it('asks the client to watch the schema file', async () => {
    const reg = await s.client.waitFor('a watcher for the schema file', () =>
      s.client.registrations.find(
        r =>
          r.method === 'workspace/didChangeWatchedFiles' &&
          JSON.stringify(r.registerOptions).includes('prd.schema.json'),
      ),
    );
    assert.deepStrictEqual(reg.registerOptions, {
      watchers: [{ globPattern: '**/conventions/prd.schema.json' }],
    });
  });

  it('a change to the schema file on disk re-checks the files', async () => {
    const uri = s.uri('prds/unreviewed.prd.yaml');
    const since = s.client.mark(uri);
    const schema = JSON.parse(s.ws.read(schemaFile));
    delete schema.required;
    const file = s.ws.write(schemaFile, JSON.stringify(schema));
    s.client.filesChanged({ uri: file, type: FileChange.changed });
    const p = await s.client.waitForDiagnostics(uri, () => true, { since });
    assert.deepStrictEqual(
      flat(p).map(d => d.message),
      ['risk must be one of low, high (got "medium")'],
    );
  });

  it('a broken schema file is a finding on the config file, at the path; the built-in schema still applies', async () => {
    const config = s.uri('.specwright.yaml');
    const uri = s.uri('prds/unreviewed.prd.yaml');
    const since = s.client.mark(uri);
    const file = s.ws.write(
      schemaFile,
      '{ "type": "object", "properties": { "a": { "$ref": "https://example.com/x.json" } } }',
    );
    s.client.filesChanged({ uri: file, type: FileChange.changed });
    const problems = await s.client.waitForDiagnostics(config, p => p.diagnostics.length > 0);
    assert.deepStrictEqual(flat(problems), [
      {
        range: range(1, 7, 1, 36),
        severity: 1,
        code: 'schema',
        message:
          'the schema file "conventions/prd.schema.json" cannot be used: its $ref "https://example.com/x.json" at #/properties/a is not a local reference; only references within the file (#/...) are allowed, and nothing is ever fetched',
      },
    ]);
    const p = await s.client.waitForDiagnostics(uri, () => true, { since });
    assert.deepStrictEqual(
      flat(p).map(d => d.message.slice(0, 18)),
      ['unknown key "risk"'],
    );
    assert.ok(s.client.running);
  });
});
