import * as assert from 'node:assert/strict';
import { contentPrintOf } from '../../../server/src/core/reviews/fingerprint';
import { planReview } from '../../../server/src/core/reviews/review';
import { parseStamps } from '../../../server/src/core/reviews/stamps';
import { SpecService } from '../../../server/src/core/service';
import { findings, lines, workspace } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const REVIEWS = 'file:///w/specwright.reviews';
const PRD = 'file:///w/checkout.prd.yaml';
const ST = 'file:///w/sprint.stories.yaml';

const prd = (statement = 'Pay with a saved card.', extra: string[] = []) =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-101',
    '    title: Saved cards',
    `    statement: ${statement}`,
    '    priority: must',
    '    status: approved',
    ...extra,
    '    acceptance_criteria: [A saved card is the default]',
    '  - {id: REQ-102, title: Wallets, statement: Pay with a wallet., priority: could, related: [ST-301]}',
  );
const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - id: ST-301',
  '    title: Save a card',
  '    implements: [REQ-101, REQ-404]',
  '  - id: ST-302',
  '    title: Pay by wallet',
  '    implements: [REQ-102]',
  '    depends_on: [EPIC-1]',
);

/** The stamps text of a review of every link, as the service sees the workspace now. */
function reviewAll(s: SpecService, existing = ''): string {
  return planReview(s.reviewableLinks(ROOT), parseStamps(existing).stamps, { all: true }, item =>
    s.contentPrint(item, ROOT),
  ).text;
}

function reviewed(statement?: string): SpecService {
  const s = workspace({ [PRD]: prd(statement), [ST]: stories });
  s.setReviews(ROOT, reviewAll(s));
  return s;
}

const review = (s: SpecService) =>
  [...findings(s, ST), ...findings(s, PRD)].filter(
    f => f.code === 'suspect-link' || f.code === 'unreviewed-link',
  );

describe('check: suspect-link and unreviewed-link', () => {
  it('reports nothing where the workspace keeps no review stamps', () => {
    const s = workspace({ [PRD]: prd(), [ST]: stories });
    assert.deepEqual(review(s), []);
    assert.deepEqual(s.uris(), [PRD, ST]);
  });

  it('reports every link without a stamp as unreviewed-link (info) at the ID in the link, once a stamps file exists', () => {
    const s = workspace({ [PRD]: prd(), [ST]: stories });
    s.setReviews(ROOT, '');
    assert.deepEqual(findings(s, ST, 'unreviewed-link'), [
      {
        code: 'unreviewed-link',
        severity: 'info',
        range: [5, 17, 5, 24],
        message:
          'ST-301 has no review stamp against REQ-101 (run "specwright review ST-301" to stamp its links)',
      },
      {
        code: 'unreviewed-link',
        severity: 'info',
        range: [8, 17, 8, 24],
        message:
          'ST-302 has no review stamp against REQ-102 (run "specwright review ST-302" to stamp its links)',
      },
    ]);
    // Not REQ-404 (unresolved-link), not EPIC-1 (link-kind), not the related link of REQ-102.
    assert.deepEqual(findings(s, PRD, 'unreviewed-link'), []);
  });

  it('reports a link whose upstream content changed as suspect-link (warning), naming the fields, and nothing once reviewed again', () => {
    const s = reviewed();
    assert.deepEqual(review(s), []);
    s.apply([
      {
        uri: PRD,
        text: prd('Pay with a saved card, or a new one.').replace(
          '[A saved card is the default]',
          '[A saved card is the default, Cards expire]',
        ),
      },
    ]);
    assert.deepEqual(review(s), [
      {
        code: 'suspect-link',
        severity: 'warning',
        range: [5, 17, 5, 24],
        message: 'REQ-101 changed since ST-301 was reviewed against it (statement, acceptance_criteria)',
      },
    ]);
    const data = s.diagnostics(ST).find(d => d.code === 'suspect-link')!.data!;
    assert.deepEqual(
      [data.from, data.field, data.target, data.changed],
      ['ST-301', 'implements', 'REQ-101', ['statement', 'acceptance_criteria']],
    );
    s.setReviews(ROOT, reviewAll(s, REVIEWS_TEXT(s)));
    assert.deepEqual(review(s), []);
  });

  it('does not make a link suspect for a status, owner, x- or formatting change', () => {
    const s = reviewed();
    s.apply([
      {
        uri: PRD,
        text: prd('"Pay with a saved card."', ['    owner: Dana', '    x-risk: high']).replace(
          'status: approved',
          'status: done',
        ),
      },
    ]);
    assert.deepEqual(review(s), []);
  });

  it('makes x- fields content where reviews.content names them', () => {
    const s = workspace(
      { [PRD]: prd('S', ['    x-risk: high']), [ST]: stories },
      { [ROOT]: lines('reviews:', '  content:', '    requirement: [x-risk]') },
    );
    s.setReviews(ROOT, reviewAll(s));
    s.apply([{ uri: PRD, text: prd('S', ['    x-risk: low']) }]);
    assert.deepEqual(
      review(s).map(f => f.message),
      ['REQ-101 changed since ST-301 was reviewed against it (x-risk)'],
    );
  });

  it('after reviews.content gains a field, makes suspect only the links to items that have it; after it loses one, every link to that kind', () => {
    const s = workspace({ [PRD]: prd('S', ['    x-risk: high']), [ST]: stories });
    s.setReviews(ROOT, reviewAll(s));
    s.setConfig(ROOT, lines('reviews:', '  content:', '    requirement: [x-risk]'));
    assert.deepEqual(
      review(s).map(f => f.message),
      ['REQ-101 changed since ST-301 was reviewed against it (x-risk)'],
    );
    s.setReviews(ROOT, reviewAll(s));
    assert.deepEqual(review(s), []);
    s.setConfig(ROOT, undefined);
    s.apply([{ uri: PRD, text: prd('T', ['    x-risk: high']) }]);
    assert.deepEqual(
      review(s).map(f => f.message),
      [
        'REQ-101 changed since ST-301 was reviewed against it (statement, its content fields in .specwright.yaml changed since)',
        'REQ-102 changed since ST-302 was reviewed against it (its content fields in .specwright.yaml changed since)',
      ],
    );
  });

  it('refuses never-content fields and unknown kinds in reviews.content, as schema findings on the config', () => {
    const s = workspace(
      {},
      {
        [ROOT]: lines(
          'reviews:',
          '  content:',
          '    requirement: [status, x-risk]',
          '    requirment: [x-a]',
          '  contnet: {}',
        ),
      },
    );
    assert.deepEqual(findings(s, 'file:///w/.specwright.yaml'), [
      {
        code: 'schema',
        severity: 'error',
        range: [2, 18, 2, 24],
        message: 'status is never content: a change to it does not make links suspect',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [3, 4, 3, 14],
        message: 'unknown item kind "requirment" (did you mean "requirement"?)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [4, 2, 4, 9],
        message: 'unknown reviews key "contnet" (allowed: content)',
      },
    ]);
  });

  it('uses, of two stamps of one link (a union merge), the one that matches the current content', () => {
    const s = reviewed();
    const current = reviewAll(s);
    s.apply([{ uri: PRD, text: prd('Changed.') }]);
    const merged = current + reviewAll(s, current);
    s.setReviews(ROOT, merged);
    assert.deepEqual(review(s), []);
    // Back to the first content: the other stamp matches now.
    s.apply([{ uri: PRD, text: prd() }]);
    assert.deepEqual(review(s), []);
  });

  it('reports the lines of the stamps file that are not stamps on that file, and still uses the good ones', () => {
    const s = reviewed();
    s.setReviews(ROOT, reviewAll(s) + 'ST-301 implements\n<<<<<<< HEAD\n');
    assert.deepEqual(s.uris(), [PRD, REVIEWS, ST]);
    assert.deepEqual(
      findings(s, REVIEWS).map(f => [f.code, f.severity, f.range]),
      [
        ['schema', 'error', [4, 0, 4, 17]],
        ['schema', 'error', [5, 0, 5, 12]],
      ],
    );
    assert.deepEqual(review(s), []);
    s.setReviews(ROOT, new Uint8Array([0x41, 0, 0x42]));
    assert.deepEqual(
      findings(s, REVIEWS).map(f => f.message),
      ['specwright.reviews is not read: file is binary, not YAML text (it contains NUL bytes)'],
    );
    assert.equal(review(s).length, 2);
  });

  it("follows the workspace's rules and suppression comments", () => {
    const s = workspace(
      {
        [PRD]: prd(),
        [ST]: stories.replace(
          '    implements: [REQ-102]',
          '    # specwright-disable-next-line unreviewed-link -- wallets are out of scope\n    implements: [REQ-102]',
        ),
      },
      { [ROOT]: lines('rules:', '  suspect-link: error') },
    );
    s.setReviews(ROOT, '');
    assert.deepEqual(
      findings(s, ST, 'unreviewed-link').map(f => f.message),
      ['ST-301 has no review stamp against REQ-101 (run "specwright review ST-301" to stamp its links)'],
    );
    s.setReviews(ROOT, reviewAll(s));
    s.apply([{ uri: PRD, text: prd('Changed.') }]);
    assert.deepEqual(
      findings(s, ST, 'suspect-link').map(f => f.severity),
      ['error'],
    );
    s.setConfig(ROOT, lines('rules:', '  suspect-link: off'));
    assert.deepEqual(findings(s, ST, 'suspect-link'), []);
  });

  it('returns the files whose review findings change: stamps set or removed, upstream content edited and undone', () => {
    const s = reviewed();
    assert.deepEqual([...s.setReviews(ROOT, undefined)].sort(), [PRD, REVIEWS, ST]);
    s.setReviews(ROOT, reviewAll(s));
    const edited = s.apply([{ uri: PRD, text: prd('Changed.') }]);
    assert.ok(edited.has(ST), 'the stories that link to REQ-101');
    assert.equal(review(s).length, 1);
    const undone = s.apply([{ uri: PRD, text: prd() }]);
    assert.ok(undone.has(ST));
    assert.deepEqual(review(s), []);
    // Without stamps, a content edit re-checks only its own file (unchanged behaviour).
    const plain = workspace({ [PRD]: prd(), [ST]: stories });
    assert.deepEqual([...plain.apply([{ uri: PRD, text: prd('Changed.') }])], [PRD]);
  });

  it('reads specwright.reviews at each root when it scans, through the workspace', async () => {
    const ws = new MemoryWorkspace(
      new Map([
        [PRD, prd()],
        [ST, stories],
      ]),
    );
    const first = new SpecService(ws);
    await first.scan([ROOT]);
    ws.set(REVIEWS, reviewAll(first));
    const s = new SpecService(ws);
    await s.scan([ROOT]);
    assert.ok(ws.reads.includes(REVIEWS));
    assert.deepEqual(review(s), []);
    ws.set(PRD, prd('Changed.'));
    const again = new SpecService(ws);
    await again.scan([ROOT]);
    assert.deepEqual(
      review(again).map(f => f.code),
      ['suspect-link'],
    );
  });

  it("gives the fingerprint of the service's items under the root's configuration", () => {
    const s = workspace(
      { [PRD]: prd('S', ['    x-risk: high']) },
      { [ROOT]: lines('reviews: {content: {requirement: [x-risk]}}') },
    );
    const item = s.index.definitions('REQ-101')[0];
    assert.equal(
      s.contentPrint(item, ROOT).fingerprint,
      contentPrintOf(item, { requirement: ['x-risk'] }).fingerprint,
    );
    assert.equal(s.contentPrint(item, ROOT).fields.length, 6);
  });
});

/** The stamps the service holds, as text (what the file would say). */
function REVIEWS_TEXT(s: SpecService): string {
  return (s.reviewStamps(ROOT)?.stamps ?? [])
    .map(x => `${x.downstream} ${x.field} ${x.upstream} ${x.fingerprint}`)
    .join('\n');
}
