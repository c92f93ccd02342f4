// Wallet payments: the wallet button is offered only where the device has a wallet set up.
// @implements REQ-103#1

export type Wallet = 'apple-pay' | 'google-pay';

export interface Device {
  wallets: readonly Wallet[];
}

export function walletButton(device: Device): Wallet | undefined {
  return device.wallets[0];
}
