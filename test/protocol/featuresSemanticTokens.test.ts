import * as assert from 'assert';
import type { SemanticTokens } from 'vscode-languageserver-protocol/node';
import { featureFiles, OpenDocument, startOn, type Session } from './featureFixture';

/** Decoded tokens: [line, character, length, modifiers by name]. */
function decode(tokens: SemanticTokens): [number, number, number, string][] {
  const out: [number, number, number, string][] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < tokens.data.length; i += 5) {
    const [dl, dc, len, type, mods] = tokens.data.slice(i, i + 5);
    char = dl === 0 ? char + dc : dc;
    line += dl;
    assert.strictEqual(type, 0, 'every token is a variable');
    out.push([
      line,
      char,
      len,
      mods === 1 ? 'defined' : mods === 2 ? 'unresolved' : mods === 0 ? 'linked' : `modifiers ${mods}`,
    ]);
  }
  return out;
}

describe('protocol: semantic tokens for IDs', () => {
  let s: Session;
  beforeEach(async () => {
    s = await startOn();
  });
  afterEach(() => {
    s.client.dispose();
    s.ws.dispose();
  });

  it('textDocument/semanticTokens/full: defined, linked and unresolved IDs of a closed file, then of an edited one, with a refresh', async () => {
    const uri = s.uri(featureFiles.stories);
    const full = (): Promise<SemanticTokens> =>
      s.client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    assert.deepStrictEqual(decode(await full()), [
      [2, 4, 4, 'defined'], // IT-1
      [4, 9, 3, 'linked'], // release: R-1
      [6, 8, 4, 'defined'], // ST-1
      [8, 10, 9, 'linked'], // as_a: P-SHOPPER
      [9, 17, 5, 'linked'], // implements: [REQ-1]
      [11, 8, 4, 'defined'], // ST-2
      [14, 8, 5, 'linked'], // - REQ-2
      [15, 8, 5, 'linked'], // - REQ-1
    ]);
    const since = s.client.notifications.length;
    const doc = new OpenDocument(
      s.client,
      uri,
      s.ws.read(featureFiles.stories).replace('implements: [REQ-1]', 'implements: [REQ-77]'),
    );
    await doc.published();
    // The editor is asked to read the tokens again: whether a link resolves depends on other files.
    await s.client.waitForNotification('workspace/semanticTokens/refresh', () => true, since);
    assert.deepStrictEqual(decode(await full())[4], [9, 17, 6, 'unresolved']);
  });
});
