import * as assert from 'assert';
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver-protocol/node';
import {
  applyEdits,
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

/**
 * A quick fix for every finding whose remedy is an edit (issue 14, point 3):
 * each fix offered is applied in turn, from the same starting text, and must
 * remove its finding and add none anywhere.
 */
describe('protocol: quick fixes for relations, dates, kinds and orphans', () => {
  let s: Session;

  beforeEach(async () => {
    s = await startOn();
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  /** Open `file` with `edit` applied; the one finding of `code` published for it. */
  async function openWith(
    file: string,
    edit: (text: string) => string,
    code: string,
  ): Promise<{ doc: OpenDocument; finding: Diagnostic }> {
    const text = edit(s.ws.read(file));
    assert.notStrictEqual(text, s.ws.read(file), 'the edit changed the text');
    const doc = new OpenDocument(s.client, s.uri(file), text);
    const published = await doc.published(p => p.diagnostics.some(d => d.code === code));
    const found = published.diagnostics.filter(d => d.code === code);
    assert.strictEqual(found.length, 1, `one ${code} finding in ${JSON.stringify(published.diagnostics)}`);
    return { doc, finding: found[0] };
  }

  /**
   * Apply each fix (titles in the order offered) to the document as `openWith`
   * made it, check the workspace is clean, then put the text back.
   */
  async function eachFixCleans(
    doc: OpenDocument,
    code: string,
    titles: string[],
    check?: (title: string, action: CodeAction) => void,
    others: OpenDocument[] = [],
  ): Promise<void> {
    const start = doc.text;
    for (const title of titles) {
      const finding = (await doc.published(p => p.diagnostics.some(d => d.code === code))).diagnostics.find(
        d => d.code === code,
      )!;
      const actions = await quickFixes(s.client, doc.uri, finding);
      assert.deepStrictEqual(
        actions.map(a => a.title),
        titles,
        `the fixes offered for ${code}`,
      );
      const action = actions.find(a => a.title === title)!;
      assert.deepStrictEqual(action.diagnostics, [finding]);
      check?.(title, action);
      await applyWorkspaceEdit(s, action.edit!, [doc, ...others]);
      await s.client.waitFor(
        `no findings after "${title}"`,
        () => (allFiles.every(f => !s.client.latest(s.uri(f))?.diagnostics.length) ? true : undefined),
        undefined,
        () => JSON.stringify(findingsByFile(s, allFiles)),
      );
      assert.deepStrictEqual(findingsByFile(s, allFiles), clean, `after "${title}"`);
      doc.set(start);
    }
  }

  it("schedule-conflict: move the epic to its dependency's release, or remove the dependency", async () => {
    const later = new OpenDocument(
      s.client,
      s.uri('later.epic.yaml'),
      'id: EPIC-2\ntitle: Later\nrelease: R-2\n',
    );
    new OpenDocument(
      s.client,
      s.uri(featureFiles.roadmap),
      s.ws
        .read(featureFiles.roadmap)
        .replace('    horizon: now\n', '    horizon: now\n    start: 2026-01-05\n    end: 2026-03-27\n')
        .replace('    horizon: later\n', '    horizon: later\n    start: 2026-04-06\n    end: 2026-06-26\n'),
    );
    const { doc, finding } = await openWith(
      featureFiles.epic,
      t => t.replace('release: R-1\n', 'release: R-1\ndepends_on: [EPIC-2]\n'),
      'schedule-conflict',
    );
    assert.deepStrictEqual(finding.range, range(4, 13, 4, 19));
    await eachFixCleans(
      doc,
      'schedule-conflict',
      ['Move EPIC-1 to R-2 (the release of EPIC-2)', 'Remove the dependency of EPIC-1 on EPIC-2'],
      (title, a) => {
        if (title.startsWith('Remove')) {
          assert.deepStrictEqual(a.edit!.documentChanges![0], {
            textDocument: { uri: doc.uri, version: doc.version },
            edits: [{ range: range(4, 0, 5, 0), newText: '' }],
          });
        }
      },
    );
    void later;
  });

  it("status-rollup: set the item back to its children's status, or mark the open child done", async () => {
    const stories = new OpenDocument(
      s.client,
      s.uri(featureFiles.stories),
      s.ws
        .read(featureFiles.stories)
        .replace(
          '    status: draft\n',
          '    status: in-progress\n    acceptance_criteria:\n      - Pays in one tap\n',
        )
        .replace('      - REQ-2\n      - REQ-1\n', '      - REQ-2\n'),
    );
    const { doc } = await openWith(
      featureFiles.prd,
      t =>
        t.replace(
          '    priority: must\n',
          '    priority: must\n    status: done\n    acceptance_criteria:\n      - Works\n',
        ),
      'status-rollup',
    );
    await eachFixCleans(
      doc,
      'status-rollup',
      ['Set REQ-1 back to in-progress', 'Mark ST-1 done'],
      undefined,
      [stories],
    );
  });

  it('status-rollup: no "mark done" for a child that would then miss acceptance criteria', async () => {
    const { doc, finding } = await openWith(
      featureFiles.prd,
      t =>
        t.replace(
          '    priority: must\n',
          '    priority: must\n    status: done\n    acceptance_criteria:\n      - Works\n',
        ),
      'status-rollup',
    );
    const actions = await quickFixes(s.client, doc.uri, finding);
    assert.deepStrictEqual(
      actions.map(a => a.title),
      ['Set REQ-1 back to draft'],
    );
    await eachFixCleans(doc, 'status-rollup', ['Set REQ-1 back to draft']);
  });

  it('priority-inversion: raise the dependency, lower this one, or remove the dependency', async () => {
    const { doc } = await openWith(
      featureFiles.prd,
      t =>
        t
          .replace('    priority: should\n    depends_on:\n      - REQ-1\n', '    priority: could\n')
          .replace('    priority: must\n', '    priority: must\n    depends_on: [REQ-2]\n'),
      'priority-inversion',
    );
    await eachFixCleans(doc, 'priority-inversion', [
      'Raise REQ-2 to must',
      'Raise REQ-2 to should',
      'Lower REQ-1 to should',
      'Remove the dependency of REQ-1 on REQ-2',
    ]);
  });

  it('dependency-cycle: remove this edge (a flow entry, the only one: its key goes too)', async () => {
    const text = s.ws
      .read(featureFiles.prd)
      .replace('    priority: must\n', '    priority: must\n    depends_on: [REQ-2]\n');
    const doc = new OpenDocument(s.client, s.uri(featureFiles.prd), text);
    const published = await doc.published(
      p => p.diagnostics.filter(d => d.code === 'dependency-cycle').length === 2,
    );
    const [first, second] = published.diagnostics.filter(d => d.code === 'dependency-cycle');
    for (const finding of [first, second]) {
      const actions = await quickFixes(s.client, doc.uri, finding);
      assert.strictEqual(actions.length, 1, JSON.stringify(actions.map(a => a.title)));
      const edits = (actions[0].edit!.documentChanges![0] as { edits: { range: Range; newText: string }[] })
        .edits;
      const after = applyEdits(text, edits);
      assert.ok(!/depends_on:\s*(\[\s*\])?\n(?!\s+-)/.test(after), `no empty depends_on left:\n${after}`);
      await applyWorkspaceEdit(s, actions[0].edit!, [doc]);
      await doc.published();
      assert.deepStrictEqual(findingsByFile(s, allFiles), clean, `after "${actions[0].title}"`);
      doc.set(text);
      await doc.published(p => p.diagnostics.filter(d => d.code === 'dependency-cycle').length === 2);
    }
  });

  it('date-order: swap the dates', async () => {
    const { doc } = await openWith(
      featureFiles.roadmap,
      t => t.replace('    horizon: now\n', '    horizon: now\n    start: 2026-05-01\n    end: 2026-03-01\n'),
      'date-order',
    );
    await eachFixCleans(doc, 'date-order', ['Swap the start and end of R-1 (2026-03-01 to 2026-05-01)']);
    assert.match(doc.text, /start: 2026-05-01\n {4}end: 2026-03-01/, 'the text was put back after the loop');
  });

  it('link-kind: change to the closest ID of a kind the field takes', async () => {
    const { doc } = await openWith(
      featureFiles.stories,
      t => t.replace('implements: [REQ-1]', 'implements: [PRD-1]'),
      'link-kind',
    );
    await eachFixCleans(doc, 'link-kind', ['Change to REQ-1', 'Change to REQ-2']);
  });

  it('kind-mismatch: write the kind the file name gives', async () => {
    const { doc } = await openWith(featureFiles.epic, t => `kind: prd\n${t}`, 'kind-mismatch');
    await eachFixCleans(doc, 'kind-mismatch', ['Change kind to epic']);
  });

  it('orphan: schedule the epic in a release (one fix per release)', async () => {
    const { doc } = await openWith(featureFiles.epic, t => t.replace('release: R-1\n', ''), 'orphan');
    await eachFixCleans(doc, 'orphan', [
      'Schedule EPIC-1 in R-1 (Checkout that converts)',
      'Schedule EPIC-1 in R-2 (Later things)',
    ]);
  });

  it('orphan: put the PRD under an epic', async () => {
    const { doc } = await openWith(featureFiles.prd, t => t.replace('epic: EPIC-1\n', ''), 'orphan');
    await eachFixCleans(doc, 'orphan', ['Put PRD-1 under EPIC-1 (Express checkout)']);
    assert.match(doc.text, /^id: PRD-1\ntitle: Express checkout\n/);
  });

  it('uncovered: a draft story implementing it in the current iteration, its title selected afterwards', async () => {
    const { doc, finding } = await openWith(
      featureFiles.prd,
      t =>
        `${t}  - id: REQ-3\n    title: Receipts\n    statement: A receipt is mailed.\n    priority: could\n` +
        '    status: approved\n    acceptance_criteria:\n      - The receipt arrives within a minute\n',
      'uncovered',
    );
    const actions = await quickFixes(s.client, doc.uri, finding);
    assert.deepStrictEqual(
      actions.map(a => [a.title, a.isPreferred]),
      [['Create a story implementing REQ-3 in s1.stories.yaml', true]],
    );
    const stories = s.uri(featureFiles.stories);
    const placeholder = { start: { line: 17, character: 11 }, end: { line: 17, character: 31 } };
    assert.deepStrictEqual(actions[0].command, {
      title: 'Select the placeholder',
      command: 'specwright.selectPlaceholder',
      arguments: [stories, placeholder],
    });
    await applyWorkspaceEdit(s, actions[0].edit!, [doc]);
    const text = s.ws.read(featureFiles.stories);
    assert.match(
      text,
      /\n {2}- id: ST-3\n {4}title: What the user can do\n {4}implements: \[REQ-3\]\n {4}status: draft\n$/,
    );
    assert.strictEqual(
      text.split('\n')[17].slice(11, 31),
      'What the user can do',
      'the command selects the placeholder',
    );
    await s.client.waitForDiagnostics(doc.uri, p => p.diagnostics.length === 0);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
  });
});
