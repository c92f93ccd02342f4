import { CodeLensRefreshRequest, type CodeLens, type CodeLensParams } from 'vscode-languageserver';
import { codeLenses, resolveCodeLens, type CodeLensData } from '../../core/features/codeLens';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { refreshOnCommit } from '../refreshOnCommit';
import { asIs, serveRequest } from '../request';

/**
 * textDocument/codeLens and codeLens/resolve: lenses on requirements, PRDs,
 * epics and releases; titles (coverage, progress, RICE) are computed when
 * the editor resolves a visible lens. Their numbers read other files, so a
 * client that can is asked to refresh its lenses after the model changes.
 */
export const codeLensFeature: Feature = {
  name: 'code lens',
  initialize: () => featureCapabilities.codeLens(),
  register(ctx) {
    ctx.connection.onCodeLens(
      serveRequest(
        ctx,
        'textDocument/codeLens',
        (p: CodeLensParams) => codeLenses(ctx.service, p.textDocument.uri),
        asIs,
      ),
    );
    ctx.connection.onCodeLensResolve(
      serveRequest(
        ctx,
        'codeLens/resolve',
        (lens: CodeLens) => (isLensData(lens.data) ? resolveCodeLens(ctx.service, lens.data) : undefined),
        // A lens whose item is gone stays unresolved; the editor asks for fresh lenses soon.
        (command, lens): CodeLens => (command ? { ...lens, command } : lens),
      ),
    );
  },
  initialized(ctx) {
    if (ctx.client.workspace?.codeLens?.refreshSupport) {
      refreshOnCommit(ctx, 'workspace/codeLens/refresh', () =>
        ctx.connection.sendRequest(CodeLensRefreshRequest.type),
      );
    }
  },
};

function isLensData(data: unknown): data is CodeLensData {
  const d = data as Partial<CodeLensData> | null | undefined;
  return typeof d?.uri === 'string' && typeof d.id === 'string';
}
