import * as assert from 'node:assert/strict';
import { findings, lines, related, workspace } from '../helpers';
import { withinHangGuard } from '../reliability/timing';

const P = 'file:///w/a.prd.yaml';
const E1 = 'file:///w/e1.epic.yaml';
const E2 = 'file:///w/e2.epic.yaml';
const E3 = 'file:///w/e3.epic.yaml';
const S = 'file:///w/s.stories.yaml';

const req = (id: string, deps?: string) => [
  `  - id: ${id}`,
  `    title: ${id}`,
  '    statement: s',
  '    priority: must',
  ...(deps ? [`    depends_on: ${deps}`] : []),
];
const prd = (...reqs: string[][]) =>
  lines('id: PRD-1', 'title: T', 'epic: EPIC-1', 'requirements:', ...reqs.flat());
const cyc = (range: [number, number, number, number], message: string) => ({
  code: 'dependency-cycle',
  severity: 'error',
  range,
  message,
});

describe('check: dependency-cycle', () => {
  it('reports a self-link, with no other entries as related information', () => {
    const s = workspace({ [P]: prd(req('REQ-1', '[REQ-1]')) });
    assert.deepEqual(findings(s, P, 'dependency-cycle'), [cyc([8, 17, 8, 22], 'REQ-1 depends on itself')]);
    assert.deepEqual(related(s, P, 'dependency-cycle'), [[]]);
  });

  it('reports both entries of a two-cycle, each relating the other', () => {
    const s = workspace({ [P]: prd(req('REQ-1', '[REQ-2]'), req('REQ-2', '[REQ-1]')) });
    assert.deepEqual(findings(s, P, 'dependency-cycle'), [
      cyc([8, 17, 8, 22], 'depends_on forms a cycle: REQ-1 → REQ-2 → REQ-1'),
      cyc([13, 17, 13, 22], 'depends_on forms a cycle: REQ-2 → REQ-1 → REQ-2'),
    ]);
    assert.deepEqual(related(s, P, 'dependency-cycle'), [
      [{ uri: P, range: [13, 17, 13, 22], message: 'REQ-2 depends on REQ-1' }],
      [{ uri: P, range: [8, 17, 8, 22], message: 'REQ-1 depends on REQ-2' }],
    ]);
  });

  it('reports every entry of a three-cycle across files with the rest of the cycle, but no edge leaving it', () => {
    const s = workspace({
      [E1]: lines('id: EPIC-1', 'title: One', 'release: R-1', 'depends_on: [EPIC-2, EPIC-8]'),
      [E2]: lines('id: EPIC-2', 'title: Two', 'release: R-1', 'depends_on:', '  - EPIC-3'),
      [E3]: lines('id: EPIC-3', 'title: Three', 'release: R-1', 'depends_on: [EPIC-1]'),
      'file:///w/e8.epic.yaml': lines('id: EPIC-8', 'title: Eight', 'release: R-1'),
      'file:///w/e9.epic.yaml': lines('id: EPIC-9', 'title: Nine', 'release: R-1', 'depends_on: [EPIC-3]'),
    });
    const e1 = { uri: E1, range: [3, 13, 3, 19], message: 'EPIC-1 depends on EPIC-2' };
    const e2 = { uri: E2, range: [4, 4, 4, 10], message: 'EPIC-2 depends on EPIC-3' };
    const e3 = { uri: E3, range: [3, 13, 3, 19], message: 'EPIC-3 depends on EPIC-1' };
    assert.deepEqual(findings(s, E1, 'dependency-cycle'), [
      cyc([3, 13, 3, 19], 'depends_on forms a cycle: EPIC-1 → EPIC-2 → EPIC-3 → EPIC-1'),
    ]);
    assert.deepEqual(findings(s, E2, 'dependency-cycle'), [
      cyc([4, 4, 4, 10], 'depends_on forms a cycle: EPIC-2 → EPIC-3 → EPIC-1 → EPIC-2'),
    ]);
    assert.deepEqual(findings(s, E3, 'dependency-cycle'), [
      cyc([3, 13, 3, 19], 'depends_on forms a cycle: EPIC-3 → EPIC-1 → EPIC-2 → EPIC-3'),
    ]);
    assert.deepEqual(related(s, E1, 'dependency-cycle'), [[e2, e3]]);
    assert.deepEqual(related(s, E2, 'dependency-cycle'), [[e1, e3]]);
    assert.deepEqual(related(s, E3, 'dependency-cycle'), [[e1, e2]]);
    // EPIC-9 → EPIC-3 leads into the cycle but is not on it, and EPIC-1 → EPIC-8 leads out of it.
    assert.deepEqual(findings(s, 'file:///w/e9.epic.yaml', 'dependency-cycle'), []);
  });

  it('reports cycles of stories', () => {
    const s = workspace({
      [S]: lines(
        'id: IT-1',
        'title: T',
        'stories:',
        '  - {id: ST-1, title: A, implements: [REQ-1], depends_on: [ST-2]}',
        '  - {id: ST-2, title: B, implements: [REQ-1], depends_on: [ST-1]}',
      ),
    });
    assert.deepEqual(findings(s, S, 'dependency-cycle'), [
      cyc([3, 59, 3, 63], 'depends_on forms a cycle: ST-1 → ST-2 → ST-1'),
      cyc([4, 59, 4, 63], 'depends_on forms a cycle: ST-2 → ST-1 → ST-2'),
    ]);
  });

  it('reports nothing for a diamond, a chain, or a link that does not resolve', () => {
    const s = workspace({
      [P]: prd(
        req('REQ-1', '[REQ-2, REQ-3]'),
        req('REQ-2', '[REQ-4]'),
        req('REQ-3', '[REQ-4]'),
        req('REQ-4', '[REQ-404]'),
      ),
    });
    assert.deepEqual(findings(s, P, 'dependency-cycle'), []);
  });

  it('goes away when the cycle is broken in another file', () => {
    const s = workspace({
      [E1]: lines('id: EPIC-1', 'title: One', 'release: R-1', 'depends_on: [EPIC-2]'),
      [E2]: lines('id: EPIC-2', 'title: Two', 'release: R-1', 'depends_on: [EPIC-1]'),
    });
    assert.equal(findings(s, E1, 'dependency-cycle').length, 1);
    const changed = s.apply([{ uri: E2, text: lines('id: EPIC-2', 'title: Two', 'release: R-1') }]);
    assert.ok(changed.has(E1) && changed.has(E2));
    assert.deepEqual(findings(s, E1, 'dependency-cycle'), []);
  });

  it('handles a 2000-item cycle without overflowing the stack, with a summarised message and capped related list', () => {
    const n = 2000;
    const reqs: string[][] = [];
    for (let i = 0; i < n; i++)
      reqs.push([
        `  - {id: REQ-${i}, title: t, statement: s, priority: must, depends_on: [REQ-${(i + 1) % n}]}`,
      ]);
    const text = prd(...reqs);
    const s = withinHangGuard(1000, 'a 2000-item cycle', () => workspace({ [P]: text }));
    const f = findings(s, P, 'dependency-cycle');
    assert.equal(f.length, n);
    assert.deepEqual(
      f[0],
      cyc(
        [4, 69, 4, 74],
        'depends_on forms a cycle: REQ-0 → REQ-1 leads back to REQ-0 (2000 items in the cycle: REQ-0, REQ-1, REQ-2, REQ-3, REQ-4, …)',
      ),
    );
    const rel = related(s, P, 'dependency-cycle');
    // A cycle too long to spell out lists the next 3 hops from each entry's target.
    assert.ok(rel.every(r => r.length === 3));
    assert.deepEqual(
      rel[0].map(r => r.message),
      ['REQ-1 depends on REQ-2', 'REQ-2 depends on REQ-3', 'REQ-3 depends on REQ-4'],
    );
    // Breaking the cycle at one link clears every finding.
    const broken = text.replace('depends_on: [REQ-0]}', 'depends_on: []}');
    withinHangGuard(1000, 'breaking the cycle', () => s.apply([{ uri: P, text: broken }]));
    assert.deepEqual(findings(s, P, 'dependency-cycle'), []);
  });

  it('handles a 2000-item chain across 200 files without a cycle', () => {
    const files: Record<string, string> = {};
    for (let f = 0; f < 200; f++) {
      const ss: string[] = [];
      for (let i = 0; i < 10; i++) {
        const k = f * 10 + i;
        ss.push(
          `  - {id: ST-${k}, title: t, implements: [REQ-1]${k + 1 < 2000 ? `, depends_on: [ST-${k + 1}]` : ''}}`,
        );
      }
      files[`file:///w/it${f}.stories.yaml`] = lines(`id: IT-${f}`, 'title: T', 'stories:', ...ss);
    }
    const s = withinHangGuard(1000, 'a 2000-item chain', () => workspace(files));
    assert.deepEqual(findings(s, 'file:///w/it0.stories.yaml', 'dependency-cycle'), []);
    // Closing the chain makes a 2000-cycle: every file gets findings.
    const last = 'file:///w/it199.stories.yaml';
    const closed = files[last].replace(
      '{id: ST-1999, title: t, implements: [REQ-1]}',
      '{id: ST-1999, title: t, implements: [REQ-1], depends_on: [ST-0]}',
    );
    const changed = withinHangGuard(1000, 'closing the chain', () => s.apply([{ uri: last, text: closed }]));
    assert.equal(changed.size, 200);
    assert.equal(findings(s, 'file:///w/it0.stories.yaml', 'dependency-cycle').length, 10);
  });
});
