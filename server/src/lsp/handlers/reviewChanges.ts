import { allSuspectLinks } from '../../core/features/suspectLinks';
import { fileKind } from '../../core/parse/fileKind';
import {
  RevisionFileRequest,
  SuspectLinksRequest,
  type RevisionFileParams,
  type SuspectLinkEntry,
} from '../../protocol';
import type { Feature } from '../context';
import { guardRequest } from '../guard';
import { refused } from '../request';
import { reviewedVersionsOf } from '../reviewedVersions';
import { trustedFrom } from '../settings';

/** Reviewed versions searched at once (each a few git commands). */
const parallelSearches = 4;

/**
 * The requests behind "Specwright: Review Changes" (server/src/protocol.ts):
 * `specwright/suspectLinks` lists every suspect link with its reviewed
 * revision where git has it (the cache the hover fills), and
 * `specwright/revisionFile` gives a spec file's text at such a revision for
 * the diff editor. Only the roots that keep stamps, only spec files, only
 * full commit hashes: the client cannot make the server read anything else.
 * In an untrusted workspace git is never run: links are listed without a
 * reviewed revision and no revision file is read.
 */
export const reviewChangesRequests: Feature = {
  name: 'review changes requests',

  initialize(ctx, params) {
    reviewedVersionsOf(ctx).trusted = trustedFrom(params.initializationOptions);
  },

  register(ctx) {
    const versions = reviewedVersionsOf(ctx);

    ctx.connection.onRequest(
      SuspectLinksRequest.type,
      guardRequest(ctx.log, SuspectLinksRequest.method, async (): Promise<SuspectLinkEntry[]> => {
        ctx.sync.flushEdits();
        const links: SuspectLinkEntry[] = allSuspectLinks(ctx.service);
        let next = 0;
        const worker = async (): Promise<void> => {
          while (next < links.length) {
            const link = links[next++];
            const found = await versions.search(link);
            if (found) link.reviewed = { commit: found.commit, path: found.path };
          }
        };
        await Promise.all(Array.from({ length: Math.min(parallelSearches, links.length) }, worker));
        return links;
      }),
    );

    ctx.connection.onRequest(
      RevisionFileRequest.type,
      guardRequest(ctx.log, RevisionFileRequest.method, async (p: RevisionFileParams) => {
        const { rootUri, commit, path } = p ?? {};
        if (typeof rootUri !== 'string' || !ctx.service.reviewRoots().includes(rootUri))
          throw refused(`${JSON.stringify(rootUri)} is not a folder that keeps review stamps`);
        if (typeof commit !== 'string' || !/^[0-9a-f]{40,64}$/.test(commit))
          throw refused(`${JSON.stringify(commit)} is not a full commit hash`);
        if (typeof path !== 'string' || !isSpecPath(path))
          throw refused(`${JSON.stringify(path)} is not a spec file inside the folder`);
        const history = versions.historyOf(rootUri);
        if (!history) return null;
        try {
          const bytes = await history.readFile(commit, path);
          return bytes ? { text: new TextDecoder().decode(bytes) } : null;
        } catch (err) {
          ctx.log.info(`${path} at ${commit.slice(0, 12)} was not read: ${(err as Error).message}`);
          return null;
        }
      }),
    );
  },
};

/** A relative path with `/`, no `.` or `..` segment, naming a spec file. */
function isSpecPath(path: string): boolean {
  const parts = path.split('/');
  return (
    fileKind(path) !== undefined &&
    !path.includes('\\') &&
    !path.includes('\0') &&
    parts.every(s => s !== '' && s !== '.' && s !== '..') &&
    !/^[a-z]:/i.test(path)
  );
}
