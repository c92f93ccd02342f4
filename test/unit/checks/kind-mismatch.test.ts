import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const PRD = 'file:///w/a.prd.yaml';
const EPIC = 'file:///w/e.epic.yml';

describe('check: kind-mismatch', () => {
  it('reports a top-level kind that differs from the suffix, at the kind value', () => {
    const s = workspace({ [PRD]: lines('kind: epic', 'id: PRD-1', 'title: T', 'epic: EPIC-1') });
    assert.deepEqual(findings(s, PRD, 'kind-mismatch'), [
      {
        code: 'kind-mismatch',
        severity: 'error',
        range: [0, 6, 0, 10],
        message: 'kind is "epic" but the file name makes this a prd file (*.prd.yaml)',
      },
    ]);
  });

  it('reports a non-string kind', () => {
    const s = workspace({ [PRD]: lines('id: PRD-1', 'title: T', 'epic: EPIC-1', 'kind: 42') });
    assert.deepEqual(findings(s, PRD, 'kind-mismatch'), [
      {
        code: 'kind-mismatch',
        severity: 'error',
        range: [3, 6, 3, 8],
        message: 'kind is 42 but the file name makes this a prd file (*.prd.yaml)',
      },
    ]);
  });

  it('works for .yml files and keeps the suffix as the deciding kind', () => {
    const s = workspace({
      [EPIC]: lines('id: EPIC-1', 'title: T', 'kind:   "stories"   # wrong', 'release: R-1'),
    });
    assert.deepEqual(findings(s, EPIC, 'kind-mismatch'), [
      {
        code: 'kind-mismatch',
        severity: 'error',
        range: [2, 8, 2, 17],
        message: 'kind is "stories" but the file name makes this an epic file (*.epic.yaml)',
      },
    ]);
    // The suffix still decides what the file defines: EPIC-1 is an epic.
    assert.equal(s.index.definitions('EPIC-1')[0]?.kind, 'epic');
  });

  it('is one finding: the mismatching kind is not also a schema finding', () => {
    const s = workspace({
      [PRD]: lines(
        'kind: epic',
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
    });
    assert.equal(findings(s, PRD, 'kind-mismatch').length, 1);
    assert.deepEqual(
      findings(s, PRD, 'schema').filter(f => f.range[0] === 0),
      [],
    );
  });

  it('reports nothing when kind matches or is absent, or for a nested kind', () => {
    const s = workspace({
      [PRD]: lines('kind: prd', 'id: PRD-1', 'title: T', 'epic: EPIC-1'),
      'file:///w/b.prd.yaml': lines('id: PRD-2', 'title: T', 'epic: EPIC-1', 'x-meta:', '  kind: epic'),
      'file:///w/c.roadmap.yaml': lines('kind: roadmap', 'id: RM-1', 'title: T', 'releases: []'),
      'file:///w/d.stories.yaml': lines('kind: stories', 'id: IT-1', 'title: T', 'stories: []'),
      'file:///w/e.vision.yaml': lines('kind: vision', 'id: V-1', 'product: P', 'statement: S'),
    });
    for (const uri of [
      PRD,
      'file:///w/b.prd.yaml',
      'file:///w/c.roadmap.yaml',
      'file:///w/d.stories.yaml',
      'file:///w/e.vision.yaml',
    ]) {
      assert.deepEqual(findings(s, uri, 'kind-mismatch'), [], uri);
    }
  });
});
