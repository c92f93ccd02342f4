import * as assert from 'node:assert/strict';
import { commitAll, initRepo, write } from '../cli/gitRepo';
import { run, tempDir } from '../cli/helpers';
import { LspClient } from './lspClient';
import { pathToFileURL } from 'node:url';

interface Hover {
  contents: { kind: string; value: string };
}
interface SuspectLinkEntry {
  from: string;
  field: string;
  uri: string;
  target: string;
  targetUri: string;
  changed: string[];
  rootUri: string;
  targetPath?: string;
  reviewed?: { commit: string; path: string };
}

const prd = (statement: string, status: string) =>
  [
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-1',
    '    title: Pay',
    `    statement: ${statement}`,
    `    status: ${status}`,
    '    priority: must',
    '  - {id: REQ-2, title: Refund, statement: Refund a card., priority: should}',
    '',
  ].join('\n');
const stories = [
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - id: ST-1',
  '    title: Pay',
  '    implements: [REQ-1]',
  '',
].join('\n');
/** Statements longer than a short value: the hover shows a word diff. */
const card = 'A shopper can pay with a card at checkout, in one step.';
const savedCard = 'A shopper can pay with a saved card at checkout, in one step.';
/** Where `REQ-1` is in `implements: [REQ-1]` of the stories file. */
const linkPosition = { line: 5, character: 18 };

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The editor's view of suspect links (issue 15 point 5) over a temporary git
 * repository: the hover's old → new from the reviewed version, and the
 * requests behind "Specwright: Review Changes".
 */
describe('protocol: suspect links from git history', function () {
  this.timeout(120_000);
  let dir: string;
  let remove: () => void;
  let reviewed: string;
  let client: LspClient;
  const uri = (p: string) => pathToFileURL(`${dir}/${p}`).href;

  beforeEach(() => {
    ({ dir, remove } = tempDir());
  });
  afterEach(() => {
    client?.dispose();
    remove();
  });

  /**
   * Commit 1: the PRD and the stories. Commit 2: REQ-1 approved (not a
   * content change) and every link stamped: REQ-1 as reviewed is commit 2's,
   * the newest revision of the PRD with the stamp's content. Commit 3:
   * REQ-1's statement reworded, so ST-1's link is suspect.
   */
  function history(): void {
    initRepo(dir);
    write(dir, {
      '.specwright.yaml': 'rules:\n  orphan: off\n',
      'specs/checkout.prd.yaml': prd(card, 'draft'),
      'specs/sprint.stories.yaml': stories,
    });
    commitAll(dir, 'first');
    write(dir, { 'specs/checkout.prd.yaml': prd(card, 'approved') });
    assert.equal(run(['review', '--all'], dir).status, 0);
    reviewed = commitAll(dir, 'approved and reviewed');
    write(dir, { 'specs/checkout.prd.yaml': prd(savedCard, 'approved') });
    commitAll(dir, 'reworded');
  }

  async function start(initializationOptions?: unknown): Promise<void> {
    client = await LspClient.start({ folders: [pathToFileURL(dir).href], initializationOptions });
    await client.waitForNotification('specwright/workspaceChanged');
  }

  const hoverText = async () =>
    (
      await client.request<Hover>('textDocument/hover', {
        textDocument: { uri: uri('specs/sprint.stories.yaml') },
        position: linkPosition,
      })
    ).contents.value;

  it('a hover on a suspect link names the changed fields at once, and later shows old → new from git', async () => {
    history();
    await start();
    const changed = '**Changed since ST-1 was reviewed against it**: `statement`';
    const first = await hoverText();
    assert.ok(first.startsWith('**Requirement REQ-1** — Pay'), first);
    assert.ok(first.endsWith(`\n\n${changed}`), first);
    // The first hover started the search in history; a later hover shows what it found.
    let later = first;
    for (let i = 0; i < 600 && later === first; i++) {
      await sleep(100);
      later = await hoverText();
    }
    assert.ok(
      later.endsWith(
        [
          changed,
          '- **statement**: A shopper can pay with a **saved** card at checkout, in one step.',
          `Reviewed version: \`${reviewed.slice(0, 12)}\` (\`specs/checkout.prd.yaml\`)`,
        ].join('\n\n'),
      ),
      later,
    );
  });

  it('specwright/suspectLinks lists the suspect link with its reviewed revision; specwright/revisionFile reads it', async () => {
    history();
    await start();
    const links = await client.request<SuspectLinkEntry[]>('specwright/suspectLinks');
    assert.deepEqual(
      links.map(l => [l.from, l.field, l.target, l.changed, l.uri, l.targetUri, l.targetPath, l.reviewed]),
      [
        [
          'ST-1',
          'implements',
          'REQ-1',
          ['statement'],
          uri('specs/sprint.stories.yaml'),
          uri('specs/checkout.prd.yaml'),
          'specs/checkout.prd.yaml',
          { commit: reviewed, path: 'specs/checkout.prd.yaml' },
        ],
      ],
    );
    const file = await client.request<{ text: string } | null>('specwright/revisionFile', {
      rootUri: links[0].rootUri,
      commit: reviewed,
      path: 'specs/checkout.prd.yaml',
    });
    assert.equal(file?.text, prd(card, 'approved'));
    // Only spec files inside a root that keeps stamps, at a full commit hash.
    for (const [params, message] of [
      [
        { rootUri: links[0].rootUri, commit: reviewed, path: '../checkout.prd.yaml' },
        '"../checkout.prd.yaml" is not a spec file inside the folder',
      ],
      [
        { rootUri: links[0].rootUri, commit: reviewed, path: 'specwright.reviews' },
        '"specwright.reviews" is not a spec file inside the folder',
      ],
      [
        { rootUri: links[0].rootUri, commit: 'HEAD', path: 'specs/checkout.prd.yaml' },
        '"HEAD" is not a full commit hash',
      ],
      [
        { rootUri: 'file:///', commit: reviewed, path: 'specs/checkout.prd.yaml' },
        '"file:///" is not a folder that keeps review stamps',
      ],
    ] as const)
      await assert.rejects(client.request('specwright/revisionFile', params), { message });
  });

  it('outside a git repository the link is listed without a reviewed revision, and the hover names the fields only', async () => {
    write(dir, {
      '.specwright.yaml': 'rules:\n  orphan: off\n',
      'specs/checkout.prd.yaml': prd(card, 'draft'),
      'specs/sprint.stories.yaml': stories,
    });
    assert.equal(run(['review', '--all'], dir).status, 0);
    write(dir, { 'specs/checkout.prd.yaml': prd(savedCard, 'draft') });
    await start();
    const links = await client.request<SuspectLinkEntry[]>('specwright/suspectLinks');
    assert.deepEqual(
      links.map(l => [l.from, l.target, l.changed, l.reviewed]),
      [['ST-1', 'REQ-1', ['statement'], undefined]],
    );
    // The search has ended (the request waited for it): the hover still names the fields only.
    assert.ok(
      (await hoverText()).endsWith('\n\n**Changed since ST-1 was reviewed against it**: `statement`'),
    );
  });

  it('in an untrusted workspace git is not run: no reviewed revision, no revision file', async () => {
    history();
    await start({ settings: { rules: {}, exclude: [] }, trusted: false });
    const links = await client.request<SuspectLinkEntry[]>('specwright/suspectLinks');
    assert.deepEqual(
      links.map(l => [l.from, l.target, l.changed, l.reviewed]),
      [['ST-1', 'REQ-1', ['statement'], undefined]],
    );
    const file = await client.request('specwright/revisionFile', {
      rootUri: links[0].rootUri,
      commit: reviewed,
      path: 'specs/checkout.prd.yaml',
    });
    assert.equal(file, null);
    assert.ok(
      (await hoverText()).endsWith('\n\n**Changed since ST-1 was reviewed against it**: `statement`'),
    );
  });
});
