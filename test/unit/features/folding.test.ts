import * as assert from 'assert';
import { foldingRanges } from '../../../server/src/core/features/folding';
import { lines } from '../helpers';
import { BROKEN, brokenText, PRD, SHAPES, service, shapesText, texts } from './featureHelpers';

describe('features/folding', () => {
  const flat = (svc: ReturnType<typeof service>, uri: string) =>
    foldingRanges(svc, uri).map(f => [f.startLine, f.endLine, ...(f.kind ? [f.kind] : [])]);

  it('folds multi-line values, list entries, block scalars and comment blocks (not # lines inside block scalars)', () => {
    const svc = service({ [SHAPES]: shapesText }, [SHAPES]);
    assert.deepStrictEqual(flat(svc, SHAPES), [
      [0, 1, 'comment'],
      [4, 5], // personas: flow list over two lines
      [6, 8], // problem: block scalar, without the blank line after it
      [10, 19], // requirements:
      [12, 16], // - id: REQ-1 (from its dash)
      [14, 16], // acceptance_criteria:
      [18, 19], // - id: REQ-2
    ]);
  });

  it('folds the fixture PRD', () => {
    const svc = service(texts, [PRD]);
    assert.deepStrictEqual(flat(svc, PRD), [
      [4, 18],
      [5, 8],
      [9, 14],
      [13, 14],
      [15, 18],
    ]);
  });

  it('keeps one range per start line, the largest', () => {
    const uri = 'file:///w/n.stories.yaml';
    const text = lines(
      'id: IT-1',
      'stories:',
      '  - - a',
      '    - b',
      '  - acceptance_criteria:',
      '      - x',
      '      - y',
    );
    const svc = service({ [uri]: text }, [uri]);
    assert.deepStrictEqual(flat(svc, uri), [
      [1, 6],
      [2, 3],
      [4, 6],
    ]);
  });

  it('does not take # lines inside a quoted scalar for comments', () => {
    const uri = 'file:///w/q.prd.yaml';
    const text = lines('id: PRD-1', 'problem: "first', '  # second', '  # third"', '# a', '# b');
    const svc = service({ [uri]: text }, [uri]);
    assert.deepStrictEqual(flat(svc, uri), [
      [1, 3],
      [4, 5, 'comment'],
    ]);
  });

  it('handles CRLF line ends and indented comment runs', () => {
    const uri = 'file:///w/crlf.prd.yaml';
    const text = 'id: PRD-1\r\nrequirements:\r\n  # one\r\n  # two\r\n  - id: REQ-1\r\n    title: A\r\n';
    const svc = service({ [uri]: text }, [uri]);
    assert.deepStrictEqual(flat(svc, uri), [
      [1, 5],
      [2, 3, 'comment'],
      [4, 5],
    ]);
  });

  it('folds what parsed of a document with a syntax error', () => {
    const svc = service({ ...texts, [BROKEN]: brokenText }, [BROKEN]);
    assert.deepStrictEqual(flat(svc, BROKEN), [
      [1, 7],
      [2, 4],
      [5, 7],
    ]);
  });

  it('has nothing for closed documents (no syntax tree)', () => {
    const svc = service();
    assert.deepStrictEqual(foldingRanges(svc, PRD), []);
  });
});
