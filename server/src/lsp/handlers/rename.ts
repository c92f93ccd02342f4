import type { PrepareRenameParams, RenameParams } from 'vscode-languageserver';
import { prepareRename, rename } from '../../core/features/rename';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { toLspWorkspaceEdit } from '../convert';
import { editTarget, refused, serveRequest } from '../request';

/**
 * textDocument/prepareRename and textDocument/rename: an ID, everywhere it
 * is defined or named. What the core refuses (not an ID, an invalid or taken
 * new ID) is answered with an error carrying the core's message, and no edit.
 */
export const renameFeature: Feature = {
  name: 'rename',
  initialize: ctx => featureCapabilities.rename(ctx.client),
  register(ctx) {
    ctx.connection.onPrepareRename(
      serveRequest(
        ctx,
        'textDocument/prepareRename',
        (p: PrepareRenameParams) => prepareRename(ctx.service, p.textDocument.uri, p.position),
        r => {
          if ('error' in r) throw refused(r.error);
          return r;
        },
      ),
    );
    ctx.connection.onRenameRequest(
      serveRequest(
        ctx,
        'textDocument/rename',
        (p: RenameParams) => rename(ctx.service, p.textDocument.uri, p.position, p.newName),
        r => {
          if ('error' in r) throw refused(r.error);
          return toLspWorkspaceEdit(r.edits, editTarget(ctx));
        },
      ),
    );
  },
};
