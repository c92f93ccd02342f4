import * as assert from 'node:assert/strict';
import { parse } from 'jsonc-parser';
import { mergeMcpConfig, specwrightMcpEntry } from '../../../client/src/commands/mcpConfig';

const cli = '/ext/specwright/dist/cli.js';
const entry = specwrightMcpEntry(cli);

describe('client: the .vscode/mcp.json entry of Set Up MCP Server', () => {
  it('is a stdio server that runs the bundled CLI on the workspace folder', () => {
    assert.deepEqual(entry, {
      type: 'stdio',
      command: 'node',
      args: [cli, 'mcp', '${workspaceFolder}'],
    });
  });

  it('writes a new file when there is none (or it is empty)', () => {
    const expected = {
      kind: 'write',
      replaced: false,
      text: [
        '{',
        '  "servers": {',
        '    "specwright": {',
        '      "type": "stdio",',
        '      "command": "node",',
        '      "args": [',
        '        "/ext/specwright/dist/cli.js",',
        '        "mcp",',
        '        "${workspaceFolder}"',
        '      ]',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    };
    assert.deepEqual(mergeMcpConfig(undefined, entry), expected);
    assert.deepEqual(mergeMcpConfig('  \n', entry), expected);
  });

  it("adds the entry beside the other servers, keeping inputs, comments and the file's indentation", () => {
    const head = [
      '{',
      '    // Team servers',
      '    "inputs": [{ "type": "promptString", "id": "token" }],',
      '    "servers": {',
      '        // remote, trailing comma and all',
    ];
    const existing = [
      ...head,
      '        "github": { "type": "http", "url": "https://api.githubcopilot.com/mcp/" },',
      '    },',
      '}',
      '',
    ].join('\n');
    const merged = mergeMcpConfig(existing, entry);
    assert.equal(merged.kind, 'write');
    if (merged.kind !== 'write') return;
    assert.equal(merged.replaced, false);
    assert.ok(merged.text.startsWith(head.join('\n') + '\n'), merged.text);
    assert.ok(merged.text.includes('\n        "specwright": {\n            "type": "stdio",'), merged.text);
    assert.deepEqual(parse(merged.text, [], { allowTrailingComma: true }), {
      inputs: [{ type: 'promptString', id: 'token' }],
      servers: {
        github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' },
        specwright: entry,
      },
    });
  });

  it('replaces an older specwright entry, and leaves an equal one alone', () => {
    const old = JSON.stringify(
      { servers: { specwright: { type: 'stdio', command: 'npx', args: ['specwright', 'mcp'] } } },
      null,
      2,
    );
    const merged = mergeMcpConfig(old, entry);
    assert.equal(merged.kind, 'write');
    if (merged.kind !== 'write') return;
    assert.equal(merged.replaced, true);
    assert.deepEqual(JSON.parse(merged.text), { servers: { specwright: entry } });
    assert.deepEqual(mergeMcpConfig(merged.text, entry), { kind: 'unchanged' });
  });

  it('adds servers to a file without it', () => {
    const merged = mergeMcpConfig('{ "inputs": [] }\n', entry);
    assert.equal(merged.kind, 'write');
    if (merged.kind === 'write')
      assert.deepEqual(JSON.parse(merged.text), { inputs: [], servers: { specwright: entry } });
  });

  it('refuses a file it cannot merge into without a guess, saying why', () => {
    assert.deepEqual(mergeMcpConfig('{ "servers": { "a": 1 \n', entry), {
      kind: 'refused',
      reason: 'it is not valid JSON (CloseBraceExpected at line 2, column 1)',
    });
    assert.deepEqual(mergeMcpConfig('[1, 2]', entry), {
      kind: 'refused',
      reason: 'its top level is not an object',
    });
    assert.deepEqual(mergeMcpConfig('{ "servers": [] }', entry), {
      kind: 'refused',
      reason: '"servers" is not an object',
    });
  });
});
