import * as assert from 'assert';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol/node';
import {
  applyWorkspaceEdit,
  at,
  featureFiles,
  findingsByFile,
  OpenDocument,
  requestError,
  startOn,
  type Session,
} from './featureFixture';
import { range } from './tempWorkspace';

const RequestFailed = -32803;
const allFiles = Object.values(featureFiles);
const clean = Object.fromEntries(allFiles.map(f => [f, []]));

describe('protocol: rename', () => {
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

  it('announces prepareRename to a client that supports it', () => {
    assert.deepStrictEqual(s.client.initializeResult.capabilities.renameProvider, { prepareProvider: true });
  });

  it('prepareRename: the ID and its range; an error with the reason anywhere else', async () => {
    assert.deepStrictEqual(await s.client.request('textDocument/prepareRename', at(stories, 9, 18)), {
      range: range(9, 17, 9, 22),
      placeholder: 'REQ-1',
    });
    assert.deepStrictEqual(
      await requestError(s.client.request('textDocument/prepareRename', at(stories, 7, 6))),
      { code: RequestFailed, message: 'You can only rename an ID (the value of id: or a link)' },
    );
  });

  it('refuses an invalid or used ID with an error and no edit', async () => {
    const invalid = await requestError(
      s.client.request('textDocument/rename', { ...at(stories, 9, 18), newName: 'req 10' }),
    );
    assert.deepStrictEqual(invalid, {
      code: RequestFailed,
      message:
        '"req 10" is not a valid ID: an ID is a capital letter, then capitals, digits or _, a hyphen, ' +
        'and letters, digits, ".", "_" or "-" (like REQ-101, EPIC-12 or R-2026.1)',
    });
    assert.deepStrictEqual(
      await requestError(
        s.client.request('textDocument/rename', { ...at(stories, 9, 18), newName: 'REQ-2' }),
      ),
      { code: RequestFailed, message: 'REQ-2 is already defined in prds/checkout.prd.yaml' },
    );
    assert.deepStrictEqual(
      await requestError(s.client.request('textDocument/rename', { ...at(stories, 7, 6), newName: 'REQ-9' })),
      { code: RequestFailed, message: 'You can only rename an ID (the value of id: or a link)' },
    );
  });

  it('edits every definition and link: versioned for open documents, version null for closed files; applied, nothing new is found', async () => {
    const doc = new OpenDocument(s.client, stories, s.ws.read(featureFiles.stories), 5);
    await doc.published();
    // An edit not yet checked: the rename must be computed on it (and carry its version).
    doc.set(doc.text.replace('    status: draft\n', '    status: review\n'));

    const edit = await s.client.request<WorkspaceEdit>('textDocument/rename', {
      ...at(prd, 5, 10),
      newName: 'REQ-10',
    });
    const replace = (r: ReturnType<typeof range>) => ({ range: r, newText: 'REQ-10' });
    assert.deepStrictEqual(edit, {
      documentChanges: [
        {
          textDocument: { uri: stories, version: 6 },
          edits: [replace(range(9, 17, 9, 22)), replace(range(15, 8, 15, 13))],
        },
        {
          textDocument: { uri: prd, version: null },
          edits: [replace(range(5, 8, 5, 13)), replace(range(14, 8, 14, 13))],
        },
      ],
    });

    await applyWorkspaceEdit(s, edit, [doc]);
    assert.deepStrictEqual(findingsByFile(s, allFiles), clean);
    assert.match(doc.text, /implements: \[REQ-10\]/);
    assert.match(s.ws.read(featureFiles.prd), /- id: REQ-10\n/);
    const refs = await s.client.request<Location[]>('textDocument/references', {
      ...at(stories, 9, 18),
      context: { includeDeclaration: true },
    });
    assert.deepStrictEqual(
      refs.map(l => [l.uri, l.range.start.line]),
      [
        [stories, 9],
        [stories, 15],
        [prd, 5],
        [prd, 14],
      ],
    );
  });

  it('answers with `changes` for a client without documentChanges', async () => {
    s.client.dispose();
    s.ws.dispose();
    s = await startOn('protocol-features', allFiles, {
      capabilities: c => ({ ...c, workspace: { ...c.workspace, workspaceEdit: { documentChanges: false } } }),
    });
    const edit = await s.client.request<WorkspaceEdit>('textDocument/rename', {
      ...at(s.uri(featureFiles.roadmap), 7, 9),
      newName: 'R-3',
    });
    assert.deepStrictEqual(edit, {
      changes: { [s.uri(featureFiles.roadmap)]: [{ range: range(7, 8, 7, 11), newText: 'R-3' }] },
    });
  });
});
