import * as assert from 'assert';
import { idAt, idText } from '../../../server/src/core/features/idAt';
import { span } from '../helpers';
import { BROKEN, brokenText, PRD, STORIES, EPIC, posOf, service, texts } from './featureHelpers';

describe('features/idAt', () => {
  const svc = service(texts, [PRD]); // the PRD open, every other file closed

  function at(uri: string, needle: string, delta = 0, nth = 0) {
    const r = idAt(svc, uri, posOf(texts[uri], needle, delta, nth));
    return r && { id: r.id, role: r.role, range: span(r.range), item: r.item?.id, field: r.link?.field };
  }

  it('finds a plain id value as a definition', () => {
    assert.deepStrictEqual(at(PRD, 'REQ-1', 2), {
      id: 'REQ-1',
      role: 'definition',
      range: [5, 8, 5, 13],
      item: 'REQ-1',
      field: undefined,
    });
    assert.deepStrictEqual(at(PRD, 'PRD-1'), {
      id: 'PRD-1',
      role: 'definition',
      range: [0, 4, 0, 9],
      item: 'PRD-1',
      field: undefined,
    });
  });

  it('counts both ends of the ID as on it', () => {
    assert.strictEqual(at(PRD, 'REQ-1', 0)?.id, 'REQ-1');
    assert.strictEqual(at(PRD, 'REQ-1', 5)?.id, 'REQ-1');
    assert.strictEqual(at(PRD, 'id: REQ-1', 3), undefined); // the space before the value
  });

  it('gives the text inside the quotes of a quoted ID', () => {
    assert.deepStrictEqual(at(PRD, '"REQ-2"', 1), {
      id: 'REQ-2',
      role: 'definition',
      range: [9, 9, 9, 14],
      item: 'REQ-2',
      field: undefined,
    });
    assert.deepStrictEqual(at(PRD, '"REQ-2"', 0)?.range, [9, 9, 9, 14]); // on the opening quote
  });

  it('finds links in block lists, flow lists and single-ID fields', () => {
    assert.deepStrictEqual(at(PRD, '- REQ-1', 3), {
      id: 'REQ-1',
      role: 'link',
      range: [14, 8, 14, 13],
      item: undefined,
      field: 'depends_on',
    });
    assert.deepStrictEqual(at(PRD, 'EPIC-1', 1), {
      id: 'EPIC-1',
      role: 'link',
      range: [2, 6, 2, 12],
      item: undefined,
      field: 'epic',
    });
    assert.deepStrictEqual(at(PRD, 'P-PARENT'), {
      id: 'P-PARENT',
      role: 'link',
      range: [3, 11, 3, 19],
      item: undefined,
      field: 'personas',
    });
  });

  it('reads closed files from the index: flow entries, quoted entries', () => {
    assert.strictEqual(svc.tree(STORIES), undefined);
    assert.deepStrictEqual(at(STORIES, '[REQ-1', 1), {
      id: 'REQ-1',
      role: 'link',
      range: [7, 17, 7, 22],
      item: undefined,
      field: 'implements',
    });
    assert.deepStrictEqual(at(STORIES, "'REQ-2'", 3), {
      id: 'REQ-2',
      role: 'link',
      range: [7, 25, 7, 30],
      item: undefined,
      field: 'implements',
    });
    assert.deepStrictEqual(at(STORIES, '"REQ-2"', 6), {
      id: 'REQ-2',
      role: 'link',
      range: [13, 9, 13, 14],
      item: undefined,
      field: 'implements',
    });
    assert.deepStrictEqual(at(STORIES, 'ST-2'), {
      id: 'ST-2',
      role: 'definition',
      range: [10, 8, 10, 12],
      item: 'ST-2',
      field: undefined,
    });
    assert.deepStrictEqual(at(EPIC, 'R-1', 3), {
      id: 'R-1',
      role: 'link',
      range: [4, 9, 4, 12],
      item: undefined,
      field: 'release',
    });
  });

  it('is undefined off IDs: keys, other values, brackets and commas, unknown files', () => {
    assert.strictEqual(at(PRD, 'title: Saved', 2), undefined);
    assert.strictEqual(at(PRD, 'Saved cards', 3), undefined);
    assert.strictEqual(at(STORIES, "[REQ-1, 'REQ-2']", 0), undefined); // before `[` (the link starts after it)
    assert.strictEqual(at(STORIES, ", 'REQ-2'", 1), undefined); // after the comma
    assert.strictEqual(at(EPIC, 'reach'), undefined); // rice is not a link field
    assert.strictEqual(idAt(svc, 'file:///w/nope.prd.yaml', { line: 0, character: 0 }), undefined);
  });

  it('still finds IDs in a document with a syntax error elsewhere', () => {
    const broken = service({ ...texts, [BROKEN]: brokenText }, [BROKEN]);
    assert.ok(broken.diagnostics(BROKEN).some(d => d.code === 'yaml-syntax'));
    const r = idAt(broken, BROKEN, posOf(brokenText, 'REQ-3', 2));
    assert.deepStrictEqual(r && [r.id, r.role, span(r.range)], ['REQ-3', 'link', [6, 24, 6, 29]]);
    const d = idAt(broken, BROKEN, posOf(brokenText, 'ST-9'));
    assert.deepStrictEqual(d && [d.id, d.role, span(d.range)], ['ST-9', 'definition', [5, 8, 5, 12]]);
  });

  describe('idText', () => {
    const r = (a: number, b: number) => ({
      start: { line: 2, character: a },
      end: { line: 2, character: b },
    });
    it('keeps a plain scalar, steps inside quotes, and leaves escaped or multi-line scalars whole', () => {
      assert.deepStrictEqual(idText(r(4, 9), 'REQ-1'), { range: r(4, 9), exact: true });
      assert.deepStrictEqual(idText(r(4, 11), 'REQ-1'), { range: r(5, 10), exact: true });
      assert.deepStrictEqual(idText(r(4, 14), 'REQ-1'), { range: r(4, 14), exact: false });
      const multi = { start: { line: 1, character: 4 }, end: { line: 2, character: 3 } };
      assert.deepStrictEqual(idText(multi, 'REQ-1'), { range: multi, exact: false });
    });
  });
});
