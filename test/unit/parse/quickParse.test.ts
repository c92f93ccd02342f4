/**
 * quickParse must be indistinguishable from parseYaml wherever it answers:
 * the same nodes with the same ranges and values, the same plain value, no
 * finding parseYaml would have given, and so the same items, links and
 * findings from analyzeFile. It must answer for ordinary spec files (or it
 * buys nothing) and step aside for everything odd.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { isMap, isScalar, isSeq } from 'yaml';
import { generateWorkspace } from '../../../bench/generate';
import { analyzeFile } from '../../../server/src/core/parse/analyzeFile';
import { fileKind } from '../../../server/src/core/parse/fileKind';
import { parseYaml } from '../../../server/src/core/parse/parseDocument';
import { quickParse, quickRead } from '../../../server/src/core/parse/quickParse';
import { lines } from '../helpers';
import { damage, damaged } from './damage';

/** Layout a tidy file may have: comment lines at any indentation, blank lines with spaces, quoting, block scalars, CRLF. */
const layout = fc
  .record({
    at: fc.nat(),
    text: fc.constantFrom(
      '\n# note\n',
      '\n  # note\n',
      '\n    # note\n',
      '\n      # note\n',
      '\n\n',
      '\n  \n',
      ' # note',
      '\r\n',
      ' "quoted: text"',
      " 'it''s'",
      ' |-\n  text\n',
      ' >\n  folded\n\n  more\n',
      '\n  - item\n',
      '\n- item\n',
      ' []',
      ' [a, "b"]',
    ),
  })
  .map(({ at, text }) => ({ op: 'insert' as const, at, text }));

const repoRoot = path.resolve(__dirname, '../../../..');
const runs = (n: number): number => Number(process.env.FUZZ_RUNS) || n;

/** Spec files under a folder, relative path → text. */
function specFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (fileKind(e.name)) out.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

/** A generated workspace of 1,000 requirements (the benchmark's generator: every document kind). */
function generated(): Map<string, string> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-quick-'));
  try {
    generateWorkspace(root, 1000, 3);
    return specFiles(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** Where two trees first differ (kind, range, scalar value, size), or undefined. */
function treeDiff(a: unknown, b: unknown, text: string, at = '$'): string | undefined {
  const kind = (n: unknown): string =>
    isMap(n) ? 'map' : isSeq(n) ? 'seq' : isScalar(n) ? 'scalar' : String(n);
  if (kind(a) !== kind(b)) return `${at}: ${kind(a)} vs ${kind(b)}`;
  if (!isMap(a) && !isSeq(a) && !isScalar(a)) return undefined;
  const x = a as { range: number[] },
    y = b as { range: number[] };
  if (x.range[0] !== y.range[0] || x.range[1] !== y.range[1]) {
    const show = (r: number[]): string =>
      `${r[0]}..${r[1]} ending ${JSON.stringify(text.slice(Math.max(r[0], r[1] - 60), r[1]))}`;
    return `${at}: ${show(x.range)} vs ${show(y.range)}`;
  }
  if (isScalar(a))
    return Object.is(a.value, (b as typeof a).value)
      ? undefined
      : `${at}: ${String(a.value)} vs ${String((b as typeof a).value)}`;
  if (isMap(a) && isMap(b)) {
    if (a.items.length !== b.items.length) return `${at}: ${a.items.length} vs ${b.items.length} keys`;
    for (let i = 0; i < a.items.length; i++) {
      const d =
        treeDiff(a.items[i].key, b.items[i].key, text, `${at}.key${i}`) ??
        treeDiff(a.items[i].value, b.items[i].value, text, `${at}.${String(a.items[i].key)}`);
      if (d) return d;
    }
  }
  if (isSeq(a) && isSeq(b)) {
    if (a.items.length !== b.items.length) return `${at}: ${a.items.length} vs ${b.items.length} items`;
    for (let i = 0; i < a.items.length; i++) {
      const d = treeDiff(a.items[i], b.items[i], text, `${at}[${i}]`);
      if (d) return d;
    }
  }
  return undefined;
}

/** Undefined when quickParse stepped aside or agrees with parseYaml; otherwise how it differs. */
function disagreement(text: string): string | undefined {
  const quick = quickParse(text);
  if (!quick) return undefined;
  const full = parseYaml(text);
  if (full.syntax.length) return `parseYaml found ${full.syntax.map(f => f.message).join('; ')}`;
  const d = treeDiff(quick.doc?.contents, full.doc?.contents, text);
  if (d) return d;
  try {
    assert.deepStrictEqual(quick.value, full.value);
  } catch {
    return 'the plain values differ';
  }
  return undefined;
}

const examples = specFiles(path.join(repoRoot, 'examples'));
const fixtures = specFiles(path.join(repoRoot, 'test', 'fixtures'));
const workspace = generated();

describe('quickParse', () => {
  it('answers for every file of a generated 1k workspace, and agrees with parseYaml on each', function () {
    this.timeout(30_000);
    assert.ok(workspace.size > 90, `${workspace.size} files`);
    for (const [file, text] of workspace) {
      const read = quickRead(text);
      assert.ok('parsed' in read, `${file}: stepped aside (${'aside' in read ? read.aside : ''})`);
      assert.equal(disagreement(text), undefined, file);
    }
  });

  it('answers for the example workspace and agrees with parseYaml on it and on every fixture', () => {
    for (const [file, text] of examples) {
      assert.ok(quickParse(text), `examples/${file}: stepped aside`);
      assert.equal(disagreement(text), undefined, file);
    }
    for (const [file, text] of fixtures) assert.equal(disagreement(text), undefined, file);
  });

  it('analyzeFile gives the same items, links and findings either way', function () {
    this.timeout(30_000);
    const all = [...examples, ...fixtures, ...[...workspace].slice(0, 200)];
    for (const [file, text] of all) {
      const kind = fileKind(file)!;
      const uri = `file:///w/${file.split(path.sep).join('/')}`;
      assert.deepStrictEqual(
        analyzeFile(uri, kind, text, { tree: false }).index,
        analyzeFile(uri, kind, text).index,
        file,
      );
    }
  });

  it('damaged spec files: wherever it answers, parseYaml finds nothing and builds the same tree and value', function () {
    this.timeout(120_000);
    const sources = [...examples.values(), ...[...workspace.values()].filter((_, i) => i % 10 === 0)];
    fc.assert(
      fc.property(
        fc.nat(sources.length - 1),
        fc.array(fc.oneof(damage, layout), { minLength: 1, maxLength: 4 }),
        (i, damages) => {
          const text = damages.reduce(damaged, sources[i]);
          const d = disagreement(text);
          if (d) throw new Error(`${d}\n--- text ---\n${text}`);
        },
      ),
      {
        numRuns: runs(3000),
        ...(process.env.FUZZ_SEED
          ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH }
          : {}),
      },
    );
  });

  it('steps aside for what only parseYaml reads or reports', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['id: E-1\ntitle: &t T\nalias: *t\n', 'anchor'],
      ['id: E-1\ntitle: !!str T\n', 'node starts with !'],
      ['%YAML 1.2\n---\nid: E-1\n', 'directive'],
      ['? [a, b]\n: c\n', 'flow mapping or pair'],
      ['? a\n: c\n', 'node starts with ?'],
      ['goals: [? G-1]\n', 'flow mapping or pair'],
      ['non_goals:\n  - # a comment, so an empty item\n  - b\n', 'empty list item'],
      ['depends_on:\n  -\n  # note\n    - EPIC-4\n', 'empty list item'],
      ['depends_on:\n  - -\n', 'empty list item'],
      ['depends_on:\n  -\r\n', 'empty list item'],
      ['id: E-1\nnotes: >-\n  text\n  \n', 'spaces after a block scalar'],
      ['id: E-1\r\ntitle: T\rmore\n', 'odd line break or BOM'],
      ['id: E-1\ntitle: T\n-\n', 'empty list item'],
      ['id: E-1\ngoals: [G-1,\n  G-2]\n', 'flow list across lines'],
      ['id: E-1\ngoals: [G-1]# note\n', 'comment touching a bracket'],
      ['id: E-1\ntitle: a\n\t\n  b\n', 'tab in indentation'],
      ['id: E-1\ntitle: "T"# note\n', 'comment touching a quote'],
      ['id: E-1\ntitle: "a\n  b"\n', 'quoted text across lines'],
      ['id: E-1\nproblem: >-\n\ntitle: T\n', 'empty block scalar'],
      ['- a\n- b\n', 'not a mapping'],
      ['id: E-1\n1: a\n01: b\n', 'duplicate key'],
      ['id: E-1\nnotes: |+\n  kept\n\n', '|+'],
      ['a:\n  b: 1\n    # deeper than b\nc: 2\n', 'comment after a block collection'],
      ['a:\n  - 1\n  # level with the list\n', 'comment after a block collection'],
      ['a:\n  b: 1\n# section\n\n    # deeper, further down\n', 'comment after a block collection'],
      ['a:\n  b:\nc: 1\n', 'empty last value'],
      [`id: E-1\nbig: "${'x'.repeat(1_000_001)}"\n`, 'large'],
      ['id: E-1\n<<<<<<< HEAD\ntitle: A\n=======\ntitle: B\n>>>>>>> x\n', 'conflict markers'],
    ];
    for (const [text, why] of cases) {
      const read = quickRead(text);
      assert.ok('aside' in read, JSON.stringify(text.slice(0, 60)));
      assert.equal(read.aside, why, JSON.stringify(text.slice(0, 60)));
    }
    // YAML errors step aside with js-yaml's reason; parseYaml words the finding.
    const broken = quickRead('id: E-1\ntitle: [a, b\n');
    assert.ok('aside' in broken && broken.aside.startsWith('js-yaml: '));
    assert.ok('aside' in quickRead('id: E-1\nid: E-2\n'));
    assert.ok('aside' in quickRead('a: 1\n---\nb: 2\n'));
  });

  it('reads YAML 1.2 core scalars as yaml does, quoted ones as strings, and __proto__ as an own key', () => {
    const text = lines(
      'a: no',
      'b: 0755',
      'c: 1.10',
      'd: ~',
      'e: True',
      'f: 2026-01-05',
      'g: 0x1F',
      'h: "7"',
      "i: '.inf'",
      'j: .inf',
      'k:',
      '__proto__: x',
      'l: >-',
      '  folded',
      '  text',
    );
    const quick = quickParse(text);
    assert.ok(quick);
    assert.deepStrictEqual(quick.value, parseYaml(text).value);
    const value = quick.value as Record<string, unknown>;
    assert.deepStrictEqual(
      [
        value.a,
        value.b,
        value.c,
        value.d,
        value.e,
        value.f,
        value.g,
        value.h,
        value.i,
        value.j,
        value.k,
        value.l,
      ],
      ['no', 755, 1.1, null, true, '2026-01-05', 31, '7', '.inf', Infinity, null, 'folded text'],
    );
    assert.ok(Object.hasOwn(value, '__proto__'));
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal(disagreement(text), undefined);
  });
});
