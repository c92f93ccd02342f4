// @verifies REQ-101, REQ-102
import { strict as assert } from 'node:assert';
import { removeCard, saveCard } from '../../src/checkout/savedCards';

describe('saved cards', () => {
  it('makes a card saved at checkout the default on the next order', () => {
    const cards = saveCard(saveCard([], 'tok_1', '4242'), 'tok_2', '1881');
    assert.deepEqual(
      cards.filter(c => c.isDefault).map(c => c.last4),
      ['1881'],
    );
  });

  it('removes a saved card from the account screen', () => {
    assert.deepEqual(removeCard(saveCard([], 'tok_1', '4242'), 'tok_1'), []);
  });
});
