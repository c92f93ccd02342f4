/**
 * The architecture's boundaries, enforced (docs/ARCHITECTURE.md, "Invariants"):
 * the core imports no editor, no connection and no I/O, nothing of the fronts
 * built on it; and no module of server/src is part of an import cycle, type
 * imports included; the same holds for client/src, the tests and bench/, and
 * the client reaches the server only through server/src/protocol.ts (see the
 * client block below). Imports are read by TypeScript's own
 * pre-processor (every `import`, `import type`, `export … from`, `require` and
 * dynamic `import()`), from the sources, not the bundles.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import * as ts from 'typescript';

const repo = path.resolve(__dirname, '../../../..');
const roots = ['server/src', 'client/src'];

interface Module {
  file: string;
  imports: string[];
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(repo, dir), { withFileTypes: true }).flatMap(e => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(rel);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

/** A relative specifier resolved to a repository file (posix, from the repo root); a package name as it is. */
function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith('.')) return specifier;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`, base])
    if (fs.existsSync(path.join(repo, candidate))) return candidate;
  return base;
}

/** What a source file imports, value and type imports alike. */
function importsOf(file: string, text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(i => resolve(file, i.fileName));
}

function readModules(dirs: readonly string[] = roots): Map<string, Module> {
  const modules = new Map<string, Module>();
  for (const file of dirs.flatMap(sourceFiles))
    modules.set(file, { file, imports: importsOf(file, fs.readFileSync(path.join(repo, file), 'utf8')) });
  return modules;
}

const builtins = new Set(builtinModules.flatMap(m => [m, `node:${m}`]));

/** Why a core file may not import `target`, or undefined when it may. */
function forbiddenForCore(target: string): string | undefined {
  if (builtins.has(target) || builtins.has(target.split('/')[0]))
    return 'Node I/O and platform modules (inject I/O through IWorkspace)';
  if (target === 'vscode') return 'the editor API';
  if (
    /^vscode-languageserver(-protocol)?(\/|$)|^vscode-languageclient(\/|$)|^vscode-jsonrpc(\/|$)/.test(target)
  )
    return 'the LSP connection and its messages (the core takes LSP data types from vscode-languageserver-types)';
  if (/^server\/src\/(lsp|cli|node)\//.test(target) || target.startsWith('client/'))
    return 'a front built on the core';
  return undefined;
}

/** Strongly connected components of more than one module, or of one that imports itself. */
function cycles(modules: Map<string, Module>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of modules.get(v)!.imports) {
      if (!modules.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || modules.get(v)!.imports.includes(v)) found.push(component.sort());
    }
  };
  for (const v of modules.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('architecture: boundaries', () => {
  const modules = readModules();

  it('reads every source file of the server and the client', () => {
    assert.ok(
      modules.has('server/src/core/service.ts') &&
        modules.has('server/src/lsp/startServer.ts') &&
        modules.has('client/src/extension.ts'),
    );
    assert.ok(
      modules.get('server/src/node/cliMain.ts')!.imports.some(i => i.startsWith('server/src/cli/')),
      'relative imports are resolved',
    );
  });

  it('the core imports neither the editor, nor the connection, nor Node I/O, nor anything of lsp/, cli/, node/ or client/', () => {
    const violations = [...modules.values()]
      .filter(m => m.file.startsWith('server/src/core/'))
      .flatMap(m => m.imports.map(i => [m.file, i, forbiddenForCore(i)] as const))
      .filter(([, , why]) => why !== undefined)
      .map(([file, target, why]) => `${file} imports ${target}: ${why}`);
    assert.deepEqual(violations, []);
  });

  it('mcp/ is a front like cli/: the core imports nothing of it, and it does no I/O of its own', () => {
    assert.ok(modules.has('server/src/mcp/server.ts'), 'mcp/ is read');
    const violations = [...modules.values()].flatMap(m =>
      m.imports
        .filter(
          i =>
            (m.file.startsWith('server/src/core/') && i.startsWith('server/src/mcp/')) ||
            (m.file.startsWith('server/src/mcp/') &&
              (builtins.has(i) || /^server\/src\/(lsp|node)\//.test(i) || /^vscode/.test(i))),
        )
        .map(i => `${m.file} imports ${i}`),
    );
    assert.deepEqual(violations, []);
  });

  it('the rule catches what it must', () => {
    assert.deepEqual(
      [
        'fs',
        'node:fs',
        'path',
        'child_process',
        'node:child_process',
        'fs/promises',
        'vscode',
        'vscode-languageserver',
        'vscode-languageserver/node',
        'vscode-languageserver-protocol',
        'vscode-languageserver-protocol/node',
        'vscode-jsonrpc',
        'vscode-languageclient/node',
        'server/src/lsp/context.ts',
        'server/src/cli/cli.ts',
        'server/src/node/nodeWorkspace.ts',
        'client/src/extension.ts',
      ].filter(t => forbiddenForCore(t) === undefined),
      [],
    );
    assert.deepEqual(
      [
        'yaml',
        'ajv',
        'vscode-languageserver-types',
        'server/src/core/model.ts',
        'schemas/epic.schema.json',
      ].filter(t => forbiddenForCore(t) !== undefined),
      [],
    );
  });

  it('reads value and type imports alike, and the rule judges both', () => {
    const text = [
      "import type { Connection } from 'vscode-languageserver';",
      "import { TextDocuments } from 'vscode-languageserver/node';",
      "export type { Hover } from 'vscode-languageserver-protocol';",
      "import type { Range } from 'vscode-languageserver-types';",
      "import { SymbolKind } from 'vscode-languageserver-types';",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    const imports = importsOf('server/src/core/features/x.ts', text);
    assert.deepEqual(
      imports.filter(i => forbiddenForCore(i) !== undefined),
      ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-protocol', 'node:fs'],
    );
    assert.deepEqual(
      imports.filter(i => forbiddenForCore(i) === undefined),
      ['vscode-languageserver-types', 'vscode-languageserver-types'],
    );
    // A type-only import of the real tree is read too: core/types.ts has nothing else from the package.
    assert.ok(modules.get('server/src/core/types.ts')!.imports.includes('vscode-languageserver-types'));
  });

  it('no import cycle in server/src, type imports included', () => {
    const server = new Map([...modules].filter(([file]) => file.startsWith('server/src/')));
    assert.deepEqual(
      cycles(server).map(c => c.join(' → ')),
      [],
    );
  });

  it('the cycle finder finds a cycle', () => {
    const toy = new Map<string, Module>([
      ['a', { file: 'a', imports: ['b'] }],
      ['b', { file: 'b', imports: ['c'] }],
      ['c', { file: 'c', imports: ['a', 'd'] }],
      ['d', { file: 'd', imports: ['d'] }],
    ]);
    assert.deepEqual(cycles(toy), [['d'], ['a', 'b', 'c']]);
  });
});

// ---- the client, the tests and the bench ------------------------------------------------------

/**
 * The client's own door into the server's sources. protocol.ts is the custom
 * protocol both sides share (its payloads are the core's types, imported as
 * types only); node/safeWrite.ts is the Node file writer the CLI and the
 * client's Export Report share. Nothing else of server/src, and so nothing of
 * the core, lsp/ or cli/, is imported by the client or bundled into it.
 */
const clientMayImport = new Set(['server/src/protocol.ts', 'server/src/node/safeWrite.ts']);

/** Why a client file may not import `target`, or undefined when it may. */
function forbiddenForClient(target: string): string | undefined {
  if (target.startsWith('server/') && !clientMayImport.has(target))
    return 'the server is reached through server/src/protocol.ts (and node/safeWrite.ts) only';
  if (target.startsWith('test/') || target.startsWith('bench/')) return 'tests and the bench are not shipped';
  return undefined;
}

/** The repository files `file` imports for their values: `import type`, `export type` and all-`type` lists are left out. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(path.join(repo, file), 'utf8'),
    ts.ScriptTarget.Latest,
  );
  const out: string[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) {
      const c = s.importClause;
      const typeOnly =
        !!c &&
        (c.isTypeOnly ||
          (!c.name &&
            !!c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every(e => e.isTypeOnly)));
      if (!typeOnly) out.push(resolve(file, s.moduleSpecifier.text));
    } else if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) {
      const typeOnly =
        s.isTypeOnly ||
        (!!s.exportClause &&
          ts.isNamedExports(s.exportClause) &&
          s.exportClause.elements.length > 0 &&
          s.exportClause.elements.every(e => e.isTypeOnly));
      if (!typeOnly) out.push(resolve(file, s.moduleSpecifier.text));
    }
  }
  return out;
}

/** Every repository file the client's bundle holds: client/src and what it imports for values, transitively. */
function clientBundle(modules: Map<string, Module>): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !fs.existsSync(path.join(repo, file)) || !file.endsWith('.ts')) return;
    seen.add(file);
    for (const target of valueImports(file))
      if (!target.startsWith('.') && target.includes('/')) visit(target);
  };
  for (const file of modules.keys()) if (file.startsWith('client/src/')) visit(file);
  return [...seen].sort();
}

describe('architecture: boundaries of the client, the tests and the bench', () => {
  const everything = readModules(['server/src', 'client/src', 'test', 'bench']);

  it('reads the client, the test helpers and the bench', () => {
    for (const file of [
      'client/src/ctx.ts',
      'client/src/ctxApi.ts',
      'test/protocol/lspClient.ts',
      'test/cli/helpers.ts',
      'bench/run.ts',
    ])
      assert.ok(everything.has(file), `${file} is read`);
  });

  it('no import cycle in client/src, the tests or bench/, type imports included', () => {
    assert.deepEqual(
      cycles(everything).map(c => c.join(' → ')),
      [],
    );
  });

  it('the client imports of server/src only protocol.ts and node/safeWrite.ts, and nothing of test/ or bench/', () => {
    const client = [...everything.values()].filter(m => m.file.startsWith('client/src/'));
    const violations = client
      .flatMap(m => m.imports.map(i => [m.file, i, forbiddenForClient(i)] as const))
      .filter(([, , why]) => why !== undefined)
      .map(([file, target, why]) => `${file} imports ${target}: ${why}`);
    assert.deepEqual(violations, []);
    // What the rule allows is what the client uses today: a narrower rule would fail here first.
    assert.deepEqual(
      [...new Set(client.flatMap(m => m.imports).filter(i => i.startsWith('server/')))].sort(),
      [...clientMayImport].sort(),
    );
  });

  it('nothing of the core, lsp/ or cli/ is in the client bundle: protocol.ts imports the core for types only', () => {
    const bundled = clientBundle(everything).filter(f => f.startsWith('server/'));
    assert.deepEqual(bundled, ['server/src/node/safeWrite.ts', 'server/src/protocol.ts']);
  });

  it('the client rules catch what they must', () => {
    assert.deepEqual(
      [
        'server/src/core/model.ts',
        'server/src/core/features/roadmapTree.ts',
        'server/src/lsp/startServer.ts',
        'server/src/cli/cli.ts',
        'server/src/node/nodeWorkspace.ts',
        'test/protocol/lspClient.ts',
        'bench/run.ts',
      ].filter(t => forbiddenForClient(t) === undefined),
      [],
    );
    assert.deepEqual(
      [
        'server/src/protocol.ts',
        'server/src/node/safeWrite.ts',
        'vscode',
        'vscode-languageclient/node',
      ].filter(t => forbiddenForClient(t) !== undefined),
      [],
    );
    // A value import of the core from protocol.ts would put the core in the client bundle.
    assert.deepEqual(
      valueImports('server/src/protocol.ts').filter(t => t.startsWith('server/')),
      [],
    );
    assert.ok(
      valueImports('client/src/ctx.ts').includes('server/src/protocol.ts') &&
        !valueImports('client/src/ctx.ts').includes('client/src/ctxApi.ts'),
      'value imports are told from type imports',
    );
  });
});
