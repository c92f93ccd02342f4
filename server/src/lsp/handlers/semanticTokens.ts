import {
  SemanticTokensRefreshRequest,
  SemanticTokensRequest,
  type SemanticTokensParams,
} from 'vscode-languageserver';
import { semanticTokens } from '../../core/features/semanticTokens';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { refreshOnCommit } from '../refreshOnCommit';
import { asIs, serveRequest } from '../request';

/**
 * textDocument/semanticTokens/full: IDs as defined, linked or unresolved.
 * Whether a link resolves depends on other files, so a client that can is
 * asked to refresh its tokens after the model changes.
 */
export const semanticTokensFeature: Feature = {
  name: 'semantic tokens',
  initialize: () => featureCapabilities.semanticTokens(),
  register(ctx) {
    ctx.connection.onRequest(
      SemanticTokensRequest.type,
      serveRequest(
        ctx,
        'textDocument/semanticTokens/full',
        (p: SemanticTokensParams) => semanticTokens(ctx.service, p.textDocument.uri),
        asIs,
      ),
    );
  },
  initialized(ctx) {
    if (ctx.client.workspace?.semanticTokens?.refreshSupport) {
      refreshOnCommit(ctx, 'workspace/semanticTokens/refresh', () =>
        ctx.connection.sendRequest(SemanticTokensRefreshRequest.type),
      );
    }
  },
};
