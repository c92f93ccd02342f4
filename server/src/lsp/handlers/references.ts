import type { ReferenceParams } from 'vscode-languageserver';
import { references } from '../../core/features/references';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/** textDocument/references: every link to the ID under the cursor (and its definitions, when asked). */
export const referencesFeature: Feature = {
  name: 'references',
  initialize: () => featureCapabilities.references(),
  register(ctx) {
    ctx.connection.onReferences(
      serveRequest(
        ctx,
        'textDocument/references',
        (p: ReferenceParams) =>
          references(ctx.service, p.textDocument.uri, p.position, {
            includeDeclaration: !!p.context?.includeDeclaration,
          }),
        asIs,
      ),
    );
  },
};
