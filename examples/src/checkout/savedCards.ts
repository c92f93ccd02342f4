// Saved payment methods: the card is tokenised by the payment provider, Basket keeps the token only.
// @implements REQ-101

export interface SavedCard {
  token: string;
  last4: string;
  isDefault: boolean;
}

/** Save a card after a successful payment; it becomes the default for the next order. */
export function saveCard(cards: readonly SavedCard[], token: string, last4: string): SavedCard[] {
  return [...cards.map(c => ({ ...c, isDefault: false })), { token, last4, isDefault: true }];
}

export function removeCard(cards: readonly SavedCard[], token: string): SavedCard[] {
  return cards.filter(c => c.token !== token);
}
