import type { CompletionList, CompletionParams } from 'vscode-languageserver';
import { completion } from '../../core/features/completion';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { serveRequest } from '../request';

/** textDocument/completion: keys, enum values, link IDs of the right kind, the next free ID. */
export const completionFeature: Feature = {
  name: 'completion',
  initialize: () => featureCapabilities.completion(),
  register(ctx) {
    ctx.connection.onCompletion(serveRequest(ctx, 'textDocument/completion',
      (p: CompletionParams) => completion(ctx.service, p.textDocument.uri, p.position),
      // The core's items are LSP's (kinds and formats are LSP numbers).
      list => list as CompletionList));
  },
};
