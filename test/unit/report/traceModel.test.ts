import * as assert from 'node:assert/strict';
import { traceById, type TraceEntry } from '../../../server/src/core/report/traceModel';
import { lines, workspace } from '../helpers';
import { displayPath, service } from './reportFixture';

/** Each entry as "via → id (status) codes", children indented. */
function outline(entries: TraceEntry[], depth = 0): string[] {
  return entries.flatMap(e => [
    `${'  '.repeat(depth)}${e.via} → ${e.id} (${e.status})${Object.keys(e.findings.codes).length ? ' ' + JSON.stringify(e.findings.codes) : ''}`,
    ...outline(e.children, depth + 1),
  ]);
}

describe('report: trace', () => {
  it('traces a requirement up to its goal and down to its stories, with statuses and findings', () => {
    const t = traceById(service(), 'REQ-2', { displayPath });
    assert.ok(t.found);
    assert.deepEqual(t.trace.item, {
      id: 'REQ-2',
      kind: 'requirement',
      title: '=Wallet, maybe',
      status: 'approved',
      file: 'prds/a.prd.yaml',
      range: { start: { line: 11, character: 8 }, end: { line: 11, character: 13 } },
      priority: 'could',
      via: null,
      findings: { error: 0, warning: 0, info: 1, codes: { uncovered: 1 } },
      children: [],
    });
    assert.deepEqual(outline(t.trace.upstream), [
      'parent → PRD-1 (approved)',
      '  epic → EPIC-1 (in-progress) {"schedule-conflict":1}',
      '    release → R-1 (in-progress)',
      '      goals → G-1 (draft)',
      '        parent → V-1 (draft)',
    ]);
    assert.deepEqual(t.trace.downstream, []);
  });

  it('traces an epic down through its PRD, requirements and stories, then the items that depend on it', () => {
    const t = traceById(service(), 'EPIC-2', { displayPath });
    assert.ok(t.found);
    assert.deepEqual(outline(t.trace.upstream), ['release → R-2 (draft)']);
    assert.deepEqual(outline(t.trace.downstream), [
      'depends_on → EPIC-1 (in-progress) {"schedule-conflict":1}',
    ]);
    const e1 = traceById(service(), 'EPIC-1', { displayPath });
    assert.ok(e1.found);
    assert.deepEqual(outline(e1.trace.downstream), [
      'epic → PRD-1 (approved)',
      '  contains → REQ-1 (in-progress)',
      '    implements → ST-1 (done)',
      '    implements → ST-2 (draft)',
      '  contains → REQ-2 (approved) {"uncovered":1}',
    ]);
  });

  it('suggests the closest IDs for an unknown one', () => {
    assert.deepEqual(traceById(service(), 'REQ-3'), { found: false, suggestions: ['REQ-1', 'REQ-2'] });
    assert.deepEqual(traceById(service(), 'epic-1'), { found: false, suggestions: ['EPIC-1', 'EPIC-2'] });
    assert.deepEqual(traceById(service(), 'NOTHING-LIKE-IT'), { found: false, suggestions: [] });
  });

  it('traces the first definition of a duplicate ID and returns them all', () => {
    const s = workspace({
      'file:///w/a.epic.yaml': lines('id: EPIC-1', 'title: A'),
      'file:///w/b.epic.yaml': lines('id: EPIC-1', 'title: B'),
    });
    const t = traceById(s, 'EPIC-1');
    assert.ok(t.found);
    assert.equal(t.definitions.length, 2);
    assert.equal(t.trace.item.title, 'A');
    assert.deepEqual(t.trace.item.findings.codes, { 'duplicate-id': 1, orphan: 1 });
  });
});
