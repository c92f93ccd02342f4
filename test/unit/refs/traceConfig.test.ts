/** `.specwright.yaml` `trace:`: globs of code, tests and results, each wrong value a finding on the config file. */
import * as assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/config';
import { lines } from '../helpers';

function problems(text: string): string[] {
  return parseConfig(text).problems.map(
    p => `${p.range.start.line}:${p.range.start.character}-${p.range.end.character} ${p.message}`,
  );
}

describe('config: .specwright.yaml trace', () => {
  it('reads code, tests and results as lists or single globs, normalised', () => {
    const { config, problems } = parseConfig(
      lines(
        'trace:',
        '  code: ["src/**/*.ts", ./app/**/*.py]',
        '  tests: test\\**\\*.ts',
        '  results: [reports/*.xml]',
        '  x-note: ok',
      ),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.trace, {
      code: ['src/**/*.ts', 'app/**/*.py'],
      tests: ['test/**/*.ts'],
      results: ['reports/*.xml'],
    });
  });

  it('leaves a kind that is not written empty, and an empty trace unset', () => {
    assert.deepEqual(parseConfig(lines('trace:', '  tests: [t/*.py]')).config.trace, {
      code: [],
      tests: ['t/*.py'],
      results: [],
    });
    assert.equal(parseConfig('trace:\n').config.trace, undefined);
  });

  it('reports wrong types, unknown keys, empty, absolute and escaping globs where they are written', () => {
    assert.deepEqual(
      problems(
        lines('trace:', '  code: {a: 1}', '  test: [x]', '  tests: [3, "", /abs/*.ts, ../up/*.ts, ok/*.ts]'),
      ),
      [
        '1:8-14 trace code must be a glob or a list of globs, relative to the workspace folder (got a mapping)',
        '2:2-6 unknown trace key "test" (did you mean "tests"?) (allowed: code, tests, results)',
        '3:10-11 a trace tests entry must be a glob such as "src/**/*.ts" (got 3)',
        '3:13-15 a trace tests entry must be a glob such as "src/**/*.ts" (got "")',
        '3:17-26 "/abs/*.ts" is not a relative glob; write it relative to the workspace folder (src/**/*.ts)',
        '3:28-38 "../up/*.ts" leaves the workspace folder; only files inside it are read',
      ],
    );
    assert.deepEqual(parseConfig(lines('trace:', '  tests: [3, ok/*.ts]')).config.trace?.tests, ['ok/*.ts']);
  });

  it('reports a trace that is not a mapping', () => {
    assert.deepEqual(problems(lines('trace: [src/*.ts]')), [
      '0:7-17 trace must be a mapping (code: [src/**/*.ts], tests: [test/**/*.ts], results: [reports/*.xml])',
    ]);
  });
});
