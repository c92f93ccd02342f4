/**
 * The TextMate grammar against the core, on the example workspace: every ID
 * the core reads (item IDs and link targets) is scoped variable.other.constant.id by
 * the grammar, and nothing else is; every status, priority and horizon value
 * gets its keyword.control.status.<value> or constant.language.<field>.<value>
 * scope, and nothing else does.
 *
 * The grammar is tokenized on its own, with an empty stand-in for VS Code's
 * YAML grammar (test/grammar/yaml-stub.tmLanguage.json), as in
 * `npm run test:grammar`. The fixtures in test/grammar/ hold the detailed
 * per-token assertions; this test checks the grammar on real documents.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SpecService } from '../../server/src/core/service';
import { fileKind } from '../../server/src/core/parse/fileKind';

const ROOT = path.join(__dirname, '..', '..', '..');
const GRAMMARS: Record<string, string> = {
  'source.specwright': path.join(ROOT, 'syntaxes', 'specwright.tmLanguage.json'),
  'source.yaml': path.join(ROOT, 'test', 'grammar', 'yaml-stub.tmLanguage.json'),
};

// vscode-textmate and vscode-oniguruma come with vscode-tmgrammar-test; resolve them from there.
const toolDir = path.dirname(require.resolve('vscode-tmgrammar-test/package.json'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tm = require(require.resolve('vscode-textmate', { paths: [toolDir] }));
const onigPath = require.resolve('vscode-oniguruma', { paths: [toolDir] });
// eslint-disable-next-line @typescript-eslint/no-require-imports
const onig = require(onigPath);

interface Token {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(line: string, stack: unknown): { tokens: Token[]; ruleStack: unknown };
}

async function loadGrammar(): Promise<Grammar> {
  const wasm = fs.readFileSync(path.join(path.dirname(onigPath), 'onig.wasm')).buffer;
  const registry = new tm.Registry({
    onigLib: onig.loadWASM(wasm).then(() => ({
      createOnigScanner: (patterns: string[]) => new onig.OnigScanner(patterns),
      createOnigString: (s: string) => new onig.OnigString(s),
    })),
    loadGrammar: async (scopeName: string) => {
      const file = GRAMMARS[scopeName];
      return file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
    },
  });
  return registry.loadGrammar('source.specwright');
}

/** "line:column text scope" for every token with a Specwright value scope. */
function scoped(grammar: Grammar, text: string): string[] {
  const out: string[] = [];
  let stack = tm.INITIAL;
  text.split(/\r?\n/).forEach((line, n) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    for (const t of r.tokens) {
      const scope = t.scopes.find(s =>
        /^(variable\.other\.constant\.id|keyword\.control\.status\.[a-z-]+|constant\.language\.(priority|horizon)\.[a-z-]+)\.specwright$/.test(
          s,
        ),
      );
      if (scope) out.push(`${n + 1}:${t.startIndex + 1} ${line.slice(t.startIndex, t.endIndex)} ${scope}`);
    }
  });
  return out.sort();
}

/** The same list, from what the core reads: IDs, links, and the enum fields of every item. */
function expected(svc: SpecService, uri: string): string[] {
  const out: string[] = [];
  const at = (r: { start: { line: number; character: number } }) =>
    `${r.start.line + 1}:${r.start.character + 1}`;
  for (const item of svc.index.files.get(uri)?.items ?? []) {
    out.push(`${at(item.idRange)} ${item.id} variable.other.constant.id.specwright`);
    for (const link of item.links)
      out.push(`${at(link.range)} ${link.target} variable.other.constant.id.specwright`);
    for (const field of ['status', 'priority', 'horizon']) {
      const value = item.fields[field];
      const range = item.fieldRanges[field];
      // Statuses are keywords (themes colour them apart from prose); priorities and horizons constants.
      const scope = field === 'status' ? 'keyword.control' : 'constant.language';
      if (typeof value === 'string' && range)
        out.push(`${at(range)} ${value} ${scope}.${field}.${value}.specwright`);
    }
  }
  return out.sort();
}

function specFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? specFiles(p) : fileKind(e.name) ? [p] : [];
  });
}

describe('grammar (syntaxes/specwright.tmLanguage.json)', () => {
  let grammar: Grammar;
  before(async () => {
    grammar = await loadGrammar();
  });

  const files = specFiles(path.join(ROOT, 'examples'));

  it('finds the example spec files', () => {
    assert.ok(files.length >= 5, `only ${files.length} spec files under examples/`);
  });

  for (const file of files) {
    it(`scopes exactly the IDs and enum values the core reads in ${path.relative(ROOT, file)}`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const uri = 'file://' + file.split(path.sep).join('/');
      const svc = new SpecService();
      svc.apply([{ uri, text }]);
      assert.deepStrictEqual(scoped(grammar, text), expected(svc, uri));
    });
  }
});
