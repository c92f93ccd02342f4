/**
 * Whatever a file holds, the core never throws, finishes quickly, and says
 * what is wrong with a stable code and a plain message; whatever did parse
 * is still checked.
 */
import * as assert from 'node:assert/strict';
import { SpecService, type FileChange } from '../../server/src/core/service';
import { findings, lines, type Flat } from './helpers';
import { withinHangGuard } from './reliability/timing';
import { emojiFindings, emojiText } from './reliability/hostileCorpus';

const P = 'file:///w/a.prd.yaml';
const E = 'file:///w/a.epic.yaml';

/** Apply one change to a fresh service, asserting it neither throws nor hangs (its budget: `budgetMs`). */
function check(change: FileChange, budgetMs = 1000): SpecService {
  const s = new SpecService();
  withinHangGuard(budgetMs, change.uri, () => {
    assert.doesNotThrow(() => s.apply([change]));
    assert.doesNotThrow(() => s.diagnostics(change.uri));
  });
  return s;
}

const noInternalErrors = (s: SpecService, uri: string) =>
  assert.deepEqual(
    findings(s, uri).filter(f => f.code === 'internal-error'),
    [],
  );

const byCode = (f: Flat[], code: string) => f.filter(x => x.code === code);

describe('bad input', () => {
  it('a syntax error still lets every other finding through', () => {
    const s = check({
      uri: P,
      text: lines(
        'id: PRD-1',
        'title: Checkout',
        'owner: [Lena',
        'requirements:',
        '  - id: REQ-1',
        '    title: Pay',
        '    statement: s',
        '    priority: must',
        '    status: approved',
        '    depends_on: [REQ-404]',
      ),
    });
    const f = findings(s, P);
    assert.deepEqual(
      byCode(f, 'yaml-syntax').map(x => [x.severity, x.range]),
      [['error', [3, 0, 3, 1]]],
    );
    assert.match(
      byCode(f, 'yaml-syntax')[0].message,
      /^Flow sequence in block collection must be sufficiently indented and end with a \]$/,
    );
    assert.deepEqual(
      byCode(f, 'orphan').map(x => x.range),
      [[0, 4, 0, 9]],
    );
    assert.deepEqual(
      byCode(f, 'unresolved-link').map(x => [x.range, x.message]),
      [[[9, 17, 9, 24], 'REQ-404 is not defined in this workspace']],
    );
    assert.deepEqual(
      byCode(f, 'missing-acceptance').map(x => x.range),
      [[8, 12, 8, 20]],
    );
    assert.deepEqual(
      byCode(f, 'uncovered').map(x => x.range),
      [[4, 8, 4, 13]],
    );
    noInternalErrors(s, P);
  });

  it('an empty file, or one with only comments or blanks, is a schema finding saying what it needs', () => {
    for (const text of ['', '\n\n', '# just a comment\n', '   ']) {
      const s = check({ uri: P, text });
      const f = findings(s, P);
      assert.deepEqual(
        f.map(x => [x.code, x.severity, x.range]),
        [['schema', 'error', [0, 0, 0, 0]]],
        JSON.stringify(text),
      );
      assert.match(
        f[0].message,
        /^the file is empty; a prd file needs at least "id", "title" and "requirements"$/,
      );
    }
  });

  it('a top-level list is one schema finding, and nothing else', () => {
    const s = check({ uri: P, text: lines('- id: PRD-1', '  title: T') });
    const f = findings(s, P);
    assert.deepEqual(
      f.map(x => [x.code, x.severity, x.range[0], x.range[1]]),
      [['schema', 'error', 0, 0]],
    );
    assert.match(f[0].message, /top level of a spec file must be a mapping.*list/);
    assert.deepEqual(s.index.files.get(P)?.items, []);
  });

  it('a top-level scalar is one schema finding, and nothing else', () => {
    for (const text of ['hello\n', '42\n', '"PRD-1"\n']) {
      const s = check({ uri: P, text });
      const f = findings(s, P);
      assert.deepEqual(
        f.map(x => [x.code, x.severity, x.range[0], x.range[1]]),
        [['schema', 'error', 0, 0]],
        text,
      );
      assert.match(f[0].message, /top level of a spec file must be a mapping.*scalar/);
    }
  });

  it('binary bytes (with NULs) are reported, never parsed', () => {
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x69, 0x64, 0x3a,
    ]);
    const s = check({ uri: P, bytes: png });
    assert.deepEqual(findings(s, P), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [0, 0, 0, 0],
        message: 'file is binary, not YAML text (it contains NUL bytes)',
      },
    ]);
    assert.deepEqual(s.index.files.get(P)?.items, []);
    // Writing text over it recovers.
    s.apply([
      {
        uri: P,
        text: lines(
          'id: PRD-1',
          'title: T',
          'requirements: [{id: REQ-1, title: t, statement: s, priority: must}]',
        ),
      },
    ]);
    assert.deepEqual(
      findings(s, P).map(f => f.code),
      ['orphan'],
    );
  });

  it('invalid UTF-8 is reported, never parsed', () => {
    const bytes = new Uint8Array([...Buffer.from('id: PRD-1\ntitle: '), 0xc3, 0x28, 0xff, 0x0a]);
    const s = check({ uri: P, bytes });
    assert.deepEqual(findings(s, P), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [0, 0, 0, 0],
        message: 'file is not valid UTF-8 text',
      },
    ]);
  });

  it('UTF-16 with a BOM (little- and big-endian) and UTF-8 with a BOM decode to the same findings as the text', () => {
    const text = lines(
      'id: PRD-1',
      'title: Café ☕',
      'epic: EPIC-404',
      'requirements:',
      '  - {id: REQ-1, title: t, statement: s, priority: must}',
    );
    const expected = findings(check({ uri: P, text }), P);
    assert.deepEqual(
      expected.map(f => [f.code, f.range]),
      [['unresolved-link', [2, 6, 2, 14]]],
    );
    const le = new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le'));
    const be = new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le')).slice();
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    const utf8 = new Uint8Array(Buffer.from('\ufeff' + text, 'utf8'));
    for (const bytes of [le, be, utf8]) assert.deepEqual(findings(check({ uri: P, bytes }), P), expected);
  });

  it('a 5 MB file is checked in full, with exact positions at its end', function () {
    this.timeout(240_000); // two reads, each under the hang guard of a 5 s budget
    const para = '      ' + 'Shoppers who leave to find their card rarely come back. '.repeat(2) + '\n';
    const parts = [lines('id: PRD-1', 'title: Big', 'epic: EPIC-1', 'requirements:')];
    let size = parts[0].length;
    let n = 0;
    while (size < 5 * 1024 * 1024) {
      const req = `  - id: REQ-${n}\n    title: Requirement ${n}\n    statement: s\n    priority: must\n    description: |\n${para.repeat(40)}`;
      parts.push(req);
      size += req.length;
      n++;
    }
    parts.push('  - {id: REQ-LAST, title: t, statement: s, priority: must, depends_on: [REQ-NONE]}\n');
    const text = parts.join('');
    const lastLine = text.split('\n').length - 2;
    assert.ok(text.length >= 5 * 1024 * 1024);
    for (const change of [
      { uri: P, text },
      { uri: P, bytes: new Uint8Array(Buffer.from(text)) },
    ]) {
      const s = check(change, 5000);
      assert.deepEqual(findings(s, P, 'unresolved-link'), [
        {
          code: 'unresolved-link',
          severity: 'error',
          range: [2, 6, 2, 12],
          message: 'EPIC-1 is not defined in this workspace',
        },
        {
          code: 'unresolved-link',
          severity: 'error',
          range: [lastLine, 72, lastLine, 80],
          message: 'REQ-NONE is not defined in this workspace',
        },
      ]);
      assert.equal(s.index.files.get(P)?.items.length, n + 2);
      noInternalErrors(s, P);
    }
  });

  it('a file over the size limit is reported, not parsed', () => {
    const s = check({ uri: P, bytes: new Uint8Array(9 * 1024 * 1024).fill(0x20) });
    assert.deepEqual(findings(s, P), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [0, 0, 0, 0],
        message: 'file is too large to check (9 MB; the limit is 8 MB)',
      },
    ]);
  });

  it('an alias bomb (billion laughs) is refused, and the rest of the file is still checked', () => {
    const bomb = [
      'id: EPIC-1',
      'title: Laughs',
      'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ];
    const names = 'abcdefghij';
    for (let i = 1; i < names.length; i++)
      bomb.push(
        `x-${names[i]}: &${names[i]} [${Array(9)
          .fill(`*${names[i - 1]}`)
          .join(', ')}]`,
      );
    bomb.push('release: R-404');
    const s = check({ uri: E, text: lines(...bomb) });
    const f = findings(s, E);
    assert.deepEqual(byCode(f, 'yaml-syntax'), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [0, 0, 0, 0],
        message: 'too many alias expansions (more than 200); spec files should not need YAML aliases',
      },
    ]);
    assert.deepEqual(
      byCode(f, 'unresolved-link').map(x => x.range),
      [[12, 9, 12, 14]],
    );
    noInternalErrors(s, E);
  });

  it('an alias bomb inside an item field is refused too', () => {
    const text = lines(
      'id: PRD-1',
      'title: T',
      'epic: EPIC-1',
      'requirements:',
      '  - id: REQ-1',
      '    title: t',
      '    statement: s',
      '    priority: must',
      '    x-a: &a [x, x, x, x, x, x, x, x, x, x]',
      '    x-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      '    x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      '    x-d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      '    acceptance_criteria: *d',
      '    status: done',
    );
    const s = check({ uri: P, text });
    assert.equal(
      byCode(findings(s, P), 'yaml-syntax')[0]?.message,
      'too many alias expansions (more than 200); spec files should not need YAML aliases',
    );
    noInternalErrors(s, P);
  });

  it('1000-deep nesting (flow, block and flow maps) is cut at 100 levels, deterministically, without a stack overflow', () => {
    const flow = lines(
      'id: EPIC-1',
      'title: Deep',
      'release: R-1',
      `x-deep: ${'['.repeat(1000)}${']'.repeat(1000)}`,
    );
    const block = ['id: EPIC-1', 'title: Deep', 'release: R-1', 'x-deep:'];
    for (let i = 1; i <= 1000; i++) block.push(`${' '.repeat(i)}k:`);
    const maps = lines(
      'id: EPIC-1',
      'title: Deep',
      'release: R-1',
      `x-deep: ${'{a: '.repeat(1000)}1${'}'.repeat(1000)}`,
    );
    const message =
      'the file is nested too deeply to read as YAML (more than 100 levels); spec files need only a few levels of nesting';
    const cases: [string, [number, number, number, number]][] = [
      [flow, [3, 107, 3, 108]], // the 100th "["
      [lines(...block), [103, 100, 103, 101]], // the 100th nested mapping
      [maps, [3, 404, 3, 405]], // the 100th "{"
    ];
    for (const [text, range] of cases) {
      // The same result with plenty of stack and with little left.
      const deep = (n: number): Flat[] => (n > 0 ? deep(n - 1) : findings(check({ uri: E, text }), E));
      for (const f of [deep(0), deep(3000)]) {
        assert.deepEqual(byCode(f, 'yaml-syntax'), [
          { code: 'yaml-syntax', severity: 'error', range, message },
        ]);
        // What parsed around the deep part is still read.
        assert.deepEqual(
          byCode(f, 'unresolved-link').map(x => x.range),
          [[2, 9, 2, 12]],
        );
        assert.deepEqual(byCode(f, 'internal-error'), []);
      }
    }
  });

  it('a recursive alias is a yaml-syntax error, not a circular value', () => {
    const s = check({
      uri: E,
      text: lines('id: EPIC-1', 'title: T', 'release: &r [*r]', 'x-loop: &l {next: *l}', 'goals: [G-1]'),
    });
    const f = findings(s, E);
    const message =
      'this alias refers to a node that contains it; spec files cannot hold recursive structures';
    assert.deepEqual(byCode(f, 'yaml-syntax'), [
      { code: 'yaml-syntax', severity: 'error', range: [2, 13, 2, 15], message },
      { code: 'yaml-syntax', severity: 'error', range: [3, 18, 3, 20], message },
    ]);
    assert.deepEqual(
      byCode(f, 'unresolved-link').map(x => x.message),
      ['G-1 is not defined in this workspace'],
    );
    assert.doesNotThrow(() => JSON.stringify(s.index.files.get(E)));
    noInternalErrors(s, E);
  });

  it('a duplicate key is a yaml-syntax error at the duplicate key; the first value is used', () => {
    const s = check({
      uri: E,
      text: lines('id: EPIC-1', 'title: A', 'release: R-1', 'title: B', 'id: EPIC-2'),
    });
    assert.deepEqual(byCode(findings(s, E), 'yaml-syntax'), [
      { code: 'yaml-syntax', severity: 'error', range: [3, 0, 3, 1], message: 'Map keys must be unique' },
      { code: 'yaml-syntax', severity: 'error', range: [4, 0, 4, 1], message: 'Map keys must be unique' },
    ]);
    assert.deepEqual(
      s.index.files.get(E)?.items.map(i => [i.id, i.fields.title]),
      [['EPIC-1', 'A']],
    );
  });

  it('__proto__ and constructor keys pollute nothing, crash nothing and are not links', () => {
    const text = lines(
      'id: PRD-1',
      'title: T',
      'epic: EPIC-1',
      '__proto__:',
      '  polluted: yes',
      '  status: done',
      'constructor: EPIC-9',
      'toString: [EPIC-8]',
      'requirements:',
      '  - id: REQ-1',
      '    title: t',
      '    statement: s',
      '    priority: must',
      '    __proto__: {status: done, end: "2020-01-01", start: "2021-01-01", polluted: yes}',
      '    constructor: {prototype: {polluted: yes}}',
      '    hasOwnProperty: [REQ-404]',
    );
    const s = check({ uri: P, text });
    const f = findings(s, P);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    // Only the real link (EPIC-1) is a link; the odd keys are schema findings.
    assert.deepEqual(
      byCode(f, 'unresolved-link').map(x => x.message),
      ['EPIC-1 is not defined in this workspace'],
    );
    assert.deepEqual(
      byCode(f, 'schema').map(x => [x.range, x.message.replace(/ \(allowed.*$/, '')]),
      [
        [[3, 0, 3, 9], 'unknown key "__proto__"'],
        [[6, 0, 6, 11], 'unknown key "constructor"'],
        [[7, 0, 7, 8], 'unknown key "toString"'],
        [[13, 4, 13, 13], 'unknown key "__proto__"'],
        [[14, 4, 14, 15], 'unknown key "constructor"'],
        [[15, 4, 15, 18], 'unknown key "hasOwnProperty"'],
      ],
    );
    // A __proto__ key does not make the item done or give it dates.
    for (const code of ['status-rollup', 'missing-acceptance', 'uncovered', 'date-order'])
      assert.deepEqual(byCode(f, code), [], code);
    const req = s.index.definitions('REQ-1')[0];
    assert.equal(Object.getPrototypeOf(req.fields), Object.prototype);
    assert.equal(Object.getPrototypeOf(req.fieldRanges), Object.prototype);
    assert.ok(Object.hasOwn(req.fields, '__proto__'));
    assert.equal(req.fields.status, undefined);
    assert.deepEqual(req.links, []);
    noInternalErrors(s, P);
  });

  it('a second document in the file is a yaml-syntax error at its marker; the first is checked', () => {
    const s = check({
      uri: E,
      text: lines('---', 'id: EPIC-1', 'title: A', '---', 'id: EPIC-2', 'title: B', '...'),
    });
    const f = findings(s, E);
    assert.deepEqual(byCode(f, 'yaml-syntax'), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [3, 0, 3, 3],
        message:
          'a spec file holds one YAML document; this is a second one (remove the "---" or move it to its own file)',
      },
    ]);
    assert.deepEqual(
      byCode(f, 'orphan').map(x => [x.range, x.message]),
      [[[1, 4, 1, 10], 'EPIC-1 is not scheduled: it names no release']],
    );
    assert.deepEqual(s.index.definitions('EPIC-2'), []);
  });

  it('CRLF line endings and emoji: ranges are exact, in UTF-16 code units', () => {
    const text = emojiText;
    const s = check({ uri: P, text });
    const f = findings(s, P).filter(x => x.code !== 'schema');
    assert.deepEqual(
      f.map(x => [x.code, x.range, x.message]),
      emojiFindings,
    );
    assert.deepEqual(
      f.map(x => x.severity),
      ['error', 'info', 'warning', 'error'],
    );
    // The same positions as JavaScript's own (UTF-16) string indices.
    const line4 = text.split('\r\n')[4];
    assert.equal(line4.indexOf('REQ-1'), 36);
    assert.equal(line4.indexOf('REQ-404'), 100);
    assert.equal(line4.indexOf('done'), 81);
    assert.deepEqual(s.index.definitions('REQ-2')[0]?.idRange, {
      start: { line: 5, character: 8 },
      end: { line: 5, character: 13 },
    });
  });

  it('tabs as indentation are a yaml-syntax error (and read as spaces); tabs inside values are fine', () => {
    const s = check({
      uri: E,
      text: lines('id: EPIC-1', 'title: "a\tb"', 'release: R-1', 'goals:', '\t- G-1', 'x-note: tab\there'),
    });
    const f = findings(s, E);
    assert.deepEqual(byCode(f, 'yaml-syntax'), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [4, 0, 4, 1],
        message: 'a tab used as indentation (YAML allows only spaces there): read as 2 spaces',
      },
    ]);
    assert.deepEqual(
      byCode(f, 'unresolved-link').map(x => x.range),
      [
        [2, 9, 2, 12],
        [4, 3, 4, 6],
      ],
    );
  });

  it('random garbage never throws', () => {
    const samples = [
      '{',
      '}',
      '[[[',
      ':::',
      '- - - -',
      '&a *a',
      '*unknown',
      '!!binary x',
      '%YAML 1.1\n---\na: b',
      '? [a, b]\n: c',
      'a: !!int x',
      '"\\u{zz}"',
      '\u0000\u0001',
      '\ud800',
    ];
    for (const text of samples) {
      const s = check({ uri: E, text });
      noInternalErrors(s, E);
    }
  });
});
