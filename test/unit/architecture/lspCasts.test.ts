/**
 * The server's edge passes the core's answers to the connection as they are:
 * the core's shapes are vscode-languageserver-types' own, so the compiler
 * checks every answer against the handler type the connection declares. A
 * cast to an LSP type (`list as CompletionList`) would switch that check off,
 * so none may come back in lsp/convert.ts, lsp/diagnosticsPublisher.ts or
 * lsp/handlers/*. Casts are read from the syntax tree (not from the text:
 * `import { Diagnostic as LspDiagnostic }` is no cast); `as const` is allowed.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const repo = path.resolve(__dirname, '../../../..');

/** The files of the server's edge that turn core answers into protocol messages. */
function edgeFiles(): string[] {
  const handlers = fs
    .readdirSync(path.join(repo, 'server/src/lsp/handlers'))
    .filter(f => f.endsWith('.ts'))
    .map(f => `server/src/lsp/handlers/${f}`);
  return ['server/src/lsp/convert.ts', 'server/src/lsp/diagnosticsPublisher.ts', ...handlers];
}

/** Every name vscode-languageserver-types declares (Range, CompletionList, SymbolKind, ...). */
function lspTypeNames(): Set<string> {
  const dts = require.resolve('vscode-languageserver-types').replace(/\.js$/, '.d.ts');
  const source = ts.createSourceFile(dts, fs.readFileSync(dts, 'utf8'), ts.ScriptTarget.Latest);
  const names = new Set<string>();
  for (const s of source.statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
    } else if (
      (ts.isInterfaceDeclaration(s) ||
        ts.isTypeAliasDeclaration(s) ||
        ts.isModuleDeclaration(s) ||
        ts.isClassDeclaration(s) ||
        ts.isEnumDeclaration(s)) &&
      s.name &&
      ts.isIdentifier(s.name)
    ) {
      names.add(s.name.text);
    }
  }
  return names;
}

/** The local names a file imports from an LSP package (vscode-languageserver, -protocol, -types, ...). */
function importedFromLsp(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const s of source.statements) {
    if (!ts.isImportDeclaration(s) || !ts.isStringLiteral(s.moduleSpecifier)) continue;
    if (!/^vscode-languageserver/.test(s.moduleSpecifier.text)) continue;
    const clause = s.importClause;
    if (clause?.name) names.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) names.add(e.name.text);
  }
  return names;
}

/** The identifiers a type names: `Partial<lsp.Hover> | null` names Partial, lsp (and Hover). */
function typeIdentifiers(type: ts.Node): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.push(n.text);
    n.forEachChild(visit);
  };
  visit(type);
  return out;
}

/** `file:line: cast` for every cast (`x as T`, `<T>x`) to a type that names an LSP type; `as const` is not one. */
function lspCasts(file: string, text: string, lspNames: ReadonlySet<string>): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const local = importedFromLsp(source);
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) {
      const isConst = ts.isTypeReferenceNode(n.type) && n.type.typeName.getText(source) === 'const';
      if (!isConst && typeIdentifiers(n.type).some(name => local.has(name) || lspNames.has(name))) {
        const line = source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
        out.push(`${file}:${line}: ${n.getText(source)}`);
      }
    }
    n.forEachChild(visit);
  };
  visit(source);
  return out;
}

describe('architecture: no cast to an LSP type at the edge', () => {
  const lspNames = lspTypeNames();

  it('reads the names of vscode-languageserver-types', () => {
    for (const name of ['Range', 'CompletionList', 'SymbolKind', 'Hover', 'LocationLink', 'SemanticTokens'])
      assert.ok(lspNames.has(name), name);
  });

  it('lsp/convert.ts, lsp/diagnosticsPublisher.ts and lsp/handlers/* cast nothing to an LSP type', () => {
    const files = edgeFiles();
    assert.ok(files.includes('server/src/lsp/handlers/completion.ts'), 'the handlers are read');
    const casts = files.flatMap(f => lspCasts(f, fs.readFileSync(path.join(repo, f), 'utf8'), lspNames));
    assert.deepEqual(casts, []);
  });

  it('the rule catches what it must, and lets the rest be', () => {
    const text = [
      "import type { CompletionList, Diagnostic as LspDiagnostic } from 'vscode-languageserver';",
      "import * as lsp from 'vscode-languageserver-protocol';",
      'const a = list as CompletionList;',
      'const b = ds as LspDiagnostic[];',
      'const c = <lsp.Hover>h;',
      'const d = x as Partial<FoldingRange> | null;',
      'const e = [1, 2] as const;',
      'const f = p as { settings?: unknown } | null;',
      'const g = [] as ViewNode[];',
      'const h = list satisfies CompletionList;',
    ].join('\n');
    assert.deepEqual(lspCasts('x.ts', text, lspNames), [
      'x.ts:3: list as CompletionList',
      'x.ts:4: ds as LspDiagnostic[]',
      'x.ts:5: <lsp.Hover>h',
      'x.ts:6: x as Partial<FoldingRange> | null',
    ]);
  });
});
