/**
 * Code and tests in the editor (issue 16 point 4): the requirement lens
 * `2 code · 3 tests (1 failing)` and what clicking it lists, the Trace view's
 * Code and Tests rows, and the Roadmap view's verified progress.
 */
import * as assert from 'node:assert/strict';
import {
  codeLenses,
  resolveCodeLens,
  showCodeAndTestsCommand,
} from '../../../server/src/core/features/codeLens';
import { roadmapChildren, type ViewNode } from '../../../server/src/core/features/roadmapTree';
import { traceAt, type TraceViewNode } from '../../../server/src/core/features/traceView';
import type { EvidenceEntry } from '../../../server/src/core/features/traceEvidence';
import type { SpecService } from '../../../server/src/core/service';
import { lines, span } from '../helpers';
import { CODE, JUNIT, PRD, ROOT, TEST, tracedWorkspace } from '../graph/tracedWorkspace';

/** The trace lenses of the PRD: [line, title]. */
function traceLenses(s: SpecService): [number, string | undefined][] {
  return codeLenses(s, PRD)
    .filter(l => l.data.trace)
    .map(l => [l.range.start.line, resolveCodeLens(s, l.data)?.title]);
}

describe('code and tests: the requirement lens', () => {
  it('says `N code · N tests (N failing)` on every requirement, singular and plural', () => {
    assert.deepEqual(traceLenses(tracedWorkspace()), [
      [4, '1 code · 1 test'],
      [5, '1 code · 1 test'],
      [6, '1 code · 1 test'],
      [7, '1 code · 2 tests (1 failing)'],
      [8, '0 code · 1 test'],
      [9, '0 code · 0 tests'],
      [10, '0 code · 1 test'],
    ]);
  });

  it('counts two code references and three tests with one failing, as the README shows', () => {
    const s = tracedWorkspace({
      trace: {
        [CODE]: lines('// @implements REQ-1', '// @implements REQ-1#2'),
        [JUNIT]: lines(
          '<testsuite>',
          '<testcase classname="c" name="a [REQ-1]"/>',
          '<testcase classname="c" name="b [REQ-1#1]"/>',
          '<testcase classname="c" name="c [REQ-1#2]"><failure/></testcase>',
          '</testsuite>',
        ),
      },
    });
    assert.deepEqual(traceLenses(s)[0], [4, '2 code · 3 tests (1 failing)']);
  });

  it('is there only where trace globs are configured', () => {
    assert.deepEqual(traceLenses(tracedWorkspace({ config: 'rules: {}\n' })), []);
    assert.deepEqual(
      traceLenses(tracedWorkspace({ config: lines('trace:', '  code: []') })),
      [],
      'empty globs configure nothing',
    );
  });

  it('clicking lists the code references and tests, outcomes in the labels, each with its place', () => {
    const s = tracedWorkspace();
    const lens = codeLenses(s, PRD).find(l => l.data.trace && l.data.id === 'REQ-4')!;
    const command = resolveCodeLens(s, lens.data)!;
    assert.equal(command.command, showCodeAndTestsCommand);
    const [uri, position, entries] = command.arguments as [string, unknown, EvidenceEntry[]];
    assert.equal(uri, PRD);
    assert.deepEqual(position, { line: 7, character: 9 });
    assert.deepEqual(
      entries.map(e => [e.kind, e.label, e.description, e.outcome, e.location.uri, span(e.location.range)]),
      [
        ['code', 'src/cart.ts:4', 'implements REQ-4', undefined, CODE, [3, 15, 3, 20]],
        ['test', 'cart totals [REQ-4]', 'passed', 'passed', JUNIT, [0, 0, 0, 0]],
        ['test', 'cart rounds [REQ-4#1]', 'failed', 'failed', JUNIT, [0, 0, 0, 0]],
      ],
    );
    const req3 = codeLenses(s, PRD).find(l => l.data.trace && l.data.id === 'REQ-3')!;
    const [, , e3] = resolveCodeLens(s, req3.data)!.arguments as [string, unknown, EvidenceEntry[]];
    assert.deepEqual(
      e3.map(e => [e.kind, e.label, e.description, e.location.uri]),
      [
        ['code', 'src/cart.ts:3', 'implements REQ-3#2', CODE],
        ['test', 'test/cart.test.ts:1', 'verifies REQ-3#1', TEST],
      ],
    );
  });
});

/** A row as `label | description | kind | outcome | where`, children indented. */
function rows(nodes: TraceViewNode[], depth = 0): string[] {
  return nodes.flatMap(n => [
    `${'  '.repeat(depth)}${n.label} | ${n.description} | ${n.kind}${n.outcome ? ` | ${n.outcome}` : ''}${
      n.location && !n.itemId
        ? ` | ${n.location.uri.slice(ROOT.length + 1)}:${n.location.range.start.line}`
        : ''
    }`,
    ...rows(n.children, depth + 1),
  ]);
}

describe('code and tests: the Trace view', () => {
  it('shows the Code and Tests rows under the item: file:line, test name with its outcome, each opening its place', () => {
    const t = traceAt(tracedWorkspace(), PRD, { line: 7, character: 10 })!;
    assert.equal(t.item.itemId, 'REQ-4');
    assert.equal(t.item.hasChildren, true);
    assert.deepEqual(rows(t.evidence), [
      'Code | 1 | group',
      '  src/cart.ts:4 | implements REQ-4 | code | src/cart.ts:3',
      'Tests | 2 (1 failing) | group',
      '  cart totals [REQ-4] | passed | test | passed | reports/junit.xml:0',
      '  cart rounds [REQ-4#1] | failed | test | failed | reports/junit.xml:0',
    ]);
    assert.deepEqual(
      t.evidence.flatMap(g => [g.id, ...g.children.map(c => c.id)]),
      ['g:code', 'g:code/code:0', 'g:tests', 'g:tests/tests:0', 'g:tests/tests:1'],
    );
  });

  it('lists a story requirement through its story, and skipped tests with their outcome', () => {
    const s = tracedWorkspace();
    assert.deepEqual(rows(traceAt(s, PRD, { line: 5, character: 10 })!.evidence), [
      'Code | 1 | group',
      '  src/cart.ts:3 | implements ST-1 | code | src/cart.ts:2',
      'Tests | 1 | group',
      '  cart story [ST-1] | passed | test | passed | reports/junit.xml:0',
    ]);
    assert.deepEqual(rows(traceAt(s, PRD, { line: 8, character: 10 })!.evidence), [
      'Code | 0 | group',
      'Tests | 1 | group',
      '  cart later [ST-2] | skipped | test | skipped | reports/junit.xml:0',
      '  test/cart.test.ts:2 | verifies REQ-5 | test | test/cart.test.ts:1',
    ]);
  });

  it('has no such rows where trace globs are not configured', () => {
    assert.deepEqual(
      traceAt(tracedWorkspace({ config: 'rules: {}\n' }), PRD, { line: 7, character: 10 })!.evidence,
      [],
    );
  });
});

/** Each row of a roadmap level as `label · description`. */
function level(s: SpecService, parent: string | undefined, progress?: 'specified' | 'verified'): string[] {
  return roadmapChildren(s, parent, progress ? { progress } : {}).map(
    (n: ViewNode) => `${n.label} · ${n.description}`,
  );
}

describe('code and tests: the Roadmap view', () => {
  it('shows stories done by default and verified progress when asked, labelling the measure', () => {
    const s = tracedWorkspace();
    assert.deepEqual(level(s, undefined), ['R-1 First · draft · 50% done']);
    assert.deepEqual(level(s, undefined, 'specified'), ['R-1 First · draft · 50% done']);
    // REQ-1, REQ-2, REQ-3 of six committed requirements are verified: 50%.
    assert.deepEqual(level(s, undefined, 'verified'), ['R-1 First · draft · 50% verified']);
    const epic = roadmapChildren(s, 'i:R-1', { progress: 'verified' });
    assert.deepEqual(
      epic.map(n => [n.label, n.description, n.progress]),
      [['EPIC-1 Cart', 'draft · 50% verified', 50]],
    );
    const prd = roadmapChildren(s, epic[0].id, { progress: 'verified' });
    assert.deepEqual(
      roadmapChildren(s, prd[0].id, { progress: 'verified' }).map(n => `${n.itemId} · ${n.description}`),
      [
        'REQ-1 · approved · verified · no stories',
        'REQ-2 · in-progress · verified · 1 story',
        'REQ-3 · done · verified · no stories',
        'REQ-4 · done · 1 failing · no stories',
        'REQ-5 · approved · not verified · 1 story',
        'REQ-6 · approved · not verified · no stories',
        'REQ-7 · draft · verified · no stories',
      ],
    );
  });

  it('follows a test result: the failing test passes, and the release reaches 67% verified', () => {
    const s = tracedWorkspace();
    s.applyTrace([
      {
        uri: JUNIT,
        role: 'results',
        mtime: 2,
        bytes: new TextEncoder().encode(
          lines(
            '<testsuite>',
            '<testcase classname="cart" name="totals [REQ-4]"/>',
            '<testcase name="x [REQ-6]"/>',
            '</testsuite>',
          ),
        ),
      },
    ]);
    // Now REQ-1 and REQ-2 (no result, no test reference) are not verified; REQ-3, REQ-4, REQ-5 (reference), REQ-6 are: 4 of 6.
    assert.deepEqual(level(s, undefined, 'verified'), ['R-1 First · draft · 67% verified']);
  });
});
