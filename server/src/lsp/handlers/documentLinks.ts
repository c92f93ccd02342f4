import type { DocumentLinkParams } from 'vscode-languageserver';
import { documentLinks } from '../../core/features/documentLinks';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/** textDocument/documentLink: the ticket keys of an open document, linked to their tracker. */
export const documentLinksFeature: Feature = {
  name: 'documentLinks',
  initialize: () => featureCapabilities.documentLinks(),
  register(ctx) {
    ctx.connection.onDocumentLinks(
      serveRequest(
        ctx,
        'textDocument/documentLink',
        (p: DocumentLinkParams) => documentLinks(ctx.service, p.textDocument.uri),
        asIs,
      ),
    );
  },
};
