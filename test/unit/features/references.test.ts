import * as assert from 'assert';
import { references } from '../../../server/src/core/features/references';
import { lines, span } from '../helpers';
import {
  BROKEN,
  brokenText,
  PRD,
  STORIES,
  VISION,
  ROADMAP,
  EPIC,
  posOf,
  service,
  texts,
} from './featureHelpers';

describe('features/references', () => {
  const flat = (locs: { uri: string; range: import('../../../server/src/core/types').Range }[]) =>
    locs.map(l => [l.uri, ...span(l.range)]);

  it('lists every link naming the ID across files, quoted or not, block or flow', () => {
    const svc = service(texts, [STORIES]);
    const expected = [
      [STORIES, 7, 25, 7, 30],
      [STORIES, 13, 9, 13, 14],
    ];
    assert.deepStrictEqual(
      flat(references(svc, PRD, posOf(texts[PRD], 'REQ-2'), { includeDeclaration: false })),
      expected,
    );
    // the same from a link
    assert.deepStrictEqual(
      flat(references(svc, STORIES, posOf(texts[STORIES], '"REQ-2"', 2), { includeDeclaration: false })),
      expected,
    );
  });

  it('adds the definitions with includeDeclaration', () => {
    const svc = service();
    assert.deepStrictEqual(
      flat(references(svc, STORIES, posOf(texts[STORIES], 'REQ-1'), { includeDeclaration: true })),
      [
        [STORIES, 7, 17, 7, 22],
        [STORIES, 17, 17, 17, 22],
        [PRD, 5, 8, 5, 13],
        [PRD, 14, 8, 14, 13],
      ].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    );
  });

  it('covers every kind of link field (goals, release, epic, as_a, personas)', () => {
    const svc = service();
    assert.deepStrictEqual(
      flat(references(svc, VISION, posOf(texts[VISION], 'G-CONV'), { includeDeclaration: false })),
      [
        [EPIC, 5, 8, 5, 14],
        [ROADMAP, 7, 12, 7, 18],
      ],
    );
    assert.deepStrictEqual(
      flat(references(svc, VISION, posOf(texts[VISION], 'P-PARENT'), { includeDeclaration: false })),
      [
        [STORIES, 6, 10, 6, 18],
        [PRD, 3, 11, 3, 19],
      ],
    );
    assert.deepStrictEqual(
      flat(references(svc, ROADMAP, posOf(texts[ROADMAP], 'R-1'), { includeDeclaration: true })),
      [
        [EPIC, 4, 9, 4, 12],
        [STORIES, 2, 9, 2, 12],
        [ROADMAP, 3, 8, 3, 11],
      ],
    );
  });

  it('finds references to an undefined ID, and none off an ID', () => {
    const uri = 'file:///w/x.stories.yaml';
    const text = lines('id: IT-2', 'stories:', '  - id: ST-9', '    implements: [REQ-404, REQ-404]');
    const svc = service({ ...texts, [uri]: text });
    assert.deepStrictEqual(flat(references(svc, uri, posOf(text, 'REQ-404'), { includeDeclaration: true })), [
      [uri, 3, 17, 3, 24],
      [uri, 3, 26, 3, 33],
    ]);
    assert.deepStrictEqual(references(svc, uri, posOf(text, 'stories'), { includeDeclaration: true }), []);
  });

  it('finds links in a document with a syntax error elsewhere', () => {
    const svc = service({ ...texts, [BROKEN]: brokenText }, [BROKEN]);
    assert.deepStrictEqual(
      flat(references(svc, PRD, posOf(texts[PRD], 'REQ-3'), { includeDeclaration: false })),
      [[BROKEN, 6, 24, 6, 29]],
    );
  });
});
