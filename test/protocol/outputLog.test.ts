import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { at, featureFiles, startOn, type Session } from './featureFixture';
import { repoRoot } from './lspClient';

/** LSP's MessageType. */
const MessageType = { Error: 1, Warning: 2, Info: 3, Log: 4 } as const;

/** What the Output channel shows: the server's window/logMessage lines. */
describe('protocol: the Output channel (window/logMessage)', () => {
  let s: Session;
  beforeEach(async () => {
    s = await startOn();
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it('a healthy start says the version, the workspace folders and what was indexed, at info level, and nothing else', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const logs = await s.client.waitFor('the indexed line', () =>
      s.client.logMessages.some(m => m.message.startsWith('indexed ')) ? s.client.logMessages : undefined,
    );
    assert.deepStrictEqual(logs.slice(0, 2), [
      { type: MessageType.Info, message: `Specwright language server ${version}` },
      { type: MessageType.Info, message: `workspace folders: ${s.ws.uri()}` },
    ]);
    assert.strictEqual(logs.length, 3, JSON.stringify(logs));
    assert.strictEqual(logs[2].type, MessageType.Info);
    // The five files of protocol-features and their items: V-1, G-CONV, P-SHOPPER; RM-1, R-1, R-2; EPIC-1; PRD-1, REQ-1, REQ-2; IT-1, ST-1, ST-2.
    assert.match(logs[2].message, /^indexed 5 files, 13 items in \d+ ms$/);
    assert.deepStrictEqual(s.client.initializeResult.serverInfo, { name: 'specwright', version });
  });

  it('a refused rename is logged at info level with its reason, never as an error', async () => {
    const stories = s.uri(featureFiles.stories);
    await assert.rejects(s.client.request('textDocument/rename', { ...at(stories, 7, 6), newName: 'X-1' }), {
      code: -32803,
      message: 'You can only rename an ID (the value of id: or a link)',
    });
    const line = await s.client.waitFor('the refusal in the log', () =>
      s.client.logMessages.find(m => /refused/.test(m.message)),
    );
    assert.deepStrictEqual(line, {
      type: MessageType.Info,
      message: 'textDocument/rename refused: You can only rename an ID (the value of id: or a link)',
    });
    assert.deepStrictEqual(
      s.client.logMessages.filter(m => m.type === MessageType.Error),
      [],
    );
  });
});
