import type { HoverParams } from 'vscode-languageserver';
import { hover } from '../../core/features/hover';
import { featureCapabilities } from '../capabilities';
import type { Feature } from '../context';
import { serveRequest } from '../request';
import { reviewedVersionsOf } from '../reviewedVersions';
import { RollupWarmup } from '../rollupWarmup';

/**
 * textDocument/hover: the card of an ID (open or closed file: the tree views
 * ask for items in files that are not open), a key's or an enum value's meaning.
 */
export const hoverFeature: Feature = {
  name: 'hover',
  initialize: () => featureCapabilities.hover(),
  register(ctx) {
    // A suspect link's reviewed version comes from git, searched off the typing path (reviewedVersions.ts).
    const versions = reviewedVersionsOf(ctx);
    // Release cards walk the release's subtree: walked after each quiet commit, kept by the index.
    const warmup = new RollupWarmup(
      () => ctx.service.index,
      m => ctx.log.error(m),
    );
    ctx.sync.onDidCommit(() => warmup.changed());
    ctx.disposables.push(warmup);
    ctx.connection.onHover(
      serveRequest(
        ctx,
        'textDocument/hover',
        (p: HoverParams) => hover(ctx.service, p.textDocument.uri, p.position, link => versions.known(link)),
        h => h ?? null,
      ),
    );
  },
};
