import { DidChangeWatchedFilesNotification, WatchKind } from 'vscode-languageserver';
import { configFileName } from '../../core/config';
import { reviewsFileName } from '../../core/reviews/stamps';
import { SourceFilesNotification } from '../../protocol';
import type { Feature, ServerContext } from '../context';
import { guardNotification } from '../guard';
import { keepWatching } from '../watcherRegistration';
import { describeError } from '../log';

/** What the server asks the client to watch: every spec file, every config and every review stamps file. */
export const watchedGlobs: readonly string[] = [
  '**/*.{vision,roadmap,epic,prd,stories}.{yaml,yml}',
  `**/${configFileName}`,
  `**/${reviewsFileName}`,
];

/**
 * Folders created or deleted: removing or moving a folder is reported as one
 * event for the folder, none for the spec files in it.
 */
export const watchedFolders = { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete };

/**
 * workspace/didChangeWatchedFiles: files created, changed or deleted outside
 * the editor (a rename arrives as delete + create). Registered dynamically
 * when the client can; a client that cannot is expected to send the events on
 * its own (vscode-languageclient's `synchronize.fileEvents`).
 */
export const watchedFiles: Feature = {
  name: 'watched files',

  register(ctx) {
    ctx.connection.onDidChangeWatchedFiles(
      guardNotification(ctx.log, 'workspace/didChangeWatchedFiles', params => {
        ctx.sync.diskChanged(params.changes.map(c => c.uri));
      }),
    );
  },

  initialized(ctx) {
    announceSourceFiles(ctx);
    if (!ctx.client.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    watchTraceFiles(ctx);
    ctx.connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [...watchedGlobs.map(globPattern => ({ globPattern })), watchedFolders],
      })
      .catch(err => ctx.log.error(`registering file watchers failed: ${describeError(err)}`));
  },
};

/** Watch the files the roots' `trace:` globs name: code, tests and results. */
function watchTraceFiles(ctx: ServerContext): void {
  keepWatching(ctx, 'the trace files', () =>
    ctx.service.traceGlobs().flatMap(r =>
      [...r.trace.code, ...r.trace.tests, ...r.trace.results].map(pattern => ({
        rootUri: r.rootUri,
        pattern,
      })),
    ),
  );
}

/**
 * Tell the client which code and test files the server serves (the globs of
 * `trace.code` and `trace.tests`), after the first scan and whenever they
 * change: a client that builds its document selector from them (the VS Code
 * extension) then sends those files' text.
 */
function announceSourceFiles(ctx: ServerContext): void {
  let sent: string | undefined;
  ctx.sync.onDidCommit(() => {
    // A commit before the first scan (a document opened early) knows no configuration yet: announcing
    // "none" then the globs made the VS Code client restart twice per start, and again after each restart.
    if (!ctx.sync.scanned) return;
    const folders = ctx.service
      .traceGlobs()
      .map(r => ({ rootUri: r.rootUri, globs: [...r.trace.code, ...r.trace.tests] }))
      .filter(r => r.globs.length);
    const key = JSON.stringify(folders);
    if (key === sent) return;
    sent = key;
    ctx.connection
      .sendNotification(SourceFilesNotification.type, { folders })
      .catch(err => ctx.log.error(`announcing the code and test files failed: ${describeError(err)}`));
  });
}
