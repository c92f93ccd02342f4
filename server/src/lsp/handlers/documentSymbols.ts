import type { DocumentSymbolParams } from 'vscode-languageserver';
import { documentSymbols } from '../../core/features/documentSymbols';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { toLspDocumentSymbols } from '../convert';
import { serveRequest } from '../request';

/** textDocument/documentSymbol: the outline (the top item, its list items as children). */
export const documentSymbolsFeature: Feature = {
  name: 'document symbols',
  initialize: () => featureCapabilities.documentSymbols(),
  register(ctx) {
    ctx.connection.onDocumentSymbol(
      serveRequest(
        ctx,
        'textDocument/documentSymbol',
        (p: DocumentSymbolParams) => documentSymbols(ctx.service, p.textDocument.uri),
        (symbols, p) =>
          toLspDocumentSymbols(
            p.textDocument.uri,
            symbols,
            !!ctx.client.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
          ),
      ),
    );
  },
};
