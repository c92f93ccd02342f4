import * as assert from 'node:assert/strict';
import { contextAt, yamlContext, type YamlContext } from '../../../server/src/core/features/yamlContext';
import { parseYaml } from '../../../server/src/core/parse/parseDocument';
import { LineMap } from '../../../server/src/core/parse/sourceText';
import { SpecService } from '../../../server/src/core/service';
import type { DocKind, Position } from '../../../server/src/core/types';
import { lines, span } from '../helpers';

/** The cursor in test documents. */
const CURSOR = '‸';

function cursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf(CURSOR);
  if (at < 0) throw new Error('no cursor in the text');
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  return { text, position: new LineMap(text).positionAt(at) };
}

function ctx(kind: DocKind, marked: string, source?: 'tree' | 'text'): YamlContext | undefined {
  const { text, position } = cursor(marked);
  return contextAt(parseYaml(text), kind, position, source);
}

/** The parts of a context most tests compare. */
function brief(c: YamlContext | undefined) {
  if (!c) return undefined;
  const out: Record<string, unknown> = {
    place: c.place,
    path: c.path,
    word: c.word,
    range: span(c.wordRange),
  };
  if (c.container) out.container = c.container;
  return out;
}

const prd = (...tail: string[]): string =>
  lines(
    'id: PRD-1', // 0
    'title: Checkout', // 1
    'epic: EPIC-1', // 2
    'requirements:', // 3
    '  - id: REQ-1', // 4
    '    title: Pay', // 5
    '    statement: s', // 6
    '    priority: must', // 7
    ...tail, // 8...
  );

describe('features/yamlContext', () => {
  describe('block style, valid YAML (the tree answers)', () => {
    it('is on a key, with the path, the map around it and the other keys', () => {
      const c = ctx('prd', prd().replace('    prio', `    pr${CURSOR}io`))!;
      assert.deepEqual(brief(c), {
        place: 'key',
        path: ['requirements', 0, 'priority'],
        word: 'priority',
        range: [7, 4, 7, 12],
      });
      assert.deepEqual(c.mapPath, ['requirements', 0]);
      assert.deepEqual(c.presentKeys, ['id', 'title', 'statement']);
      assert.deepEqual(c.item, { kind: 'requirement', path: ['requirements', 0], id: 'REQ-1' });
      assert.equal(c.source, 'tree');
      assert.equal(c.link, undefined);
    });

    it('is on a value (cursor just after the word counts as on it)', () => {
      const c = ctx('prd', prd().replace('priority: must', `priority: must${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['requirements', 0, 'priority'],
        word: 'must',
        range: [7, 14, 7, 18],
      });
      assert.deepEqual(c.presentKeys, ['id', 'title', 'statement', 'priority']);
    });

    it('is on a top-level value of the document item', () => {
      const c = ctx('prd', prd().replace('title: Checkout', `title: Check${CURSOR}out`))!;
      assert.deepEqual(brief(c), { place: 'value', path: ['title'], word: 'Checkout', range: [1, 7, 1, 15] });
      assert.deepEqual(c.item, { kind: 'prd', path: [], id: 'PRD-1' });
    });

    it('knows a one-ID link field (`epic: EP|`)', () => {
      const c = ctx('prd', prd().replace('epic: EPIC-1', `epic: EP${CURSOR}IC-1`))!;
      assert.deepEqual(brief(c), { place: 'value', path: ['epic'], word: 'EPIC-1', range: [2, 6, 2, 12] });
      assert.deepEqual(c.link, {
        field: 'epic',
        targets: ['epic'],
        single: true,
        style: 'single',
        present: [],
      });
      assert.equal(c.prefix, 'EP');
    });

    it('knows a block list entry of a link field, with the other IDs already there', () => {
      const c = ctx(
        'stories',
        lines(
          'id: IT-1',
          'title: Sprint',
          'stories:',
          '  - id: ST-1',
          '    title: One',
          '    implements:',
          '      - REQ-1',
          `      - RE${CURSOR}Q-2`,
          '      - REQ-3',
        ),
      )!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['stories', 0, 'implements', 1],
        word: 'REQ-2',
        range: [7, 8, 7, 13],
      });
      assert.deepEqual(c.link, {
        field: 'implements',
        targets: ['requirement'],
        single: false,
        style: 'block',
        present: ['REQ-1', 'REQ-3'],
      });
      assert.deepEqual(c.item, { kind: 'story', path: ['stories', 0], id: 'ST-1' });
    });
  });

  describe('flow style', () => {
    const story = (line: string): string =>
      lines('id: IT-1', 'title: Sprint', 'stories:', '  - id: ST-1', '    title: One', line);

    it('is on an entry of a flow list', () => {
      const c = ctx('stories', story(`    implements: [REQ-1, RE${CURSOR}Q-2]`))!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['stories', 0, 'implements', 1],
        word: 'REQ-2',
        range: [5, 24, 5, 29],
      });
      assert.deepEqual(c.link, {
        field: 'implements',
        targets: ['requirement'],
        single: false,
        style: 'flow',
        present: ['REQ-1'],
      });
      assert.equal(c.source, 'tree');
    });

    it('is on an empty entry: after `[`, after `, `, after `,`', () => {
      for (const [line, index, character] of [
        [`    implements: [${CURSOR}]`, 0, 17],
        [`    implements: [REQ-1, ${CURSOR}]`, 1, 24],
        [`    implements: [REQ-1,${CURSOR}]`, 1, 23],
      ] as const) {
        const c = ctx('stories', story(line))!;
        assert.deepEqual(
          brief(c),
          {
            place: 'value',
            path: ['stories', 0, 'implements', index],
            word: '',
            range: [5, character, 5, character],
          },
          line,
        );
        assert.equal(c.link?.style, 'flow');
        assert.equal(c.needsSpace, false);
      }
    });

    it('reads a flow list over several lines', () => {
      const c = ctx(
        'stories',
        lines(
          'id: IT-1',
          'title: Sprint',
          'stories:',
          '  - id: ST-1',
          '    implements: [REQ-1,',
          `        REQ-2, RE${CURSOR}]`,
          '    title: One',
        ),
      )!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['stories', 0, 'implements', 2],
        word: 'RE',
        range: [5, 15, 5, 17],
      });
      assert.deepEqual(c.link?.present, ['REQ-1', 'REQ-2']);
      assert.deepEqual(c.presentKeys, ['id', 'implements', 'title']);
    });

    it('is not in a list after its closing bracket', () => {
      assert.equal(ctx('stories', story(`    implements: [REQ-1] ${CURSOR}`)), undefined);
    });

    it('calls a list field written without brackets `bare`', () => {
      const c = ctx('stories', story(`    implements: RE${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['stories', 0, 'implements'],
        word: 'RE',
        range: [5, 16, 5, 18],
      });
      assert.equal(c.link?.style, 'bare');
    });
  });

  describe('empty spots', () => {
    it('an empty line in a list item: a new key of that item, with every key present', () => {
      const c = ctx('prd', prd(`    ${CURSOR}`, '    status: draft'))!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'map',
        path: ['requirements', 0],
        word: '',
        range: [8, 4, 8, 4],
      });
      assert.deepEqual(c.presentKeys, ['id', 'title', 'statement', 'priority', 'status']);
      assert.equal(c.item.kind, 'requirement');
      assert.equal(c.source, 'text');
    });

    it('an empty line at column 0: a top-level key', () => {
      const c = ctx('prd', prd(CURSOR))!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'map',
        path: [],
        word: '',
        range: [8, 0, 8, 0],
      });
      assert.deepEqual(c.presentKeys, ['id', 'title', 'epic', 'requirements']);
      assert.deepEqual(c.item, { kind: 'prd', path: [], id: 'PRD-1' });
    });

    it("an empty line at a list's dash column: where the next entry goes", () => {
      const c = ctx('prd', prd(`  ${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'list',
        path: ['requirements', 1],
        word: '',
        range: [8, 2, 8, 2],
      });
    });

    it('after `- ` in a list of items: the first key of a new item', () => {
      const c = ctx('prd', prd(`  - ${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'entry',
        path: ['requirements', 1],
        word: '',
        range: [8, 4, 8, 4],
      });
      assert.deepEqual(c.item, { kind: 'requirement', path: ['requirements', 1] });
      assert.deepEqual(c.presentKeys, []);
    });

    it('after `-` with no space yet: text inserted needs a space', () => {
      const c = ctx('prd', prd(`  -${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'entry',
        path: ['requirements', 1],
        word: '',
        range: [8, 3, 8, 3],
      });
      assert.equal(c.needsSpace, true);
    });

    it('after `- ` in a link list: a new entry of the link field', () => {
      const c = ctx('prd', prd('    depends_on:', '      - REQ-9', `      - ${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'entry',
        path: ['requirements', 0, 'depends_on', 1],
        word: '',
        range: [10, 8, 10, 8],
      });
      assert.deepEqual(c.link, {
        field: 'depends_on',
        targets: ['requirement'],
        single: false,
        style: 'block',
        present: ['REQ-9'],
      });
    });

    it('after `key:` with nothing yet: a value, needing a space right after the colon', () => {
      const c = ctx('prd', prd(`    status:${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['requirements', 0, 'status'],
        word: '',
        range: [8, 11, 8, 11],
      });
      assert.equal(c.needsSpace, true);
      const d = ctx('prd', prd(`    status: ${CURSOR}`))!;
      assert.deepEqual(brief(d), {
        place: 'value',
        path: ['requirements', 0, 'status'],
        word: '',
        range: [8, 12, 8, 12],
      });
      assert.equal(d.needsSpace, false);
    });

    it('an indented empty line under a map key: keys of that map', () => {
      const c = ctx(
        'epic',
        lines('id: EPIC-1', 'title: E', 'rice:', '  reach: 100', `  ${CURSOR}`, '  effort: 2'),
      )!;
      assert.deepEqual(brief(c), {
        place: 'empty',
        container: 'map',
        path: ['rice'],
        word: '',
        range: [4, 2, 4, 2],
      });
      assert.deepEqual(c.presentKeys, ['reach', 'effort']);
      const d = ctx('epic', lines('id: EPIC-1', 'title: E', 'rice:', `  ${CURSOR}`))!;
      assert.deepEqual(brief(d), {
        place: 'empty',
        container: 'pending',
        path: ['rice'],
        word: '',
        range: [3, 2, 3, 2],
      });
    });

    it('an empty document: a top-level key', () => {
      assert.deepEqual(brief(ctx('epic', CURSOR)), {
        place: 'empty',
        container: 'map',
        path: [],
        word: '',
        range: [0, 0, 0, 0],
      });
    });
  });

  describe('momentarily invalid YAML (the text answers)', () => {
    it('a half-typed key without its colon', () => {
      const marked = prd(`    pri${CURSOR}`, '    status: draft');
      const c = ctx('prd', marked)!;
      assert.deepEqual(brief(c), {
        place: 'key',
        path: ['requirements', 0, 'pri'],
        word: 'pri',
        range: [8, 4, 8, 7],
      });
      assert.deepEqual(c.presentKeys, ['id', 'title', 'statement', 'priority', 'status']);
      assert.equal(c.source, 'text');
      assert.ok(parseYaml(cursor(marked).text).syntax.length > 0, 'the document is not valid YAML');
    });

    it('a half-typed flow list: `implements: [REQ-1, RE`', () => {
      const marked = lines(
        'id: IT-1',
        'title: Sprint',
        'stories:',
        '  - id: ST-1',
        `    implements: [REQ-1, RE${CURSOR}`,
        '    status: draft',
        '  - id: ST-2',
      );
      assert.ok(parseYaml(cursor(marked).text).syntax.length > 0);
      const c = ctx('stories', marked)!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['stories', 0, 'implements', 1],
        word: 'RE',
        range: [4, 24, 4, 26],
      });
      assert.deepEqual(c.link, {
        field: 'implements',
        targets: ['requirement'],
        single: false,
        style: 'flow',
        present: ['REQ-1'],
      });
      assert.deepEqual(c.presentKeys, ['id', 'implements', 'status']);
      assert.deepEqual(c.item, { kind: 'story', path: ['stories', 0], id: 'ST-1' });
      // With the space typed after the comma, the cursor is past the last character.
      const d = ctx('stories', marked.replace(`RE${CURSOR}`, ` ${CURSOR}`))!;
      assert.deepEqual(brief(d), {
        place: 'value',
        path: ['stories', 0, 'implements', 1],
        word: '',
        range: [4, 25, 4, 25],
      });
    });

    it('a half-typed first key of a new list item (`- i`)', () => {
      const c = ctx('prd', prd(`  - i${CURSOR}`))!;
      assert.deepEqual(brief(c), {
        place: 'key',
        path: ['requirements', 1, 'i'],
        word: 'i',
        range: [8, 4, 8, 5],
      });
    });

    it('a half-typed key under a map key (`rice:` then `  rea`), though YAML reads a string there', () => {
      const c = ctx('epic', lines('id: EPIC-1', 'title: E', 'rice:', `  rea${CURSOR}`))!;
      assert.deepEqual(brief(c), { place: 'key', path: ['rice', 'rea'], word: 'rea', range: [3, 2, 3, 5] });
      assert.equal(c.source, 'text');
    });

    it('a one-ID value on the line below its key stays a value (`epic:` then `  EP`)', () => {
      const c = ctx('prd', lines('id: PRD-1', 'title: P', 'epic:', `  EP${CURSOR}`))!;
      assert.deepEqual(brief(c), { place: 'value', path: ['epic'], word: 'EP', range: [3, 2, 3, 4] });
      assert.equal(c.link?.style, 'single');
    });

    it('a document with a syntax error elsewhere still reads the rest', () => {
      const marked = lines(
        'id: IT-9', // 0
        'stories:', // 1
        '  - id: ST-8', // 2
        '    title: [unclosed', // 3
        '    implements: [REQ-2]', // 4
        '  - id: ST-9', // 5
        `    implements: [REQ-1, ${CURSOR}REQ-3]`, // 6
        '    depends_on: [ST-8]', // 7
      );
      assert.ok(parseYaml(cursor(marked).text).syntax.length > 0);
      const c = ctx('stories', marked)!;
      assert.deepEqual(brief(c), {
        place: 'value',
        path: ['stories', 1, 'implements', 1],
        word: 'REQ-3',
        range: [6, 24, 6, 29],
      });
      assert.deepEqual(c.link?.present, ['REQ-1']);
      assert.deepEqual(c.presentKeys, ['id', 'implements', 'depends_on']);
      assert.deepEqual(c.item, { kind: 'story', path: ['stories', 1], id: 'ST-9' });
    });

    it('zero-indented lists (`key:` then `- x` at the same column)', () => {
      const c = ctx(
        'prd',
        lines('id: PRD-1', 'requirements:', '- id: REQ-1', '  title: x', `  st${CURSOR}`, 'title: P'),
      )!;
      assert.deepEqual(brief(c), {
        place: 'key',
        path: ['requirements', 0, 'st'],
        word: 'st',
        range: [4, 2, 4, 4],
      });
      assert.deepEqual(c.presentKeys, ['id', 'title']);
    });
  });

  describe('nothing to say', () => {
    it('in a comment, in a block scalar, in indentation', () => {
      const text = lines('id: PRD-1', '# a comment', 'problem: |', '  line one', '  line two', 'title: x');
      const parsed = parseYaml(text);
      for (const [line, character] of [
        [1, 4],
        [3, 4],
        [4, 2],
        [2, 9],
      ]) {
        assert.equal(contextAt(parsed, 'prd', { line, character }), undefined, `${line}:${character}`);
      }
      assert.equal(ctx('prd', prd(` ${CURSOR}   title: x`)), undefined);
    });

    it('outside the document', () => {
      const parsed = parseYaml('id: X\n');
      assert.equal(contextAt(parsed, 'epic', { line: 5, character: 0 }), undefined);
      assert.equal(contextAt(parsed, 'epic', { line: 0, character: 40 }), undefined);
    });
  });

  it('reads open documents of a service, and nothing for closed or unknown ones', () => {
    const svc = new SpecService();
    const uri = 'file:///w/a.prd.yaml';
    svc.openDocument(uri, prd());
    svc.apply([{ uri: 'file:///w/b.prd.yaml', text: prd() }]);
    assert.equal(yamlContext(svc, uri, { line: 7, character: 5 })?.place, 'key');
    assert.equal(yamlContext(svc, 'file:///w/b.prd.yaml', { line: 7, character: 5 }), undefined);
    assert.equal(yamlContext(svc, 'file:///w/notes.yaml', { line: 0, character: 0 }), undefined);
  });

  it('the tree and the text agree at every position of valid documents', () => {
    const docs: [DocKind, string][] = [
      [
        'vision',
        lines(
          'kind: vision',
          'id: V-1',
          'product: Basket',
          'statement: >-',
          '  Groceries, fast,',
          '  and fresh.',
          'goals:',
          '  - id: G-CONV',
          '    title: "Conversion: more paid baskets"',
          '    target: 0.3',
          '    x-note: keep',
          'personas:',
          '  - id: P-1',
          "    name: 'Busy parent'",
          '    needs:',
          '      - speed',
          '      - trust  # comment',
          'non_goals: [a, b]',
        ),
      ],
      [
        'roadmap',
        lines(
          'id: RM-1',
          'title: R',
          'releases:',
          '- id: R-1',
          '  title: one',
          '  horizon: now',
          '  goals: [G-CONV, "G-2"]',
          '- id: R-2',
          '  title: two',
          '  horizon: later',
          '  goals:',
          '  - G-CONV',
          '  start: 2026-01-01',
        ),
      ],
      [
        'epic',
        lines(
          'id: EPIC-1',
          'title: E',
          'release: R-1',
          'depends_on: [EPIC-2,EPIC-3]',
          'rice:',
          '  reach: 100',
          '  impact: 2',
          '  confidence: 0.5',
          '  effort: 8',
          'summary: |',
          '  - not a list',
          '  key: not a key',
          'related:',
          '  - PRD-1',
        ),
      ],
      [
        'prd',
        prd(
          '    depends_on:',
          '      - REQ-9',
          '    acceptance_criteria: []',
          '',
          '  - id: REQ-2',
          '    title: t',
          '    statement: s',
          '    priority: could',
          '    depends_on: [REQ-1]',
        ),
      ],
      [
        'stories',
        lines(
          'id: IT-1',
          'title: S',
          'release: R-1',
          'stories:',
          '  - id: ST-1',
          '    title: One',
          '    as_a: P-1',
          '    implements: [REQ-1, REQ-2]',
          `    related: ["G-1, x", 'G-2', it's, G-3]`,
          '    acceptance_criteria:',
          '      - given: a',
          '        when: b',
          '        then: c',
          '      - {given: a, when: b, then: c}',
          '      - plain sentence',
          '  -   id: ST-2',
          '      implements:',
          '        - REQ-3',
        ),
      ],
    ];
    let compared = 0;
    for (const [kind, text] of docs) {
      const parsed = parseYaml(text);
      assert.deepEqual(parsed.syntax, [], kind);
      const textLines = text.split('\n');
      textLines.forEach((line, l) => {
        for (let c = 0; c <= line.length; c++) {
          const tree = contextAt(parsed, kind, { line: l, character: c }, 'tree');
          if (!tree) continue;
          const fromText = contextAt(parsed, kind, { line: l, character: c }, 'text');
          assert.deepEqual(
            { ...fromText, source: 'tree' },
            tree,
            `${kind} ${l}:${c} ${JSON.stringify(line)}`,
          );
          compared++;
        }
      });
    }
    assert.ok(compared > 800, `compared ${compared} positions`);
  });
});
