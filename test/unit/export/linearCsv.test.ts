import * as assert from 'node:assert/strict';
import { describe as describeIssue } from '../../../server/src/core/export/description';
import {
  linearColumns,
  linearPriority,
  linearStatus,
  renderLinearCsv,
} from '../../../server/src/core/export/linearCsv';
import { statuses } from '../../../server/src/core/model';
import { fixture, issuesOf } from './exportFixture';
import { parseCsv } from './rfc4180';

/**
 * The columns Linear's CSV import reads: those of Linear's own CSV export,
 * as its importer (linear/linear-import, src/importers/linearCsv) declares
 * them, and the priority names it maps.
 */
const linearDocumentedColumns = new Set([
  'ID',
  'Team',
  'Title',
  'Description',
  'Status',
  'Estimate',
  'Priority',
  'Project',
  'Creator',
  'Assignee',
  'Labels',
  'Cycle Number',
  'Cycle Name',
  'Cycle Start',
  'Cycle End',
  'Created',
  'Updated',
  'Started',
  'Completed',
  'Canceled',
  'Archived',
]);
const linearPriorities = new Set(['No priority', 'Urgent', 'High', 'Medium', 'Low']);
/** The workflow states of a new Linear team. */
const linearDefaultStates = new Set(['Backlog', 'Todo', 'In Progress', 'Done', 'Canceled']);

describe('export: Linear CSV', () => {
  it("every column is one Linear's import reads, with Title; priorities and statuses by Linear's names", () => {
    assert.deepEqual(
      [...linearColumns],
      ['Title', 'Description', 'Status', 'Priority', 'Estimate', 'Labels'],
    );
    assert.deepEqual(
      linearColumns.filter(c => !linearDocumentedColumns.has(c)),
      [],
    );
    assert.deepEqual(linearPriority, { must: 'High', should: 'Medium', could: 'Low', wont: 'No priority' });
    assert.ok(Object.values(linearPriority).every(p => linearPriorities.has(p)));
    assert.deepEqual(
      statuses.map(s => linearStatus[s]),
      ['Backlog', 'Backlog', 'Todo', 'In Progress', 'Done', 'Canceled'],
    );
    assert.ok(Object.values(linearStatus).every(s => linearDefaultStates.has(s)));
  });

  it('exact output: Markdown checklists, the epic named in the description, labels kind and release', () => {
    assert.equal(
      renderLinearCsv(issuesOf(fixture())),
      [
        'Title,Description,Status,Priority,Estimate,Labels',
        'Fast checkout,"One screen to pay.\n\nProblem: Four screens lose shoppers.\n\nSpecwright: `EPIC-1` in `epics/checkout.epic.yaml`",Backlog,High,,"Epic, R-1"',
        'Save a card,"As Sam the shopper (P-SHOP), I want to save my card, so that I never type it again.\n\n**Acceptance criteria**\n\n- [ ] Given a new card, when I pay, then the card is saved\n- [ ] The card can be removed\n\nImplements: REQ-1 Saved cards\n\nPart of EPIC-1 Fast checkout\n\nSpecwright: `ST-1` in `sprint.stories.yaml`",In Progress,High,3,"Story, R-1"',
        'One page,"Implements: REQ-2 One page; REQ-1 Saved cards\n\nPart of EPIC-1 Fast checkout\n\nSpecwright: `ST-2` in `sprint.stories.yaml`",Done,High,,"Story, R-1"',
        'Wishlist button,"Implements: REQ-3 Wishlist\n\nPart of EPIC-2 Later things (PAY-7)\n\nSpecwright: `ST-3` in `sprint.stories.yaml`",Backlog,Low,,"Story, R-1"',
        '',
      ].join('\r\n'),
    );
  });

  it("reads back with the importer's label separator", () => {
    const issues = issuesOf(fixture(), { requirements: true, all: true });
    const rows = parseCsv(renderLinearCsv(issues));
    assert.deepEqual(rows[0], [...linearColumns]);
    assert.deepEqual(
      rows.slice(1).map(r => r[5].split(', ')),
      [
        ['Epic', 'R-1'],
        ['Epic', 'R-2'],
        ['Story', 'R-1'],
        ['Story', 'R-1'],
        ['Story', 'R-1'],
        ['Story', 'R-1'],
        ['Requirement', 'R-1'],
        ['Requirement', 'R-1'],
        ['Requirement', 'R-2'],
      ],
    );
    for (const [i, row] of rows.slice(1).entries())
      assert.equal(row[1], describeIssue(issues[i], 'markdown'));
  });
});
