import * as assert from 'assert';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol/node';
import {
  applyWorkspaceEdit,
  featureFiles,
  findingsByFile,
  OpenDocument,
  quickFixes,
  startOn,
  type Session,
} from './featureFixture';
import { range } from './tempWorkspace';

const allFiles = Object.values(featureFiles);
const clean = Object.fromEntries(allFiles.map(f => [f, []]));

describe('protocol: quick fixes', () => {
  let s: Session;

  beforeEach(async () => {
    s = await startOn();
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  /** Open `file` with `edit` applied to its text and return the one finding of `code` published for it. */
  async function openWith(
    file: string,
    edit: (text: string) => string,
    code: string,
  ): Promise<{ doc: OpenDocument; finding: Diagnostic }> {
    const doc = new OpenDocument(s.client, s.uri(file), edit(s.ws.read(file)));
    const published = await doc.published();
    const found = published.diagnostics.filter(d => d.code === code);
    assert.strictEqual(found.length, 1, `one ${code} finding in ${JSON.stringify(published.diagnostics)}`);
    return { doc, finding: found[0] };
  }

  /** The fix titled `title`; apply it like an editor and wait for the republish. */
  async function apply(actions: CodeAction[], title: string, open: OpenDocument[]): Promise<CodeAction> {
    const action = actions.find(a => a.title === title);
    assert.ok(action, `no fix "${title}" among ${JSON.stringify(actions.map(a => a.title))}`);
    await applyWorkspaceEdit(s, action.edit!, open);
    return action;
  }

  it('unresolved-link: change to the closest ID of the right kind', async () => {
    const { doc, finding } = await openWith(
      featureFiles.stories,
      t => t.replace('[REQ-1]', '[REQ-11]'),
      'unresolved-link',
    );
    assert.deepStrictEqual(
      [finding.range, finding.data],
      [range(9, 17, 9, 23), { target: 'REQ-11', field: 'implements', from: 'ST-1', kinds: ['requirement'] }],
    );
    const actions = await quickFixes(s.client, doc.uri, finding);
    assert.deepStrictEqual(
      actions.map(a => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Change to REQ-1', 'quickfix', true],
        ['Change to REQ-2', 'quickfix', false],
        ['Create requirement REQ-11 in checkout.prd.yaml', 'quickfix', false],
      ],
    );
    assert.deepStrictEqual(
      actions[0].diagnostics,
      [finding],
      'each fix names the diagnostic it fixes, as it came',
    );
    assert.deepStrictEqual(actions[0].edit, {
      documentChanges: [
        {
          textDocument: { uri: doc.uri, version: 1 },
          edits: [{ range: range(9, 17, 9, 23), newText: 'REQ-1' }],
        },
      ],
    });
    await apply(actions, 'Change to REQ-1', [doc]);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });

  it('unresolved-link: create the missing requirement in the closed PRD (an unversioned edit)', async () => {
    const { doc, finding } = await openWith(
      featureFiles.stories,
      t => t.replace('[REQ-1]', '[REQ-11]'),
      'unresolved-link',
    );
    const action = await apply(
      await quickFixes(s.client, doc.uri, finding),
      'Create requirement REQ-11 in checkout.prd.yaml',
      [doc],
    );
    assert.deepStrictEqual(action.edit, {
      documentChanges: [
        {
          textDocument: { uri: s.uri(featureFiles.prd), version: null },
          edits: [
            {
              range: range(15, 0, 15, 0),
              newText:
                '  - id: REQ-11\n    title: TODO\n    statement: TODO\n    priority: should\n    status: draft\n',
            },
          ],
        },
      ],
    });
    // The watched-file event re-read the PRD; the link now resolves.
    await s.client.waitForDiagnostics(doc.uri, p => p.diagnostics.length === 0);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });

  it('schema, unknown key: rename it to the closest known key', async () => {
    const { doc, finding } = await openWith(
      featureFiles.epic,
      t => t.replace('status: in-progress', 'status: in-progress\nownr: Sam'),
      'schema',
    );
    assert.strictEqual(finding.message, 'unknown key "ownr" (did you mean "owner"?)');
    const actions = await quickFixes(s.client, doc.uri, finding);
    assert.deepStrictEqual(
      actions.map(a => [a.title, a.isPreferred]),
      [['Rename to owner', true]],
    );
    await apply(actions, 'Rename to owner', [doc]);
    assert.match(doc.text, /\nowner: Sam\n/);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });

  it('schema, bad enum value: one fix per allowed value', async () => {
    const { doc, finding } = await openWith(
      featureFiles.epic,
      t => t.replace('status: in-progress', 'status: finishd'),
      'schema',
    );
    assert.deepStrictEqual(finding.range, range(2, 8, 2, 15));
    const actions = await quickFixes(s.client, doc.uri, finding);
    assert.deepStrictEqual(actions.map(a => a.title).sort(), [
      'Change to approved',
      'Change to cancelled',
      'Change to done',
      'Change to draft',
      'Change to in-progress',
      'Change to review',
    ]);
    await apply(actions, 'Change to in-progress', [doc]);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });

  it('missing-acceptance: add an acceptance_criteria list', async () => {
    const { doc, finding } = await openWith(
      featureFiles.prd,
      t => t.replace('    priority: must\n', '    priority: must\n    status: approved\n'),
      'missing-acceptance',
    );
    assert.deepStrictEqual(
      [finding.range, finding.severity, finding.data],
      [range(9, 12, 9, 20), 2, { id: 'REQ-1' }],
    );
    const actions = await quickFixes(s.client, doc.uri, finding);
    assert.deepStrictEqual(
      actions.map(a => [a.title, a.isPreferred]),
      [['Add acceptance criteria to REQ-1', true]],
    );
    const fix = await apply(actions, 'Add acceptance criteria to REQ-1', [doc]);
    assert.match(
      doc.text,
      / {4}status: approved\n {4}acceptance_criteria:\n {6}- Given …, when …, then …\n {2}- id: REQ-2\n/,
    );
    // The editor then selects the placeholder (the cursor is at the new criterion), so typing replaces it.
    const placeholder = range(11, 8, 11, 31);
    assert.deepStrictEqual(fix.command, {
      title: 'Select the placeholder',
      command: 'specwright.selectPlaceholder',
      arguments: [doc.uri, placeholder],
    });
    // Left as it is, the placeholder says nothing: the warning stays, and says why; no fix is offered for it.
    const left = (await doc.published()).diagnostics;
    assert.deepStrictEqual(
      left.map(d => [d.code, d.range, d.message, d.data as unknown]),
      [
        [
          'missing-acceptance',
          range(9, 12, 9, 20),
          'REQ-1 is approved but its acceptance criteria are still the placeholder "Given …, when …, then …"',
          { id: 'REQ-1', placeholder: true },
        ],
      ],
    );
    assert.deepStrictEqual(await quickFixes(s.client, doc.uri, left[0]), []);
    // Typing over the selection clears it, and nothing else is found.
    doc.edit([{ range: placeholder, newText: 'A returning shopper sees the saved card' }]);
    assert.deepStrictEqual((await doc.published()).diagnostics, []);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });

  it('duplicate-id: give the item the next free ID', async () => {
    const doc = new OpenDocument(
      s.client,
      s.uri(featureFiles.prd),
      s.ws.read(featureFiles.prd) +
        '  - id: REQ-2\n    title: Again\n    statement: Twice.\n    priority: could\n',
    );
    const published = await doc.published(p => p.diagnostics.length === 2);
    assert.deepStrictEqual(
      published.diagnostics.map(d => [d.code, d.range]),
      [
        ['duplicate-id', range(9, 8, 9, 13)],
        ['duplicate-id', range(15, 8, 15, 13)],
      ],
    );
    const second = published.diagnostics[1];
    const actions = await quickFixes(s.client, doc.uri, second);
    assert.deepStrictEqual(
      actions.map(a => [a.title, a.isPreferred]),
      [['Change ID to REQ-3', true]],
    );
    await apply(actions, 'Change ID to REQ-3', [doc]);
    assert.match(doc.text, /- id: REQ-3\n {4}title: Again/);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });

  it('offers nothing for other kinds of action, or for diagnostics of other tools', async () => {
    const { doc, finding } = await openWith(
      featureFiles.epic,
      t => t.replace('status: in-progress', 'status: finishd'),
      'schema',
    );
    const refactor = await s.client.request('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: finding.range,
      context: { diagnostics: [finding], only: ['refactor'] },
    });
    assert.deepStrictEqual(refactor, []);
    const foreign = await s.client.request('textDocument/codeAction', {
      textDocument: { uri: doc.uri },
      range: finding.range,
      context: { diagnostics: [{ ...finding, source: 'yaml' }] },
    });
    assert.deepStrictEqual(foreign, []);
  });
});
