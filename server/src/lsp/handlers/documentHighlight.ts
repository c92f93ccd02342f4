import type { DocumentHighlightParams } from 'vscode-languageserver';
import { documentHighlights } from '../../core/features/documentHighlight';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/** textDocument/documentHighlight: the ID under the cursor in the same file (definitions Write, links Read). */
export const documentHighlightFeature: Feature = {
  name: 'document highlight',
  initialize: () => featureCapabilities.documentHighlight(),
  register(ctx) {
    ctx.connection.onDocumentHighlight(
      serveRequest(
        ctx,
        'textDocument/documentHighlight',
        (p: DocumentHighlightParams) => documentHighlights(ctx.service, p.textDocument.uri, p.position),
        asIs,
      ),
    );
  },
};
