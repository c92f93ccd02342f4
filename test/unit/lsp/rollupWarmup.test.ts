/**
 * After a commit and a quiet spell, the server walks every release's stories
 * once, one release per turn of the event loop, into what the index keeps;
 * a new change stops a warm-up under way and starts another later.
 */
import * as assert from 'node:assert/strict';
import { RollupWarmup } from '../../../server/src/lsp/rollupWarmup';
import { SpecService } from '../../../server/src/core/service';
import { lines } from '../helpers';

const ROADMAP = 'file:///w/product.roadmap.yaml';
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Poll until `done`; a bound far above the 20 ms it takes, against a hang only. */
async function waitUntil(done: () => boolean): Promise<void> {
  for (const start = Date.now(); !done(); await sleep(2))
    if (Date.now() - start > 10_000) throw new Error('gave up waiting');
}

function workspace(onWalk: (id: string) => void = () => undefined): {
  service: SpecService;
  walked: string[];
} {
  const service = new SpecService();
  service.apply([
    {
      uri: ROADMAP,
      text: lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - {id: R-1, title: One, horizon: now}',
        '  - {id: R-2, title: Two, horizon: next}',
        '  - {id: R-3, title: Three, horizon: later}',
      ),
    },
    { uri: 'file:///w/a.epic.yaml', text: lines('id: EPIC-1', 'title: E', 'release: R-1') },
  ]);
  const walked: string[] = [];
  const index = service.index;
  const kept = index.kept.bind(index);
  index.kept = <T>(key: string, compute: Parameters<typeof kept<T>>[1]): T => {
    const id = key.split('\u0000')[1];
    walked.push(id);
    onWalk(id);
    return kept(key, compute);
  };
  return { service, walked };
}

describe('lsp: release roll-ups walked when the model is quiet', () => {
  it('walks every release once after a quiet spell, and nothing before it', async () => {
    const { service, walked } = workspace();
    const warmup = new RollupWarmup(
      () => service.index,
      () => assert.fail('no error'),
      20,
    );
    warmup.changed();
    await sleep(5);
    assert.deepEqual(walked, []);
    await waitUntil(() => walked.length >= 3);
    await sleep(30);
    assert.deepEqual(walked, ['R-1', 'R-2', 'R-3']);
    warmup.dispose();
  });

  it('stops a warm-up under way when the model changes again, and starts over after the next quiet spell', async () => {
    const held: { warmup?: RollupWarmup } = {};
    // The model changes again while the first release is walked.
    const { service, walked } = workspace(() => {
      if (walked.length === 1) held.warmup?.changed();
    });
    const warmup = (held.warmup = new RollupWarmup(
      () => service.index,
      () => assert.fail('no error'),
      20,
    ));
    warmup.changed();
    await waitUntil(() => walked.length >= 4);
    await sleep(30);
    assert.deepEqual(walked, ['R-1', 'R-1', 'R-2', 'R-3']);
    warmup.dispose();
  });

  it('says what failed, and stops, when a walk throws', async () => {
    const { service } = workspace();
    service.index.kept = () => {
      throw new Error('boom');
    };
    const said: string[] = [];
    const warmup = new RollupWarmup(
      () => service.index,
      m => said.push(m),
      10,
    );
    warmup.changed();
    await waitUntil(() => said.length >= 1);
    await sleep(30);
    assert.deepEqual(said, ['walking the stories of R-1 failed: boom']);
    warmup.dispose();
  });
});
