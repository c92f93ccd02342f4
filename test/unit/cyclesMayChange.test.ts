/**
 * Cycles are recomputed only when a changed depends_on edge can change one:
 * when an ID whose edges changed was on a cycle, or is on one now. These pin
 * the decision; the incremental property test pins that skipping the
 * recomputation never leaves a finding different from a full rebuild.
 */
import * as assert from 'node:assert/strict';
import { cyclesMayChange, findCycles, idsOnCycles } from '../../server/src/core/graph/cycles';
import { SpecService } from '../../server/src/core/service';
import { lines } from './helpers';

const P = 'file:///w/a.prd.yaml';
const Q = 'file:///w/b.prd.yaml';

/** A PRD whose requirements depend on what `deps` says (`REQ-1: [REQ-2]`). */
const prd = (id: string, deps: Record<string, string[]>) =>
  lines(
    `id: ${id}`,
    'title: T',
    'epic: EPIC-1',
    'requirements:',
    ...Object.entries(deps).map(
      ([req, on]) =>
        `  - {id: ${req}, title: t, statement: s, priority: must, depends_on: [${on.join(', ')}]}`,
    ),
  );

function indexOf(files: Record<string, string>) {
  const s = new SpecService();
  s.apply(Object.entries(files).map(([uri, text]) => ({ uri, text })));
  return s.index;
}

describe('cycles: when a changed edge can change one', () => {
  // REQ-1 → REQ-2 → REQ-3 ⇄ REQ-4: a chain into a two-cycle.
  const chain = {
    [P]: prd('PRD-1', { 'REQ-1': ['REQ-2'], 'REQ-2': ['REQ-3'], 'REQ-3': ['REQ-4'], 'REQ-4': ['REQ-3'] }),
  };

  it('finds the IDs on a cycle in the findings', () => {
    assert.deepEqual([...idsOnCycles(findCycles(indexOf(chain)))].sort(), ['REQ-3', 'REQ-4']);
  });

  it('no: an edge of an ID on no cycle, even one that leads into a cycle', () => {
    const index = indexOf(chain);
    const onCycle = idsOnCycles(findCycles(index));
    assert.equal(cyclesMayChange(index, new Set(['REQ-1']), onCycle), false);
    assert.equal(cyclesMayChange(index, new Set(['REQ-1', 'REQ-2']), onCycle), false);
  });

  it('yes: an edge of an ID that was on a cycle (it may break, or its range moved)', () => {
    const index = indexOf(chain);
    assert.equal(cyclesMayChange(index, new Set(['REQ-4']), idsOnCycles(findCycles(index))), true);
  });

  it('yes: an edge that closes a cycle, across files, or a self-link', () => {
    const closed = indexOf({
      ...chain,
      [Q]: prd('PRD-2', { 'REQ-9': ['REQ-1'] }),
      [P]: prd('PRD-1', { 'REQ-1': ['REQ-2'], 'REQ-2': ['REQ-9'] }),
    });
    assert.equal(cyclesMayChange(closed, new Set(['REQ-2']), new Set()), true);
    const self = indexOf({ [P]: prd('PRD-1', { 'REQ-1': ['REQ-1'] }) });
    assert.equal(cyclesMayChange(self, new Set(['REQ-1']), new Set()), true);
  });

  it('yes: a new definition of an ID whose other definition closes a cycle (duplicates share their edges)', () => {
    const index = indexOf({
      [P]: prd('PRD-1', { 'REQ-1': ['REQ-2'], 'REQ-2': ['REQ-3'] }),
      [Q]: prd('PRD-2', { 'REQ-3': ['REQ-1'] }),
    });
    assert.equal(cyclesMayChange(index, new Set(['REQ-3']), new Set()), true);
  });

  it('in the service: a dependency added far from any cycle keeps the findings; one that closes a cycle reports it', () => {
    const s = new SpecService();
    s.apply([{ uri: P, text: chain[P] }]);
    const before = s.diagnostics(P).filter(d => d.code === 'dependency-cycle');
    assert.equal(before.length, 2);
    s.apply([{ uri: Q, text: prd('PRD-2', { 'REQ-8': ['REQ-1'] }) }]);
    assert.deepStrictEqual(
      s.diagnostics(P).filter(d => d.code === 'dependency-cycle'),
      before,
    );
    const affected = s.apply([{ uri: Q, text: prd('PRD-2', { 'REQ-8': ['REQ-1'], 'REQ-2': ['REQ-8'] }) }]);
    assert.ok(affected.has(Q));
    assert.deepEqual(
      s
        .diagnostics(Q)
        .filter(d => d.code === 'dependency-cycle')
        .map(d => d.message),
      [
        'depends_on forms a cycle: REQ-8 → REQ-1 → REQ-2 → REQ-8',
        'depends_on forms a cycle: REQ-2 → REQ-8 → REQ-1 → REQ-2',
      ],
    );
  });
});
