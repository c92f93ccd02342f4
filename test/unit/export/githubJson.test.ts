import * as assert from 'node:assert/strict';
import { githubKeys, renderGithubJson } from '../../../server/src/core/export/githubJson';
import { lines } from '../helpers';
import { fixture, issuesOf } from './exportFixture';

/** The body parameters of GitHub's REST "Create an issue" (POST /repos/{owner}/{repo}/issues); title is required. */
const restCreateIssueParameters = new Set([
  'title',
  'body',
  'assignee',
  'milestone',
  'labels',
  'assignees',
  'type',
]);

describe('export: GitHub JSON', () => {
  it('one object per line, each with only parameters the REST API takes, title always', () => {
    const out = renderGithubJson(issuesOf(fixture(), { requirements: true, all: true }));
    const objects = out
      .trimEnd()
      .split('\n')
      .map(l => JSON.parse(l) as Record<string, unknown>);
    assert.equal(objects.length, 9);
    for (const o of objects) {
      assert.deepEqual(Object.keys(o), [...githubKeys]);
      assert.deepEqual(
        Object.keys(o).filter(k => !restCreateIssueParameters.has(k)),
        [],
      );
      assert.equal(typeof o.title, 'string');
      assert.ok(Array.isArray(o.labels) && o.labels.every(l => typeof l === 'string'));
      assert.ok(o.milestone === null || typeof o.milestone === 'string');
    }
  });

  it('exact output', () => {
    assert.equal(
      renderGithubJson(issuesOf(fixture()).slice(0, 2)),
      [
        JSON.stringify({
          title: 'Fast checkout',
          body: 'One screen to pay.\n\nProblem: Four screens lose shoppers.\n\nSpecwright: `EPIC-1` in `epics/checkout.epic.yaml`',
          labels: ['epic'],
          milestone: 'R-1',
        }),
        JSON.stringify({
          title: 'Save a card',
          body: 'As Sam the shopper (P-SHOP), I want to save my card, so that I never type it again.\n\n**Acceptance criteria**\n\n- [ ] Given a new card, when I pay, then the card is saved\n- [ ] The card can be removed\n\nImplements: REQ-1 Saved cards\n\nPart of EPIC-1 Fast checkout\n\nSpecwright: `ST-1` in `sprint.stories.yaml`',
          labels: ['story'],
          milestone: 'R-1',
        }),
        '',
      ].join('\n'),
    );
  });

  it('an item without a release has a null milestone; no spec text starts a line', () => {
    const service = fixture({
      'file:///w/loose.stories.yaml': lines(
        'id: IT-2',
        'title: Loose',
        'stories:',
        '  - id: ST-9',
        '    title: "::error::forged"',
        '    implements: [REQ-404]',
        '    description: "line one\\n::add-mask::x"',
      ),
    });
    const out = renderGithubJson(issuesOf(service).filter(i => i.id === 'ST-9'));
    assert.ok(!/^\s*::/m.test(out), out);
    assert.deepEqual(JSON.parse(out), {
      title: '::error::forged',
      body: 'line one\n::add-mask::x\n\nSpecwright: `ST-9` in `loose.stories.yaml`',
      labels: ['story'],
      milestone: null,
    });
  });
});
