/**
 * A trailing debounce with a ceiling: `fire` runs once a burst of
 * `schedule` calls has been quiet for the delay — or, while calls keep
 * coming, `maxWaitMs` after the first call of the burst, so steady typing or
 * a long stream of file events still gets through. A burst ends when `fire`
 * runs or on `cancel`. The one timer logic of edits (documents.ts), file
 * events (workspaceSync.ts) and view refreshes (handlers/views.ts).
 */
export class Debounce {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstAt = 0;

  constructor(
    private readonly fire: () => void,
    private readonly maxWaitMs: number,
  ) {}

  /** Wait `delayMs` of quiet from now (within the burst's ceiling), then fire. */
  schedule(delayMs: number): void {
    const now = Date.now();
    if (this.timer === undefined) this.firstAt = now;
    else clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(delayMs, this.firstAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.fire();
    }, wait);
  }

  /** A call is waiting to fire. */
  get pending(): boolean {
    return this.timer !== undefined;
  }

  /** Forget the burst: nothing fires until the next `schedule`. */
  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
