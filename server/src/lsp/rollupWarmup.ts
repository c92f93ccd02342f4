import { keptStoriesUnder } from '../core/graph/progress';
import type { ReadonlyIndex } from '../core/graph/workspaceIndex';
import { Debounce } from './debounce';
import { yieldToEventLoop } from './workspaceSync';

/**
 * A release's hover card and lens show its stories done, which walks the
 * release's whole subtree: ~5 ms for a release of 4,000 IDs at 50,000
 * requirements, paid by the first request that asks after a change. The
 * index keeps each walk until a change touches it
 * (`keptStoriesUnder`, graph/progress.ts), so once the model has been quiet for
 * `quietMs` after a commit, the releases are walked here, one per turn of
 * the event loop: a request or an edit waits for one walk at most. A
 * release the last change did not touch is still kept and costs nothing.
 */
export class RollupWarmup {
  private readonly timer: Debounce;
  /** Bumped by every change and by dispose: a warm-up of an older round stops. */
  private round = 0;

  constructor(
    private readonly index: () => ReadonlyIndex,
    private readonly log: (message: string) => void,
    private readonly quietMs = 200,
  ) {
    this.timer = new Debounce(() => void this.warm(this.round), quietMs * 5);
  }

  /** The model changed: warm again once it has been quiet for a while. */
  changed(): void {
    this.round++;
    this.timer.schedule(this.quietMs);
  }

  dispose(): void {
    this.round++;
    this.timer.cancel();
  }

  private async warm(round: number): Promise<void> {
    const releases: string[] = [];
    for (const file of this.index().files.values())
      if (file.kind === 'roadmap')
        for (const item of file.items) if (item.kind === 'release') releases.push(item.id);
    for (const id of releases) {
      await yieldToEventLoop();
      if (round !== this.round) return;
      try {
        keptStoriesUnder(this.index(), id);
      } catch (err) {
        this.log(`walking the stories of ${id} failed: ${err instanceof Error ? err.message : String(err)}`);
        return;
      }
    }
  }
}
