import * as assert from 'node:assert/strict';
import { changedItems, impactOf } from '../../../server/src/core/reviews/impact';
import { contentPrintOf } from '../../../server/src/core/reviews/fingerprint';
import type { Item } from '../../../server/src/core/types';
import { lines, workspace } from '../helpers';

const PRD = 'file:///w/checkout.prd.yaml';
const STORIES = 'file:///w/sprint.stories.yaml';

const prd = lines(
  'id: PRD-1',
  'title: Checkout',
  'requirements:',
  '  - {id: REQ-1, title: Pay, statement: Pay with a card., priority: must}',
  '  - {id: REQ-2, title: One page, statement: One page., priority: must, depends_on: [REQ-1]}',
  '  - {id: REQ-3, title: Wallet, statement: Wallets., priority: should, depends_on: [REQ-2, REQ-1]}',
  '  - {id: REQ-4, title: Loop, statement: Loops., priority: could, depends_on: [REQ-5]}',
  '  - {id: REQ-5, title: Loop back, statement: Loops back., priority: could, depends_on: [REQ-4]}',
);
const stories = lines(
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - {id: ST-1, title: Pay, implements: [REQ-1]}',
  '  - {id: ST-2, title: Wallet, implements: [REQ-3]}',
  '  - {id: ST-3, title: Related only, implements: [REQ-4], related: [REQ-1]}',
  '  - {id: ST-4, title: After ST-2, implements: [REQ-3], depends_on: [ST-2]}',
);

/** Each impacted item as `ID: FROM → A (via) → B (via)`. */
function paths(changed: string[]): string[] {
  const s = workspace({ [PRD]: prd, [STORIES]: stories });
  return impactOf(s.index, changed).map(
    e => `${e.item.id}: ${[e.from, ...e.path.map(p => `${p.id} (${p.via})`)].join(' → ')}`,
  );
}

describe('impact: what lies downstream of a change', () => {
  it('lists every item downstream, transitively, each once by its shortest path, nearest first', () => {
    assert.deepEqual(paths(['REQ-1']), [
      'REQ-2: REQ-1 → REQ-2 (depends_on)',
      'REQ-3: REQ-1 → REQ-3 (depends_on)',
      'ST-1: REQ-1 → ST-1 (implements)',
      'ST-2: REQ-1 → REQ-3 (depends_on) → ST-2 (implements)',
      'ST-4: REQ-1 → REQ-3 (depends_on) → ST-4 (implements)',
    ]);
  });

  it('does not follow related links (they are no review), and lists a changed item below another only as changed', () => {
    // ST-3 names REQ-1 only under related; REQ-3 is below REQ-1 but is itself changed.
    assert.deepEqual(paths(['REQ-1', 'REQ-3']), [
      'REQ-2: REQ-1 → REQ-2 (depends_on)',
      'ST-1: REQ-1 → ST-1 (implements)',
      'ST-2: REQ-3 → ST-2 (implements)',
      'ST-4: REQ-3 → ST-4 (implements)',
    ]);
  });

  it('walks a dependency cycle once and comes back to an end', () => {
    assert.deepEqual(paths(['REQ-4']), [
      'REQ-5: REQ-4 → REQ-5 (depends_on)',
      'ST-3: REQ-4 → ST-3 (implements)',
    ]);
  });

  it('reaches contained items: a PRD its requirements, and through them their stories', () => {
    const all = paths(['PRD-1']);
    assert.deepEqual(all.slice(0, 5), [
      'REQ-1: PRD-1 → REQ-1 (contains)',
      'REQ-2: PRD-1 → REQ-2 (contains)',
      'REQ-3: PRD-1 → REQ-3 (contains)',
      'REQ-4: PRD-1 → REQ-4 (contains)',
      'REQ-5: PRD-1 → REQ-5 (contains)',
    ]);
    assert.deepEqual(all.slice(5), [
      'ST-1: PRD-1 → REQ-1 (contains) → ST-1 (implements)',
      'ST-2: PRD-1 → REQ-3 (contains) → ST-2 (implements)',
      'ST-4: PRD-1 → REQ-3 (contains) → ST-4 (implements)',
      'ST-3: PRD-1 → REQ-4 (contains) → ST-3 (implements)',
    ]);
  });

  it('lists nothing below an item that nothing links to', () => {
    assert.deepEqual(paths(['ST-4']), []);
  });
});

describe('impact: items whose content changed since a revision', () => {
  const itemsOf = (text: string): Map<string, Item> => {
    const s = workspace({ [PRD]: text });
    return new Map([...s.index.files.get(PRD)!.items].map(i => [i.id, i]));
  };
  const print = (item: Item) => contentPrintOf(item, undefined);

  it('names the content fields that changed, and leaves out status, owner, added and removed items', () => {
    const before = itemsOf(
      lines(
        'id: PRD-1',
        'title: Checkout',
        'requirements:',
        '  - {id: REQ-1, title: Pay, statement: Pay with a card., priority: must, status: draft}',
        '  - {id: REQ-2, title: Page, statement: One page., priority: must}',
        '  - {id: REQ-9, title: Gone, statement: Removed since., priority: must}',
      ),
    );
    const now = itemsOf(
      lines(
        'id: PRD-1',
        'title: Checkout',
        'requirements:',
        '  - id: REQ-1',
        '    title: Pay',
        '    statement: Pay with a saved card.',
        '    priority: should',
        '    status: approved',
        '    owner: Dana',
        '  - {id: REQ-2, priority: must, statement: "One page.", title: Page, status: done}',
        '  - {id: REQ-7, title: New, statement: Added since., priority: must}',
      ),
    );
    assert.deepEqual(
      changedItems(before, id => now.get(id), print),
      [{ id: 'REQ-1', fields: ['statement', 'priority'] }],
    );
  });

  it('lists an ID that now names another kind of item as changed in its kind', () => {
    const before = itemsOf(
      lines(
        'id: PRD-1',
        'title: Checkout',
        'requirements:',
        '  - {id: REQ-1, title: Pay, statement: Pay., priority: must}',
      ),
    );
    const story = workspace({
      [STORIES]: lines('id: IT-1', 'title: Sprint', 'stories:', '  - {id: REQ-1, title: Pay}'),
    });
    assert.deepEqual(
      changedItems(before, id => story.index.definitions(id)[0], print),
      [{ id: 'REQ-1', fields: ['kind'] }],
    );
  });
});
