/**
 * Security, issue #7 §5, in the core, the Node workspace and the client:
 * workspace trust is `limited` and an untrusted workspace is told once why;
 * team schemas compile in strict mode, without `$data`, with local `$ref`s
 * only, and with every pattern checked before it can run; the scan never
 * follows a symbolic link. The server's side: test/protocol/trust.test.ts and
 * test/protocol/security.test.ts; the CLI's: test/cli/security.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileExtension } from '../../../server/src/core/schema/extensions';
import { NodeWorkspace, pathToUri } from '../../../server/src/node/nodeWorkspace';

const repoRoot = path.resolve(__dirname, '../../../..');
const compile = (schema: unknown) => compileExtension('prd', 'team.json', { text: JSON.stringify(schema) });
const problem = (schema: unknown): string => {
  const r = compile(schema);
  assert.ok('problem' in r, `${JSON.stringify(schema)} should be refused`);
  return r.problem;
};

describe('reliability: security', () => {
  describe('workspace trust', () => {
    it('the extension declares workspace trust "limited" and restricts every setting that changes what is read or reported', () => {
      const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
      const untrusted = manifest.capabilities?.untrustedWorkspaces;
      assert.equal(untrusted?.supported, 'limited');
      assert.ok(typeof untrusted.description === 'string' && untrusted.description.length > 0);
      // Every setting but the trace level (which only changes what the output channel shows) and the
      // Roadmap view's progress measure (which only changes which figure its rows show; its toggle writes
      // the workspace's settings, which Restricted Mode would ignore).
      const shownOnly = ['specwright.trace.server', 'specwright.roadmap.progress'];
      const settings = Object.keys(manifest.contributes.configuration.properties).filter(
        k => !shownOnly.includes(k),
      );
      assert.deepEqual([...untrusted.restrictedConfigurations].sort(), settings.sort());
    });

    describe('the client, in Restricted Mode', () => {
      // ctx.ts needs the `vscode` module, which only exists inside VS Code: a stand-in records what
      // the client shows. Only explainRestrictedMode runs; nothing else of the client is started.
      let trusted = false;
      let shown: unknown[][] = [];
      let commands: unknown[][] = [];
      let choice: string | undefined;
      let explain: (state: Map<string, unknown>) => void;

      before(() => {
        const anything: object = new Proxy(
          function () {
            /* stand-in */
          },
          {
            get: (_t, k) => (k === 'then' ? undefined : anything),
            apply: () => anything,
            construct: () => anything,
          },
        );
        const vscode = new Proxy(
          {},
          {
            get: (_t, k) => {
              if (k === 'workspace')
                return {
                  get isTrusted() {
                    return trusted;
                  },
                };
              if (k === 'window')
                return {
                  showInformationMessage: (...a: unknown[]) => {
                    shown.push(a);
                    return Promise.resolve(choice);
                  },
                };
              if (k === 'commands')
                return {
                  executeCommand: (...a: unknown[]) => {
                    commands.push(a);
                    return Promise.resolve();
                  },
                };
              return anything;
            },
          },
        );
        const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
        const load = loader._load;
        loader._load = function (request: string, ...rest: unknown[]) {
          return request === 'vscode' ? vscode : load.call(this, request, ...rest);
        };
        try {
          // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the loader is patched
          const { Ctx } = require('../../../client/src/ctx') as typeof import('../../../client/src/ctx');
          explain = state => {
            const ctx = Object.create(Ctx.prototype) as { extension: unknown; explainRestrictedMode(): void };
            ctx.extension = {
              workspaceState: {
                get: (k: string) => state.get(k),
                update: (k: string, v: unknown) => {
                  state.set(k, v);
                  return Promise.resolve();
                },
              },
            };
            ctx.explainRestrictedMode();
          };
        } finally {
          loader._load = load;
        }
      });
      beforeEach(() => {
        trusted = false;
        shown = [];
        commands = [];
        choice = undefined;
      });

      it('says once per workspace why team schemas are not read, with a way to trust it', async () => {
        const state = new Map<string, unknown>();
        explain(state); // the server (re)starts: the first time in this workspace
        explain(state); // a restart, or the next session (workspaceState persists)
        assert.equal(shown.length, 1);
        assert.match(
          String(shown[0][0]),
          /^Specwright: this workspace is not trusted, so team schemas named in \.specwright\.yaml \(schemas:\) are not read; spec files are checked against the built-in schemas only\./,
        );
        assert.deepEqual(shown[0].slice(1), ['Manage Workspace Trust']);
        explain(new Map()); // another workspace: told again
        assert.equal(shown.length, 2);
        choice = 'Manage Workspace Trust';
        explain(new Map());
        await new Promise(resolve => setImmediate(resolve));
        assert.deepEqual(commands, [['workbench.trust.manage']]);
      });

      it('says nothing in a trusted workspace', () => {
        trusted = true;
        const state = new Map<string, unknown>();
        explain(state);
        assert.deepEqual(shown, []);
        assert.equal(state.size, 0, 'not marked as told, so it still tells if trust is taken away later');
      });
    });
  });

  describe('team schemas (Ajv)', () => {
    it('compile in strict mode: unknown keywords, keywords of later drafts and unknown formats are refused', () => {
      assert.match(problem({ type: 'object', nonsense: 1 }), /strict mode: unknown keyword: "nonsense"/);
      assert.match(
        problem({ type: 'object', unevaluatedProperties: false }),
        /strict mode: unknown keyword: "unevaluatedProperties"/,
      );
      assert.match(
        problem({ type: 'object', properties: { a: { type: 'string', $dynamicRef: '#a' } } }),
        /strict mode: unknown keyword: "\$dynamicRef"/,
      );
      assert.match(
        problem({ type: 'object', properties: { a: { type: 'string', format: 'regex' } } }),
        /unknown format "regex"/,
      );
      assert.match(problem({ properties: { a: { type: 'string' } } }), /strict mode: missing type "object"/);
    });

    it('compile without $data: {"$data": …} is refused where a number is expected and is a plain value elsewhere, never a pointer into the file', () => {
      assert.match(
        problem({ type: 'object', properties: { a: { type: 'number', maximum: { $data: '1/b' } } } }),
        /maximum must be number/,
      );
      const r = compile({ type: 'object', properties: { a: { const: { $data: '1/b' } } } });
      assert.ok('extension' in r);
      assert.equal(
        r.extension.validate({ a: 5, b: 5 }),
        false,
        'with $data, a would have to equal b and this would pass',
      );
      assert.equal(r.extension.validate({ a: { $data: '1/b' } }), true);
    });

    it('never load a remote schema: a $ref that is not #/…, an $id-relative $ref and a remote $schema are refused, and compiling awaits nothing', () => {
      for (const ref of [
        'https://example.com/a.json',
        'http://localhost:1/a.json',
        'other.json#/a',
        'file:///etc/passwd',
        '//example.com/a.json',
      ]) {
        assert.match(
          problem({ type: 'object', properties: { a: { $ref: ref } } }),
          /is not a local reference; only references within the file \(#\/\.\.\.\) are allowed, and nothing is ever fetched/,
          ref,
        );
      }
      assert.match(
        problem({
          $id: 'https://example.com/team.json',
          type: 'object',
          properties: { a: { $ref: 'b.json' } },
        }),
        /\$ref "b\.json" at #\/properties\/a is not a local reference/,
      );
      assert.match(
        problem({ $schema: 'https://example.com/meta.json', type: 'object' }),
        /no schema with key or ref "https:\/\/example\.com\/meta\.json"/,
      );
      // compileExtension is synchronous: it returns its answer, never a promise (Ajv only fetches with
      // loadSchema and compileAsync, and neither is used).
      const r = compile({
        type: 'object',
        properties: { a: { $ref: '#/$defs/a' } },
        $defs: { a: { type: 'string' } },
      });
      assert.ok('extension' in r && !(r instanceof Promise));
    });

    it('run every pattern on the linear-time engine, wherever the schema holds it: one it cannot run is refused', () => {
      const bad = '(a)\\1';
      const places: unknown[] = [
        { type: 'object', properties: { a: { type: 'string', pattern: bad } } },
        { type: 'object', patternProperties: { [bad]: { type: 'string' } } },
        { type: 'object', propertyNames: { type: 'string', pattern: bad } },
        { type: 'object', additionalProperties: { type: 'string', pattern: bad } },
        { type: 'object', properties: { l: { type: 'array', items: { type: 'string', pattern: bad } } } },
        {
          type: 'object',
          properties: {
            l: {
              type: 'array',
              items: [{ type: 'string', pattern: bad }],
              minItems: 1,
              additionalItems: false,
            },
          },
        },
        { type: 'object', properties: { l: { type: 'array', contains: { type: 'string', pattern: bad } } } },
        {
          type: 'object',
          if: { type: 'object' },
          then: { type: 'object', properties: { b: { type: 'string', pattern: bad } } },
        },
        {
          type: 'object',
          anyOf: [
            { type: 'object' },
            { type: 'object', properties: { b: { type: 'string', pattern: bad } } },
          ],
        },
        { type: 'object', not: { type: 'object', properties: { b: { type: 'string', pattern: bad } } } },
        {
          type: 'object',
          dependencies: { a: { type: 'object', properties: { b: { type: 'string', pattern: bad } } } },
        },
        {
          type: 'object',
          properties: { a: { $ref: '#/$defs/p' } },
          $defs: { p: { type: 'string', pattern: bad } },
        },
        {
          type: 'object',
          properties: {
            a: { $ref: '#/properties/x-d/enum/0' },
            'x-d': { enum: [{ type: 'string', pattern: bad }] },
          },
        },
      ];
      for (const schema of places) {
        assert.equal(
          problem(schema),
          'the schema file "team.json" cannot be used: the pattern "(a)\\\\1" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
          JSON.stringify(schema),
        );
      }
    });
  });

  describe('the Node workspace', () => {
    let base: string;
    let root: string;
    before(() => {
      base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-security-')));
      root = path.join(base, 'w');
      fs.mkdirSync(path.join(root, 'real'), { recursive: true });
      fs.mkdirSync(path.join(base, 'outside'));
      fs.writeFileSync(path.join(base, 'outside', 'secret.epic.yaml'), 'id: EPIC-SECRET\ntitle: Outside\n');
      fs.writeFileSync(path.join(root, 'real', 'a.epic.yaml'), 'id: EPIC-1\ntitle: Inside\n');
      fs.symlinkSync(path.join(base, 'outside'), path.join(root, 'linked-dir'));
      fs.symlinkSync(path.join(base, 'outside', 'secret.epic.yaml'), path.join(root, 'linked.epic.yaml'));
      fs.symlinkSync(path.join(root, 'real'), path.join(root, 'inside-dir-link'));
      fs.symlinkSync(path.join(root, 'real', 'a.epic.yaml'), path.join(root, 'inside-link.epic.yaml'));
    });
    after(() => fs.rmSync(base, { recursive: true, force: true }));

    it('lists no file through a symbolic link, to a file or a folder, outside the folder or inside it', async () => {
      assert.deepEqual(await new NodeWorkspace().listSpecFiles(pathToUri(root)), [
        pathToUri(path.join(root, 'real', 'a.epic.yaml')),
      ]);
    });

    it('reads no spec file that is itself a symbolic link', async () => {
      const ws = new NodeWorkspace();
      assert.equal(await ws.readFile(pathToUri(path.join(root, 'linked.epic.yaml'))), undefined);
      assert.equal(await ws.readFile(pathToUri(path.join(root, 'inside-link.epic.yaml'))), undefined);
      assert.ok(await ws.readFile(pathToUri(path.join(root, 'real', 'a.epic.yaml'))));
    });
  });
});
