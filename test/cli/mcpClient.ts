/**
 * An MCP client of the official SDK on `node dist/cli.js mcp ARGS...` in a
 * folder, for the tests of `specwright mcp` (mcp*.test.ts).
 */
import * as assert from 'node:assert/strict';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { hangGuard } from '../unit/reliability/timing';
import { cliPath } from './helpers';

export interface ToolAnswer {
  isError?: boolean;
  structuredContent?: any;
  content: { type: string; text?: string }[];
}

export interface McpSession {
  client: Client;
  /** What the server wrote to stderr so far. */
  stderr(): string;
  call(name: string, args?: Record<string, unknown>): Promise<ToolAnswer>;
  /** A tool's structured answer; fails the test when the tool answers an error. */
  ok(name: string, args?: Record<string, unknown>): Promise<any>;
  /** A tool's error text; fails the test when the tool does not answer an error. */
  refused(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function startMcp(cwd: string, args: string[] = ['.']): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cliPath, 'mcp', ...args],
    cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'specwright-test', version: '1.0.0' });
  await client.connect(transport);
  const call = async (name: string, a: Record<string, unknown> = {}): Promise<ToolAnswer> =>
    (await client.callTool({ name, arguments: a })) as ToolAnswer;
  return {
    client,
    stderr: () => stderr,
    call,
    async ok(name, a) {
      const r = await call(name, a);
      assert.ok(!r.isError, `${name} failed: ${JSON.stringify(r.content)}`);
      assert.deepEqual(
        JSON.parse(r.content[0].text!),
        r.structuredContent,
        'the text is the structured JSON',
      );
      return r.structuredContent;
    },
    async refused(name, a) {
      const r = await call(name, a);
      assert.equal(r.isError, true, `${name} did not fail: ${JSON.stringify(r.content)}`);
      return r.content[0].text!;
    },
    close: () => client.close(),
  };
}

/** Ask until `done` holds (the watcher reports saves a little later), with a hang guard and no time asserted. */
export async function eventually<T>(
  ask: () => Promise<T>,
  done: (v: T) => boolean,
  what: string,
): Promise<T> {
  const until = Date.now() + hangGuard(2_000);
  for (;;) {
    const v = await ask();
    if (done(v)) return v;
    if (Date.now() > until) assert.fail(`${what}: still not seen; last answer ${JSON.stringify(v)}`);
    await new Promise(r => setTimeout(r, 100));
  }
}
