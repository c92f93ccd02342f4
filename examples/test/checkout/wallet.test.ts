// Wallet payments (REQ-103): each test names the requirement in its title, so the
// JUnit results (test-results/junit.xml) say which requirement it verifies.
import { strict as assert } from 'node:assert';
import { walletButton } from '../../src/checkout/walletButton';
import { payWithWallet } from '../../src/checkout/walletPayment';

const card = { token: 'tok_1', last4: '4242', isDefault: true };

describe('wallet payments', () => {
  it('[REQ-103#1] shows the wallet button where a wallet is set up', () => {
    assert.equal(walletButton({ wallets: ['apple-pay'] }), 'apple-pay');
  });

  it('[REQ-103#1] hides the wallet button on a device without a wallet', () => {
    assert.equal(walletButton({ wallets: [] }), undefined);
  });

  it('[REQ-103#2] falls back to the saved card when the wallet declines', async () => {
    const result = await payWithWallet(() => Promise.resolve(false), card);
    assert.deepEqual(result, { paid: true, by: 'card' });
  });
});
