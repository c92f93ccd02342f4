/**
 * Loaded into the soak's server process (node --require
 * out/test/soak/gcProbe.js, through NODE_OPTIONS; the server's code is not
 * touched). On SIGUSR2 it runs a full garbage collection and appends the
 * process's memory figures, as one JSON line, to the file named by
 * SPECWRIGHT_SOAK_PROBE.
 *
 * Why: between collections the server's RSS climbs by a third and falls
 * back, in a saw-tooth about a minute long, and V8 need not run a full
 * collection (or give pages back) within a one-minute soak at all. Two
 * windows of passive samples can then differ by 20 % with no leak. After a
 * full collection only live objects remain, which is exactly what a leak
 * raises, so the soak compares RSS measured right after forced collections.
 */
import * as fs from 'fs';
import * as v8 from 'v8';
import * as vm from 'vm';

const out = process.env.SPECWRIGHT_SOAK_PROBE;
// V8's gc() without --expose-gc on the command line (which not every Node accepts in NODE_OPTIONS): the
// flag set at run time exposes gc in contexts created afterwards. The server's own context is unchanged.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as (() => void) | undefined;
if (out && typeof gc === 'function') {
  process.on('SIGUSR2', () => {
    gc();
    const m = process.memoryUsage();
    fs.appendFileSync(
      out,
      JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external }) + '\n',
    );
  });
}
