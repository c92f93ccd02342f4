import * as assert from 'node:assert/strict';
import { contentPrintOf } from '../../../server/src/core/reviews/fingerprint';
import {
  findReviewedVersion,
  reviewHistoryDepth,
  type FileHistory,
} from '../../../server/src/core/reviews/reviewedVersion';
import { lines } from '../helpers';

const PATH = 'specs/checkout.prd.yaml';
const prd = (statement: string | undefined, status = 'draft') =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-1',
    '    title: Pay',
    ...(statement === undefined ? [] : [`    statement: ${statement}`]),
    `    status: ${status}`,
    '    priority: must',
  );

/** A history of one file: its texts by commit, newest first (undefined: the commit deleted it). */
class FakeHistory implements FileHistory {
  readonly reads: string[] = [];
  constructor(private readonly commits: [string, string | undefined][]) {}
  commitsTouching(path: string, limit: number): Promise<string[]> {
    assert.equal(path, PATH);
    return Promise.resolve(this.commits.slice(0, limit).map(([c]) => c));
  }
  readFile(commit: string, path: string): Promise<Uint8Array | undefined> {
    assert.equal(path, PATH);
    this.reads.push(commit);
    const text = this.commits.find(([c]) => c === commit)?.[1];
    return Promise.resolve(text === undefined ? undefined : new TextEncoder().encode(text));
  }
}

const content = contentPrintOf({ kind: 'requirement', fields: {} }, undefined);
const stampOf = (statement: string) =>
  contentPrintOf({ kind: 'requirement', fields: { title: 'Pay', statement, priority: 'must' } }, undefined)
    .fingerprint;

describe('reviews: the reviewed version in history', () => {
  it('is the newest revision of the file whose item has the stamp, read as check reads it', async () => {
    const history = new FakeHistory([
      ['c4', prd('Pay by card, saved.')],
      ['c3', prd('Pay by card.', 'approved')], // status is not content: this one matches
      ['c2', undefined],
      ['c1', prd('Pay by card.')],
    ]);
    const found = await findReviewedVersion(history, PATH, 'REQ-1', stampOf('Pay by card.'), content);
    assert.deepEqual(found, {
      commit: 'c3',
      path: PATH,
      fields: { id: 'REQ-1', title: 'Pay', statement: 'Pay by card.', status: 'approved', priority: 'must' },
    });
    assert.deepEqual(history.reads, ['c4', 'c3']);
  });

  it('skips revisions without the file or the item; none when no revision matches', async () => {
    const history = new FakeHistory([
      ['c3', 'id: PRD-1\ntitle: Checkout\n'],
      ['c2', undefined],
      ['c1', prd('Pay by card.')],
    ]);
    assert.equal(
      await findReviewedVersion(history, PATH, 'REQ-1', stampOf('Pay in cash.'), content),
      undefined,
    );
    assert.deepEqual(history.reads, ['c3', 'c2', 'c1']);
    assert.equal(
      (await findReviewedVersion(history, PATH, 'REQ-1', stampOf('Pay by card.'), content))?.commit,
      'c1',
    );
  });

  it(`searches only the last ${reviewHistoryDepth} commits of the file`, async () => {
    const commits: [string, string][] = Array.from({ length: reviewHistoryDepth + 1 }, (_, i) => [
      `c${reviewHistoryDepth - i}`,
      prd(i === reviewHistoryDepth ? 'Pay by card.' : `Pay, version ${reviewHistoryDepth - i}.`),
    ]);
    const history = new FakeHistory(commits);
    assert.equal(
      await findReviewedVersion(history, PATH, 'REQ-1', stampOf('Pay by card.'), content),
      undefined,
    );
    assert.equal(history.reads.length, reviewHistoryDepth);
  });

  it('matches a stamp made before reviews.content added a field as check does (the new field absent then)', async () => {
    const extra = contentPrintOf({ kind: 'requirement', fields: {} }, { requirement: ['x-risk'] });
    const history = new FakeHistory([['c1', prd('Pay by card.')]]);
    const found = await findReviewedVersion(history, PATH, 'REQ-1', stampOf('Pay by card.'), extra);
    assert.equal(found?.commit, 'c1');
  });
});
