import type { InitializeParams, InitializeResult } from 'vscode-languageserver';
import { mergeCapabilities } from '../capabilities';
import type { Feature, ServerContext } from '../context';
import { guardNotification, guardRequest } from '../guard';
import { describeError } from '../log';

/**
 * initialize → initialized → shutdown. `exit` is the library's: it ends the
 * process with 0 after a shutdown and 1 without one.
 */
export function registerLifecycle(ctx: ServerContext, features: readonly Feature[]): void {
  ctx.connection.onInitialize(
    guardRequest(ctx.log, 'initialize', (params: InitializeParams): InitializeResult => {
      ctx.client = params.capabilities ?? {};
      const capabilities = mergeCapabilities(features.map(f => f.initialize?.(ctx, params)));
      const version = ctx.runtime.version;
      return { capabilities, serverInfo: version ? { name: 'specwright', version } : { name: 'specwright' } };
    }),
  );

  ctx.connection.onInitialized(
    guardNotification(ctx.log, 'initialized', () => {
      // A healthy start says who is running and on what (the Output channel's first lines).
      const folders = ctx.folders.list();
      ctx.log.info(`Specwright language server ${ctx.runtime.version ?? '(version unknown)'}`);
      ctx.log.info(
        folders.length
          ? `workspace folders: ${folders.join(', ')}`
          : 'no workspace folder open: only open files are checked',
      );
      for (const f of features) {
        try {
          f.initialized?.(ctx);
        } catch (err) {
          ctx.log.error(`starting ${f.name} failed: ${describeError(err)}`);
        }
      }
    }),
  );

  ctx.connection.onShutdown(
    guardRequest(ctx.log, 'shutdown', () => {
      ctx.sync.dispose();
      for (const d of ctx.disposables.splice(0)) {
        try {
          d.dispose();
        } catch (err) {
          ctx.log.error(`releasing a resource at shutdown failed: ${describeError(err)}`);
        }
      }
    }),
  );
}
