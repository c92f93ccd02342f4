import type { ServerContext } from './context';
import { guardNotification } from './guard';
import { describeError } from './log';

/** Changes to the model within this many milliseconds cause one refresh request. */
const refreshDelayMs = 250;

/**
 * Ask the client to refresh what it shows (`workspace/codeLens/refresh`,
 * `workspace/semanticTokens/refresh`) after the model changes: what those
 * show reads other files, which the client does not know changed. Commits
 * that come close together cause one request.
 */
export function refreshOnCommit(ctx: ServerContext, method: string, send: () => Promise<unknown>): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refresh = guardNotification(ctx.log, method, () => {
    timer = undefined;
    send().catch(err => ctx.log.error(`${method} failed: ${describeError(err)}`));
  });
  ctx.sync.onDidCommit(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(refresh, refreshDelayMs);
  });
  ctx.disposables.push({
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  });
}
