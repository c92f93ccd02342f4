import * as assert from 'node:assert/strict';
import {
  idTokens,
  semanticTokens,
  semanticTokensLegend,
} from '../../../server/src/core/features/semanticTokens';
import { lines, workspace } from '../helpers';

const STORIES = 'file:///w/s1.stories.yaml';

const files = {
  'file:///w/product.roadmap.yaml': lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1',
    '    title: First',
    '    horizon: now',
  ),
  'file:///w/checkout.prd.yaml': lines(
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-1',
    '    title: Cards',
    '    statement: s',
    '    priority: must',
  ),
  [STORIES]: lines(
    'id: IT-1', // 0
    'title: Sprint 1', // 1
    'release: R-1', // 2
    'stories:', // 3
    '  - id: ST-1', // 4
    '    title: Pay', // 5
    '    implements: [REQ-1, REQ-9]', // 6
    '  - id: "ST-2"', // 7
    '    title: Track', // 8
    '    implements:', // 9
    '      - REQ-1', // 10
  ),
};

describe('features/semanticTokens', () => {
  it('IDs as defined, linked or unresolved, in source order, quotes left out', () => {
    const tokens = idTokens(workspace(files), STORIES).map(t => [
      t.range.start.line,
      t.range.start.character,
      t.range.end.character,
      t.type,
    ]);
    assert.deepEqual(tokens, [
      [0, 4, 8, 'defined'],
      [2, 9, 12, 'linked'],
      [4, 8, 12, 'defined'],
      [6, 17, 22, 'linked'],
      [6, 24, 29, 'unresolved'],
      [7, 9, 13, 'defined'],
      [10, 8, 13, 'linked'],
    ]);
  });

  it('encodes them as LSP does: five numbers each, relative to the token before; variable, with declaration or unresolved', () => {
    assert.deepEqual(semanticTokensLegend, {
      tokenTypes: ['variable'],
      tokenModifiers: ['declaration', 'unresolved'],
    });
    assert.deepEqual(
      semanticTokens(workspace(files), STORIES).data,
      [
        0, 4, 4, 0, 1, 2, 9, 3, 0, 0, 2, 8, 4, 0, 1, 2, 17, 5, 0, 0, 0, 7, 5, 0, 2, 1, 9, 4, 0, 1, 3, 8, 5, 0,
        0,
      ],
    );
  });

  it('a link is not unresolved while a damaged file may define its ID (as the unresolved-link check), and nothing for a file not held', () => {
    const s = workspace({
      ...files,
      'file:///w/more.prd.yaml': 'id: PRD-2\nrequirements:\n  - id: REQ-9\n    title: [unclosed\n',
    });
    assert.ok(!idTokens(s, STORIES).some(t => t.type === 'unresolved'));
    assert.deepEqual(semanticTokens(s, 'file:///w/elsewhere.prd.yaml').data, []);
  });
});
