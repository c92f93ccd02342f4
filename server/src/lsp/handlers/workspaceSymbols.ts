import type { WorkspaceSymbolParams } from 'vscode-languageserver';
import { workspaceSymbols } from '../../core/features/workspaceSymbols';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { asIs, serveRequest } from '../request';

/** workspace/symbol: items by ID or title, in every file. */
export const workspaceSymbolsFeature: Feature = {
  name: 'workspace symbols',
  initialize: () => featureCapabilities.workspaceSymbols(),
  register(ctx) {
    ctx.connection.onWorkspaceSymbol(
      serveRequest(
        ctx,
        'workspace/symbol',
        (p: WorkspaceSymbolParams) =>
          workspaceSymbols(ctx.service, typeof p.query === 'string' ? p.query : ''),
        asIs,
      ),
    );
  },
};
