import * as assert from 'node:assert/strict';
import { mock } from 'node:test';
import { Debounce } from '../../../server/src/lsp/debounce';

/** Advance the mocked clock 1 ms at a time, so that a timer's callback sees the time it was due at. */
function advance(ms: number): void {
  for (let i = 0; i < ms; i++) mock.timers.tick(1);
}

/** A mocked clock (setTimeout and Date), so that the test reads the debounce's arithmetic, not the machine's speed. */
describe('lsp/debounce', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 }));
  afterEach(() => mock.timers.reset());

  it('fires once, when a burst has been quiet for the delay', () => {
    const fired: number[] = [];
    const d = new Debounce(() => fired.push(Date.now()), 1000);
    d.schedule(100);
    advance(60);
    d.schedule(100);
    advance(60);
    d.schedule(100);
    assert.ok(d.pending);
    advance(99);
    assert.deepEqual(fired, []);
    advance(1);
    assert.deepEqual(fired, [220]);
    assert.equal(d.pending, false);
  });

  it('fires at the ceiling while calls keep coming, then starts a new burst', () => {
    const fired: number[] = [];
    const d = new Debounce(() => fired.push(Date.now()), 250);
    for (let t = 0; t < 560; t += 40) {
      d.schedule(100);
      advance(40);
    }
    // Calls every 40 ms up to 520: the burst from 0 fires at its ceiling, 250; the call at 280 starts the next, which fires at 530.
    assert.deepEqual(fired, [250, 530]);
    advance(200);
    assert.deepEqual(fired, [250, 530]);
    d.schedule(100);
    advance(100);
    assert.deepEqual(fired, [250, 530, 860]);
  });

  it('takes each call its own delay, and fires nothing after cancel', () => {
    const fired: number[] = [];
    const d = new Debounce(() => fired.push(Date.now()), 5000);
    d.schedule(500);
    advance(10);
    d.schedule(50);
    advance(50);
    assert.deepEqual(fired, [60]);
    d.schedule(50);
    d.cancel();
    assert.equal(d.pending, false);
    advance(1000);
    assert.deepEqual(fired, [60]);
  });
});
