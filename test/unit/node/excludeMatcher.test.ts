/**
 * `specwright.exclude` globs come from the repository's workspace settings,
 * so they run on RE2 (issue 12: every regular expression built from
 * repository content runs in linear time).
 */
import * as assert from 'node:assert/strict';
import { excludeMatcher } from '../../../server/src/node/nodeWorkspace';
import { withinHangGuard } from '../reliability/timing';

describe('node: exclude globs', () => {
  it('match folders, their contents, and file-name globs as minimatch reads them', () => {
    const excluded = excludeMatcher([
      'archive',
      'old/**',
      '**/*.draft.yaml',
      'docs/*/x',
      '{a,b}/c',
      '[ab]*.epic.yaml',
      './lead/',
      '.hidden',
    ]);
    const yes = [
      'archive',
      'old/a.epic.yaml',
      'old/deep/b.prd.yaml',
      'p.draft.yaml',
      'specs/q.draft.yaml',
      'docs/any/x',
      'a/c',
      'b/c',
      'a1.epic.yaml',
      'lead',
      '.hidden',
    ];
    const no = [
      'archived',
      'older/a.epic.yaml',
      'p.prd.yaml',
      'docs/x',
      'docs/a/b/x',
      'c/c',
      'c1.epic.yaml',
      'leader',
      'x/.hidden',
    ];
    assert.deepEqual(
      yes.filter(p => !excluded(p)),
      [],
    );
    assert.deepEqual(
      no.filter(p => excluded(p)),
      [],
    );
  });

  it('run in linear time: globs that backtrack in JavaScript finish on long names', () => {
    const excluded = excludeMatcher([`${'a*'.repeat(12)}x`, '**/**/**/**/**/**/**/**/z']);
    const long = 'a'.repeat(3000);
    // Budget 10 ms each; on minimatch's JavaScript regular expressions these did not finish in 20 s.
    assert.equal(
      withinHangGuard(10, 'a*a*…x', () => excluded(long)),
      false,
    );
    assert.equal(
      withinHangGuard(10, '**/…/z', () => excluded(Array(200).fill('d').join('/'))),
      false,
    );
    assert.equal(excluded(`${long}x`), true);
  });

  it('read extglobs as names: +(a|a)+(a|a)x is a literal name, not a backtracking group', () => {
    const excluded = excludeMatcher(['+(a|a)+(a|a)x', '', '   ']);
    assert.equal(excluded('+(a|a)+(a|a)x'), true);
    assert.equal(
      withinHangGuard(10, 'extglob', () => excluded(`${'a'.repeat(3000)}x`)),
      false,
    );
  });
});
