import * as assert from 'node:assert/strict';
import {
  completion,
  resolveCompletion,
  type CompletionList,
} from '../../../server/src/core/features/completion';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import { SpecService } from '../../../server/src/core/service';
import { lines } from '../helpers';

/**
 * Link completion in a workspace with more candidates than it offers:
 * 500 requirements in five PRDs of 100 (REQ-1..100 in PRD-1, ...,
 * REQ-401..500 in PRD-5). PRD-1 and PRD-2 belong to EPIC-1 (release R-1),
 * PRD-3..5 to EPIC-2 (release R-2). The story under test is in an iteration
 * of R-1 and already implements REQ-450, so for its `implements` the
 * closest tier is the rest of PRD-5, then PRD-1 and PRD-2, then the others.
 */

const STORIES = 'file:///w/iterations/s1.stories.yaml';
const prdUri = (k: number): string => `file:///w/prds/p${k}.prd.yaml`;

/** Requirement titles other than `Step`. */
const titles: Record<number, string> = { 7: 'Export orders', 250: 'Bulk export', 420: 'CSV exports' };

function prd(k: number, epic: string): string {
  const reqs: string[] = [];
  for (let n = (k - 1) * 100 + 1; n <= k * 100; n++) {
    reqs.push(
      `  - id: REQ-${n}`,
      `    title: ${titles[n] ?? 'Step'}`,
      '    statement: s',
      '    priority: must',
    );
  }
  return lines(`id: PRD-${k}`, `title: Area ${k}`, `epic: ${epic}`, 'requirements:', ...reqs);
}

const files: Record<string, string> = {
  'file:///w/product.roadmap.yaml': lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1',
    '    title: First',
    '    horizon: now',
    '  - id: R-2',
    '    title: Second',
    '    horizon: next',
  ),
  'file:///w/epics/e1.epic.yaml': lines('id: EPIC-1', 'title: One', 'release: R-1'),
  'file:///w/epics/e2.epic.yaml': lines('id: EPIC-2', 'title: Two', 'release: R-2'),
  [prdUri(1)]: prd(1, 'EPIC-1'),
  [prdUri(2)]: prd(2, 'EPIC-1'),
  [prdUri(3)]: prd(3, 'EPIC-2'),
  [prdUri(4)]: prd(4, 'EPIC-2'),
  [prdUri(5)]: prd(5, 'EPIC-2'),
};

const CURSOR = '‸';

/** The workspace with `uri` open as `marked`, and the list at its cursor. */
function completeIn(
  uri: string,
  marked: string,
  workspace = files,
): { svc: SpecService; list: CompletionList } {
  const at = marked.indexOf(CURSOR);
  const text = marked.slice(0, at) + marked.slice(at + 1);
  const svc = new SpecService();
  svc.apply(
    Object.entries(workspace)
      .filter(([u]) => u !== uri)
      .map(([u, t]) => ({ uri: u, text: t })),
  );
  svc.openDocument(uri, text, 1);
  return { svc, list: completion(svc, uri, new LineMap(text).positionAt(at)) };
}

/** The iteration open, its story's implements being `[<listed>, <typed>‸]`. */
function completeAfter(
  typed: string,
  workspace = files,
  listed = 'REQ-450',
): { svc: SpecService; list: CompletionList } {
  return completeIn(
    STORIES,
    lines(
      'id: IT-1',
      'title: Sprint 1',
      'release: R-1',
      'stories:',
      '  - id: ST-1',
      '    title: One',
      `    implements: [${listed}, ${typed}${CURSOR}]`,
    ),
    workspace,
  );
}

/** Labels in the order an editor shows them (by sortText). */
function labels(list: CompletionList): string[] {
  return [...list.items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map(i => i.label);
}

const reqs = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `REQ-${from + i}`);

describe('features/completion: link IDs beyond the limit', () => {
  it('nothing typed: the closest 100 of 499, and the list says it is incomplete', () => {
    const { list } = completeAfter('');
    assert.equal(list.isIncomplete, true);
    assert.deepEqual(labels(list), [...reqs(401, 449), ...reqs(451, 500), 'REQ-1']);
  });

  it('an ID prefix: only IDs that start with it, cut at 100 in ID order (numbers as numbers)', () => {
    const { list } = completeAfter('REQ-1');
    assert.equal(list.isIncomplete, true, '111 IDs start with REQ-1');
    assert.deepEqual(labels(list), ['REQ-1', ...reqs(10, 19), ...reqs(100, 188)]);
    const first = list.items.find(i => i.label === 'REQ-1')!;
    assert.deepEqual(
      [first.textEdit.range.start.character, first.textEdit.range.end.character, first.textEdit.newText],
      [26, 31, 'REQ-1'],
    );
  });

  it('when everything that matches fits, the list is complete; closer tiers first', () => {
    const { list } = completeAfter('req-45');
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(labels(list), [...reqs(451, 459), 'REQ-45']);
  });

  it('text inside IDs matches too', () => {
    const { list } = completeAfter('45');
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(labels(list), ['REQ-445', ...reqs(451, 459), 'REQ-45', 'REQ-145', 'REQ-245', 'REQ-345']);
  });

  it('titles match, case-insensitively: those that start with the text before those that contain it, whatever their tier', () => {
    const { list } = completeAfter('exPORT');
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(labels(list), ['REQ-7', 'REQ-420', 'REQ-250']);
    assert.deepEqual(
      list.items.map(i => i.detail),
      ['Export orders', 'CSV exports', 'Bulk export'],
    );
  });

  it('the item itself and the IDs in the field are left out, and the list still holds 100', () => {
    const marked = prd(1, 'EPIC-1').replace(
      '  - id: REQ-50\n',
      `  - id: REQ-50\n    depends_on: [REQ-3, ${CURSOR}]\n`,
    );
    const { list } = completeIn(prdUri(1), marked);
    assert.equal(list.isIncomplete, true);
    // Its own PRD first (98 without REQ-3 and REQ-50), then PRD-2 of the same epic.
    assert.deepEqual(labels(list), [
      'REQ-1',
      'REQ-2',
      ...reqs(4, 49),
      ...reqs(51, 100),
      'REQ-101',
      'REQ-102',
    ]);
  });

  it('exactly 100 once what the field lists is left out: complete', () => {
    const small = {
      [prdUri(1)]: files[prdUri(1)],
      [prdUri(5)]: lines('id: PRD-5', 'title: Area 5', 'requirements:', '  - id: REQ-450', '    title: Step'),
    };
    const { list } = completeAfter('', small);
    assert.deepEqual([list.isIncomplete, labels(list)], [false, reqs(1, 100)]);
    assert.equal(
      completeAfter('', small, 'REQ-999').list.isIncomplete,
      true,
      '101 IDs when REQ-450 is not listed',
    );
  });

  it('nothing matches: an empty, complete list', () => {
    assert.deepEqual(completeAfter('zzz').list, { isIncomplete: false, items: [] });
  });

  it('items carry no documentation; resolve builds it from the definition they name', () => {
    const { svc, list } = completeAfter('REQ-451');
    const item = list.items[0];
    assert.deepEqual(
      [item.label, item.documentation, item.data],
      ['REQ-451', undefined, { uri: prdUri(5), id: 'REQ-451' }],
    );
    assert.deepEqual(resolveCompletion(svc, item.data!), {
      kind: 'markdown',
      value: '**Requirement REQ-451**\n\nstatus `draft` · priority `must`\n\nin PRD PRD-5 Area 5',
    });
  });

  it('resolve of an ID that is gone, or no longer in that file, gives nothing', () => {
    const { svc, list } = completeAfter('REQ-451');
    const data = list.items[0].data!;
    svc.apply([{ uri: prdUri(5), text: prd(5, 'EPIC-2').replace('REQ-451', 'REQ-999') }]);
    assert.equal(resolveCompletion(svc, data), undefined);
    assert.equal(resolveCompletion(svc, { uri: prdUri(1), id: 'REQ-452' }), undefined);
  });
});

describe('link completion: files skipped whole give the same list', () => {
  // 60 PRDs of 10 requirements whose IDs are scattered across files (file order is not ID order),
  // so the heap's worst kept ID keeps moving while later files are skipped or read.
  const perm = (n: number): number => ((n * 37 + 11) % 600) + 1;
  const workspace: Record<string, string> = {
    'file:///w/product.roadmap.yaml': lines(
      'id: RM-1',
      'title: Roadmap',
      'releases:',
      '  - id: R-1',
      '    title: First',
      '  - id: R-2',
      '    title: Second',
    ),
    'file:///w/epics/e1.epic.yaml': lines('id: EPIC-1', 'title: One', 'release: R-1'),
    'file:///w/epics/e2.epic.yaml': lines('id: EPIC-2', 'title: Two', 'release: R-2'),
  };
  const prdOf = new Map<string, number>();
  for (let k = 0; k < 60; k++) {
    const reqs: string[] = [];
    for (let j = 0; j < 10; j++) {
      const id = `REQ-${perm(k * 10 + j)}`;
      prdOf.set(id, k);
      reqs.push(`  - id: ${id}`, '    title: Step', '    statement: s', '    priority: must');
    }
    workspace[`file:///w/prds/q${String(k).padStart(2, '0')}.prd.yaml`] = lines(
      `id: PRD-${k}`,
      'title: Area',
      `epic: EPIC-${k % 3 === 0 ? 1 : 2}`,
      'requirements:',
      ...reqs,
    );
  }
  const listed = `REQ-${perm(455)}`; // in PRD-45
  /** Every candidate ranked as completion ranks them, by brute force. */
  const expected = (typed: string): string[] => {
    const rank = (id: string): number | undefined => {
      const k = prdOf.get(id)!;
      const tier = k === prdOf.get(listed) ? 0 : k % 3 === 0 ? 1 : 2;
      const at = typed === '' ? 0 : id.toLowerCase().indexOf(typed.toLowerCase());
      if (at < 0) return undefined;
      return (at === 0 ? 0 : 1) * 3 + tier;
    };
    return [...prdOf.keys()]
      .filter(id => id !== listed && rank(id) !== undefined)
      .sort((a, b) => rank(a)! - rank(b)! || Number(a.slice(4)) - Number(b.slice(4)))
      .slice(0, 100);
  };
  for (const typed of ['', 'REQ-1', '5']) {
    it(`typed ${JSON.stringify(typed)}: the best 100 of 599 exactly`, () => {
      const { list } = completeAfter(typed, workspace, listed);
      assert.deepEqual(
        list.items.map(i => i.label),
        expected(typed),
      );
      assert.equal(list.isIncomplete, expected(typed).length === 100);
    });
  }
});
