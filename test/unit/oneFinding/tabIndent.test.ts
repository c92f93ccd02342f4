/**
 * A tab used as indentation is one yaml-syntax finding, and the file is read
 * as if the tab were spaces: nothing of it is lost, and nothing cascades into
 * other findings of the file or of other files.
 */
import * as assert from 'node:assert/strict';
import { analyzeFile } from '../../../server/src/core/parse/analyzeFile';
import { quickRead } from '../../../server/src/core/parse/quickParse';
import { findings, lines, span, workspace } from '../helpers';

const PRD = 'file:///w/a.prd.yaml';
const VISION = 'file:///w/product.vision.yaml';
const STORIES = 'file:///w/s.stories.yaml';

const prd = (indent: string): string =>
  lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    'requirements:',
    '  - id: REQ-1',
    '    title: Pay',
    '    statement: s',
    `${indent}priority: must`,
    '    status: draft',
    '  - id: REQ-2',
    '    title: Refund',
    '    statement: s',
    '    priority: could',
  );

const vision = lines(
  'id: V-1',
  'title: Basket',
  'goals:',
  '  - id: G-CONV',
  '    title: Convert',
  '  - id: G-ONTIME',
  '    title: On time',
  '    by: 2026-09-30',
  '\t- id: G-RETAIN',
  '    title: Retain',
  '    by: 2026-12-31',
  'personas:',
  '  - id: P-PARENT',
  '    name: Maya',
);

const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - id: ST-1',
  '    title: One',
  '    as_a: P-PARENT',
  '    related: [G-RETAIN, G-CONV]',
);

describe('one finding: a tab used as indentation', () => {
  it('in a PRD is one yaml-syntax finding on the tab, and the requirement keeps its priority', () => {
    const s = workspace({
      [PRD]: prd('\t'),
      'file:///w/e.epic.yaml': lines('id: EPIC-1', 'title: E', 'release: R-1'),
      'file:///w/r.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-1',
        '    title: One',
        '    horizon: now',
      ),
    });
    assert.deepEqual(findings(s, PRD), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [7, 0, 7, 1],
        message: 'a tab used as indentation (YAML allows only spaces there): read as 4 spaces',
      },
    ]);
    const req = s.index.definitions('REQ-1')[0];
    assert.equal(req.fields.priority, 'must');
    assert.deepEqual(span(req.fieldRanges.priority), [7, 11, 7, 15]);
    assert.deepEqual(
      s.index.definitions('REQ-2').map(i => span(i.idRange)),
      [[9, 8, 9, 13]],
    );
  });

  it('reads the PRD exactly as the same file indented with spaces, apart from that finding', () => {
    const tabbed = analyzeFile(PRD, 'prd', prd('\t')).index;
    const spaced = analyzeFile(PRD, 'prd', prd('    ')).index;
    // Ranges after the tab, on its line, are one character to the left of the spaced file's (one tab, four spaces).
    const shift = (r: {
      start: { line: number; character: number };
      end: { line: number; character: number };
    }) =>
      r.start.line === 7
        ? {
            start: { ...r.start, character: r.start.character + 3 },
            end: { ...r.end, character: r.end.character + 3 },
          }
        : r;
    const norm = (items: typeof tabbed.items) =>
      items.map(i => ({
        ...i,
        range: undefined,
        fieldRanges: Object.fromEntries(Object.entries(i.fieldRanges).map(([k, r]) => [k, shift(r)])),
        keyRanges: Object.fromEntries(Object.entries(i.keyRanges).map(([k, r]) => [k, shift(r)])),
      }));
    assert.deepEqual(
      norm(tabbed.items),
      spaced.items.map(i => ({ ...i, range: undefined })),
    );
    assert.deepEqual(
      tabbed.local.map(f => f.code),
      ['yaml-syntax'],
    );
  });

  it('before a goal in a vision is one finding: the goal, the later goals and personas are all read, and no other file hears of it', () => {
    const s = workspace({ [VISION]: vision, [STORIES]: stories });
    assert.deepEqual(findings(s, VISION), [
      {
        code: 'yaml-syntax',
        severity: 'error',
        range: [8, 0, 8, 1],
        message: 'a tab used as indentation (YAML allows only spaces there): read as 2 spaces',
      },
    ]);
    assert.deepEqual(
      s.index.files.get(VISION)!.items.map(i => [i.id, span(i.idRange)]),
      [
        ['V-1', [0, 4, 0, 7]],
        ['G-CONV', [3, 8, 3, 14]],
        ['G-ONTIME', [5, 8, 5, 16]],
        ['G-RETAIN', [8, 7, 8, 15]],
        ['P-PARENT', [12, 8, 12, 16]],
      ],
    );
    assert.equal(s.index.definitions('G-RETAIN')[0].fields.by, '2026-12-31');
    assert.deepEqual(findings(s, STORIES, 'unresolved-link'), []);
  });

  it('is read alike by both readers: quickParse steps aside, and the open and closed readings agree', () => {
    for (const text of [
      vision,
      prd('\t'),
      lines('id: V-1', 'title: T', 'goals:', '  - \tid: G-1', '    title: One'),
    ]) {
      assert.deepEqual(quickRead(text), { aside: 'tab in indentation' });
      assert.deepEqual(
        analyzeFile(VISION, 'vision', text, { tree: false }).index,
        analyzeFile(VISION, 'vision', text, { tree: true }).index,
      );
    }
  });

  it("leaves a tab inside a block scalar as text while reading another line's tab as spaces", () => {
    const text = lines(
      'id: PRD-1',
      'title: Checkout',
      'epic: EPIC-1',
      'problem: |',
      '  first',
      '  \tindented text',
      'requirements:',
      '  - id: REQ-1',
      '\ttitle: Pay',
      '    statement: s',
      '    priority: must',
    );
    const file = analyzeFile(PRD, 'prd', text).index;
    assert.deepEqual(
      file.local.map(f => [
        f.code,
        [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character],
        f.message,
      ]),
      [
        [
          'yaml-syntax',
          [8, 0, 8, 1],
          'a tab used as indentation (YAML allows only spaces there): read as 4 spaces',
        ],
      ],
    );
    assert.equal(file.items[0].fields.problem, 'first\n\tindented text\n');
    assert.equal(file.items[1].fields.title, 'Pay');
  });

  it('says nothing of a tab in valid YAML (after a key, in a block scalar)', () => {
    const text = lines('id: PRD-1', 'title:\tCheckout', 'epic: EPIC-1', 'problem: |', '  a', '  \tb');
    assert.deepEqual(
      analyzeFile(PRD, 'prd', text).index.local.filter(f => f.code === 'yaml-syntax'),
      [],
    );
  });

  it('counts several tabs on one line as one finding covering them', () => {
    const text = lines('id: V-1', 'title: T', 'goals:', '  - id: G-1', '\t\ttitle: One');
    assert.deepEqual(
      analyzeFile(VISION, 'vision', text).index.local.map(f => [f.range, f.message]),
      [
        [
          { start: { line: 4, character: 0 }, end: { line: 4, character: 2 } },
          '2 tabs used as indentation (YAML allows only spaces there): read as 4 spaces',
        ],
      ],
    );
  });
});
