/**
 * Containment: a failure stays where it happens.
 * - In the core, a check (local or cross-file), the schema validator or the
 *   parser that throws gives one `internal-error` finding on the file it was
 *   checking; that file keeps its other findings and every other file keeps
 *   all of its own.
 * - In the server, every request and notification handler that startServer
 *   registers is guarded: hostile parameters, or a core that throws on every
 *   call, give a logged error and an error response, never an exception into
 *   the transport. A cancelled request answers RequestCancelled.
 */
import * as assert from 'node:assert/strict';
import {
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
} from 'vscode-languageserver';
import type { CrossCheck, LocalCheck } from '../../../server/src/core/checks/check';
import { crossChecks, localChecks } from '../../../server/src/core/checks/registry';
import * as parseDocument from '../../../server/src/core/parse/parseDocument';
import * as validate from '../../../server/src/core/schema/validate';
import { SpecService } from '../../../server/src/core/service';
import type { IWorkspace } from '../../../server/src/core/workspace';
import { serveRequest } from '../../../server/src/lsp/request';
import { startServer } from '../../../server/src/lsp/startServer';
import { findings, lines } from '../helpers';

const A = 'file:///w/a.prd.yaml';
const B = 'file:///w/b.stories.yaml';
const files = {
  [A]: lines(
    'id: PRD-1',
    'title: T',
    'epic: EPIC-404',
    'requirements:',
    '  - {id: REQ-1, title: t, statement: s, priority: must, status: done}',
  ),
  [B]: lines('id: IT-1', 'title: T', 'stories:', '  - {id: ST-1, title: t, implements: [REQ-1, REQ-404]}'),
};

function build(): SpecService {
  const s = new SpecService();
  s.apply(Object.entries(files).map(([uri, text]) => ({ uri, text })));
  return s;
}

/** Run `fn` with `extra` appended to a check list, then take it out again. */
function withCheck<C>(list: readonly C[], extra: C, fn: () => void): void {
  (list as C[]).push(extra);
  try {
    fn();
  } finally {
    (list as C[]).splice((list as C[]).indexOf(extra), 1);
  }
}

/** Replace a module export for the duration of `fn` (the compiled modules read exports at call time). */
function withExport<M extends object, K extends keyof M>(
  module: M,
  key: K,
  value: M[K],
  fn: () => void,
): void {
  const original = module[key];
  Object.defineProperty(module, key, { value, configurable: true, writable: true });
  try {
    fn();
  } finally {
    Object.defineProperty(module, key, { value: original, configurable: true, writable: true });
  }
}

describe('reliability: containment', () => {
  describe('in the core', () => {
    const expected = { a: findings(build(), A), b: findings(build(), B) };
    const internal = (s: SpecService, uri: string) => findings(s, uri, 'internal-error');

    it('a cross-file check that throws for one file: one internal-error finding on that file, everything else as before', () => {
      const boom: CrossCheck = {
        code: 'boom',
        run: items => {
          if (items.some(i => i.uri === B)) throw new Error('boom');
          return [];
        },
      };
      withCheck(crossChecks, boom, () => {
        const s = build();
        assert.deepEqual(
          internal(s, B).map(f => [f.range, f.message]),
          [
            [
              [0, 0, 0, 0],
              'Specwright failed in the boom check for this file (boom); other files are still checked. Please report this.',
            ],
          ],
        );
        assert.deepEqual(s.diagnostics(B).find(d => d.code === 'internal-error')?.uri, B);
        assert.deepEqual(
          findings(s, B).filter(f => f.code !== 'internal-error'),
          expected.b,
        );
        assert.deepEqual(findings(s, A), expected.a);
        // An edit re-runs it, and it is contained again.
        s.apply([{ uri: B, text: files[B].replace('title: T', 'title: U') }]);
        assert.equal(internal(s, B).length, 1);
      });
    });

    it("a local check that throws: one internal-error finding, the file's other findings still come", () => {
      const boom: LocalCheck = {
        code: 'boom-local',
        run: ({ uri }) => {
          if (uri === A) throw new TypeError('cannot read that');
          return [];
        },
      };
      withCheck(localChecks, boom, () => {
        const s = build();
        assert.deepEqual(
          internal(s, A).map(f => f.message),
          [
            'Specwright failed in the boom-local check for this file (cannot read that); other files are still checked. Please report this.',
          ],
        );
        assert.deepEqual(
          findings(s, A).filter(f => f.code !== 'internal-error'),
          expected.a,
        );
        assert.deepEqual(findings(s, B), expected.b);
      });
    });

    it('the schema validator or the parser throwing is contained the same way', () => {
      withExport(
        validate,
        'validateSchema',
        () => {
          throw new Error('schema exploded');
        },
        () => {
          const s = build();
          assert.deepEqual(
            internal(s, A).map(f => f.message),
            [
              'Specwright failed in schema validation for this file (schema exploded); other files are still checked. Please report this.',
            ],
          );
          assert.deepEqual(
            findings(s, A).filter(f => f.code !== 'internal-error'),
            expected.a,
          );
        },
      );
      const realParse = parseDocument.parseYaml;
      withExport(
        parseDocument,
        'parseYaml',
        (text: string) => {
          if (text.includes('IT-1')) throw new RangeError('parser exploded');
          return realParse(text);
        },
        () => {
          const s = build();
          assert.deepEqual(
            findings(s, B).map(f => f.code),
            ['internal-error'],
          );
          assert.deepEqual(s.index.files.get(B)?.items, []);
          // A's link to REQ-1 is still resolved by A itself; B's items are gone, so nothing reads them.
          assert.deepEqual(internal(s, A), []);
        },
      );
    });
  });

  describe('in the server', () => {
    /** A Connection that records every handler registered on it; only what startServer touches is real. */
    class FakeConnection {
      readonly handlers = new Map<string, (...args: unknown[]) => unknown>();
      readonly errors: string[] = [];
      readonly published: unknown[] = [];
      readonly console = {
        error: (m: string) => this.errors.push(m),
        warn: () => undefined,
        info: () => undefined,
        log: () => undefined,
      };
      readonly workspace = {
        onDidChangeWorkspaceFolders: (h: (...a: unknown[]) => unknown) =>
          this.record('workspace/didChangeWorkspaceFolders', h),
      };
      readonly client = { register: async () => ({ dispose: () => undefined }) };
      sendDiagnostics = async (p: unknown): Promise<void> => {
        this.published.push(p);
      };
      sendNotification = async (): Promise<void> => undefined;
      sendRequest = async (): Promise<null> => null;
      listen = (): void => undefined;
      onRequest = (type: string | { method: string }, h: (...a: unknown[]) => unknown) =>
        this.record(typeof type === 'string' ? type : type.method, h);
      onNotification = (type: string | { method: string }, h: (...a: unknown[]) => unknown) =>
        this.record(typeof type === 'string' ? type : type.method, h);

      record(name: string, h: (...a: unknown[]) => unknown): { dispose(): void } {
        this.handlers.set(name, h);
        return { dispose: () => undefined };
      }

      /** Every `onX(handler)` not defined above records the handler under "onX". */
      static create(): { fake: FakeConnection; connection: Connection } {
        const fake = new FakeConnection();
        const connection = new Proxy(fake, {
          get(target, prop, receiver) {
            if (prop in target) return Reflect.get(target, prop, receiver);
            if (typeof prop === 'string' && prop.startsWith('on'))
              return (h: (...a: unknown[]) => unknown) => target.record(prop, h);
            return undefined;
          },
          set(target, prop, value) {
            (target as unknown as Record<string | symbol, unknown>)[prop] = value;
            return true;
          },
        }) as unknown as Connection;
        return { fake, connection };
      }
    }

    const memoryWorkspace = (throwing = false): IWorkspace => ({
      listSpecFiles: async () => {
        if (throwing) throw new Error('disk on fire');
        return Object.keys(files);
      },
      readFile: async uri => {
        if (throwing) throw new Error('disk on fire');
        return uri in files ? new TextEncoder().encode(files[uri as keyof typeof files]) : undefined;
      },
    });

    const token = (cancelled = false): CancellationToken => ({
      isCancellationRequested: cancelled,
      onCancellationRequested: () => ({ dispose: () => undefined }),
    });

    async function started(throwingDisk = false): Promise<FakeConnection> {
      const { fake, connection } = FakeConnection.create();
      startServer(connection, { workspace: memoryWorkspace(throwingDisk), editDelayMs: 0 });
      await fake.handlers.get('onInitialize')!(
        {
          processId: null,
          rootUri: 'file:///w',
          capabilities: { workspace: { workspaceFolders: true, workspaceEdit: { documentChanges: true } } },
          workspaceFolders: [{ uri: 'file:///w', name: 'w' }],
        },
        token(),
      );
      fake.handlers.get('onInitialized')!({});
      await new Promise(resolve => setTimeout(resolve, 20));
      return fake;
    }

    const hostileParams: unknown[] = [
      undefined,
      null,
      {},
      42,
      'text',
      [],
      { textDocument: {} },
      { textDocument: { uri: 42 }, position: 'here' },
      {
        textDocument: { uri: A },
        position: { line: -5, character: 1e9 },
        positions: [{ line: 1e9, character: -1 }],
        range: {},
        context: { diagnostics: [{ code: 'schema', data: null }] },
        newName: 5,
      },
      {
        textDocument: { uri: A, version: 'x' },
        contentChanges: [
          { range: { start: { line: 99, character: 0 }, end: { line: -1, character: 0 } }, text: 7 },
        ],
      },
      { changes: [{ uri: 7, type: 9 }] },
      { settings: { specwright: { rules: 5, exclude: 'x' } } },
      { event: { added: [{ uri: null }], removed: 'x' } },
      { uri: A, id: { toString: null } },
      { parent: { x: 1 }, groupBy: 7, hideDone: 'yes' },
      { kind: 'nonsense', title: 12, folderUri: 5 },
    ];

    /** Call a handler; a throw or a rejection is a failure. Resolves with what it answered. */
    async function call(
      name: string,
      h: (...a: unknown[]) => unknown,
      params: unknown,
      cancelled = false,
    ): Promise<unknown> {
      let result: unknown;
      try {
        result = h(params, token(cancelled));
      } catch (err) {
        assert.fail(
          `${name}(${JSON.stringify(params)}) threw: ${err instanceof Error ? err.stack : String(err)}`,
        );
      }
      try {
        return await result;
      } catch (err) {
        assert.fail(
          `${name}(${JSON.stringify(params)}) rejected: ${err instanceof Error ? err.stack : String(err)}`,
        );
      }
    }

    it('every handler it registers takes hostile parameters without throwing or rejecting', async () => {
      const fake = await started();
      const names = [...fake.handlers.keys()].filter(n => n !== 'onShutdown').sort();
      // The standard features, the custom requests, the text-document notifications and the lifecycle.
      for (const n of [
        'onHover',
        'onCompletion',
        'onCompletionResolve',
        'onDefinition',
        'onReferences',
        'onRenameRequest',
        'onPrepareRename',
        'onCodeAction',
        'onCodeLens',
        'onCodeLensResolve',
        'onDocumentSymbol',
        'onFoldingRanges',
        'onDocumentLinks',
        'onSelectionRanges',
        'onDocumentHighlight',
        'onWorkspaceSymbol',
        'onDidOpenTextDocument',
        'onDidChangeTextDocument',
        'onDidCloseTextDocument',
        'onDidChangeWatchedFiles',
        'onDidChangeConfiguration',
        'workspace/didChangeWorkspaceFolders',
        'specwright/roadmapChildren',
        'specwright/trace',
        'specwright/newDocument',
        'textDocument/semanticTokens/full',
      ]) {
        assert.ok(names.includes(n), `${n} is registered (registered: ${names.join(', ')})`);
      }
      for (const name of names) {
        for (const params of hostileParams) await call(name, fake.handlers.get(name)!, params);
      }
      await new Promise(resolve => setTimeout(resolve, 50)); // queued work (disk reads after hostile events) runs, and is contained too
      assert.ok(fake.errors.length > 0, 'failures were logged');
      const hover = await call('onHover', fake.handlers.get('onHover')!, {
        textDocument: { uri: A },
        position: { line: 0, character: 5 },
      });
      assert.ok(hover && typeof hover === 'object' && 'contents' in hover, 'it still answers');
    });

    it("a core that throws on every call: requests answer InternalError, the views' requests too, nothing escapes", async () => {
      const fake = await started();
      const methods = ['apply', 'diagnostics', 'tree', 'openDocuments', 'uris', 'suppressed'] as const;
      const saved = methods.map(
        m => [m, (SpecService.prototype as unknown as Record<string, unknown>)[m]] as const,
      );
      for (const m of methods)
        (SpecService.prototype as unknown as Record<string, unknown>)[m] = () => {
          throw new Error(`core ${m} exploded`);
        };
      const index = Object.getOwnPropertyDescriptor(SpecService.prototype, 'index');
      try {
        const valid: Record<string, unknown> = {
          onHover: { textDocument: { uri: A }, position: { line: 0, character: 5 } },
          onDidOpenTextDocument: {
            textDocument: { uri: A, languageId: 'specwright', version: 3, text: files[A] },
          },
          onDidChangeTextDocument: {
            textDocument: { uri: A, version: 4 },
            contentChanges: [{ text: files[A] + '# x\n' }],
          },
          onCodeAction: {
            textDocument: { uri: A },
            range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
            context: { diagnostics: [] },
          },
        };
        const internalErrors: string[] = [];
        for (const [name, h] of fake.handlers) {
          if (name === 'onShutdown' || name === 'onInitialize') continue;
          const answer = await call(
            name,
            h,
            valid[name] ?? {
              textDocument: { uri: A },
              position: { line: 0, character: 5 },
              positions: [{ line: 0, character: 5 }],
            },
          );
          if (answer instanceof ResponseError && answer.code === ErrorCodes.InternalError)
            internalErrors.push(name);
        }
        await new Promise(resolve => setTimeout(resolve, 50));
        // The requests that call a method that throws here (a syntax tree, the findings, the open documents)
        // answer InternalError, the views' requests like the others (serveRequest); the rest answer from
        // the index, which still works.
        assert.deepEqual(internalErrors.sort(), [
          'onCompletion',
          'onDocumentLinks',
          'onFoldingRanges',
          'onRenameRequest',
          'onSelectionRanges',
          'specwright/newDocument',
          'specwright/roadmapReveal',
          'specwright/trace',
          'specwright/workspaceStatus',
        ]);
        assert.ok(
          fake.errors.some(e => /core (apply|diagnostics|tree) exploded/.test(e)),
          fake.errors.join('\n'),
        );
      } finally {
        for (const [m, f] of saved) (SpecService.prototype as unknown as Record<string, unknown>)[m] = f;
        if (index) Object.defineProperty(SpecService.prototype, 'index', index);
      }
      // Restored, it serves again.
      const hover = await call('onHover', fake.handlers.get('onHover')!, {
        textDocument: { uri: A },
        position: { line: 0, character: 5 },
      });
      assert.ok(hover && typeof hover === 'object' && 'contents' in hover);
    });

    it('a workspace that cannot be read: the scan failure is logged, the server still serves open documents', async () => {
      const fake = await started(true);
      assert.ok(
        fake.errors.some(e => e.includes('scanning the workspace failed') && e.includes('disk on fire')),
        fake.errors.join('\n'),
      );
      await call('onDidOpenTextDocument', fake.handlers.get('onDidOpenTextDocument')!, {
        textDocument: { uri: B, languageId: 'specwright', version: 1, text: files[B] },
      });
      await new Promise(resolve => setTimeout(resolve, 20)); // opens are coalesced like edits
      const last = fake.published.at(-1) as { uri: string; version: number; diagnostics: { code: string }[] };
      assert.deepEqual(
        [last.uri, last.version, last.diagnostics.map(d => d.code)],
        [B, 1, ['unresolved-link', 'unresolved-link']],
      );
    });

    it('a cancelled request answers RequestCancelled without asking the core', async () => {
      const fake = await started();
      let asked = 0;
      const ctx = {
        log: { error: () => undefined, warn: () => undefined, info: () => undefined },
        sync: { flushEdits: () => undefined },
      };
      const handler = serveRequest(
        ctx as never,
        'test/request',
        () => {
          asked++;
          return 1;
        },
        v => v,
      );
      const answer = await handler({}, token(true));
      assert.ok(answer instanceof ResponseError);
      assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
      assert.equal(asked, 0);
      // Through the real handlers too.
      const hover = await call(
        'onHover',
        fake.handlers.get('onHover')!,
        { textDocument: { uri: A }, position: { line: 0, character: 5 } },
        true,
      );
      assert.ok(hover instanceof ResponseError && hover.code === LSPErrorCodes.RequestCancelled);
    });
  });
});
