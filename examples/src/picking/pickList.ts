// The picker handheld's pick list: aisle order, barcode confirmation, weights and out-of-stock flags.
// @implements REQ-401, REQ-402
// @implements REQ-403 REQ-405

export interface PickItem {
  sku: string;
  barcode: string;
  aisle: number;
  chilled: boolean;
  picked: boolean;
  outOfStock: boolean;
}

/** Aisle order along the store's walking route, chilled and frozen items last. */
export function pickOrder(items: readonly PickItem[]): PickItem[] {
  return [...items].sort((a, b) => Number(a.chilled) - Number(b.chilled) || a.aisle - b.aisle);
}

/** A scan confirms the item it belongs to; a barcode not on the order is rejected. */
export function confirmScan(items: readonly PickItem[], barcode: string): PickItem | undefined {
  const item = items.find(i => i.barcode === barcode);
  if (item) item.picked = true;
  return item;
}

/** Weights more than 20% over the ordered amount need a second confirmation. */
export function needsSecondConfirmation(orderedGrams: number, weighedGrams: number): boolean {
  return weighedGrams > orderedGrams * 1.2;
}
