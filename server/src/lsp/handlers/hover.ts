import type { HoverParams } from 'vscode-languageserver';
import { hover } from '../../core/features/hover';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { serveRequest } from '../request';

/**
 * textDocument/hover: the card of an ID (open or closed file: the tree views
 * ask for items in files that are not open), a key's or an enum value's meaning.
 */
export const hoverFeature: Feature = {
  name: 'hover',
  initialize: () => featureCapabilities.hover(),
  register(ctx) {
    ctx.connection.onHover(
      serveRequest(
        ctx,
        'textDocument/hover',
        (p: HoverParams) => hover(ctx.service, p.textDocument.uri, p.position),
        h => h ?? null,
      ),
    );
  },
};
