import { DidChangeWatchedFilesNotification, WatchKind } from 'vscode-languageserver';
import { configFileName } from '../../core/config';
import { reviewsFileName } from '../../core/reviews/stamps';
import type { Feature } from '../context';
import { guardNotification } from '../guard';
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
    if (!ctx.client.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    ctx.connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [...watchedGlobs.map(globPattern => ({ globPattern })), watchedFolders],
      })
      .catch(err => ctx.log.error(`registering file watchers failed: ${describeError(err)}`));
  },
};
