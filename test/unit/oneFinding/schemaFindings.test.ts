/**
 * A value that fails the schema is not used by any other check, and a
 * misspelled key neither counts as missing nor is read: one problem, one
 * finding, whose message says which check waits for the key.
 */
import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const RM = 'file:///w/product.roadmap.yaml';
const E1 = 'file:///w/a.epic.yaml';
const E2 = 'file:///w/b.epic.yaml';
const PRD = 'file:///w/a.prd.yaml';
const STORIES = 'file:///w/s.stories.yaml';

const roadmap = (end: string): string =>
  lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1',
    '    title: One',
    '    horizon: now',
    '    start: 2026-01-01',
    '    end: 2026-03-31',
    '  - id: R-2',
    '    title: Two',
    '    horizon: next',
    '    start: 2026-04-01',
    `    end: ${end}`,
  );

const epics = {
  [E1]: lines('id: EPIC-1', 'title: A', 'release: R-1', 'depends_on: [EPIC-2]'),
  [E2]: lines('id: EPIC-2', 'title: B', 'release: R-2'),
};

describe('one finding: a value the schema refuses, a misspelled key', () => {
  it('an impossible end date is one schema finding: schedule-conflict and date-order do not use it', () => {
    const s = workspace({ [RM]: roadmap('2026-13-45'), ...epics });
    assert.deepEqual(findings(s, RM), [
      {
        code: 'schema',
        severity: 'error',
        range: [12, 9, 12, 19],
        message: '2026-13-45 is not a date: there is no month 13',
      },
    ]);
    assert.deepEqual(findings(s, E1), []);
    // The same roadmap with a real date: the conflict is found.
    const ok = workspace({ [RM]: roadmap('2026-06-30'), ...epics });
    assert.deepEqual(
      findings(ok, E1).map(f => f.message),
      ['EPIC-1 ships in R-1 (ends 2026-03-31) but depends on EPIC-2, which ships in R-2 (ends 2026-06-30)'],
    );
  });

  it('a number where a date belongs is one schema finding', () => {
    const s = workspace({ [RM]: roadmap('20260101'), ...epics });
    assert.deepEqual(findings(s, RM), [
      {
        code: 'schema',
        severity: 'error',
        range: [12, 9, 12, 17],
        message: 'end must be a date written YYYY-MM-DD (got a number)',
      },
    ]);
    assert.deepEqual(findings(s, E1), []);
  });

  it('an end before the start, written as an impossible date, is not also a date-order finding', () => {
    const s = workspace({ [RM]: roadmap('2026-02-30') });
    assert.deepEqual(findings(s, RM), [
      {
        code: 'schema',
        severity: 'error',
        range: [12, 9, 12, 19],
        message: '2026-02-30 is not a date: February has 28 days',
      },
    ]);
  });

  it('`relase:` is one unknown-key finding that says the epic is not checked for a release until it is fixed; no orphan', () => {
    const s = workspace({ [E1]: lines('id: EPIC-1', 'title: A', 'relase: R-1') });
    assert.deepEqual(findings(s, E1), [
      {
        code: 'schema',
        severity: 'error',
        range: [2, 0, 2, 6],
        message:
          'unknown key "relase" (did you mean "release"? until it is fixed, this epic is not checked for a release)',
      },
    ]);
  });

  it('`epc:` in a PRD: no orphan either', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: T',
        'epc: EPIC-1',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must}',
      ),
    });
    assert.deepEqual(findings(s, PRD), [
      {
        code: 'schema',
        severity: 'error',
        range: [2, 0, 2, 3],
        message:
          'unknown key "epc" (did you mean "epic"? until it is fixed, this PRD is not checked for an epic)',
      },
    ]);
  });

  it('`acceptance_critera:` is one unknown-key finding; no missing-acceptance', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: t',
        '    statement: s',
        '    priority: must',
        '    status: draft',
        '    acceptance_critera: [It works]',
      ),
      [STORIES]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: t',
        '    implements: [REQ-1]',
        '    status: approved',
        '    acceptance_critera: [It works]',
      ),
    });
    assert.deepEqual(findings(s, STORIES), [
      {
        code: 'schema',
        severity: 'error',
        range: [7, 4, 7, 22],
        message:
          'unknown key "acceptance_critera" (did you mean "acceptance_criteria"? until it is fixed, this story is not checked for acceptance criteria)',
      },
    ]);
    assert.deepEqual(
      findings(s, PRD).filter(f => f.code !== 'unresolved-link'),
      [
        {
          code: 'schema',
          severity: 'error',
          range: [9, 4, 9, 22],
          message:
            'unknown key "acceptance_critera" (did you mean "acceptance_criteria"? until it is fixed, this requirement is not checked for acceptance criteria)',
        },
      ],
    );
  });

  it('`implemnts:` is one unknown-key finding; the requirement it names is not reported uncovered elsewhere', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must, status: approved, acceptance_criteria: [ok]}',
      ),
      [STORIES]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - id: ST-1',
        '    title: t',
        '    implemnts: [REQ-1]',
      ),
    });
    assert.deepEqual(findings(s, STORIES), [
      {
        code: 'schema',
        severity: 'error',
        range: [5, 4, 5, 13],
        message:
          'unknown key "implemnts" (did you mean "implements"? until it is fixed, the requirements it names are not checked for coverage)',
      },
    ]);
    assert.deepEqual(
      findings(s, PRD).filter(f => f.code !== 'unresolved-link'),
      [],
    );
    // Fixed: the link is read, and REQ-1 is covered.
    s.apply([
      {
        uri: STORIES,
        text: lines(
          'id: IT-1',
          'title: T',
          'stories:',
          '  - id: ST-1',
          '    title: t',
          '    implements: [REQ-1]',
        ),
      },
    ]);
    assert.deepEqual(
      findings(s, PRD).filter(f => f.code !== 'unresolved-link'),
      [],
    );
    // Removed: REQ-1 is uncovered.
    s.apply([
      { uri: STORIES, text: lines('id: IT-1', 'title: T', 'stories:', '  - id: ST-1', '    title: t') },
    ]);
    assert.deepEqual(
      findings(s, PRD, 'uncovered').map(f => f.message),
      ['REQ-1 is approved but no story implements it'],
    );
  });

  it('a misspelled key that no check waits for keeps the plain message', () => {
    const s = workspace({ [E1]: lines('id: EPIC-1', 'title: A', 'release: R-1', 'ownr: Lena') });
    assert.deepEqual(
      findings(s, E1, 'schema').map(f => f.message),
      ['unknown key "ownr" (did you mean "owner"?)'],
    );
  });

  it('a child whose status is not a status does not make its done parent a status-rollup', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - {id: REQ-1, title: t, statement: s, priority: must, status: done, acceptance_criteria: [ok]}',
      ),
      [STORIES]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - {id: ST-1, title: t, implements: [REQ-1], status: finished}',
      ),
    });
    assert.deepEqual(
      findings(s, PRD).filter(f => f.code !== 'unresolved-link'),
      [],
    );
    assert.deepEqual(
      findings(s, STORIES).map(f => [f.code, f.message]),
      [
        [
          'schema',
          'status must be one of draft, review, approved, in-progress, done, cancelled (got "finished")',
        ],
      ],
    );
  });
});
