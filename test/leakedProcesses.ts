/**
 * A mocha root hook (`.mocharc.json` requires it): after the last test, no
 * process a test started may still be running. A server or a CLI left behind
 * keeps mocha waiting for it after the summary, with nothing printed, until
 * CI's time runs out. The hook gives each child that is still alive a few
 * seconds (a test may have just sent it `exit` or a signal), then kills the
 * rest and fails, naming their command lines.
 */
import { ChildProcess } from 'child_process';

/** Node keeps every live child among its active handles; there is no public API for the list. */
function liveChildren(): ChildProcess[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter(
    (h): h is ChildProcess => h instanceof ChildProcess && h.exitCode === null && h.signalCode === null,
  );
}

export const graceMs = 5_000;

export async function leftRunning(waitMs = graceMs): Promise<ChildProcess[]> {
  const deadline = Date.now() + waitMs;
  let live = liveChildren();
  while (live.length && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 100));
    live = liveChildren();
  }
  return live;
}

export const mochaHooks = {
  async afterAll(this: { timeout(ms: number): void }): Promise<void> {
    this.timeout(graceMs + 10_000);
    const live = await leftRunning();
    if (!live.length) return;
    for (const child of live) child.kill('SIGKILL');
    throw new Error(
      `${live.length} process(es) started by the tests still running after the last test (killed now):\n` +
        live.map(c => `  pid ${c.pid}: ${c.spawnargs.join(' ').slice(0, 300)}`).join('\n'),
    );
  },
};
