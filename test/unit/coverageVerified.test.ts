/**
 * `coverage:` minimums on `implemented` and `verified` (graph/verification.ts),
 * next to `min`: workspace-wide on the config file at the number, per release
 * at the release's ID, kept right when a trace file changes; and the
 * configuration's problems (a minimum that no trace glob can ever meet).
 */
import * as assert from 'node:assert/strict';
import { findings, lines } from './helpers';
import { CONFIG, JUNIT, ROADMAP, traceChange, traceConfig, tracedWorkspace } from './graph/tracedWorkspace';

// The traced workspace: six committed requirements, four implemented, three verified, two with stories.
const thresholds = lines(
  'coverage:',
  '  implemented: 0.7', // 1
  '  verified: 0.5', // 2
  '  releases:',
  '    R-1: {verified: 0.6, implemented: 0.5, min: 0.2}', // 4
);

describe('coverage-threshold on implemented and verified', () => {
  it('reports each minimum not met: the workspace on the config file, a release at its ID', () => {
    const s = tracedWorkspace({ config: traceConfig + thresholds });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'coverage-threshold',
        severity: 'error',
        range: [5, 15, 5, 18],
        message:
          'implemented coverage 66% is below the minimum 70% (4 of 6 committed requirements are implemented in code)',
      },
    ]);
    assert.deepEqual(findings(s, ROADMAP, 'coverage-threshold'), [
      {
        code: 'coverage-threshold',
        severity: 'error',
        range: [3, 8, 3, 11],
        message:
          'R-1 verified coverage 50% is below the minimum 60% (3 of 6 committed requirements are verified by passing tests)',
      },
    ]);
  });

  it('reports coverage, implemented and verified of one release apart, in that order', () => {
    const s = tracedWorkspace({
      config:
        traceConfig + lines('coverage:', '  releases:', '    R-1: {min: 0.5, implemented: 0.9, verified: 1}'),
    });
    assert.deepEqual(
      findings(s, ROADMAP, 'coverage-threshold').map(f => f.message),
      [
        'R-1 coverage 33% is below the minimum 50% (2 of 6 committed requirements have stories)',
        'R-1 implemented coverage 66% is below the minimum 90% (4 of 6 committed requirements are implemented in code)',
        'R-1 verified coverage 50% is below the minimum 100% (3 of 6 committed requirements are verified by passing tests)',
      ],
    );
  });

  it('follows a changed results file: the failing test passes, and the release meets its minimum', () => {
    const s = tracedWorkspace({ config: traceConfig + thresholds });
    const affected = s.applyTrace([
      traceChange(
        JUNIT,
        lines(
          '<testsuite>',
          '<testcase name="a [REQ-1]"/><testcase name="s [ST-1]"/><testcase name="t [REQ-4]"/>',
          '</testsuite>',
        ),
        2,
      ),
    ]);
    assert.ok(affected.has(ROADMAP));
    assert.deepEqual(findings(s, ROADMAP, 'coverage-threshold'), []);
    // And back: with REQ-1's test failing and no other result, only the test files' references verify (REQ-3, REQ-5).
    s.applyTrace([
      traceChange(JUNIT, lines('<testsuite><testcase name="t [REQ-1]"><failure/></testcase></testsuite>'), 3),
    ]);
    assert.deepEqual(
      findings(s, CONFIG).map(f => f.message),
      [
        'implemented coverage 66% is below the minimum 70% (4 of 6 committed requirements are implemented in code)',
        'verified coverage 33% is below the minimum 50% (2 of 6 committed requirements are verified by passing tests)',
      ],
    );
  });

  it('refuses a minimum that no trace glob can meet, and unknown keys of a release, in .specwright.yaml', () => {
    const s = tracedWorkspace({
      config: lines(
        'coverage:',
        '  verified: 0.5',
        '  implemented: 2',
        '  releases:',
        '    R-1: {implemented: 0.5, speed: 1}',
        'trace:',
        '  tests: [test/**/*.ts]',
      ),
    });
    assert.deepEqual(
      findings(s, CONFIG).map(f => [f.code, f.range, f.message]),
      [
        [
          'schema',
          [2, 15, 2, 16],
          'coverage implemented must be a number from 0 to 1, such as 0.8 for 80% (got 2)',
        ],
        [
          'schema',
          [4, 23, 4, 26],
          'a minimum on implemented for R-1 needs trace.code in this file: without them no requirement counts as implemented',
        ],
        [
          'schema',
          [4, 28, 4, 33],
          'unknown coverage key "speed" for R-1 (allowed: min, implemented, verified)',
        ],
      ],
    );
    const t = tracedWorkspace({
      config: lines('coverage:', '  verified: 0.5', 'trace:', '  code: [src/**/*.ts]'),
    });
    assert.deepEqual(
      findings(t, CONFIG).map(f => [f.range, f.message]),
      [
        [
          [1, 12, 1, 15],
          'a minimum on verified needs trace.tests or trace.results in this file: without them no requirement counts as verified',
        ],
      ],
    );
  });
});
