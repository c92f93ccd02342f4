import * as assert from 'node:assert/strict';
import { hover } from '../../../server/src/core/features/hover';
import {
  allSuspectLinks,
  suspectLinksOf,
  type SuspectLink,
} from '../../../server/src/core/features/suspectLinks';
import { NodeFactory } from '../../../server/src/core/features/viewNodes';
import { traceAt } from '../../../server/src/core/features/traceView';
import { planReview } from '../../../server/src/core/reviews/review';
import type { ReviewedVersion } from '../../../server/src/core/reviews/reviewedVersion';
import type { SpecService } from '../../../server/src/core/service';
import { lines, workspace } from '../helpers';

const ROOT = 'file:///w';
const PRD = 'file:///w/specs/check%20out.prd.yaml';
const ST = 'file:///w/sprint.stories.yaml';

const before = 'A shopper can pay with a card at checkout, in one step.';
const after = 'A shopper can pay with a saved card at checkout, in one step.';
const prd = (statement: string, priority = 'must') =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-101',
    '    title: Saved cards',
    `    statement: ${statement}`,
    `    priority: ${priority}`,
    '  - {id: REQ-102, title: Wallets, statement: Pay with a wallet., priority: could}',
  );
const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - id: ST-301',
  '    title: Save a card',
  '    implements: [REQ-101, REQ-102]', // REQ-101 at line 5, characters 17-24
);

/** Every link stamped against `statement`, then REQ-101 rewritten as `now` (and its priority as `priority`). */
function suspect(now = after, priority = 'must'): SpecService {
  const s = workspace({ [PRD]: prd(before), [ST]: stories });
  const text = planReview(s.reviewableLinks(ROOT), [], { all: true }, item =>
    s.contentPrint(item, ROOT),
  ).text;
  s.setReviews(ROOT, text);
  s.apply([{ uri: PRD, text: prd(now, priority) }]);
  return s;
}

const at = { line: 5, character: 20 };
const tail = (s: SpecService, reviewed?: ReviewedVersion) => {
  const value = hover(s, ST, at, reviewed && (() => reviewed))!.contents.value;
  return value.slice(value.indexOf('\n\n**Changed since') + 2);
};

describe('suspect links in the editor', () => {
  it('reads each suspect link from its finding: holder, target, changed fields, where git may have the target', () => {
    const s = suspect(after, 'should');
    const links = suspectLinksOf(s, ST);
    assert.deepEqual(allSuspectLinks(s), links);
    assert.deepEqual(links, [
      {
        from: 'ST-301',
        field: 'implements',
        uri: ST,
        range: { start: { line: 5, character: 17 }, end: { line: 5, character: 24 } },
        target: 'REQ-101',
        targetUri: PRD,
        targetRange: { start: { line: 3, character: 8 }, end: { line: 3, character: 15 } },
        changed: ['statement', 'priority'],
        fieldListChanged: false,
        stamp: links[0].stamp,
        rootUri: ROOT,
        targetPath: 'specs/check out.prd.yaml',
        content: {
          fields: ['title', 'statement', 'priority', 'acceptance_criteria', 'depends_on'],
          builtin: 5,
        },
      } satisfies SuspectLink,
    ]);
    assert.deepEqual(suspectLinksOf(s, PRD), []);
  });

  it('has none where the workspace keeps no stamps, or every link matches its stamp', () => {
    assert.deepEqual(allSuspectLinks(workspace({ [PRD]: prd(before), [ST]: stories })), []);
    assert.deepEqual(allSuspectLinks(suspect(before)), []);
  });

  it('the hover on a suspect link names the changed fields until the reviewed version is known', () => {
    assert.equal(
      tail(suspect(after, 'should')),
      '**Changed since ST-301 was reviewed against it**: `statement`, `priority`',
    );
  });

  it('the hover says so when the stamp was made under content fields that .specwright.yaml no longer lists', () => {
    const s = workspace({ [PRD]: prd(before), [ST]: stories });
    s.setConfig(ROOT, 'reviews:\n  content:\n    requirement: [x-risk]\n');
    const text = planReview(s.reviewableLinks(ROOT), [], { all: true }, item =>
      s.contentPrint(item, ROOT),
    ).text;
    s.setReviews(ROOT, text);
    s.setConfig(ROOT, undefined);
    assert.equal(
      tail(s),
      '**Changed since ST-301 was reviewed against it**\n\n' +
        'The content fields in `.specwright.yaml` (`reviews.content`) changed since the review.',
    );
  });

  it('the hover shows old → new from the reviewed version: text as a word diff, short values whole', () => {
    const s = suspect(after, 'should');
    const reviewed: ReviewedVersion = {
      commit: '0123456789abcdef0123456789abcdef01234567',
      path: 'specs/check out.prd.yaml',
      fields: { id: 'REQ-101', title: 'Saved cards', statement: before, priority: 'must', status: 'draft' },
    };
    assert.equal(
      tail(s, reviewed),
      [
        '**Changed since ST-301 was reviewed against it**: `statement`, `priority`',
        // The status is not content: not shown, though the reviewed version's differs.
        '- **statement**: A shopper can pay with a **saved** card at checkout, in one step.\n- **priority**: `must` → `should`',
        'Reviewed version: `0123456789ab` (`specs/check out.prd.yaml`)',
      ].join('\n\n'),
    );
  });

  it('the hover on a link that is not suspect, or on the item itself, has no such section', () => {
    const s = suspect();
    const plain = hover(s, ST, { line: 5, character: 28 })!.contents.value; // REQ-102: unchanged
    assert.ok(plain.startsWith('**Requirement REQ-102**') && !plain.includes('Changed since'), plain);
    assert.ok(!hover(s, PRD, { line: 3, character: 10 })!.contents.value.includes('Changed since'));
  });

  it('the trace view marks the items that hold suspect links, in their description', () => {
    const s = suspect();
    const down = traceAt(s, PRD, { line: 3, character: 10 })!.downstream;
    const st = down.find(n => n.itemId === 'ST-301')!;
    assert.deepEqual(st.suspect, ['REQ-101']);
    assert.ok(st.description.endsWith(' · REQ-101 changed since review'), st.description);
    const focus = traceAt(s, ST, { line: 3, character: 8 })!.item;
    assert.deepEqual(focus.suspect, ['REQ-101']);
    assert.ok(focus.description.endsWith('REQ-101 changed since review'), focus.description);
    const up = traceAt(s, ST, { line: 3, character: 8 })!.upstream;
    assert.ok(up.every(n => n.suspect === undefined));
    assert.equal(traceAt(suspect(before), ST, { line: 3, character: 8 })!.item.suspect, undefined);
  });

  it('a roadmap row of an item that holds suspect links is marked the same way', () => {
    const s = suspect();
    const st = s.index.definitions('ST-301')[0];
    const row = new NodeFactory(s).item(st, undefined, false);
    assert.deepEqual(row.suspect, ['REQ-101']);
    assert.equal(row.description, 'draft · REQ-101 changed since review');
    const clean = new NodeFactory(suspect(before)).item(st, undefined, false);
    assert.deepEqual([clean.suspect, clean.description], [undefined, 'draft']);
  });
});
