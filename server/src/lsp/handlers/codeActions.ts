import { CodeActionKind, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { codeActions } from '../../core/features/codeActions';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { diagnosticSource, toLspCodeAction } from '../convert';
import { editTarget, serveRequest } from '../request';

/**
 * textDocument/codeAction: quick fixes for the diagnostics the client sends
 * back (their `code` and `data` tell the core what to fix).
 */
export const codeActionsFeature: Feature = {
  name: 'code actions',
  initialize: ctx => featureCapabilities.codeActions(ctx.client),
  register(ctx) {
    ctx.connection.onCodeAction(
      serveRequest(
        ctx,
        'textDocument/codeAction',
        (p: CodeActionParams) => {
          if (!wantsQuickFixes(p.context?.only)) return [];
          // The client's own objects go to the core and come back in each fix's `diagnostics`.
          const ours = (p.context?.diagnostics ?? []).filter(isOurs);
          return codeActions(ctx.service, p.textDocument.uri, p.range, ours);
        },
        actions => actions.map(a => toLspCodeAction(a, editTarget(ctx))),
      ),
    );
  },
};

/** Quick fixes are wanted unless `only` names kinds none of which is (or contains) `quickfix`. */
function wantsQuickFixes(only: readonly string[] | undefined): boolean {
  return !only?.length || only.some(k => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty);
}

/** A Specwright diagnostic (ours always have a plain-text message). */
function isOurs(d: Diagnostic): d is Diagnostic & { message: string } {
  return (d.source === undefined || d.source === diagnosticSource) && typeof d.message === 'string';
}
