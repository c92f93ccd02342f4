import * as assert from 'node:assert/strict';
import { findings, lines, related, workspace } from '../helpers';

const RM = 'file:///w/product.roadmap.yaml';
const E1 = 'file:///w/a.epic.yaml';
const E2 = 'file:///w/b.epic.yaml';

const roadmap = lines(
  'id: RM-1',
  'title: Roadmap',
  'releases:',
  '  - id: R-1',
  '    title: Q1',
  '    horizon: now',
  '    start: 2025-01-01',
  '    end: 2025-03-31',
  '  - id: R-2',
  '    title: Q2',
  '    horizon: next',
  '    start: 2025-04-01',
  '    end: 2025-06-30',
  '  - {id: R-3, title: Later, horizon: later}',
  '  - {id: R-4, title: Also Q1, horizon: now, end: 2025-03-31}',
);

describe('check: schedule-conflict', () => {
  it('reports an epic that depends on an epic shipping in a later release, at the depends_on entry', () => {
    const s = workspace({
      [RM]: roadmap,
      [E1]: lines('id: EPIC-1', 'title: A', 'release: R-1', 'depends_on: [EPIC-2]'),
      [E2]: lines('id: EPIC-2', 'title: B', 'release: R-2'),
    });
    assert.deepEqual(findings(s, E1, 'schedule-conflict'), [
      {
        code: 'schedule-conflict',
        severity: 'warning',
        range: [3, 13, 3, 19],
        message:
          'EPIC-1 ships in R-1 (ends 2025-03-31) but depends on EPIC-2, which ships in R-2 (ends 2025-06-30)',
      },
    ]);
    assert.deepEqual(related(s, E1, 'schedule-conflict'), [
      [{ uri: RM, range: [12, 9, 12, 19], message: 'R-2 ends 2025-06-30' }],
    ]);
    assert.deepEqual(findings(s, E2, 'schedule-conflict'), []);
  });

  it('follows changes in the roadmap and in the other epic', () => {
    const s = workspace({
      [RM]: roadmap,
      [E1]: lines('id: EPIC-1', 'title: A', 'release: R-1', 'depends_on: [EPIC-2]'),
      [E2]: lines('id: EPIC-2', 'title: B', 'release: R-4'),
    });
    assert.deepEqual(findings(s, E1, 'schedule-conflict'), []);
    // R-4 moves out past R-1's end: the conflict appears in EPIC-1's file.
    let changed = s.apply([
      { uri: RM, text: roadmap.replace('horizon: now, end: 2025-03-31', 'horizon: now, end: 2025-04-01') },
    ]);
    assert.ok(changed.has(E1));
    assert.deepEqual(
      findings(s, E1, 'schedule-conflict').map(f => f.message),
      ['EPIC-1 ships in R-1 (ends 2025-03-31) but depends on EPIC-2, which ships in R-4 (ends 2025-04-01)'],
    );
    assert.deepEqual(related(s, E1, 'schedule-conflict'), [
      [{ uri: RM, range: [14, 49, 14, 59], message: 'R-4 ends 2025-04-01' }],
    ]);
    // EPIC-2 moves back into R-1: gone again.
    changed = s.apply([{ uri: E2, text: lines('id: EPIC-2', 'title: B', 'release: R-1') }]);
    assert.ok(changed.has(E1));
    assert.deepEqual(findings(s, E1, 'schedule-conflict'), []);
  });

  it('reports nothing when the dependency ships earlier or the same day, or a release or end date is missing', () => {
    const E3 = 'file:///w/c.epic.yaml';
    const E4 = 'file:///w/d.epic.yaml';
    const E5 = 'file:///w/e.epic.yaml';
    const s = workspace({
      [RM]: roadmap,
      [E1]: lines(
        'id: EPIC-1',
        'title: A',
        'release: R-2',
        'depends_on: [EPIC-2, EPIC-3, EPIC-4, EPIC-5, EPIC-404]',
      ),
      [E2]: lines('id: EPIC-2', 'title: B', 'release: R-1'),
      [E3]: lines('id: EPIC-3', 'title: C', 'release: R-3'),
      [E4]: lines('id: EPIC-4', 'title: D'),
      [E5]: lines('id: EPIC-5', 'title: E', 'release: R-2', 'depends_on: [EPIC-3]'),
      'file:///w/f.epic.yaml': lines('id: EPIC-6', 'title: F', 'depends_on: [EPIC-1]'),
      'file:///w/g.epic.yaml': lines('id: EPIC-7', 'title: G', 'release: R-4', 'depends_on: [EPIC-2]'),
    });
    for (const uri of s.uris()) assert.deepEqual(findings(s, uri, 'schedule-conflict'), [], uri);
  });
});
