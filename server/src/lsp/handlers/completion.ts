import type { CompletionItem, CompletionParams } from 'vscode-languageserver';
import { completion, resolveCompletion, type CompletionItemData } from '../../core/features/completion';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/**
 * textDocument/completion and completionItem/resolve: keys, enum values,
 * link IDs of the right kind, the next free ID; a link ID's documentation
 * is built when the editor shows the item.
 */
export const completionFeature: Feature = {
  name: 'completion',
  initialize: () => featureCapabilities.completion(),
  register(ctx) {
    ctx.connection.onCompletion(
      serveRequest(
        ctx,
        'textDocument/completion',
        (p: CompletionParams) => completion(ctx.service, p.textDocument.uri, p.position),
        asIs,
      ),
    );
    ctx.connection.onCompletionResolve(
      serveRequest(
        ctx,
        'completionItem/resolve',
        (item: CompletionItem) =>
          isItemData(item.data) ? resolveCompletion(ctx.service, item.data) : undefined,
        // An item whose ID is gone (or that has nothing to resolve) is shown as it came.
        (documentation, item): CompletionItem => (documentation ? { ...item, documentation } : item),
      ),
    );
  },
};

function isItemData(data: unknown): data is CompletionItemData {
  const d = data as Partial<CompletionItemData> | null | undefined;
  return typeof d?.uri === 'string' && typeof d.id === 'string';
}
