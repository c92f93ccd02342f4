/**
 * Loaded into the soak's server process (node --expose-gc --require
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

const out = process.env.SPECWRIGHT_SOAK_PROBE;
const gc = (globalThis as { gc?: () => void }).gc;
if (out && gc) {
  process.on('SIGUSR2', () => {
    gc();
    const m = process.memoryUsage();
    fs.appendFileSync(out, JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external }) + '\n');
  });
}
