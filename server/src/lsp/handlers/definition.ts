import type { DefinitionParams } from 'vscode-languageserver';
import { definition } from '../../core/features/definition';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { toLspDefinition } from '../convert';
import { serveRequest } from '../request';

/** textDocument/definition: every definition of the ID under the cursor, in any file. */
export const definitionFeature: Feature = {
  name: 'definition',
  initialize: () => featureCapabilities.definition(),
  register(ctx) {
    ctx.connection.onDefinition(
      serveRequest(
        ctx,
        'textDocument/definition',
        (p: DefinitionParams) => definition(ctx.service, p.textDocument.uri, p.position),
        links => toLspDefinition(links, !!ctx.client.textDocument?.definition?.linkSupport),
      ),
    );
  },
};
