import * as assert from 'node:assert/strict';
import { exportIssues } from '../../../server/src/core/export/exportIssues';
import { lines } from '../helpers';
import { displayPath, fixture, issuesOf } from './exportFixture';

const summary = (service = fixture(), options = {}) =>
  issuesOf(service, options).map(
    i => `${i.kind} ${i.id} < ${i.parent?.exported ? i.parent.id : (i.parent?.ticket ?? '-')}`,
  );

describe('export: the issues', () => {
  it('epics, then stories, each by ID; a story hangs under the epic of its requirement', () => {
    assert.deepEqual(summary(fixture(), { all: true }), [
      'epic EPIC-1 < -',
      'epic EPIC-2 < -',
      'story ST-1 < EPIC-1',
      'story ST-2 < EPIC-1',
      'story ST-3 < EPIC-2',
      'story ST-4 < EPIC-1',
    ]);
  });

  it('leaves out items that already have a ticket, and names them; a child of one names its ticket', () => {
    const r = exportIssues(fixture().index, { displayPath });
    assert.ok(r.ok);
    assert.deepEqual(r.leftOut, ['EPIC-2', 'ST-4']);
    assert.deepEqual(summary(), [
      'epic EPIC-1 < -',
      'story ST-1 < EPIC-1',
      'story ST-2 < EPIC-1',
      'story ST-3 < PAY-7',
    ]);
  });

  it("--requirements: requirements too, after the stories, under their PRD's epic", () => {
    assert.deepEqual(summary(fixture(), { requirements: true }), [
      'epic EPIC-1 < -',
      'story ST-1 < EPIC-1',
      'story ST-2 < EPIC-1',
      'story ST-3 < PAY-7',
      'requirement REQ-1 < EPIC-1',
      'requirement REQ-2 < EPIC-1',
      'requirement REQ-3 < PAY-7',
    ]);
  });

  it("--release: only that release's epics and what hangs under them, by the epic's release", () => {
    assert.deepEqual(summary(fixture(), { release: 'R-2', requirements: true, all: true }), [
      'epic EPIC-2 < -',
      'story ST-3 < EPIC-2',
      'requirement REQ-3 < EPIC-2',
    ]);
    // The epic has a ticket: its story names it.
    assert.deepEqual(summary(fixture(), { release: 'R-2' }), ['story ST-3 < PAY-7']);
  });

  it('an unknown release answers the closest release IDs; another kind of item says its kind', () => {
    assert.deepEqual(exportIssues(fixture().index, { release: 'R-3', displayPath }), {
      ok: false,
      problem: 'unknown-release',
      suggestions: ['R-1', 'R-2'],
    });
    assert.deepEqual(exportIssues(fixture().index, { release: 'EPIC-1', displayPath }), {
      ok: false,
      problem: 'not-a-release',
      kind: 'epic',
    });
  });

  it('what an issue says: text, criteria, implements, priority, estimate, release, file', () => {
    const [epic, st1, st2, st3] = issuesOf(fixture());
    assert.deepEqual(epic, {
      id: 'EPIC-1',
      kind: 'epic',
      title: 'Fast checkout',
      status: 'draft',
      priority: 'must',
      release: 'R-1',
      text: ['One screen to pay.', 'Problem: Four screens lose shoppers.'],
      criteria: [],
      implements: [],
      file: 'epics/checkout.epic.yaml',
    });
    assert.deepEqual(st1, {
      id: 'ST-1',
      kind: 'story',
      title: 'Save a card',
      status: 'in-progress',
      priority: 'must',
      estimate: 3,
      release: 'R-1',
      parent: { id: 'EPIC-1', title: 'Fast checkout', exported: true },
      text: ['As Sam the shopper (P-SHOP), I want to save my card, so that I never type it again.'],
      criteria: ['Given a new card, when I pay, then the card is saved', 'The card can be removed'],
      implements: ['REQ-1 Saved cards'],
      file: 'sprint.stories.yaml',
    });
    // No priority of its own: the highest of its requirements' (should, must).
    assert.equal(st2.priority, 'must');
    assert.deepEqual(st2.implements, ['REQ-2 One page', 'REQ-1 Saved cards']);
    // Its iteration's release, though its epic is in R-2.
    assert.equal(st3.release, 'R-1');
    assert.deepEqual(st3.parent, { id: 'EPIC-2', title: 'Later things', exported: false, ticket: 'PAY-7' });
    const [req1] = issuesOf(fixture(), { requirements: true }).filter(i => i.kind === 'requirement');
    assert.deepEqual(req1.text, ['A shopper can save a card.', 'Rationale: Typing a card loses shoppers.']);
    assert.deepEqual(req1.criteria, ['Saved cards are listed']);
    assert.equal(req1.release, 'R-1');
  });

  it('a story without an epic, a duplicate ID, the placeholder criterion and an empty tickets list', () => {
    const service = fixture({
      'file:///w/loose.stories.yaml': lines(
        'id: IT-2',
        'title: Loose',
        'stories:',
        '  - id: ST-9',
        '    title: No epic',
        '    implements: [REQ-404]',
        '    tickets: []',
        '    acceptance_criteria: ["Given …, when …, then …", "  ", "Real one"]',
        '  - {id: ST-1, title: Duplicate, implements: [REQ-1]}',
      ),
    });
    const issues = issuesOf(service);
    assert.deepEqual(
      issues.map(i => i.id),
      ['EPIC-1', 'ST-1', 'ST-2', 'ST-3', 'ST-9'],
    );
    const st9 = issues[4];
    assert.equal(st9.parent, undefined);
    assert.equal(st9.release, undefined);
    assert.deepEqual(st9.criteria, ['Real one']);
    // ST-1 once: its first definition in source order (loose.stories.yaml sorts before sprint.stories.yaml).
    assert.equal(issues.filter(i => i.id === 'ST-1').length, 1);
    assert.equal(issues[1].title, 'Duplicate');
  });
});
