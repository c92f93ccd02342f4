import * as assert from 'node:assert/strict';
import { findings, lines, workspace } from '../helpers';

const PRD = 'file:///w/a.prd.yaml';

describe('check: yaml-syntax', () => {
  it('reports an unclosed flow sequence as an error at the parser position', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: Checkout',
        'epic: EPIC-1',
        'personas: [P-1, P-2',
        'requirements:',
        '  - id: REQ-1',
        '    title: Pay',
        '    statement: s',
        '    priority: must',
      ),
    });
    const f = findings(s, PRD, 'yaml-syntax');
    assert.ok(f.length >= 1);
    assert.deepEqual(f[0].code, 'yaml-syntax');
    assert.equal(f[0].severity, 'error');
    assert.deepEqual(f[0].range, [4, 0, 4, 1]);
    assert.equal(
      f[0].message,
      'Flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  });

  it('reports an unterminated quoted string', () => {
    const s = workspace({ [PRD]: lines('id: PRD-1', 'title: "Checkout', 'epic: EPIC-1') });
    const f = findings(s, PRD, 'yaml-syntax');
    assert.ok(f.length >= 1);
    assert.equal(f[0].severity, 'error');
    assert.deepEqual(f[0].range.slice(0, 2), [3, 0]);
    assert.match(f[0].message, /^Missing closing "quote/);
  });

  it('reports an unclosed run of brackets once, not once per bracket', () => {
    const s = workspace({ [PRD]: lines('id: PRD-1', 'title: T', 'x-a: [[[[[{b: [', 'epic: EPIC-1') });
    const f = findings(s, PRD, 'yaml-syntax');
    assert.deepEqual(
      f.map(x => [x.range, x.message]),
      [
        [[3, 0, 3, 1], 'Flow map in block collection must be sufficiently indented and end with a }'],
        [[3, 0, 3, 1], 'Flow sequence in block collection must be sufficiently indented and end with a ]'],
      ],
    );
  });

  it('reports a duplicate key at the second occurrence of the key', () => {
    const s = workspace({ [PRD]: lines('id: PRD-1', 'title: A', 'title: B', 'epic: EPIC-1') });
    assert.deepEqual(findings(s, PRD, 'yaml-syntax'), [
      { code: 'yaml-syntax', severity: 'error', range: [2, 0, 2, 1], message: 'Map keys must be unique' },
    ]);
  });

  it('reports a second YAML document in the file at its "---"', () => {
    const s = workspace({ [PRD]: lines('id: PRD-1', 'epic: EPIC-1', '---', 'id: PRD-2') });
    assert.deepEqual(findings(s, PRD, 'yaml-syntax'), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [2, 0, 2, 3],
        message:
          'a spec file holds one YAML document; this is a second one (remove the "---" or move it to its own file)',
      },
    ]);
  });

  it('still reports every other finding from what did parse', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: Checkout',
        'bad: [unclosed',
        'requirements:',
        '  - id: REQ-1',
        '    title: Pay',
        '    statement: s',
        '    priority: must',
        '    status: done',
      ),
    });
    const f = findings(s, PRD);
    const byCode = (c: string) => f.filter(x => x.code === c);
    assert.equal(byCode('yaml-syntax').length, 1);
    assert.deepEqual(byCode('yaml-syntax')[0].range, [3, 0, 3, 1]);
    assert.deepEqual(
      byCode('orphan').map(x => x.range),
      [[0, 4, 0, 9]],
    );
    assert.deepEqual(
      byCode('uncovered').map(x => x.range),
      [[4, 8, 4, 13]],
    );
    assert.deepEqual(
      byCode('missing-acceptance').map(x => x.range),
      [[8, 12, 8, 16]],
    );
  });

  it('keeps cross-file findings of a file with a syntax error (links that parsed still resolve or not)', () => {
    const STORIES = 'file:///w/s.stories.yaml';
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
      [STORIES]: lines(
        'id: IT-1',
        'title: Sprint',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [REQ-1, REQ-404]',
        'oops: "unterminated',
      ),
    });
    assert.equal(findings(s, STORIES, 'yaml-syntax').length >= 1, true);
    assert.deepEqual(findings(s, STORIES, 'unresolved-link'), [
      {
        code: 'unresolved-link',
        severity: 'error',
        range: [5, 24, 5, 31],
        message: 'REQ-404 is not defined in this workspace',
      },
    ]);
  });

  it('does not stop local, cross-file or graph-wide findings in files with syntax errors', () => {
    const RM = 'file:///w/product.roadmap.yaml';
    const E = 'file:///w/a.epic.yaml';
    const s = workspace({
      [RM]: lines(
        'kind: prd',
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-1',
        '    title: A',
        '    horizon: now',
        '    status: done',
        '    start: 2025-02-01',
        '    end: 2025-01-01',
        '  - {id: R-1, title: B, horizon: next}',
        'x-broken: "unterminated',
      ),
      [E]: lines('x-bad: [1, 2', 'id: EPIC-1', 'title: E', 'release: R-1', 'depends_on: [EPIC-1]'),
    });
    const rm = findings(s, RM).filter(f => f.code !== 'schema');
    assert.deepEqual(
      rm.filter(f => f.code !== 'yaml-syntax'),
      [
        {
          code: 'kind-mismatch',
          severity: 'error',
          range: [0, 6, 0, 9],
          message: 'kind is "prd" but the file name makes this a roadmap file (*.roadmap.yaml)',
        },
        {
          code: 'duplicate-id',
          severity: 'error',
          range: [4, 8, 4, 11],
          message: 'R-1 is defined 2 times; IDs must be unique in the workspace',
        },
        {
          code: 'status-rollup',
          severity: 'warning',
          range: [7, 12, 7, 16],
          message: 'R-1 is done but EPIC-1 is still draft',
        },
        {
          code: 'date-order',
          severity: 'error',
          range: [9, 9, 9, 19],
          message: 'R-1 ends on 2025-01-01, before it starts on 2025-02-01',
        },
        {
          code: 'duplicate-id',
          severity: 'error',
          range: [10, 9, 10, 12],
          message: 'R-1 is defined 2 times; IDs must be unique in the workspace',
        },
      ],
    );
    assert.ok(rm.some(f => f.code === 'yaml-syntax' && f.range[0] >= 11));
    const e = findings(s, E);
    assert.ok(e.some(f => f.code === 'yaml-syntax'));
    assert.deepEqual(
      e.filter(f => f.code === 'dependency-cycle'),
      [
        {
          code: 'dependency-cycle',
          severity: 'error',
          range: [4, 13, 4, 19],
          message: 'EPIC-1 depends on itself',
        },
      ],
    );
  });

  it('reports nothing for valid YAML', () => {
    const s = workspace({
      [PRD]: lines(
        'id: PRD-1',
        'title: Checkout',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
    });
    assert.deepEqual(findings(s, PRD, 'yaml-syntax'), []);
  });

  it('reports nothing for comments, anchors used once and quoted keys', () => {
    const s = workspace({
      [PRD]: lines('# comment', 'id: PRD-1 # trailing', '"title": &t Checkout', 'x-copy: *t', 'epic: EPIC-1'),
    });
    assert.deepEqual(findings(s, PRD, 'yaml-syntax'), []);
  });

  it('clears the finding when the file is fixed', () => {
    const s = workspace({ [PRD]: lines('id: PRD-1', 'title: [') });
    assert.equal(findings(s, PRD, 'yaml-syntax').length >= 1, true);
    const changed = s.apply([{ uri: PRD, text: lines('id: PRD-1', 'title: ok', 'epic: EPIC-1') }]);
    assert.ok(changed.has(PRD));
    assert.deepEqual(findings(s, PRD, 'yaml-syntax'), []);
  });
});
