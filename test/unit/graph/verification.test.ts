/**
 * graph/verification.ts, the one rule of "implemented" and "verified": code
 * references directly, through a story and through an acceptance criterion;
 * passing, failing and skipped tests; a test file's reference where no
 * result names the item; and the counts over committed requirements only.
 */
import * as assert from 'node:assert/strict';
import { countVerification, verificationOf } from '../../../server/src/core/graph/verification';
import type { SpecService } from '../../../server/src/core/service';
import { lines } from '../helpers';
import { CODE, JUNIT, TEST, tracedWorkspace } from './tracedWorkspace';

function of(s: SpecService, id: string) {
  const item = s.index.definitions(id)[0];
  const v = verificationOf(s.index, s.traces, item);
  return {
    implemented: v.implemented,
    verified: v.verified,
    code: v.code.map(
      r => `${r.uri.slice('file:///w/'.length)}:${r.range.start.line + 1} ${r.id}${r.ac ? `#${r.ac}` : ''}`,
    ),
    tests: v.tests,
    passing: v.passing,
    failing: v.failing,
  };
}

describe('graph/verification: implemented and verified', () => {
  const s = tracedWorkspace();

  it('direct: a code reference implements, a passing test verifies', () => {
    assert.deepEqual(of(s, 'REQ-1'), {
      implemented: true,
      verified: true,
      code: ['src/cart.ts:1 REQ-1'],
      tests: 1,
      passing: 1,
      failing: 0,
    });
  });

  it('via story: the code and tests of a story that implements the requirement count for it', () => {
    assert.deepEqual(of(s, 'REQ-2'), {
      implemented: true,
      verified: true,
      code: ['src/cart.ts:3 ST-1'],
      tests: 1,
      passing: 1,
      failing: 0,
    });
  });

  it("via acceptance criterion: REQ-3#2 in code implements REQ-3, a test file's REQ-3#1 verifies it where no result names it", () => {
    assert.deepEqual(of(s, 'REQ-3'), {
      implemented: true,
      verified: true,
      code: ['src/cart.ts:3 REQ-3#2'],
      tests: 1,
      passing: 0,
      failing: 0,
    });
  });

  it('a failing test (of an acceptance criterion) makes the requirement not verified, though another passes', () => {
    assert.deepEqual(of(s, 'REQ-4'), {
      implemented: true,
      verified: false,
      code: ['src/cart.ts:4 REQ-4'],
      tests: 2,
      passing: 1,
      failing: 1,
    });
  });

  it("a skipped test neither verifies nor fails, and the result outweighs the test file's bare reference", () => {
    assert.deepEqual(of(s, 'REQ-5'), {
      implemented: false,
      verified: false,
      code: [],
      tests: 1,
      passing: 0,
      failing: 0,
    });
  });

  it('with nothing, neither', () => {
    assert.deepEqual(of(s, 'REQ-6'), {
      implemented: false,
      verified: false,
      code: [],
      tests: 0,
      passing: 0,
      failing: 0,
    });
  });

  it('an error outcome fails like a failure', () => {
    const t = tracedWorkspace({
      trace: {
        [JUNIT]: lines(
          '<testsuite><testcase name="x [REQ-1]"><error type="TypeError"/></testcase></testsuite>',
        ),
      },
    });
    assert.deepEqual([of(t, 'REQ-1').verified, of(t, 'REQ-1').failing], [false, 1]);
  });

  it("a story's failing test fails the requirement it implements", () => {
    const t = tracedWorkspace({
      trace: { [JUNIT]: lines('<testsuite><testcase name="s [ST-1]"><failure/></testcase></testsuite>') },
    });
    assert.deepEqual([of(t, 'REQ-2').verified, of(t, 'REQ-2').failing], [false, 1]);
  });

  it('follows a changed trace file: a code reference removed, a test flipped to passing', () => {
    const t = tracedWorkspace();
    t.applyTrace([
      { uri: CODE, role: 'code', bytes: new TextEncoder().encode('// nothing\n') },
      {
        uri: JUNIT,
        role: 'results',
        mtime: 2,
        bytes: new TextEncoder().encode('<testsuite><testcase name="r [REQ-4#1]"/></testsuite>'),
      },
      { uri: TEST, deleted: true },
    ]);
    assert.deepEqual(
      ['REQ-1', 'REQ-3', 'REQ-4'].map(id => [of(t, id).implemented, of(t, id).verified]),
      [
        [false, false],
        [false, false],
        [false, true],
      ],
    );
  });

  it('counts committed requirements only: REQ-7 is a draft with a passing test and is left out', () => {
    assert.deepEqual(countVerification(s.index, s.traces, s.index.items()), {
      specified: 6,
      implemented: 4,
      verified: 3,
    });
  });
});
