// @verifies REQ-401, REQ-402, REQ-403, REQ-405
import { strict as assert } from 'node:assert';
import { confirmScan, needsSecondConfirmation, pickOrder, type PickItem } from '../../src/picking/pickList';

const item = (sku: string, aisle: number, chilled = false): PickItem => ({
  sku,
  barcode: `400${sku}`,
  aisle,
  chilled,
  picked: false,
  outOfStock: false,
});

describe('pick list', () => {
  it('orders items by aisle, chilled items last', () => {
    const order = pickOrder([item('milk', 1, true), item('rice', 7), item('tea', 3)]);
    assert.deepEqual(
      order.map(i => i.sku),
      ['tea', 'rice', 'milk'],
    );
  });

  it('rejects a barcode that is not on the order', () => {
    assert.equal(confirmScan([item('tea', 3)], '4009999'), undefined);
  });

  it('asks again for a weight more than 20% over the order', () => {
    assert.equal(needsSecondConfirmation(1000, 1250), true);
    assert.equal(needsSecondConfirmation(1000, 1150), false);
  });
});
