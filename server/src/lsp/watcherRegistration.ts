import { DidChangeWatchedFilesNotification, type Disposable } from 'vscode-languageserver';
import type { ServerContext } from './context';
import { describeError } from './log';

/**
 * Keep one file-watcher registration for globs that the configurations name
 * (team schema files, `trace:` globs), each relative to its root: as a
 * relative pattern where the client takes them, else prefixed with `**` and a slash.
 * Re-registered after a commit that changes the list; registrations run one
 * after the other. Nothing for a client without dynamic registration.
 */
export function keepWatching(
  ctx: ServerContext,
  what: string,
  globs: () => { rootUri: string; pattern: string }[],
): void {
  const caps = ctx.client.workspace?.didChangeWatchedFiles;
  if (!caps?.dynamicRegistration) return;
  const relative = caps.relativePatternSupport === true;
  let watched = '[]';
  let registration: Promise<Disposable | undefined> = Promise.resolve(undefined);
  ctx.sync.onDidCommit(() => {
    const list = globs();
    const key = JSON.stringify(list);
    if (key === watched) return;
    watched = key;
    registration = registration
      .then(async previous => {
        previous?.dispose();
        if (!list.length) return undefined;
        const watchers = list.map(g => ({
          globPattern: relative
            ? { baseUri: g.rootUri, pattern: g.pattern }
            : `**/${g.pattern.replace(/^(\.?\/)+/, '')}`,
        }));
        return ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers });
      })
      .catch(err => {
        ctx.log.error(`watching ${what} failed: ${describeError(err)}`);
        return undefined;
      });
  });
}
