import { TextDocumentSyncKind } from 'vscode-languageserver';
import type { Feature } from '../context';
import { guardNotification } from '../guard';

/** textDocument/didOpen, didChange (incremental), didClose: the editor's buffers. */
export const documentSync: Feature = {
  name: 'document sync',

  initialize: () => ({ textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental } }),

  register(ctx) {
    ctx.documents.listen(
      ctx.connection,
      {
        opened: guardNotification(ctx.log, 'textDocument/didOpen', doc => ctx.sync.opened(doc)),
        changed: guardNotification(ctx.log, 'textDocument/didChange', doc => ctx.sync.changed(doc)),
        closed: guardNotification(ctx.log, 'textDocument/didClose', uri => ctx.sync.closed(uri)),
        reviewsChanged: guardNotification(ctx.log, 'specwright.reviews in the editor', uri =>
          ctx.sync.diskChanged([uri]),
        ),
        sourceChanged: guardNotification(ctx.log, 'a code or test file in the editor', doc =>
          ctx.sync.sourceChanged(doc),
        ),
        sourceClosed: guardNotification(ctx.log, 'textDocument/didClose', uri => ctx.sync.sourceClosed(uri)),
      },
      ctx.log,
    );
  },
};
