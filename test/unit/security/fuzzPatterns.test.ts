/**
 * Issue 12: random patterns, in random team schemas that reach them through
 * `$ref`s (into definitions, into data such as an enum value) and through
 * patternProperties, never hang a check. Each schema either compiles or is a
 * configuration problem (never an exception), and every check of a 10 KB
 * value by one that compiles finishes under a hang guard of 10 s — the shapes
 * include the catastrophic ones (`(a+)+`, `(a|aa)*`, `(.*a){n}`, counted
 * repetitions of counted repetitions) on texts built to make them backtrack.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExtension } from '../../../server/src/core/schema/extensions';

/** Hang guard for one check: ten times its budget. */
const guardMs = 10_000;

const atom = fc.constantFrom(
  'a',
  'b',
  'aa',
  '[a-z]',
  '[^b]',
  '\\w',
  '\\d',
  '\\s',
  '\\S',
  '.',
  '[\\s\\S]',
  '\\b',
  '\\u0061',
  '\\x61',
  '(?:a|aa)',
  '(a|a)',
  '-',
  '\\.',
  '\\/',
);
const quantifier = fc.constantFrom(
  '',
  '*',
  '+',
  '?',
  '*?',
  '+?',
  '{2}',
  '{1,2}',
  '{0,10}',
  '{1,100}',
  '{3,}',
  '{1,1000}',
);
const pattern: fc.Arbitrary<string> = fc
  .letrec<{ p: string }>(tie => ({
    p: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.tuple(atom, quantifier).map(([a, q]) => a + q),
      fc.tuple(tie('p'), tie('p')).map(([x, y]) => x + y),
      fc.tuple(tie('p'), tie('p')).map(([x, y]) => `${x}|${y}`),
      fc
        .tuple(tie('p'), quantifier, fc.constantFrom('(', '(?:', '(?<g>'))
        .map(([x, q, open]) => `${open}${x})${q || '+'}`),
    ),
  }))
  .p.chain(body =>
    fc
      .tuple(fc.constantFrom('', '^'), fc.constant(body), fc.constantFrom('', '$', '!', '\\1', '(?=a)'))
      .map(([start, b, end]) => start + b + end),
  )
  // Also what is not a regular expression at all.
  .chain(p =>
    fc.oneof(
      { weight: 9, arbitrary: fc.constant(p) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    ),
  );

/** A team schema that reaches `p` one way or another; the checked value is property `v`. */
const schemaFor = (p: string, how: number): unknown => {
  const str = { type: 'string', pattern: p };
  switch (how) {
    case 0:
      return { type: 'object', properties: { v: str } };
    case 1:
      return { type: 'object', definitions: { s: str }, properties: { v: { $ref: '#/definitions/s' } } };
    case 2:
      return {
        type: 'object',
        properties: { 'x-d': { enum: [str] }, v: { $ref: '#/properties/x-d/enum/0' } },
      };
    case 3:
      return { type: 'object', patternProperties: { [p]: { type: 'string' } }, additionalProperties: true };
    case 4:
      return {
        type: 'object',
        properties: { v: { type: 'array', items: { $ref: '#/$defs/s' } } },
        $defs: { s: { allOf: [str, { $ref: '#/$defs/t' }] }, t: { type: 'string', pattern: p } },
      };
    default:
      return {
        type: 'object',
        properties: { v: { type: 'object', propertyNames: { type: 'string', pattern: p } } },
      };
  }
};

/** A value of about 10 KB that the shape of a pattern tends to backtrack on. */
const valueFor = (text: string, how: number): unknown => {
  switch (how) {
    case 3:
      return { [text]: 'x' };
    case 4:
      return { v: [text] };
    case 5:
      return { v: { [text]: 1 } };
    default:
      return { v: text };
  }
};
const text = fc
  .constantFrom('a', 'ab', 'a ', 'aa-', 'x', '\u{1F600}')
  .chain(unit =>
    fc.constantFrom(
      unit.repeat(Math.ceil(10_240 / unit.length)),
      unit.repeat(Math.ceil(10_240 / unit.length)) + '!',
    ),
  );

describe('security: fuzzed patterns in team schemas never hang a check (hang guard 10 s per check)', function () {
  this.timeout(600_000);

  it('random patterns reached through $refs and patternProperties: compiled or refused, and every check of 10 KB finishes', () => {
    let compiled = 0;
    let refused = 0;
    fc.assert(
      fc.property(pattern, fc.integer({ min: 0, max: 5 }), text, (p, how, value) => {
        const r = compileExtension('prd', 'team.schema.json', { text: JSON.stringify(schemaFor(p, how)) });
        if ('problem' in r) {
          refused++;
          assert.ok(r.problem.startsWith('the schema file "team.schema.json" '), r.problem);
          return;
        }
        compiled++;
        const t0 = performance.now();
        r.extension.validate(valueFor(value, how));
        const ms = performance.now() - t0;
        assert.ok(
          ms < guardMs,
          `hang guard: ${JSON.stringify(p)} (${how}) took ${Math.round(ms)} ms on ${value.length} characters`,
        );
      }),
      { numRuns: 60, seed: 12 },
    );
    // Both sides were exercised.
    assert.ok(compiled > 10 && refused > 0, `compiled ${compiled}, refused ${refused}`);
  });
});
