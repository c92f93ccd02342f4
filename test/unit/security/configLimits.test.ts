/**
 * Issue 12, point 3: `.specwright.yaml` and team schema files get the limits
 * of a spec file — size, nesting, YAML tokens, keys, aliases — with the same
 * findings when one is passed. 0.1.0 read the config with a bare
 * parseDocument: 8 MB took 36 s and 3.6 GB, 18 MB ran out of memory.
 */
import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/config';
import { maxFileBytes } from '../../../server/src/core/parse/decode';
import { maxAliasCount, maxDepth, maxKeys, maxTokens } from '../../../server/src/core/parse/parseDocument';
import { compileExtension } from '../../../server/src/core/schema/extensions';
import { SpecService } from '../../../server/src/core/service';
import { findings, lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

/** Hang guard: ten times what reading a configuration may take. */
const guardMs = 10_000;

function timedParse(text: string): {
  ms: number;
  problems: { code: string; range: [number, number, number, number]; message: string }[];
  rules: Record<string, string>;
} {
  const t0 = performance.now();
  const { config, problems } = parseConfig(text);
  return {
    ms: performance.now() - t0,
    problems: problems.map(p => ({
      code: p.code,
      range: [p.range.start.line, p.range.start.character, p.range.end.line, p.range.end.character],
      message: p.message,
    })),
    rules: config.rules,
  };
}

describe('security: the configuration is read with the limits of a spec file', () => {
  it('more than 8 MB: one finding, nothing parsed (0.1.0: 36 s and 3.6 GB at 8 MB, out of memory at 18 MB)', () => {
    const text =
      'rules:\n  date-order: off\nx-pad:\n' +
      '  - aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n'.repeat(
        Math.ceil((maxFileBytes + 200 * 1024) / 50),
      );
    const r = timedParse(text);
    assert.ok(r.ms < guardMs, `hang guard: took ${r.ms} ms`);
    assert.deepEqual(r.problems, [
      {
        code: 'yaml-syntax',
        range: [0, 0, 0, 0],
        message: 'file is too large to check (8.4 MB; the limit is 8 MB)',
      },
    ]);
    assert.deepEqual(r.rules, {});
  });

  it('18 MB: the same finding, at once', () => {
    const r = timedParse('x-pad: "' + 'a'.repeat(18 * 1024 * 1024) + '"\n');
    assert.ok(r.ms < guardMs, `hang guard: took ${r.ms} ms`);
    assert.deepEqual(
      r.problems.map(p => p.message),
      ['file is too large to check (18 MB; the limit is 8 MB)'],
    );
  });

  it(`more than ${maxTokens.toLocaleString('en-US')} YAML tokens in under 8 MB: the spec files' finding`, () => {
    const r = timedParse('rules:\n  date-order: off\nx-list: [' + '0,'.repeat(maxTokens) + '0]\n');
    assert.ok(r.ms < guardMs, `hang guard: took ${r.ms} ms`);
    assert.deepEqual(r.problems, [
      {
        code: 'yaml-syntax',
        range: [0, 0, 0, 0],
        message:
          'the file is too large to check: it has more than 200,000 YAML tokens (keys, values and punctuation); split it into smaller files',
      },
    ]);
  });

  it(`nesting deeper than ${maxDepth} levels is cut, with the spec files' finding, and the rest still applies`, () => {
    const r = timedParse('rules:\n  date-order: off\nx-deep: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n');
    assert.ok(r.ms < guardMs, `hang guard: took ${r.ms} ms`);
    assert.deepEqual(
      r.problems.map(p => p.message),
      [
        `the file is nested too deeply to read as YAML (more than ${maxDepth} levels); spec files need only a few levels of nesting`,
      ],
    );
    assert.deepEqual(r.rules, { 'date-order': 'off' });
  });

  it(`a mapping of more than ${maxKeys.toLocaleString('en-US')} keys is cut where spec files cut it`, () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  x-k${i}: off`);
    const r = timedParse(lines('x-wide:', ...keys));
    assert.ok(r.ms < guardMs, `hang guard: took ${r.ms} ms`);
    assert.deepEqual(
      r.problems.map(p => [p.range, p.message]),
      [
        [
          [maxKeys + 1, 2, maxKeys + 1, 3],
          'this mapping has 20,000 keys; only the first 1,000 are read (an item needs a few dozen at most)',
        ],
      ],
    );
  });

  it(`an alias bomb stops at ${maxAliasCount} expansions, with the spec files' finding`, () => {
    const levels = ['x-a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `x-a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const r = timedParse(lines('rules:', '  date-order: off', ...levels));
    assert.ok(r.ms < guardMs, `hang guard: took ${r.ms} ms`);
    assert.deepEqual(
      r.problems.map(p => p.message),
      [`too many alias expansions (more than ${maxAliasCount}); spec files should not need YAML aliases`],
    );
    assert.deepEqual(r.rules, { 'date-order': 'off' });
  });

  it('duplicate keys keep their finding', () => {
    const r = timedParse(lines('rules:', '  date-order: off', '  date-order: error'));
    assert.deepEqual(
      r.problems.map(p => [p.code, p.range, p.message]),
      [['yaml-syntax', [2, 2, 2, 3], 'Map keys must be unique']],
    );
  });

  it('a service given such a configuration reports it on the config file and stays usable', async () => {
    const ws = new MemoryWorkspace(
      new Map([
        ['file:///w/.specwright.yaml', 'x-list: [' + '0,'.repeat(maxTokens) + '0]\n'],
        ['file:///w/a.epic.yaml', lines('id: EPIC-1', 'title: E', 'release: R-1')],
      ]),
    );
    const s = new SpecService(ws);
    const t0 = performance.now();
    await s.scan(['file:///w']);
    assert.ok(performance.now() - t0 < guardMs);
    assert.deepEqual(
      findings(s, 'file:///w/.specwright.yaml').map(f => f.code),
      ['yaml-syntax'],
    );
    assert.equal(s.configProblems('file:///w').length, 1);
  });
});

describe('security: team schema files get the same limits', () => {
  it(`nesting deeper than ${maxDepth} levels: refused before compiling (Ajv recurses per level)`, () => {
    const text = '{"type":"object","properties":{"a":'.repeat(5000) + '{"type":"string"}' + '}}'.repeat(5000);
    const t0 = performance.now();
    const r = compileExtension('prd', 't.json', { text });
    assert.ok(performance.now() - t0 < guardMs);
    assert.deepEqual(r, {
      problem: `the schema file "t.json" cannot be used: it is nested too deeply (more than ${maxDepth} levels); a schema needs only a few levels of nesting`,
    });
  });

  it(`more than ${maxTokens.toLocaleString('en-US')} values: refused before compiling`, () => {
    const r = compileExtension('prd', 't.json', {
      text: JSON.stringify({ type: 'object', 'x-pad': Array(maxTokens + 1).fill(0) }),
    });
    assert.deepEqual(r, {
      problem:
        'the schema file "t.json" cannot be used: it has more than 200,000 values; a schema needs far fewer',
    });
  });

  it('a schema at the limits is still used', () => {
    let schema: Record<string, unknown> = { type: 'string', pattern: '^a' };
    for (let i = 0; i < 40; i++) schema = { type: 'object', properties: { a: schema } };
    const r = compileExtension('prd', 't.json', { text: JSON.stringify(schema) });
    assert.ok('extension' in r, JSON.stringify(r));
  });
});
