import type { SelectionRangeParams } from 'vscode-languageserver';
import { selectionRanges } from '../../core/features/selectionRange';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/** textDocument/selectionRange: expand selection, scalar → pair → map → list item → ... → document. */
export const selectionRangeFeature: Feature = {
  name: 'selection range',
  initialize: () => featureCapabilities.selectionRange(),
  register(ctx) {
    ctx.connection.onSelectionRanges(
      serveRequest(
        ctx,
        'textDocument/selectionRange',
        (p: SelectionRangeParams) => selectionRanges(ctx.service, p.textDocument.uri, p.positions ?? []),
        asIs,
      ),
    );
  },
};
