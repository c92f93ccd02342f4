import * as assert from 'node:assert/strict';
import type { SuspectLink } from '../../server/src/core/features/suspectLinks';
import { contentPrintOf } from '../../server/src/core/reviews/fingerprint';
import type { FileHistory } from '../../server/src/core/reviews/reviewedVersion';
import { ReviewedVersions } from '../../server/src/lsp/reviewedVersions';

const print = contentPrintOf(
  { kind: 'requirement', fields: { title: 'Pay', statement: 'Pay by card.' } },
  undefined,
);
const link: SuspectLink = {
  from: 'ST-1',
  field: 'implements',
  uri: 'file:///w/sprint.stories.yaml',
  range: { start: { line: 5, character: 17 }, end: { line: 5, character: 22 } },
  target: 'REQ-1',
  targetUri: 'file:///w/checkout.prd.yaml',
  targetRange: { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } },
  changed: ['statement'],
  fieldListChanged: false,
  stamp: print.fingerprint,
  rootUri: 'file:///w',
  targetPath: 'checkout.prd.yaml',
  content: print,
};
const prd = (statement: string) =>
  `id: PRD-1\ntitle: Checkout\nrequirements:\n  - {id: REQ-1, title: Pay, statement: ${statement}}\n`;

/** A history whose file is `text` at one commit; counts the searches (commitsTouching calls). */
function historyOf(state: { text: string; searches: number; fail?: boolean }): FileHistory {
  return {
    commitsTouching: () => {
      state.searches++;
      return state.fail ? Promise.reject(new Error('not a git repository')) : Promise.resolve(['c1']);
    },
    readFile: () => Promise.resolve(new TextEncoder().encode(state.text)),
  };
}

const quietLog = { log: { error: () => undefined, warn: () => undefined, info: () => undefined } };

describe('server: reviewed versions, searched off the typing path and cached', () => {
  it('answers from the cache at once: nothing at the first ask, which starts the search; the version after it', async () => {
    const state = { text: prd('Pay by card.'), searches: 0 };
    const versions = new ReviewedVersions(() => historyOf(state), quietLog);
    assert.equal(versions.known(link), undefined);
    const found = await versions.search(link);
    assert.equal(found?.commit, 'c1');
    assert.deepEqual(versions.known(link), found);
    await versions.search(link);
    assert.equal(state.searches, 1);
  });

  it('searches again after a while when history had nothing (a later commit may have it), not before', async () => {
    const state = { text: prd('Pay in cash.'), searches: 0 };
    let now = 0;
    const versions = new ReviewedVersions(
      () => historyOf(state),
      quietLog,
      () => now,
    );
    assert.equal(await versions.search(link), undefined);
    now = 29_000;
    assert.equal(await versions.search(link), undefined);
    assert.equal(state.searches, 1);
    state.text = prd('Pay by card.');
    now = 31_000;
    assert.equal((await versions.search(link))?.commit, 'c1');
    assert.equal(state.searches, 2);
  });

  it('a failing history (no repository) is logged and read as none; no history, or a file outside the root, is none', async () => {
    const state = { text: '', searches: 0, fail: true };
    const logged: string[] = [];
    const log = { error: () => undefined, warn: () => undefined, info: (m: string) => logged.push(m) };
    assert.equal(await new ReviewedVersions(() => historyOf(state), { log }).search(link), undefined);
    assert.deepEqual(logged, [
      'The reviewed version of REQ-1 (checkout.prd.yaml) was not searched in history: not a git repository',
    ]);
    assert.equal(await new ReviewedVersions(undefined, quietLog).search(link), undefined);
    const outside: SuspectLink = { ...link, targetPath: undefined };
    assert.equal(await new ReviewedVersions(() => historyOf(state), quietLog).search(outside), undefined);
    assert.equal(state.searches, 1);
  });
});
