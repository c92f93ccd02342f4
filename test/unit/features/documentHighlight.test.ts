import * as assert from 'assert';
import {
  DocumentHighlightKind,
  documentHighlights,
} from '../../../server/src/core/features/documentHighlight';
import { span } from '../helpers';
import { BROKEN, brokenText, PRD, STORIES, posOf, service, texts } from './featureHelpers';

describe('features/documentHighlight', () => {
  const flat = (hs: ReturnType<typeof documentHighlights>) => hs.map(h => [...span(h.range), h.kind]);
  const { Read, Write } = DocumentHighlightKind;

  it('marks the definition as Write and links in the same file as Read', () => {
    const svc = service(texts, [PRD]);
    const expected = [
      [5, 8, 5, 13, Write],
      [14, 8, 14, 13, Read],
    ];
    assert.deepStrictEqual(flat(documentHighlights(svc, PRD, posOf(texts[PRD], 'REQ-1'))), expected);
    assert.deepStrictEqual(flat(documentHighlights(svc, PRD, posOf(texts[PRD], '- REQ-1', 4))), expected);
    assert.deepStrictEqual([Read, Write], [2, 3]);
  });

  it('stays in its file: links only where the ID is defined elsewhere (closed file, flow lists)', () => {
    const svc = service();
    assert.deepStrictEqual(flat(documentHighlights(svc, STORIES, posOf(texts[STORIES], 'REQ-1', 1))), [
      [7, 17, 7, 22, Read],
      [17, 17, 17, 22, Read],
    ]);
    assert.deepStrictEqual(flat(documentHighlights(svc, STORIES, posOf(texts[STORIES], '"REQ-2"'))), [
      [7, 25, 7, 30, Read],
      [13, 9, 13, 14, Read],
    ]);
  });

  it('is empty off an ID', () => {
    const svc = service();
    assert.deepStrictEqual(documentHighlights(svc, PRD, posOf(texts[PRD], 'requirements')), []);
  });

  it('works in a document with a syntax error elsewhere', () => {
    const svc = service({ ...texts, [BROKEN]: brokenText }, [BROKEN]);
    assert.deepStrictEqual(flat(documentHighlights(svc, BROKEN, posOf(brokenText, 'ST-8', 0, 1))), [
      [2, 8, 2, 12, Write],
      [7, 17, 7, 21, Read],
    ]);
  });
});
