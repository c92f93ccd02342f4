import type { FoldingRangeParams } from 'vscode-languageserver';
import { foldingRanges } from '../../core/features/folding';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/** textDocument/foldingRange: maps, lists, multi-line entries and comment blocks of an open document. */
export const foldingFeature: Feature = {
  name: 'folding',
  initialize: () => featureCapabilities.folding(),
  register(ctx) {
    ctx.connection.onFoldingRanges(
      serveRequest(
        ctx,
        'textDocument/foldingRange',
        (p: FoldingRangeParams) => foldingRanges(ctx.service, p.textDocument.uri),
        asIs,
      ),
    );
  },
};
