/**
 * Issue 12, point 1: every pattern a repository writes (a team schema's
 * `pattern` and `patternProperties`, wherever Ajv finds them, and the
 * patternProperties hover and completion follow) runs on a linear-time
 * engine. The reproductions of the review hung 0.1.0 (1.6 s on 37
 * characters, > 20 s on 2,000, never ending behind a `$ref` into data); here
 * each is checked on a long value under a hang guard of 10 s, ten times the
 * budget of a check. What the engine cannot run is a finding on the
 * configuration, never a fallback to JavaScript's backtracking RegExp.
 */
import * as assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import { compileExtension } from '../../../server/src/core/schema/extensions';
import {
  linearRegExp,
  maxPatternSize,
  UnsupportedPattern,
} from '../../../server/src/core/schema/linearPattern';
import { SpecService } from '../../../server/src/core/service';
import { findings, lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const SCHEMA = 'file:///w/team.schema.json';
const P = 'file:///w/a.prd.yaml';
const config = lines('schemas:', '  prd: ./team.schema.json');
/** Hang guard: ten times what checking one file may take. */
const guardMs = 10_000;

const prd = (...extra: string[]) =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    ...extra,
    'requirements:',
    '  - {id: REQ-1, title: Pay, statement: s, priority: must}',
  );

async function checkWith(schema: unknown, value: string): Promise<{ s: SpecService; ms: number }> {
  const t0 = performance.now();
  const ws = new MemoryWorkspace(
    new Map([
      [CONFIG, config],
      [SCHEMA, JSON.stringify(schema)],
      [P, prd(`compliance_review: "${value}"`)],
    ]),
  );
  const s = new SpecService(ws);
  await s.scan([ROOT]);
  s.diagnostics(P);
  return { s, ms: performance.now() - t0 };
}

const formOf = (s: SpecService) =>
  findings(s, P, 'schema').map(f => f.message.replace(/\(got ".*"\)$/, '(got …)'));

describe('security: patterns run in linear time, whatever they are', () => {
  const reproductions: [string, unknown, string][] = [
    [
      '^(a{1,2}){1,100}$ (1.6 s on 37 characters in 0.1.0, doubling every few more)',
      { type: 'object', properties: { compliance_review: { type: 'string', pattern: '^(a{1,2}){1,100}$' } } },
      'a'.repeat(44) + '!',
    ],
    [
      '^[a-z]+[a-z]+[a-z]+[a-z]+$ (more than 20 s on 2,000 characters)',
      {
        type: 'object',
        properties: { compliance_review: { type: 'string', pattern: '^[a-z]+[a-z]+[a-z]+[a-z]+$' } },
      },
      'a'.repeat(2000) + '!',
    ],
    [
      '^(a+)+$ hidden in data that a $ref points into (never checked, compiled and run by 0.1.0)',
      {
        type: 'object',
        properties: {
          'x-dummy': { enum: [{ type: 'string', pattern: '^(a+)+$' }] },
          compliance_review: { $ref: '#/properties/x-dummy/enum/0' },
        },
      },
      'a'.repeat(10_000) + '!',
    ],
  ];
  for (const [what, schema, value] of reproductions) {
    it(`${what}: the pattern is used, and a long value is checked in bounded time`, async () => {
      const bad = await checkWith(schema, value);
      assert.ok(bad.ms < guardMs, `hang guard: took ${bad.ms} ms`);
      assert.deepEqual(findings(bad.s, CONFIG), []);
      assert.deepEqual(formOf(bad.s), ['compliance_review does not have the expected form (got …)']);
      // The same pattern accepts what it matches: it really runs.
      const good = await checkWith(schema, 'a'.repeat(40));
      assert.deepEqual(formOf(good.s), []);
    });
  }

  it('a patternProperties pattern hover follows runs on the same engine (a team key matched by ^(a+)+$)', async () => {
    const schema = {
      type: 'object',
      patternProperties: { '^(a+)+$': { type: 'string', description: 'An a-key.' } },
    };
    const key = 'a'.repeat(40) + '!';
    const ws = new MemoryWorkspace(
      new Map([
        [CONFIG, config],
        [SCHEMA, JSON.stringify(schema)],
        [P, prd(`${key}: x`)],
      ]),
    );
    const s = new SpecService(ws);
    await s.scan([ROOT]);
    s.openDocument(P, prd(`${key}: x`, 'aaaa: y'));
    const t0 = performance.now();
    const miss = hover(s, P, { line: 3, character: 2 });
    const hit = hover(s, P, { line: 4, character: 2 });
    assert.ok(performance.now() - t0 < guardMs, `hang guard: took ${performance.now() - t0} ms`);
    assert.ok(!JSON.stringify(miss ?? '').includes('An a-key.'));
    assert.ok(JSON.stringify(hit).includes('An a-key.'), JSON.stringify(hit));
  });

  describe('what the engine cannot run is a clear finding on the configuration', () => {
    const refused: [string, string][] = [
      [
        '(x)\\1',
        'the pattern "(x)\\\\1" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
      ],
      [
        '(?<n>x)\\k<n>',
        'the pattern "(?<n>x)\\\\k<n>" uses a backreference (\\k<name>), which the linear-time engine cannot run; write the pattern without it',
      ],
      [
        '^(?=a)a',
        'the pattern "^(?=a)a" uses lookaround ((?=, (?!, (?<=, (?<!), which the linear-time engine cannot run; write the pattern without it',
      ],
      [
        '(?<!a)b',
        'the pattern "(?<!a)b" uses lookaround ((?=, (?!, (?<=, (?<!), which the linear-time engine cannot run; write the pattern without it',
      ],
      [
        '\\b(\\w+\\s?){1,1000}$',
        `the pattern "\\\\b(\\\\w+\\\\s?){1,1000}$" expands to more than ${maxPatternSize.toLocaleString('en-US')} steps (counted repetitions multiply); use smaller counts, + or *, or maxLength for a length limit`,
      ],
      [
        '(a{1,100}){1,100}',
        `the pattern "(a{1,100}){1,100}" expands to more than ${maxPatternSize.toLocaleString('en-US')} steps (counted repetitions multiply); use smaller counts, + or *, or maxLength for a length limit`,
      ],
      [
        'a{1001}',
        'the pattern "a{1001}" cannot be run by the linear-time engine (invalid repeat count: `{1001}`)',
      ],
      ['(a', 'the pattern "(a" is not a valid regular expression: Unterminated group'],
      [
        '\\p{Script_Extensions=Greek}',
        'the pattern "\\\\p{Script_Extensions=Greek}" uses the Unicode property \\p{Script_Extensions=Greek}, which the linear-time engine does not know',
      ],
    ];
    for (const [pattern, message] of refused) {
      it(`${pattern}: refused, with the team schema not used`, async () => {
        const { s } = await checkWith(
          { type: 'object', properties: { compliance_review: { type: 'string', pattern } } },
          'x',
        );
        assert.deepEqual(
          findings(s, CONFIG).map(f => f.message),
          [`the schema file "team.schema.json" cannot be used: ${message}`],
        );
        assert.ok(s.configProblems(ROOT).length === 1);
      });
    }

    it('a refused pattern behind a $ref into data is refused too (the compiler finds it, not a walk of keywords)', () => {
      const r = compileExtension('prd', 't.json', {
        text: JSON.stringify({
          type: 'object',
          properties: {
            'x-d': { enum: [{ type: 'string', pattern: '(a)\\1' }] },
            a: { $ref: '#/properties/x-d/enum/0' },
          },
        }),
      });
      assert.deepEqual(r, {
        problem:
          'the schema file "t.json" cannot be used: the pattern "(a)\\\\1" uses a backreference (\\1), which the linear-time engine cannot run; write the pattern without it',
      });
    });
  });

  describe('a pattern means what ECMAScript says it means', () => {
    const cases: [string, string[], string[]][] = [
      // . is anything but a line terminator; \s is JavaScript's white space.
      ['^a.b$', ['axb', 'a\u00e9b', 'a\u{1F600}b'], ['a\nb', 'a\rb', 'a\u2028b', 'ab']],
      ['^\\s$', [' ', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028'], ['x', '']],
      ['^[\\S]+$', ['abc', '\u{1F600}'], ['a b', 'a\u00a0b']],
      ['^\\S$', ['x'], ['\u00a0']],
      // [ inside a class is a character, not a POSIX class.
      ['^[[:a]+$', ['[:a', 'a'], ['l', 'p']],
      // \uD83D\uDE00 is one code point under the u flag; [] matches nothing and [^] anything.
      ['^\\uD83D\\uDE00$', ['\u{1F600}'], ['\uD83D']],
      ['^\\u{1F600}$', ['\u{1F600}'], ['x']],
      ['a[]', [], ['a', 'a[]']],
      ['^a[^]b$', ['axb', 'a\nb'], ['ab']],
      ['^[\\b]$', ['\b'], ['b']],
      ['^\\cJ\\x41\\u0042\\0$', ['\nAB\0'], ['cJx41']],
      ['^(?<year>\\d{4})-\\d{2}$', ['2026-01'], ['26-01']],
      ['^\\p{Lu}\\p{Script=Greek}\\P{L}$', ['A\u03b11'], ['a\u03b11', 'A\u03b1b']],
      ['^[a-z]+(-[a-z]+)*$', ['foo-bar'], ['foo--bar', '-foo']],
      ['^CR-\\d+$', ['CR-12'], ['CR-', 'cr-12']],
      ['\\bword\\b', ['a word here'], ['swordfish']],
      ['^a{2,3}?$', ['aa', 'aaa'], ['a', 'aaaa']],
      ['^[\\w.+-]+@[\\w-]+\\.[\\w.]+$', ['a.b+c@d-e.fg'], ['a@b', 'a b@c.d']],
      ['^x\\/y\\.z\\$$', ['x/y.z$'], ['x/yaz$']],
    ];
    for (const [pattern, yes, no] of cases) {
      it(`${pattern} agrees with RegExp`, () => {
        const re = linearRegExp(pattern);
        const js = new RegExp(pattern, 'u');
        for (const s of [...yes, ...no])
          assert.equal(re.test(s), js.test(s), `${JSON.stringify(s)}: RegExp says ${js.test(s)}`);
        for (const s of yes) assert.ok(re.test(s), JSON.stringify(s));
        for (const s of no) assert.ok(!re.test(s), JSON.stringify(s));
      });
    }

    it('throws UnsupportedPattern (never a RegExp) for what it cannot run', () => {
      assert.throws(() => linearRegExp('(a)\\1'), UnsupportedPattern);
      assert.throws(
        () => linearRegExp('a'.repeat(1001)),
        (e: unknown) => e instanceof UnsupportedPattern && /is longer than 1000 characters$/.test(e.message),
      );
    });
  });
});
