import * as assert from 'node:assert/strict';
import { describe as describeIssue } from '../../../server/src/core/export/description';
import {
  jiraColumns,
  jiraPriority,
  jiraSummaryLimit,
  renderJiraCsv,
} from '../../../server/src/core/export/jiraCsv';
import { lines } from '../helpers';
import { fixture, issuesOf } from './exportFixture';
import { parseCsv } from './rfc4180';

/**
 * The fields Jira's CSV importer maps columns to (Atlassian, "Import data
 * from a CSV file": the Jira fields a column can map to, by their names in
 * the importer), as far as an export of epics, stories and sub-tasks uses
 * them. Parent: Atlassian's "CSV import parent-child mapping" note.
 */
const jiraDocumentedFields = new Set([
  'Issue ID',
  'Issue key',
  'Parent',
  'Issue Type',
  'Summary',
  'Description',
  'Priority',
  'Labels',
  'Fix Version',
  'Affects Version',
  'Component',
  'Assignee',
  'Reporter',
  'Status',
  'Due Date',
  'Original Estimate',
  'Story Points',
  'Sprint',
]);

describe('export: Jira CSV', () => {
  it("the header is the one Jira's importer maps, every column a documented field", () => {
    assert.deepEqual(
      [...jiraColumns],
      ['Issue ID', 'Parent', 'Issue Type', 'Summary', 'Description', 'Priority', 'Labels', 'Fix Version'],
    );
    assert.deepEqual(
      jiraColumns.filter(c => !jiraDocumentedFields.has(c)),
      [],
    );
    assert.deepEqual(jiraPriority, { must: 'High', should: 'Medium', could: 'Low', wont: 'Lowest' });
  });

  it("exact output: parents first, Parent by row ID or the parent's ticket, criteria as a checklist", () => {
    assert.equal(
      renderJiraCsv(issuesOf(fixture(), { requirements: true })),
      [
        'Issue ID,Parent,Issue Type,Summary,Description,Priority,Labels,Fix Version',
        '1,,Epic,Fast checkout,"One screen to pay.\n\nProblem: Four screens lose shoppers.\n\nSpecwright: EPIC-1 in epics/checkout.epic.yaml",High,EPIC-1,R-1',
        '2,1,Story,Save a card,"As Sam the shopper (P-SHOP), I want to save my card, so that I never type it again.\n\n*Acceptance criteria*\n* ☐ Given a new card, when I pay, then the card is saved\n* ☐ The card can be removed\n\nImplements: REQ-1 Saved cards\n\nSpecwright: ST-1 in sprint.stories.yaml",High,ST-1,R-1',
        '3,1,Story,One page,"Implements: REQ-2 One page; REQ-1 Saved cards\n\nSpecwright: ST-2 in sprint.stories.yaml",High,ST-2,R-1',
        '4,PAY-7,Story,Wishlist button,"Implements: REQ-3 Wishlist\n\nSpecwright: ST-3 in sprint.stories.yaml",Low,ST-3,R-1',
        '5,1,Sub-task,Saved cards,"A shopper can save a card.\n\nRationale: Typing a card loses shoppers.\n\n*Acceptance criteria*\n* ☐ Saved cards are listed\n\nSpecwright: REQ-1 in prds/checkout.prd.yaml",High,REQ-1,R-1',
        '6,1,Sub-task,One page,"Everything on one page.\n\nSpecwright: REQ-2 in prds/checkout.prd.yaml",Medium,REQ-2,R-1',
        '7,PAY-7,Sub-task,Wishlist,"A wishlist.\n\nSpecwright: REQ-3 in prds/later.prd.yaml",Low,REQ-3,R-2',
        '',
      ].join('\r\n'),
    );
  });

  it('reads back as eight columns per row, each Parent naming an earlier row or a ticket', () => {
    const issues = issuesOf(fixture(), { requirements: true });
    const rows = parseCsv(renderJiraCsv(issues));
    assert.deepEqual(rows[0], [...jiraColumns]);
    for (const [i, row] of rows.slice(1).entries()) {
      assert.equal(row.length, 8);
      assert.equal(row[0], String(i + 1));
      if (/^\d+$/.test(row[1]))
        assert.ok(Number(row[1]) < i + 1, `row ${row[0]}'s parent ${row[1]} comes first`);
      else assert.ok(row[1] === '' || row[1] === 'PAY-7', row[1]);
      assert.equal(row[4], describeIssue(issues[i], 'jira'));
    }
  });

  it('wiki markup in spec text stays literal: no image, link or macro', () => {
    const service = fixture({
      'file:///w/epics/checkout.epic.yaml': lines(
        'id: EPIC-1',
        'title: "=cmd|\' /C calc\'!A0"',
        'release: R-1',
        'summary: "See !http://evil.example/pixel.png! and [click|http://evil.example] {html}x{html}"',
      ),
    });
    const rows = parseCsv(renderJiraCsv(issuesOf(service).slice(0, 1)));
    assert.equal(rows[1][3], "'=cmd|' /C calc'!A0");
    assert.equal(
      rows[1][4],
      'See \\!http://evil.example/pixel.png\\! and \\[click\\|http://evil.example\\] \\{html\\}x\\{html\\}\n\nSpecwright: EPIC-1 in epics/checkout.epic.yaml',
    );
  });

  it("a summary past Jira's 255 characters is cut with an ellipsis; a label holds no white space", () => {
    const [issue] = issuesOf(fixture());
    const long = { ...issue, id: 'EPIC 1', title: `${'é'.repeat(250)}${'x'.repeat(10)}` };
    const row = parseCsv(renderJiraCsv([long]))[1];
    assert.equal(row[3], `${'é'.repeat(250)}xxxx…`);
    assert.equal([...row[3]].length, jiraSummaryLimit);
    assert.equal(row[6], 'EPIC_1');
    assert.equal(parseCsv(renderJiraCsv([{ ...issue, title: 'x'.repeat(255) }]))[1][3], 'x'.repeat(255));
  });
});
