import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const RM = 'file:///w/product.roadmap.yaml';
const S = 'file:///w/sprint.stories.yaml';

const release = (id: string, start?: string, end?: string) => [
  `  - id: ${id}`,
  '    title: Release',
  '    horizon: now',
  ...(start !== undefined ? [`    start: ${start}`] : []),
  ...(end !== undefined ? [`    end: ${end}`] : []),
];
const roadmap = (...rs: string[][]) => lines('id: RM-1', 'title: Roadmap', 'releases:', ...rs.flat());

describe('check: date-order', () => {
  it('reports a release that ends before it starts, at the end value', () => {
    const s = workspace({ [RM]: roadmap(release('R-1', '2025-02-01', '2025-01-31')) });
    assert.deepEqual(findings(s, RM, 'date-order'), [
      {
        code: 'date-order',
        severity: 'error',
        range: [7, 9, 7, 19],
        message: 'R-1 ends on 2025-01-31, before it starts on 2025-02-01',
      },
    ]);
  });

  it('reports an iteration that ends before it starts, also with quoted dates and end written first', () => {
    const s = workspace({
      [S]: lines('id: IT-1', 'title: Sprint', 'end: "2024-12-31"', "start: '2025-01-01'", 'stories: []'),
    });
    assert.deepEqual(findings(s, S, 'date-order'), [
      {
        code: 'date-order',
        severity: 'error',
        range: [2, 5, 2, 17],
        message: 'IT-1 ends on 2024-12-31, before it starts on 2025-01-01',
      },
    ]);
  });

  it('reports each release on its own', () => {
    const s = workspace({
      [RM]: roadmap(
        release('R-1', '2025-03-01', '2025-02-01'),
        release('R-2', '2025-01-01', '2025-06-30'),
        release('R-3', '2026-01-01', '2025-12-31'),
      ),
    });
    assert.deepEqual(
      findings(s, RM, 'date-order').map(f => [f.range, f.message]),
      [
        [[7, 9, 7, 19], 'R-1 ends on 2025-02-01, before it starts on 2025-03-01'],
        [[17, 9, 17, 19], 'R-3 ends on 2025-12-31, before it starts on 2026-01-01'],
      ],
    );
  });

  it('reports nothing for same-day, ordered, partial or malformed dates', () => {
    const s = workspace({
      [RM]: roadmap(
        release('R-1', '2025-01-01', '2025-01-01'),
        release('R-2', '2025-01-01', '2025-12-31'),
        release('R-3', undefined, '2020-01-01'),
        release('R-4', '2025-01-01'),
        release('R-5', '2025-1-1', '2024-12-31'),
        release('R-6', '2025-01-01', 'soon'),
        release('R-7', '2025-01-01', '20240101'),
      ),
    });
    assert.deepEqual(findings(s, RM, 'date-order'), []);
  });

  it("does not apply to other items with start/end-like fields (a goal's by)", () => {
    const V = 'file:///w/p.vision.yaml';
    const s = workspace({
      [V]: lines(
        'id: V-1',
        'product: P',
        'statement: S',
        'goals:',
        '  - id: G-1',
        '    title: G',
        '    by: 2020-01-01',
      ),
    });
    assert.deepEqual(findings(s, V, 'date-order'), []);
  });
});
