import type { Feature } from '../context';

/**
 * The persistent index cache (docs/performance.md, "Warm start"): where the
 * client gives a storage folder (`initializationOptions.storagePath`, VS
 * Code's workspace storage), the scans read unchanged closed files from the
 * cache and write it again when they end. Without one, nothing is cached.
 */
export const indexCache: Feature = {
  name: 'indexCache',

  initialize(ctx, params) {
    const storagePath = (params.initializationOptions as { storagePath?: unknown } | null | undefined)
      ?.storagePath;
    if (typeof storagePath !== 'string' || !storagePath || !ctx.runtime.openCache) return;
    const open = ctx.runtime.openCache(storagePath, line => ctx.log.info(line));
    ctx.sync.useCache(
      open.catch((err: unknown) => {
        ctx.log.info(`cache: not used: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }),
    );
  },
};
