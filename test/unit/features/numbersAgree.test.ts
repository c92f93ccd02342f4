import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeLenses, resolveCodeLens } from '../../../server/src/core/features/codeLens';
import { hover } from '../../../server/src/core/features/hover';
import { roadmapChildren } from '../../../server/src/core/features/roadmapTree';
import { currentRelease } from '../../../server/src/core/features/currentRelease';
import { buildRoadmapModel } from '../../../server/src/core/report/reportModel';
import { renderRoadmapBoard } from '../../../server/src/core/report/roadmapBoard';
import type { SpecService } from '../../../server/src/core/service';
import { workspace } from '../helpers';

/** examples/, read into memory (the core reads no disk; the test does, once). */
function examples(): SpecService {
  const root = path.resolve(__dirname, '..', '..', '..', '..', 'examples');
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(vision|roadmap|epic|prd|stories)\.yaml$/.test(e.name))
        files[`file:///w/${path.relative(root, p).split(path.sep).join('/')}`] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return workspace(files);
}

const ROADMAP = 'file:///w/product.roadmap.yaml';
const EPIC1 = 'file:///w/epics/express-checkout.epic.yaml';

/** The resolved lens titles of a file. */
function lensTitles(s: SpecService, uri: string): string[] {
  return codeLenses(s, uri).map(l => resolveCodeLens(s, l.data)?.title ?? '');
}

function hoverText(s: SpecService, uri: string, id: string): string {
  const lines = s.index.files.get(uri)!.items.find(i => i.id === id)!.idRange.start;
  const h = hover(s, uri, { line: lines.line, character: lines.character + 1 });
  assert.ok(h, `a hover on ${id}`);
  return h.contents.value;
}

/**
 * Issue 14, point 5, on the example workspace: the tree, the lenses, the
 * hover, the status bar and the board say the same progress (stories done,
 * cancelled left out) and the same RICE score, formatted alike.
 */
describe('features: the same numbers wherever the user looks (example workspace)', () => {
  const s = examples();

  it('R-2026.1: 8 of 14 stories done is 57 % in the tree, lens, status bar and board, 8/14 in the hover', () => {
    const row = roadmapChildren(s, undefined).find(n => n.itemId === 'R-2026.1');
    assert.equal(row?.description, 'in-progress · 57% done');
    assert.equal(row?.progress, 57);
    assert.equal(lensTitles(s, ROADMAP)[0], '3 epics · 57% of stories done');
    assert.match(hoverText(s, ROADMAP, 'R-2026.1'), /stories 8\/14 done \(1 cancelled\)/);
    assert.deepEqual(currentRelease(s.index)?.stories, { done: 8, total: 14, percent: 57 });
    const board = renderRoadmapBoard(buildRoadmapModel(s));
    assert.match(board, /<span class="sw-progress-value">8\/14 stories done \(57%\)<\/span>/);
  });

  it('EPIC-1: RICE 11,200 and 50 % (3 of 6) in the tree, lens, hover and board', () => {
    const row = roadmapChildren(s, 'i:R-2026.1').find(n => n.itemId === 'EPIC-1');
    assert.equal(row?.details, 'in-progress · 50% done · must · RICE 11,200');
    assert.deepEqual(lensTitles(s, EPIC1), ['RICE 11,200 · 1 PRD · 50% of stories done']);
    assert.match(hoverText(s, EPIC1, 'EPIC-1'), /RICE 11,200 · PRDs 1 · stories 3\/6 done \(1 cancelled\)/);
    const board = renderRoadmapBoard(buildRoadmapModel(s));
    assert.match(board, /<span class="sw-rice">RICE 11,200<\/span>/);
    assert.match(board, /3\/6 stories done \(50%\)/);
  });
});
