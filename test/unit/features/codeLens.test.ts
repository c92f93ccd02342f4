import * as assert from 'assert';
import {
  codeLenses,
  resolveCodeLens,
  showReferencesCommand,
} from '../../../server/src/core/features/codeLens';
import {
  coverageOf,
  percent,
  progressOf,
  riceScore,
  storiesUnder,
} from '../../../server/src/core/graph/progress';
import type { SpecService } from '../../../server/src/core/service';
import { span } from '../helpers';
import { EPIC, PRD, ROADMAP, STORIES, VISION, service, texts } from './featureHelpers';

/** Each lens of a file as [range, title]. */
function titles(svc: SpecService, uri: string): [number[], string | undefined][] {
  return codeLenses(svc, uri).map(l => [span(l.range), resolveCodeLens(svc, l.data)?.title]);
}

function edit(uri: string, from: string, to: string): Record<string, string> {
  assert.ok(texts[uri].includes(from), from);
  return { ...texts, [uri]: texts[uri].replace(from, to) };
}

describe('features/codeLens', () => {
  it('puts lenses on the IDs of requirements and PRDs, with coverage and progress', () => {
    // Coverage counts committed requirements only (graph/coverage.ts): REQ-2 is left a draft.
    const committed = {
      ...texts,
      [PRD]: texts[PRD].replace('priority: must', 'priority: must\n    status: approved').replace(
        'priority: could',
        'priority: could\n    status: done',
      ),
    };
    const svc = service(committed, [PRD]);
    assert.deepStrictEqual(titles(svc, PRD), [
      [[0, 4, 0, 9], '1/2 requirements covered · 50% of stories done'],
      [[5, 8, 5, 13], 'implemented by 2 stories · 1 done · 1 cancelled'],
      [[10, 8, 10, 15], 'implemented by 2 stories · 1 done'],
      [[16, 8, 16, 13], 'no stories yet'],
    ]);
    assert.deepStrictEqual(titles(service(texts, [PRD]), PRD)[0], [
      [0, 4, 0, 9],
      'no requirement committed yet · 50% of stories done',
    ]);
  });

  it('puts lenses on epics (RICE, PRDs, progress) and releases (epics, stories done)', () => {
    const svc = service();
    assert.deepStrictEqual(titles(svc, EPIC), [[[0, 4, 0, 10], 'RICE 12.5 · 1 PRD · 50% of stories done']]);
    // done estimate 3 of 3 + 5 (the cancelled story's estimate is not counted)
    assert.deepStrictEqual(titles(svc, ROADMAP), [[[3, 8, 3, 11], '1 epic · 50% of stories done']]);
    assert.deepStrictEqual(codeLenses(svc, STORIES), []);
    assert.deepStrictEqual(codeLenses(svc, VISION), []);
    assert.deepStrictEqual(codeLenses(svc, 'file:///w/none.prd.yaml'), []);
  });

  it('resolves to the showReferences command with the links behind the numbers', () => {
    const svc = service();
    const lenses = codeLenses(svc, PRD);
    assert.deepStrictEqual(lenses[2].data, { uri: PRD, id: 'REQ-2' });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(lenses[2].data)), lenses[2].data); // plain JSON
    const cmd = resolveCodeLens(svc, lenses[2].data)!;
    assert.strictEqual(cmd.command, showReferencesCommand);
    assert.strictEqual(cmd.command, 'specwright.showReferences');
    const [uri, position, locations] = cmd.arguments as [string, unknown, { uri: string; range: never }[]];
    assert.deepStrictEqual([uri, position], [PRD, { line: 9, character: 9 }]);
    assert.deepStrictEqual(
      locations.map(l => [l.uri, ...span(l.range)]),
      [
        [STORIES, 7, 25, 7, 30],
        [STORIES, 13, 9, 13, 14],
      ],
    );

    const prd = resolveCodeLens(svc, lenses[0].data)!;
    assert.deepStrictEqual(
      (prd.arguments![2] as { uri: string; range: never }[]).map(l => [l.uri, ...span(l.range)]),
      [
        [STORIES, 7, 17, 7, 22],
        [STORIES, 7, 25, 7, 30],
        [STORIES, 13, 9, 13, 14],
        [STORIES, 17, 17, 17, 22],
      ],
    );
    const release = resolveCodeLens(svc, codeLenses(svc, ROADMAP)[0].data)!;
    assert.deepStrictEqual(
      (release.arguments![2] as { uri: string; range: never }[]).map(l => [l.uri, ...span(l.range)]),
      [[EPIC, 4, 9, 4, 12]],
    );
    const epic = resolveCodeLens(svc, codeLenses(svc, EPIC)[0].data)!;
    assert.deepStrictEqual(
      (epic.arguments![2] as { uri: string; range: never }[]).map(l => [l.uri, ...span(l.range)]),
      [[PRD, 2, 6, 2, 12]],
    );
  });

  it('falls back to story counts when no story has an estimate', () => {
    const files = edit(STORIES, '    estimate: 3\n', '');
    const svc = service({ ...files, [STORIES]: files[STORIES].replace('    estimate: 5\n', '') });
    assert.deepStrictEqual(titles(svc, ROADMAP), [[[3, 8, 3, 11], '1 epic · 50% of stories done']]);
  });

  it('leaves out RICE when rice is incomplete, and progress when there are no stories', () => {
    const svc = service({
      ...edit(EPIC, '  effort: 8\n', '  effort: 0\n'),
      [STORIES]: 'id: IT-1\nstories: []\n',
    });
    assert.deepStrictEqual(titles(svc, EPIC), [[[0, 4, 0, 10], '1 PRD']]);
    assert.deepStrictEqual(titles(svc, ROADMAP), [[[3, 8, 3, 11], '1 epic · no stories yet']]);
    assert.deepStrictEqual(titles(svc, PRD)[0], [[0, 4, 0, 9], 'no requirement committed yet']);
  });

  it('says "1 story" and counts an epic with no PRD', () => {
    const svc = service({
      ...edit(STORIES, '    implements: [REQ-1]\n    status: cancelled', '    implements: [REQ-3]'),
      [PRD]: texts[PRD].replace('epic: EPIC-1', 'epic: EPIC-2'),
    });
    assert.deepStrictEqual(titles(svc, PRD)[3], [[15, 8, 15, 13], 'implemented by 1 story · 0 done']);
    assert.deepStrictEqual(titles(svc, EPIC), [[[0, 4, 0, 10], 'RICE 12.5 · 0 PRDs']]);
  });

  it('resolves to undefined when the item is gone', () => {
    const svc = service();
    const [lens] = codeLenses(svc, EPIC);
    svc.apply([{ uri: EPIC, text: 'id: EPIC-2\ntitle: Other\n' }]);
    assert.strictEqual(resolveCodeLens(svc, lens.data), undefined);
  });

  describe('graph/progress', () => {
    const svc = service();
    it('storiesUnder walks release → epic → PRD → requirement → story, each story once', () => {
      assert.deepStrictEqual(
        storiesUnder(svc.index, 'R-1').map(s => s.id),
        ['ST-1', 'ST-3', 'ST-2'],
      );
      assert.deepStrictEqual(
        storiesUnder(svc.index, 'REQ-2').map(s => s.id),
        ['ST-1', 'ST-2'],
      );
      assert.deepStrictEqual(
        storiesUnder(svc.index, 'IT-1').map(s => s.id),
        ['ST-1', 'ST-2', 'ST-3'],
      );
      assert.deepStrictEqual(
        storiesUnder(svc.index, 'ST-2').map(s => s.id),
        ['ST-2'],
      );
      assert.deepStrictEqual(storiesUnder(svc.index, 'G-CONV'), []);
    });
    it('progressOf counts done and estimates, leaving cancelled stories out', () => {
      assert.deepStrictEqual(progressOf(svc.index, 'EPIC-1'), {
        stories: 3,
        done: 1,
        cancelled: 1,
        total: 2,
        doneEstimate: 3,
        totalEstimate: 8,
      });
    });
    it('coverageOf, riceScore, percent', () => {
      // Only committed requirements count (graph/coverage.ts): all three are drafts here.
      const c = coverageOf(svc.index, 'PRD-1');
      assert.deepStrictEqual([c.covered.map(r => r.id), c.uncovered.map(r => r.id), c.total], [[], [], 0]);
      const committed = edit(PRD, 'priority: could', 'priority: could\n    status: in-progress');
      committed[PRD] = committed[PRD].replace('priority: must', 'priority: must\n    status: approved');
      const c2 = coverageOf(service(committed).index, 'PRD-1');
      assert.deepStrictEqual(
        [c2.covered.map(r => r.id), c2.uncovered.map(r => r.id), c2.total],
        [['REQ-1'], ['REQ-3'], 2],
      );
      assert.strictEqual(riceScore({ rice: { reach: 100, impact: 2, confidence: 0.5, effort: 8 } }), 12.5);
      assert.strictEqual(riceScore({ rice: { reach: 100, impact: 2, confidence: 0.5 } }), undefined);
      assert.strictEqual(
        riceScore({ rice: { reach: '100', impact: 2, confidence: 0.5, effort: 1 } }),
        undefined,
      );
      assert.strictEqual(riceScore({}), undefined);
      assert.deepStrictEqual(
        [percent(3, 8), percent(199, 200), percent(2, 2), percent(1, 0)],
        [38, 99, 100, 0],
      );
    });
  });
});
