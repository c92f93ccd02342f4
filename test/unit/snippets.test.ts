/**
 * Every snippet in snippets/specwright.code-snippets.json, expanded the way
 * VS Code would insert it (placeholders at their defaults, choices at each of
 * their options in turn, variables at fixed values), must give a document
 * that the core reads without a `yaml-syntax`, `schema`, `kind-mismatch` or
 * `date-order` finding. The snippets left here are parts of items (an
 * acceptance criterion, a RICE block), inserted into a minimal document of
 * the kind they belong to, at the indentation they go at. Whole items come
 * from the server (test/unit/features/itemSnippets.test.ts).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { SpecService } from '../../server/src/core/service';
import type { ItemKind } from '../../server/src/core/types';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
  isFileTemplate?: boolean;
}

const SNIPPETS_FILE = path.join(__dirname, '..', '..', '..', 'snippets', 'specwright.code-snippets.json');

/** Fixed values for the snippet variables the bodies may use. */
const VARIABLES: Record<string, string> = {
  CURRENT_YEAR: '2026',
  CURRENT_YEAR_SHORT: '26',
  CURRENT_MONTH: '03',
  CURRENT_DATE: '09',
};

/** Findings a snippet's own text could cause; links to IDs that do not exist are expected. */
const FORBIDDEN = new Set(['yaml-syntax', 'schema', 'kind-mismatch', 'date-order']);

// ---- a small parser for VS Code's snippet syntax -------------------------------------

type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; children?: SnippetNode[] }
  | { type: 'choice'; index: number; options: string[] }
  | { type: 'variable'; name: string; children?: SnippetNode[] };

/** Parse a snippet body (TextMate/VS Code snippet syntax, without transforms). */
export function parseSnippet(source: string): SnippetNode[] {
  let pos = 0;

  function parseSequence(inside: boolean): SnippetNode[] {
    const nodes: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) {
        nodes.push({ type: 'text', value: text });
        text = '';
      }
    };
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\' && pos + 1 < source.length && '$}\\'.includes(source[pos + 1])) {
        text += source[pos + 1];
        pos += 2;
      } else if (inside && ch === '}') {
        break;
      } else if (ch === '$') {
        const node = parseDollar();
        if (node) {
          flush();
          nodes.push(node);
        } else {
          text += ch;
          pos++;
        }
      } else {
        text += ch;
        pos++;
      }
    }
    flush();
    return nodes;
  }

  function parseDollar(): SnippetNode | undefined {
    const rest = source.slice(pos);
    let m = /^\$(\d+)/.exec(rest);
    if (m) {
      pos += m[0].length;
      return { type: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$([_a-zA-Z][_a-zA-Z0-9]*)/.exec(rest);
    if (m) {
      pos += m[0].length;
      return { type: 'variable', name: m[1] };
    }
    m = /^\$\{(\d+)\}/.exec(rest);
    if (m) {
      pos += m[0].length;
      return { type: 'tabstop', index: Number(m[1]) };
    }
    m = /^\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/.exec(rest);
    if (m) {
      pos += m[0].length;
      const options = m[2].split(/(?<!\\),/).map(o => o.replace(/\\(.)/g, '$1'));
      return { type: 'choice', index: Number(m[1]), options };
    }
    m = /^\$\{(\d+):/.exec(rest);
    if (m) {
      pos += m[0].length;
      const children = parseSequence(true);
      expect('}');
      return { type: 'tabstop', index: Number(m[1]), children };
    }
    m = /^\$\{([_a-zA-Z][_a-zA-Z0-9]*)(:|\})/.exec(rest);
    if (m) {
      pos += m[0].length;
      if (m[2] === '}') return { type: 'variable', name: m[1] };
      const children = parseSequence(true);
      expect('}');
      return { type: 'variable', name: m[1], children };
    }
    if (rest.startsWith('${')) throw new Error(`unsupported snippet syntax at ${pos}: ${rest.slice(0, 30)}`);
    return undefined;
  }

  function expect(ch: string): void {
    if (source[pos] !== ch) throw new Error(`expected "${ch}" at ${pos} in ${JSON.stringify(source)}`);
    pos++;
  }

  const nodes = parseSequence(false);
  if (pos !== source.length) throw new Error(`unbalanced "}" at ${pos} in ${JSON.stringify(source)}`);
  return nodes;
}

/**
 * Expand a snippet as inserted with every placeholder left at its default.
 * `pick(options)` chooses the option of each choice; a bare `$n` mirrors the
 * default of the tab stop with the same index, as VS Code does.
 */
export function expandSnippet(body: string, pick: (options: string[]) => string = o => o[0]): string {
  const nodes = parseSnippet(body);
  const defaults = new Map<number, string>();

  const render = (list: SnippetNode[]): string =>
    list
      .map(n => {
        switch (n.type) {
          case 'text':
            return n.value;
          case 'choice': {
            const value = pick(n.options);
            if (!defaults.has(n.index)) defaults.set(n.index, value);
            return value;
          }
          case 'tabstop': {
            if (n.children) {
              const value = render(n.children);
              if (!defaults.has(n.index)) defaults.set(n.index, value);
              return value;
            }
            return `\u0000${n.index}\u0000`; // filled in once every default is known
          }
          case 'variable': {
            if (n.name in VARIABLES) return VARIABLES[n.name];
            if (n.children) return render(n.children);
            throw new Error(`unknown snippet variable $${n.name}`);
          }
        }
      })
      .join('');

  // eslint-disable-next-line no-control-regex -- NUL marks a placeholder: it cannot occur in a snippet's text
  return render(nodes).replace(/\u0000(\d+)\u0000/g, (_, i) => defaults.get(Number(i)) ?? '');
}

// ---- where each snippet goes ------------------------------------------------------

interface Placement {
  /** File the expansion is checked in (its suffix picks the schema). */
  file: string;
  /** The document before the insertion point; the snippet goes at the end. */
  before: string;
  /** Spaces before the snippet's first line; later lines get the same. */
  indent: number;
  /** Item kinds the expansion must define (beyond those in `before`). */
  defines: ItemKind[];
}

const placements: Record<string, Placement> = {
  'Acceptance criterion (given / when / then)': {
    file: 'x.stories.yaml',
    before:
      'id: IT-90\ntitle: Host\nstories:\n  - id: ST-90\n    title: Host\n    implements: [REQ-90]\n    acceptance_criteria:\n',
    indent: 6,
    defines: [],
  },
  'RICE score': {
    file: 'x.epic.yaml',
    before: 'id: EPIC-90\ntitle: Host\n',
    indent: 0,
    defines: [],
  },
};

/** The document that results from inserting `expansion` at the end of `p.before`. */
function insert(p: Placement, expansion: string): string {
  const pad = ' '.repeat(p.indent);
  return p.before + pad + expansion.split('\n').join('\n' + pad) + '\n';
}

function check(p: Placement, text: string): { problems: string[]; kinds: ItemKind[] } {
  const uri = `file:///w/${p.file}`;
  const svc = new SpecService();
  svc.apply([{ uri, text }]);
  const problems = svc
    .diagnostics(uri)
    .filter(d => FORBIDDEN.has(d.code))
    .map(d => `${d.code} at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message}`);
  const kinds = (svc.index.files.get(uri)?.items ?? []).map(i => i.kind);
  return { problems, kinds };
}

/** The number of options of every choice, nested ones included. */
function choiceSizes(nodes: SnippetNode[]): number[] {
  return nodes.flatMap(n =>
    n.type === 'choice' ? [n.options.length] : 'children' in n && n.children ? choiceSizes(n.children) : [],
  );
}

const bodyOf = (s: Snippet) => (Array.isArray(s.body) ? s.body.join('\n') : s.body);

describe('snippets', () => {
  const snippets: Record<string, Snippet> = JSON.parse(fs.readFileSync(SNIPPETS_FILE, 'utf8'));

  it('every snippet has a placement in this test, and every placement a snippet', () => {
    assert.deepStrictEqual(Object.keys(snippets).sort(), Object.keys(placements).sort());
  });

  it('every snippet has a prefix and a description, and prefixes are unique', () => {
    const seen = new Map<string, string>();
    for (const [name, s] of Object.entries(snippets)) {
      assert.ok(s.description, `${name}: no description`);
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length > 0 && prefixes.every(p => p.length > 0), `${name}: no prefix`);
      for (const p of prefixes) {
        assert.ok(!seen.has(p), `prefix "${p}" is used by both "${seen.get(p)}" and "${name}"`);
        seen.set(p, name);
      }
    }
  });

  it('no prefix is a key of the format, so typing a key never picks a snippet by mistake', () => {
    const keys = new Set<string>();
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(collect);
        return;
      }
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === 'properties' && v && typeof v === 'object') Object.keys(v).forEach(key => keys.add(key));
        collect(v);
      }
    };
    const schemaDir = path.join(__dirname, '..', '..', '..', 'schemas');
    for (const f of fs.readdirSync(schemaDir).filter(f => f.endsWith('.json'))) {
      collect(JSON.parse(fs.readFileSync(path.join(schemaDir, f), 'utf8')));
    }
    assert.ok(keys.has('release') && keys.has('given'), 'read the schemas');
    for (const [name, s] of Object.entries(snippets)) {
      for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
        assert.ok(!keys.has(p), `${name}: prefix "${p}" is also a key`);
      }
    }
  });

  it('whole-document snippets are file templates and start at column 0', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const isDocument = placements[name]?.before === '';
      assert.strictEqual(!!s.isFileTemplate, isDocument, `${name}: isFileTemplate`);
    }
  });

  for (const [name, p] of Object.entries(placements)) {
    it(`"${name}" expands to valid ${p.file.split('.').slice(-2, -1)[0]} YAML with every choice`, () => {
      const snippet = snippets[name];
      assert.ok(snippet, `no snippet named "${name}"`);
      const body = bodyOf(snippet);
      const rounds = Math.max(1, ...choiceSizes(parseSnippet(body)));
      for (let round = 0; round < rounds; round++) {
        const expansion = expandSnippet(body, options => options[Math.min(round, options.length - 1)]);
        // eslint-disable-next-line no-control-regex -- NUL is expandSnippet's placeholder marker
        assert.ok(!/\$|\u0000/.test(expansion), `${name}: unexpanded syntax left in\n${expansion}`);
        const text = insert(p, expansion);
        const { problems, kinds } = check(p, text);
        assert.deepStrictEqual(problems, [], `${name} (choice option ${round + 1}):\n${text}`);
        for (const kind of p.defines) {
          assert.ok(
            kinds.includes(kind),
            `${name}: defines no ${kind} item; items: ${kinds.join(', ')}\n${text}`,
          );
        }
      }
    });
  }

  it('the check notices an invalid expansion (a wrong enum value, bad indentation)', () => {
    const p = placements['Acceptance criterion (given / when / then)'];
    const good = expandSnippet(bodyOf(snippets['Acceptance criterion (given / when / then)']));
    assert.notDeepStrictEqual(check(p, insert(p, good.replace('given:', 'givn:'))).problems, []);
    assert.notDeepStrictEqual(check(p, insert(p, good.replace('\n  when:', '\n   when:'))).problems, []);
  });

  it('no item snippet is static: items come from the server, with the next free ID (see itemSnippets.test)', () => {
    for (const s of Object.values(snippets)) assert.ok(!/^\s*-?\s*id:/m.test(bodyOf(s)), bodyOf(s));
  });

  it('expands VS Code snippet syntax: defaults, mirrors, choices, variables, escapes', () => {
    assert.strictEqual(expandSnippet('a ${1:x} $1 ${2|p,q|} $2 $0'), 'a x x p p ');
    assert.strictEqual(expandSnippet('${1:R-$CURRENT_YEAR.1} ${2:${3:in}ner}'), 'R-2026.1 inner');
    assert.strictEqual(expandSnippet('\\$1 \\} ${1:a\\}b}'), '$1 } a}b');
    assert.strictEqual(
      expandSnippet('${1|a,b|}', o => o[1]),
      'b',
    );
    assert.throws(() => expandSnippet('$NO_SUCH_VARIABLE'));
  });
});
