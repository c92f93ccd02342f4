import * as assert from 'node:assert/strict';
import { contentPrintOf } from '../../../server/src/core/reviews/fingerprint';
import { planReview } from '../../../server/src/core/reviews/review';
import { parseStamps } from '../../../server/src/core/reviews/stamps';
import type { SpecService } from '../../../server/src/core/service';
import { lines, workspace } from '../helpers';

const ROOT = 'file:///w';
const files = {
  'file:///w/a.prd.yaml': lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - {id: REQ-1, title: Pay, statement: Pay fast, priority: must}',
    '  - {id: REQ-2, title: Refund, statement: Refund, priority: should, depends_on: [REQ-1], related: [ST-1]}',
  ),
  'file:///w/s.stories.yaml': lines(
    'id: IT-1',
    'title: Sprint',
    'stories:',
    '  - {id: ST-1, title: One, implements: [REQ-1, REQ-1, REQ-404]}',
    '  - {id: ST-2, title: Two, implements: [REQ-2], depends_on: [ST-1]}',
  ),
};

function plan(s: SpecService, existing: string, selection: Parameters<typeof planReview>[2]) {
  return planReview(s.reviewableLinks(ROOT), parseStamps(existing).stamps, selection, item =>
    contentPrintOf(item, undefined),
  );
}
const fp = (s: SpecService, id: string) => contentPrintOf(s.index.definitions(id)[0], undefined).fingerprint;
const body = (text: string) => text.split('\n').filter(l => l && !l.startsWith('#'));

describe('reviews: planning a review', () => {
  it('--all stamps every reviewable link once: not related links, not links to undefined IDs', () => {
    const s = workspace(files);
    const p = plan(s, '', { all: true });
    assert.deepEqual(body(p.text), [
      `REQ-2 depends_on REQ-1 ${fp(s, 'REQ-1')}`,
      `ST-1 implements REQ-1 ${fp(s, 'REQ-1')}`,
      `ST-2 depends_on ST-1 ${fp(s, 'ST-1')}`,
      `ST-2 implements REQ-2 ${fp(s, 'REQ-2')}`,
    ]);
    assert.deepEqual(
      p.reviewed.map(r => [r.downstream, r.field, r.upstream, r.was]),
      [
        ['REQ-2', 'depends_on', 'REQ-1', 'unreviewed'],
        ['ST-1', 'implements', 'REQ-1', 'unreviewed'],
        ['ST-2', 'depends_on', 'ST-1', 'unreviewed'],
        ['ST-2', 'implements', 'REQ-2', 'unreviewed'],
      ],
    );
    assert.equal(p.dropped, 0);
  });

  it('an ID stamps the links from it and to it, keeps the other stamps, and drops stamps of links that are gone', () => {
    const s = workspace(files);
    const old = 'aaaaaaaa.-.-.-.-';
    const existing = [
      `REQ-2 depends_on REQ-1 ${old}`,
      `ST-2 depends_on ST-1 ${old}`,
      `ST-2 depends_on ST-1 ${fp(s, 'ST-1')}`,
      `ST-9 implements REQ-1 ${old}`,
      `ST-1 implements REQ-404 ${old}`,
    ].join('\n');
    const p = plan(s, existing, { ids: ['REQ-2'] });
    assert.deepEqual(body(p.text), [
      `REQ-2 depends_on REQ-1 ${fp(s, 'REQ-1')}`,
      `ST-2 depends_on ST-1 ${fp(s, 'ST-1')}`,
      `ST-2 implements REQ-2 ${fp(s, 'REQ-2')}`,
    ]);
    assert.deepEqual(
      p.reviewed.map(r => [r.downstream, r.upstream, r.was, r.changed]),
      [
        ['REQ-2', 'REQ-1', 'suspect', ['title', 'statement', 'priority']],
        ['ST-2', 'REQ-2', 'unreviewed', []],
      ],
    );
    assert.equal(p.dropped, 2);
  });

  it('reports a link whose stamp is current as current, and gives the same text again', () => {
    const s = workspace(files);
    const first = plan(s, '', { all: true });
    const again = plan(s, first.text, { ids: ['ST-1'] });
    assert.equal(again.text, first.text);
    assert.deepEqual(
      again.reviewed.map(r => r.was),
      ['current', 'current'],
    );
  });
});
