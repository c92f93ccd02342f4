import * as assert from 'assert';
import { definition } from '../../../server/src/core/features/definition';
import { lines, span } from '../helpers';
import { BROKEN, brokenText, EPIC, PRD, ROADMAP, STORIES, posOf, service, texts } from './featureHelpers';

describe('features/definition', () => {
  function defs(svc: ReturnType<typeof service>, uri: string, needle: string, delta = 0, nth = 0) {
    return definition(svc, uri, posOf(texts[uri] ?? '', needle, delta, nth)).map(d => ({
      origin: span(d.originSelectionRange),
      uri: d.targetUri,
      range: span(d.targetRange),
      selection: span(d.targetSelectionRange),
    }));
  }

  it('goes from a flow link in a closed file to the requirement in another closed file', () => {
    const svc = service();
    assert.deepStrictEqual(defs(svc, STORIES, '[REQ-1', 2), [
      { origin: [7, 17, 7, 22], uri: PRD, range: [5, 4, 9, 0], selection: [5, 8, 5, 13] },
    ]);
  });

  it('targets the text inside quotes, from a quoted link, whether files are open or closed', () => {
    for (const open of [[], [PRD], [STORIES], [PRD, STORIES]]) {
      const svc = service(texts, open);
      assert.deepStrictEqual(
        defs(svc, STORIES, "'REQ-2'", 1),
        [{ origin: [7, 25, 7, 30], uri: PRD, range: [9, 4, 15, 0], selection: [9, 9, 9, 14] }],
        `open: ${open.join(', ')}`,
      );
    }
  });

  it('follows single-ID link fields across files', () => {
    const svc = service(texts, [EPIC]);
    assert.deepStrictEqual(defs(svc, EPIC, 'R-1'), [
      { origin: [4, 9, 4, 12], uri: ROADMAP, range: [3, 4, 8, 0], selection: [3, 8, 3, 11] },
    ]);
  });

  it('on a definition, gives the definition itself', () => {
    const svc = service();
    assert.deepStrictEqual(defs(svc, PRD, 'REQ-3', 1), [
      { origin: [15, 8, 15, 13], uri: PRD, range: [15, 4, 19, 0], selection: [15, 8, 15, 13] },
    ]);
  });

  it('gives every definition of a duplicate ID, sorted by file', () => {
    const dup = 'file:///w/a/dup.prd.yaml';
    const files = {
      ...texts,
      [dup]: lines(
        'id: PRD-9',
        'title: Dup',
        'requirements:',
        '  - id: REQ-1',
        '    title: Again',
        '    statement: x',
        '    priority: must',
      ),
    };
    const svc = service(files);
    assert.deepStrictEqual(defs(svc, STORIES, '[REQ-1', 1), [
      { origin: [7, 17, 7, 22], uri: dup, range: [3, 4, 7, 0], selection: [3, 8, 3, 13] },
      { origin: [7, 17, 7, 22], uri: PRD, range: [5, 4, 9, 0], selection: [5, 8, 5, 13] },
    ]);
  });

  it('is empty for an unresolved link, off an ID, and in an unknown file', () => {
    const uri = 'file:///w/x.stories.yaml';
    const text = lines('id: IT-2', 'stories:', '  - id: ST-9', '    implements: [REQ-404]');
    const svc = service({ ...texts, [uri]: text }, [uri]);
    assert.deepStrictEqual(definition(svc, uri, posOf(text, 'REQ-404')), []);
    assert.deepStrictEqual(definition(svc, uri, posOf(text, 'implements')), []);
    assert.deepStrictEqual(definition(svc, 'file:///w/none.prd.yaml', { line: 0, character: 4 }), []);
  });

  it('works from a document with a syntax error elsewhere', () => {
    const svc = service({ ...texts, [BROKEN]: brokenText }, [BROKEN]);
    assert.ok(svc.diagnostics(BROKEN).some(d => d.code === 'yaml-syntax'));
    assert.deepStrictEqual(
      definition(svc, BROKEN, posOf(brokenText, 'REQ-3')).map(d => [
        d.targetUri,
        span(d.originSelectionRange),
        span(d.targetSelectionRange),
      ]),
      [[PRD, [6, 24, 6, 29], [15, 8, 15, 13]]],
    );
  });
});
