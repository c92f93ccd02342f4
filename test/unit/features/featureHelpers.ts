/**
 * Shared data for the feature tests: a small workspace (vision, roadmap,
 * epic, PRD, iteration) written line by line so that tests can assert exact
 * positions, and helpers to find positions and apply edits.
 */
import { SpecService } from '../../../server/src/core/service';
import type { TextEdit } from 'vscode-languageserver-types';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import type { Position } from '../../../server/src/core/types';
import { lines } from '../helpers';

export const VISION = 'file:///w/product.vision.yaml';
export const ROADMAP = 'file:///w/product.roadmap.yaml';
export const EPIC = 'file:///w/epics/checkout.epic.yaml';
export const PRD = 'file:///w/prds/checkout.prd.yaml';
export const STORIES = 'file:///w/iterations/s1.stories.yaml';

export const texts: Record<string, string> = {
  [VISION]: lines(
    'id: V-1', // 0
    'product: Basket', // 1
    'statement: Groceries, fast.', // 2
    'goals:', // 3
    '  - id: G-CONV', // 4
    '    title: Checkout conversion', // 5
    'personas:', // 6
    '  - id: P-PARENT', // 7
    '    name: Busy parent', // 8
  ),
  [ROADMAP]: lines(
    'id: RM-1', // 0
    'title: Basket roadmap', // 1
    'releases:', // 2
    '  - id: R-1', // 3
    '    title: Checkout that converts', // 4
    '    horizon: now', // 5
    '    status: in-progress', // 6
    '    goals: [G-CONV]', // 7
  ),
  [EPIC]: lines(
    'id: EPIC-1', // 0
    'title: Express checkout', // 1
    'status: in-progress', // 2
    'priority: must', // 3
    'release: R-1', // 4
    'goals: [G-CONV]', // 5
    'rice:', // 6
    '  reach: 100', // 7
    '  impact: 2', // 8
    '  confidence: 0.5', // 9
    '  effort: 8', // 10
  ),
  [PRD]: lines(
    'id: PRD-1', // 0
    'title: Express checkout', // 1
    'epic: EPIC-1', // 2
    'personas: [P-PARENT]', // 3
    'requirements:', // 4
    '  - id: REQ-1', // 5
    '    title: Saved cards', // 6
    '    statement: Save a card.', // 7
    '    priority: must', // 8
    '  - id: "REQ-2"', // 9
    '    title: One page', // 10
    '    statement: One page.', // 11
    '    priority: should', // 12
    '    depends_on:', // 13
    '      - REQ-1', // 14
    '  - id: REQ-3', // 15
    '    title: Wallet', // 16
    '    statement: Pay by wallet.', // 17
    '    priority: could', // 18
  ),
  [STORIES]: lines(
    'id: IT-1', // 0
    'title: Sprint 1', // 1
    'release: R-1', // 2
    'stories:', // 3
    '  - id: ST-1', // 4
    '    title: Save a card', // 5
    '    as_a: P-PARENT', // 6
    "    implements: [REQ-1, 'REQ-2']", // 7
    '    status: done', // 8
    '    estimate: 3', // 9
    '  - id: ST-2', // 10
    '    title: Single-screen layout', // 11
    '    implements:', // 12
    '      - "REQ-2"', // 13
    '    estimate: 5', // 14
    '  - id: ST-3', // 15
    '    title: Card scanner', // 16
    '    implements: [REQ-1]', // 17
    '    status: cancelled', // 18
  ),
};

/**
 * The workspace with the files in `open` opened (they have syntax trees) and
 * every other file applied as closed (index only).
 */
export function service(files: Record<string, string> = texts, open: readonly string[] = []): SpecService {
  const svc = new SpecService();
  svc.apply(
    Object.entries(files)
      .filter(([uri]) => !open.includes(uri))
      .map(([uri, text]) => ({ uri, text })),
  );
  for (const uri of open) svc.openDocument(uri, files[uri], 1);
  return svc;
}

/**
 * The position of the `nth` (0-based) occurrence of `needle` in `text`,
 * moved `delta` characters into it.
 */
export function posOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not found`);
  }
  return new LineMap(text).positionAt(at + delta);
}

/** Apply non-overlapping edits to a text (in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const map = new LineMap(text);
  const sorted = edits
    .map(e => ({ start: map.offsetAt(e.range.start), end: map.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** Every file's text after a workspace edit. */
export function applyWorkspaceEdit(
  files: Record<string, string>,
  edits: Map<string, TextEdit[]>,
): Record<string, string> {
  const out = { ...files };
  for (const [uri, list] of edits) {
    if (!(uri in out)) throw new Error(`edit to unknown file ${uri}`);
    out[uri] = applyEdits(out[uri], list);
  }
  return out;
}

/** Every diagnostic of the workspace as comparable strings (uri, code, message; no ranges). */
export function allFindings(svc: SpecService): string[] {
  const out: string[] = [];
  for (const uri of svc.uris())
    for (const d of svc.diagnostics(uri)) out.push(`${uri} ${d.code} ${d.message}`);
  return out.sort();
}

/** An iteration with a syntax error (an unclosed flow list) before valid items. */
export const BROKEN = 'file:///w/broken.stories.yaml';
export const brokenText = lines(
  'id: IT-9', // 0
  'stories:', // 1
  '  - id: ST-8', // 2
  '    title: [unclosed', // 3
  '    implements: [REQ-2]', // 4
  '  - id: ST-9', // 5
  '    implements: [REQ-1, REQ-3]', // 6
  '    depends_on: [ST-8]', // 7
);

/** A PRD with comments, a multi-line flow list, a block scalar holding `#` lines, and nested lists. */
export const SHAPES = 'file:///w/shapes.prd.yaml';
export const shapesText = lines(
  '# Checkout PRD', // 0
  '# owned by Lena', // 1
  'id: PRD-1', // 2
  'title: Express checkout', // 3
  'personas: [P-PARENT,', // 4
  '  P-OTHER]', // 5
  'problem: |', // 6
  '  # not a comment', // 7
  '  # still text', // 8
  '', // 9
  'requirements:', // 10
  '  # the first one', // 11
  '  - id: REQ-1', // 12
  '    title: Saved cards   # trailing', // 13
  '    acceptance_criteria:', // 14
  '      - one', // 15
  '      - two', // 16
  '', // 17
  '  - id: REQ-2', // 18
  '    title: x', // 19
);
