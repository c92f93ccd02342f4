import * as assert from 'assert';
import { LspClient } from './lspClient';
import { range, TempWorkspace } from './tempWorkspace';

interface Status {
  hasSpecFiles: boolean;
  files: number;
  items: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** The wiring of the custom view requests (server/src/protocol.ts) into the server. */
describe('protocol: view requests', () => {
  let ws: TempWorkspace;
  let client: LspClient;

  beforeEach(async () => {
    ws = TempWorkspace.copy('protocol-basic');
    client = await LspClient.start({ folders: [ws.uri()] });
    await client.waitForNotification('specwright/workspaceChanged'); // the first scan is committed
  });
  afterEach(() => {
    client.dispose();
    ws.dispose();
  });

  it('answers specwright/workspaceStatus from the scanned workspace', async () => {
    const status = await client.request<Status>('specwright/workspaceStatus');
    // unresolved-link + duplicate-id twice + schema
    assert.deepStrictEqual(
      [status.hasSpecFiles, status.files, status.items, status.errors, status.warnings, status.infos],
      [true, 5, 10, 4, 0, 0],
    );
  });

  it('sends specwright/workspaceChanged after an edit changes the model', async () => {
    const a = ws.uri('a.prd.yaml');
    client.open(a, ws.read('a.prd.yaml'), 1);
    await client.waitForDiagnostics(a, p => p.version === 1);
    const since = client.notifications.length;
    client.change(a, 2, { range: range(8, 17, 8, 24), text: 'REQ-DUP' }); // unresolved-link → priority-inversion
    const changed = await client.waitForNotification<Status>(
      'specwright/workspaceChanged',
      s => s.warnings === 1,
      since,
    );
    assert.deepStrictEqual([changed.errors, changed.warnings], [3, 1]);
  });
});
