/**
 * A syntax error other than a tab: the items that parsed keep their IDs, and
 * nothing in another file is reported because of it. The rule (see
 * server/src/core/parse/damaged.ts): an ID written after `id:` in a file with
 * a syntax error, but not read as an item, may be defined there, so links to
 * it are not unresolved; any other ID written there and not read as a link
 * may be linked from there, so a requirement it names is not uncovered.
 */
import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const PRD = 'file:///w/a.prd.yaml';
const STORIES = 'file:///w/s.stories.yaml';

// The unclosed quote on REQ-2's title swallows the rest of the file: REQ-3 is not read.
const brokenPrd = lines(
  'id: PRD-1',
  'title: Checkout',
  'epic: EPIC-1',
  'requirements:',
  '  - id: REQ-1',
  '    title: Pay',
  '    statement: s',
  '    priority: must',
  '  - id: REQ-2',
  '    title: "Refund',
  '    statement: s',
  '    priority: must',
  '  - {id: REQ-3, title: Split, statement: s, priority: could}',
);

const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - id: ST-1',
  '    title: One',
  '    implements: [REQ-1, REQ-3, REQ-404]',
);

describe('one finding: a file with a syntax error', () => {
  it('keeps the IDs of the items that parsed, and reports only its syntax error and what is really wrong elsewhere', () => {
    const s = workspace({
      [PRD]: brokenPrd,
      [STORIES]: stories,
      'file:///w/e.epic.yaml': lines('id: EPIC-1', 'title: E', 'release: R-1'),
      'file:///w/r.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - {id: R-1, title: One, horizon: now}',
      ),
    });
    assert.deepEqual(findings(s, PRD), [
      { code: 'yaml-syntax', severity: 'error', range: [13, 0, 13, 0], message: 'Missing closing "quote' },
    ]);
    assert.deepEqual([...s.index.ids()].filter(id => id.startsWith('REQ')).sort(), ['REQ-1', 'REQ-2']);
    // REQ-1 parsed and resolves; REQ-3 is written after `id:` in the damaged file: not unresolved. REQ-404 is written nowhere.
    assert.deepEqual(findings(s, STORIES), [
      {
        code: 'unresolved-link',
        severity: 'error',
        range: [5, 31, 5, 38],
        message: 'REQ-404 is not defined in this workspace',
      },
    ]);
  });

  it('does not make a requirement elsewhere uncovered when the stories that implement it cannot be read', () => {
    const prd = lines(
      'id: PRD-1',
      'title: T',
      'epic: EPIC-1',
      'requirements:',
      '  - {id: REQ-1, title: t, statement: s, priority: must, status: approved, acceptance_criteria: [ok]}',
      '  - {id: REQ-2, title: t, statement: s, priority: must, status: approved, acceptance_criteria: [ok]}',
    );
    const broken = lines(
      'id: IT-1',
      'title: "Sprint',
      'stories:',
      '  - {id: ST-1, title: One, implements: [REQ-1]}',
    );
    const s = workspace({
      [PRD]: prd,
      [STORIES]: broken,
      'file:///w/e.epic.yaml': lines('id: EPIC-1', 'title: E', 'release: R-1'),
      'file:///w/r.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - {id: R-1, title: One, horizon: now}',
      ),
    });
    assert.deepEqual(findings(s, PRD), [
      {
        code: 'uncovered',
        severity: 'info',
        range: [5, 9, 5, 14],
        message: 'REQ-2 is approved but no story implements it',
      },
    ]);
  });

  it('reports the links again once the error is fixed, as a fresh rebuild does', () => {
    const s = workspace({ [PRD]: brokenPrd, [STORIES]: stories });
    const fixed = brokenPrd
      .replace('"Refund', 'Refund')
      .replace('  - {id: REQ-3, title: Split, statement: s, priority: could}\n', '');
    s.apply([{ uri: PRD, text: fixed }]);
    const fresh = workspace({ [PRD]: fixed, [STORIES]: stories });
    assert.deepEqual(
      findings(s, STORIES, 'unresolved-link').map(f => f.message),
      [
        'REQ-3 is not defined in this workspace (did you mean REQ-1?)',
        'REQ-404 is not defined in this workspace',
      ],
    );
    assert.deepEqual(s.diagnostics(STORIES), fresh.diagnostics(STORIES));
    // And back: breaking the file again takes the finding away.
    s.apply([{ uri: PRD, text: brokenPrd }]);
    assert.deepEqual(
      findings(s, STORIES, 'unresolved-link').map(f => f.message),
      ['REQ-404 is not defined in this workspace'],
    );
  });
});
