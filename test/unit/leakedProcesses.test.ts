import * as assert from 'assert';
import { spawn } from 'child_process';
import { leftRunning } from '../leakedProcesses';

describe('the root hook on processes left running', () => {
  it('names a child that is still alive after the grace period, and none once it has exited', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const live = await leftRunning(200);
      assert.deepStrictEqual(
        live.map(c => c.pid),
        [child.pid],
      );
      assert.strictEqual(live[0].spawnargs[1], '-e');
    } finally {
      child.kill('SIGKILL');
    }
    assert.deepStrictEqual(await leftRunning(5_000), []);
  });

  it('waits for a child that was just told to stop', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 300)'], { stdio: 'ignore' });
    assert.deepStrictEqual(await leftRunning(10_000), []);
    assert.strictEqual(child.exitCode, 0);
  });
});
