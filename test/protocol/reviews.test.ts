import * as assert from 'assert';
import type {
  CodeAction,
  FileChangeType,
  PublishDiagnosticsParams,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { run } from '../cli/helpers';
import { applyWorkspaceEdit, at, featureFiles, quickFixes, startOn, type Session } from './featureFixture';
import { FileChange } from './tempWorkspace';

const STAMPS = 'specwright.reviews';
const allFiles = Object.values(featureFiles);

/** The codes of a publish, in order. */
const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map(d => String(d.code));

describe('protocol: review stamps (specwright.reviews) in the editor', () => {
  let s: Session;
  let stamps: string;
  let stories: string;
  let prd: string;

  beforeEach(async () => {
    // The scan also publishes the stamps file (empty: there is none yet): waited for, so no later wait takes it for its own.
    s = await startOn('protocol-features', [...allFiles, STAMPS]);
    stamps = s.uri(STAMPS);
    stories = s.uri(featureFiles.stories);
    prd = s.uri(featureFiles.prd);
  });
  afterEach(() => {
    // Undefined when beforeEach failed (startOn disposed what it started).
    s?.client.dispose();
    s?.ws.dispose();
  });

  /** Wait until every spec file's latest publish has exactly the codes given (none where not named). */
  async function settled(expected: Record<string, string[]>): Promise<void> {
    for (const f of allFiles) {
      const want = expected[f] ?? [];
      await s.client.waitForDiagnostics(s.uri(f), p => JSON.stringify(codes(p)) === JSON.stringify(want));
    }
  }

  /** Write (or with undefined, delete) the stamps file on disk and announce it; resolves when the server has read it. */
  async function onDisk(
    text: string | undefined,
    type: FileChangeType = FileChange.changed,
  ): Promise<PublishDiagnosticsParams> {
    const mark = s.client.mark(stamps);
    if (text === undefined) s.ws.remove(STAMPS);
    else s.ws.write(STAMPS, text);
    s.client.filesChanged({ uri: stamps, type });
    return s.client.waitForDiagnostics(stamps, () => true, { since: mark });
  }

  /** `specwright review --all` run in a terminal, then announced as the watcher would. */
  async function reviewAllInTerminal(): Promise<void> {
    const mark = s.client.mark(stamps);
    const r = run(['review', '--all', '--root', s.ws.dir], s.ws.dir);
    assert.strictEqual(r.status, 0, r.stderr);
    s.client.filesChanged({ uri: stamps, type: FileChange.created });
    await s.client.waitForDiagnostics(stamps, () => true, { since: mark });
  }

  /** Every link stamped on disk, then the stamps file opened in the editor with no stamp: the links are unreviewed. */
  async function openEmptyStampsOverReviewedDisk(): Promise<void> {
    await reviewAllInTerminal();
    await settled({});
    const mark = s.client.mark(stamps);
    s.client.open(stamps, '# nothing reviewed yet\n', 1);
    await s.client.waitForDiagnostics(stamps, () => true, { since: mark });
    await s.client.waitForDiagnostics(stories, p => codes(p).includes('unreviewed-link'));
  }

  it('follows the stamps file on disk: created, written by specwright review, corrupted, deleted', async () => {
    await settled({});
    // A stamps file with no stamps: every link is unreviewed.
    await onDisk('', FileChange.created);
    await s.client.waitForDiagnostics(
      stories,
      p => codes(p).filter(c => c === 'unreviewed-link').length >= 3,
    );
    assert.ok(
      allFiles.every(f =>
        (s.client.latest(s.uri(f))?.diagnostics ?? []).every(d => d.code === 'unreviewed-link'),
      ),
    );
    // `specwright review --all` in a terminal: the findings clear.
    await reviewAllInTerminal();
    await settled({});
    // Corrupted: a finding on the stamps file, at the bad line; the links are unreviewed again.
    const published = await onDisk('ST-1 implements REQ-1\n');
    assert.deepStrictEqual(
      published.diagnostics.map(d => [d.code, d.range.start.line, d.message]),
      [
        [
          'schema',
          0,
          'a review stamp is "DOWNSTREAM-ID field UPSTREAM-ID fingerprint" (4 parts separated by spaces); this line has 3',
        ],
      ],
    );
    await s.client.waitForDiagnostics(stories, p => codes(p).includes('unreviewed-link'));
    // Deleted: no stamps, so no finding of reviews anywhere, and none on the file that is gone.
    const gone = await onDisk(undefined, FileChange.deleted);
    assert.deepStrictEqual(gone.diagnostics, []);
    await settled({});
  });

  it('reads an open editor buffer of the stamps file before the disk, and the disk again once it is closed', async () => {
    await openEmptyStampsOverReviewedDisk();
    s.client.change(stamps, 2, { text: s.ws.read(STAMPS) });
    await settled({});
    s.client.change(stamps, 3, { text: 'garbage\n' });
    await s.client.waitForDiagnostics(stamps, p => codes(p).join() === 'schema');
    s.client.close(stamps);
    await s.client.waitForDiagnostics(stamps, p => p.diagnostics.length === 0);
    await settled({});
  });

  it('a rescan (a new exclude setting) keeps the open buffer of the stamps file, not the disk under it', async () => {
    await openEmptyStampsOverReviewedDisk();
    const unreviewed = codes(s.client.latest(stories)!);
    // A file only the rescan can find tells when it has run (no watched-file event announces it).
    const marker = s.ws.write('marker.epic.yaml', 'id: EPIC-M\ntitle: Marker\nrelease: R-1\n');
    s.client.notify('workspace/didChangeConfiguration', {
      settings: { specwright: { rules: {}, exclude: ['archive/**'] } },
    });
    await s.client.waitForDiagnostics(marker);
    await s.client.request('workspace/symbol', { query: '' });
    assert.deepStrictEqual(codes(s.client.latest(stories)!), unreviewed);
    // Closed: the disk counts again, every link reviewed.
    s.client.close(stamps);
    await settled({});
  });

  it('as you type: editing REQ-1 in an open file makes the links to it suspect, with exact ranges; undoing clears them', async () => {
    await reviewAllInTerminal();
    await settled({});
    const original = s.ws.read(featureFiles.prd);
    s.client.open(prd, original, 1);
    s.client.change(prd, 2, { text: original.replace('pays with a saved card', 'pays with any card') });
    await settled({
      [featureFiles.stories]: ['suspect-link', 'suspect-link'],
      [featureFiles.prd]: ['suspect-link'],
    });
    const published = s.client.latest(stories)!.diagnostics;
    assert.deepStrictEqual(
      published.map(d => [d.message, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['REQ-1 changed since ST-1 was reviewed against it (statement)', 9, 17, 22],
        ['REQ-1 changed since ST-2 was reviewed against it (statement)', 15, 8, 13],
      ],
    );
    // Undo: the content is what was reviewed again, so nothing is suspect (the stamps file was not touched).
    const stampsBefore = s.ws.read(STAMPS);
    s.client.change(prd, 3, { text: original });
    await settled({});
    assert.strictEqual(s.ws.read(STAMPS), stampsBefore);
  });

  it('quick fixes stamp one link, then every link to the item: each removes its findings and adds none', async () => {
    await reviewAllInTerminal();
    await settled({});
    // REQ-1's statement changes on disk: the three links to it are suspect.
    const mark = s.client.mark(prd);
    s.ws.write(
      featureFiles.prd,
      s.ws.read(featureFiles.prd).replace('pays with a saved card', 'pays with any card'),
    );
    s.client.filesChanged({ uri: prd, type: FileChange.changed });
    await s.client.waitForDiagnostics(prd, () => true, { since: mark });
    await settled({
      [featureFiles.stories]: ['suspect-link', 'suspect-link'],
      [featureFiles.prd]: ['suspect-link'],
    });
    const [st1, st2] = s.client.latest(stories)!.diagnostics;
    assert.strictEqual(st1.message, 'REQ-1 changed since ST-1 was reviewed against it (statement)');

    const first = await quickFixes(s.client, stories, st1);
    assert.deepStrictEqual(
      first.map(a => a.title),
      ['Mark ST-1 reviewed against REQ-1', 'Mark all 3 links to REQ-1 reviewed'],
    );
    await applyWorkspaceEdit(s, first[0].edit as WorkspaceEdit, []);
    await settled({ [featureFiles.stories]: ['suspect-link'], [featureFiles.prd]: ['suspect-link'] });
    assert.strictEqual(s.client.latest(stories)!.diagnostics[0].message, st2.message);

    const second: CodeAction[] = await quickFixes(
      s.client,
      stories,
      s.client.latest(stories)!.diagnostics[0],
    );
    assert.deepStrictEqual(
      second.map(a => a.title),
      ['Mark ST-2 reviewed against REQ-1', 'Mark all 2 links to REQ-1 reviewed'],
    );
    await applyWorkspaceEdit(s, second[1].edit as WorkspaceEdit, []);
    await settled({});
    assert.deepStrictEqual(s.client.latest(stamps)!.diagnostics, []);
    // What the fixes wrote is what `specwright review --all` writes.
    const written = s.ws.read(STAMPS);
    const r = run(['review', '--all', '--root', s.ws.dir], s.ws.dir);
    assert.match(r.stdout, /the file was already up to date/);
    assert.strictEqual(s.ws.read(STAMPS), written);
  });

  it('rename rewrites the stamps file too: no suspect or unreviewed link appears', async () => {
    await reviewAllInTerminal();
    await settled({});
    const edit = await s.client.request<WorkspaceEdit>('textDocument/rename', {
      ...at(prd, 5, 10),
      newName: 'REQ-10',
    });
    const touched = (edit.documentChanges ?? []).map(
      c => (c as { textDocument: { uri: string } }).textDocument.uri,
    );
    assert.deepStrictEqual(touched.sort(), [prd, stories, stamps].sort());
    await applyWorkspaceEdit(s, edit, []);
    await settled({});
    assert.deepStrictEqual(s.client.latest(stamps)!.diagnostics, []);
    assert.match(s.ws.read(STAMPS), /^REQ-2 depends_on REQ-10 /m);
    assert.doesNotMatch(s.ws.read(STAMPS), /REQ-1 /);
  });
});
