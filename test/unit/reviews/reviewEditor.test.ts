import * as assert from 'node:assert/strict';
import { codeActions } from '../../../server/src/core/features/codeActions';
import { codeLenses, resolveCodeLens } from '../../../server/src/core/features/codeLens';
import { rename } from '../../../server/src/core/features/rename';
import { planReview } from '../../../server/src/core/reviews/review';
import { parseStamps } from '../../../server/src/core/reviews/stamps';
import type { SpecService } from '../../../server/src/core/service';
import { toLspDiagnostic } from '../../../server/src/lsp/convert';
import { applyEdits, posOf } from '../features/featureHelpers';
import { lines, span, workspace } from '../helpers';

const ROOT = 'file:///w';
const REVIEWS = 'file:///w/specwright.reviews';
const PRD = 'file:///w/checkout.prd.yaml';
const ST = 'file:///w/sprint.stories.yaml';

const prd = (statement = 'Pay with a saved card.') =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-101',
    '    title: Saved cards',
    `    statement: ${statement}`,
    '    priority: must',
    '    acceptance_criteria: [A saved card is the default]',
    '  - id: REQ-102',
    '    title: Wallets',
    '    statement: Pay with a wallet.',
    '    priority: could',
    '    depends_on: [REQ-101]',
    '    acceptance_criteria: [A wallet pays]',
  );
const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - id: ST-301',
  '    title: Save a card',
  '    implements: [REQ-101]',
  '  - id: ST-302',
  '    title: Pay by wallet',
  '    implements: [REQ-102, REQ-101]',
);

/** What `specwright review --all` writes for the workspace as it is now. */
function reviewAllText(s: SpecService): string {
  return planReview(s.reviewableLinks(ROOT), s.reviewStamps(ROOT)?.stamps ?? [], { all: true }, item =>
    s.contentPrint(item, ROOT),
  ).text;
}

/** Every link reviewed, then REQ-101's statement edited: three links to REQ-101 are suspect. */
function edited(): { s: SpecService; stamps: string } {
  const s = workspace({ [PRD]: prd(), [ST]: stories });
  s.setReviews(ROOT, '');
  const stamps = reviewAllText(s);
  s.setReviews(ROOT, stamps);
  s.apply([{ uri: PRD, text: prd('Pay with a saved card, or a new one.') }]);
  return { s, stamps };
}

/** The suspect-link and unreviewed-link findings of the workspace, as `uri code message`. */
function reviewFindings(s: SpecService): string[] {
  return [PRD, ST].flatMap(uri =>
    s
      .diagnostics(uri)
      .filter(d => d.code === 'suspect-link' || d.code === 'unreviewed-link')
      .map(d => `${uri.slice(ROOT.length + 1)} ${d.code} ${d.message}`),
  );
}

/** Every finding of the workspace (spec files and the stamps file) as `uri code message`. */
function everything(s: SpecService): string[] {
  return [PRD, ST, REVIEWS].flatMap(uri => s.diagnostics(uri).map(d => `${uri} ${d.code} ${d.message}`));
}

/** The one finding of these files that has nothing to do with reviews. */
const unrelated = [`${PRD} orphan PRD-1 belongs to no epic: it names no epic`];

describe('reviews in the editor: quick fixes, rename, code lens', () => {
  it('offers "Mark ST-301 reviewed against REQ-101" and "Mark all 3 links to REQ-101 reviewed" on a suspect link', () => {
    const { s } = edited();
    assert.deepEqual(reviewFindings(s), [
      'checkout.prd.yaml suspect-link REQ-101 changed since REQ-102 was reviewed against it (statement)',
      'sprint.stories.yaml suspect-link REQ-101 changed since ST-301 was reviewed against it (statement)',
      'sprint.stories.yaml suspect-link REQ-101 changed since ST-302 was reviewed against it (statement)',
    ]);
    const diag = s.diagnostics(ST).find(d => d.code === 'suspect-link')!;
    const sent = toLspDiagnostic(diag);
    const actions = codeActions(s, ST, diag.range, [sent]);
    assert.deepEqual(
      actions.map(a => [a.title, Object.keys(a.edit.changes), a.diagnostics]),
      [
        ['Mark ST-301 reviewed against REQ-101', [REVIEWS], [sent]],
        ['Mark all 3 links to REQ-101 reviewed', [REVIEWS], [sent]],
      ],
    );
  });

  it('each fix applied to the stamps file removes its finding(s), adds none, and writes what specwright review would', () => {
    const { s, stamps } = edited();
    const before = everything(s);
    const diag = s.diagnostics(ST).find(d => d.code === 'suspect-link')!;
    const [one, all] = codeActions(s, ST, diag.range, [toLspDiagnostic(diag)]);

    const afterOne = applyEdits(stamps, one.edit.changes[REVIEWS]);
    s.setReviews(ROOT, afterOne);
    assert.deepEqual(
      everything(s),
      before.filter(f => !f.includes('since ST-301 was reviewed')),
    );
    assert.equal(afterOne, parseStampsText(s, afterOne));

    s.setReviews(ROOT, stamps);
    const afterAll = applyEdits(stamps, all.edit.changes[REVIEWS]);
    s.setReviews(ROOT, afterAll);
    assert.deepEqual(everything(s), unrelated);
    // Exactly what `specwright review --all` writes now.
    assert.equal(afterAll, reviewAllText(s));
  });

  it('offers only the one-link fix on an unreviewed link with no other link to its target waiting', () => {
    const s = workspace({ [PRD]: prd(), [ST]: stories });
    s.setReviews(ROOT, '');
    s.setReviews(
      ROOT,
      reviewAllText(s)
        .split('\n')
        .filter(l => !l.startsWith('ST-302 implements REQ-102'))
        .join('\n'),
    );
    const diag = s.diagnostics(ST).find(d => d.code === 'unreviewed-link')!;
    assert.deepEqual(span(diag.range), [8, 17, 8, 24]);
    const actions = codeActions(s, ST, diag.range, [toLspDiagnostic(diag)]);
    assert.deepEqual(
      actions.map(a => a.title),
      ['Mark ST-302 reviewed against REQ-102'],
    );
  });

  it('offers no review fix while the stamps file has a line that is not a stamp (the rewrite would lose it)', () => {
    const { s, stamps } = edited();
    s.setReviews(ROOT, stamps + 'not a stamp\n');
    const diag = s.diagnostics(ST).find(d => d.code === 'suspect-link')!;
    assert.deepEqual(codeActions(s, ST, diag.range, [toLspDiagnostic(diag)]), []);
  });

  it('rename rewrites the ID in the stamps, and the fingerprints of items whose links name it: no suspect or unreviewed link appears', () => {
    const s = workspace({ [PRD]: prd(), [ST]: stories });
    s.setReviews(ROOT, '');
    const stamps = reviewAllText(s);
    s.setReviews(ROOT, stamps);
    const files: Record<string, string> = { [PRD]: prd(), [ST]: stories, [REVIEWS]: stamps };
    const edit = rename(s, PRD, posOf(files[PRD], 'REQ-101', 2), 'REQ-111');
    assert.ok('edits' in edit);
    assert.deepEqual([...edit.edits.keys()], [PRD, REVIEWS, ST]);
    for (const [uri, list] of edit.edits) files[uri] = applyEdits(files[uri], list);
    s.apply([
      { uri: PRD, text: files[PRD] },
      { uri: ST, text: files[ST] },
    ]);
    s.setReviews(ROOT, files[REVIEWS]);
    assert.deepEqual(everything(s), unrelated);
    assert.match(files[REVIEWS], /^REQ-102 depends_on REQ-111 /m);
    assert.doesNotMatch(files[REVIEWS], /REQ-101/);
    // REQ-102's depends_on now reads REQ-111: the stamps against REQ-102 moved with it.
    assert.equal(files[REVIEWS], reviewAllText(s));
  });

  it('rename keeps a suspect link suspect, for the same fields', () => {
    const { s, stamps } = edited();
    const files: Record<string, string> = {
      [PRD]: prd('Pay with a saved card, or a new one.'),
      [ST]: stories,
      [REVIEWS]: stamps,
    };
    const edit = rename(s, ST, posOf(files[ST], 'ST-301', 1), 'ST-311');
    assert.ok('edits' in edit);
    for (const [uri, list] of edit.edits) files[uri] = applyEdits(files[uri], list);
    s.apply([{ uri: ST, text: files[ST] }]);
    s.setReviews(ROOT, files[REVIEWS]);
    assert.deepEqual(reviewFindings(s), [
      'checkout.prd.yaml suspect-link REQ-101 changed since REQ-102 was reviewed against it (statement)',
      'sprint.stories.yaml suspect-link REQ-101 changed since ST-311 was reviewed against it (statement)',
      'sprint.stories.yaml suspect-link REQ-101 changed since ST-302 was reviewed against it (statement)',
    ]);
  });

  it('a rename where no stamp names the ID leaves the stamps file alone', () => {
    const s = workspace({ [PRD]: prd(), [ST]: stories });
    s.setReviews(ROOT, '');
    const edit = rename(s, ST, posOf(stories, 'IT-1'), 'IT-2');
    assert.ok('edits' in edit);
    assert.deepEqual([...edit.edits.keys()], [ST]);
  });

  it('puts a "3 links to review" lens on an item with suspect links below it, whose command shows them', () => {
    const { s } = edited();
    const lenses = codeLenses(s, PRD).filter(l => l.data.review);
    assert.deepEqual(
      lenses.map(l => [l.data.id, span(l.range)]),
      [['REQ-101', [3, 8, 3, 15]]],
    );
    const command = resolveCodeLens(s, lenses[0].data)!;
    assert.equal(command.title, '3 links to review');
    assert.equal(command.command, 'specwright.showReferences');
    const [uri, position, locations] = command.arguments as [
      string,
      unknown,
      { uri: string; range: never }[],
    ];
    assert.deepEqual([uri, position], [PRD, { line: 3, character: 8 }]);
    assert.deepEqual(
      locations.map(l => [l.uri, span(l.range)]),
      [
        [PRD, [12, 17, 12, 24]],
        [ST, [5, 17, 5, 24]],
        [ST, [8, 26, 8, 33]],
      ],
    );
    // Reviewed: no lens.
    s.setReviews(ROOT, reviewAllText(s));
    assert.deepEqual(
      codeLenses(s, PRD).filter(l => l.data.review),
      [],
    );
  });

  it('no review lens where the workspace keeps no stamps, or the rule is off', () => {
    const s = workspace({ [PRD]: prd(), [ST]: stories });
    assert.deepEqual(
      codeLenses(s, PRD).filter(l => l.data.review),
      [],
    );
    const off = workspace(
      { [PRD]: prd(), [ST]: stories },
      { [ROOT]: lines('rules:', '  unreviewed-link: off') },
    );
    off.setReviews(ROOT, '');
    assert.deepEqual(
      codeLenses(off, PRD).filter(l => l.data.review),
      [],
    );
    s.setReviews(ROOT, '');
    assert.deepEqual(
      codeLenses(s, PRD)
        .filter(l => l.data.review)
        .map(l => l.data.id),
      ['REQ-101', 'REQ-102'],
    );
  });
});

/** The text `specwright review` writes for the stamps of `text` (sorted, canonical): equal when `text` already is. */
function parseStampsText(s: SpecService, text: string): string {
  return planReview(s.reviewableLinks(ROOT), parseStamps(text).stamps, { ids: [] }, item =>
    s.contentPrint(item, ROOT),
  ).text;
}
