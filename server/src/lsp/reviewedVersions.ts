import type { SuspectLink } from '../core/features/suspectLinks';
import { findReviewedVersion, type FileHistory, type ReviewedVersion } from '../core/reviews/reviewedVersion';
import type { ServerContext } from './context';
import { describeError } from './log';

/** Searches that found nothing are tried again after this long: a commit may have added the reviewed version since. */
const retryMs = 30_000;
/** Lookups remembered at most (the oldest are forgotten first). */
const maxEntries = 1000;

interface Entry {
  /** The reviewed version; null when history has none; undefined while the search runs. */
  result?: ReviewedVersion | null;
  search: Promise<ReviewedVersion | undefined>;
  at: number;
}

/**
 * The reviewed versions of suspect links' upstream items, searched in git
 * history (core/reviews/reviewedVersion.ts) off the typing path: a hover
 * asks `known`, which answers from the cache at once and starts a search
 * when there is none, so that a later hover shows old → new; the Review
 * Changes request waits for `search`. Cached by root, file, item, stamp and
 * content fields: the history of a stamp's version never changes.
 */
export class ReviewedVersions {
  private readonly entries = new Map<string, Entry>();
  private readonly histories = new Map<string, FileHistory | undefined>();
  /**
   * False in an untrusted workspace (`initializationOptions.trusted`): git is
   * not run there at all, as VS Code's own git support is not (the client
   * restarts the server when trust is granted).
   */
  trusted = true;

  constructor(
    private readonly history: ((rootUri: string) => FileHistory | undefined) | undefined,
    private readonly ctx: Pick<ServerContext, 'log'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** What is known now of a link's reviewed version (undefined also while it is being searched). */
  known(link: SuspectLink): ReviewedVersion | undefined {
    void this.search(link);
    return this.entries.get(keyOf(link))?.result ?? undefined;
  }

  /** The reviewed version of a link's upstream item, searched once. */
  search(link: SuspectLink): Promise<ReviewedVersion | undefined> {
    if (link.targetPath === undefined) return Promise.resolve(undefined);
    const key = keyOf(link);
    const entry = this.entries.get(key);
    if (entry && (entry.result !== null || this.now() - entry.at < retryMs)) return entry.search;
    const history = this.historyOf(link.rootUri);
    if (!history) return Promise.resolve(undefined);
    const path = link.targetPath;
    const fresh: Entry = {
      at: this.now(),
      search: findReviewedVersion(history, path, link.target, link.stamp, link.content).then(
        found => {
          fresh.result = found ?? null;
          return found;
        },
        err => {
          fresh.result = null;
          this.ctx.log.info(
            `The reviewed version of ${link.target} (${path}) was not searched in history: ${err instanceof Error ? err.message : describeError(err)}`,
          );
          return undefined;
        },
      ),
    };
    this.entries.delete(key);
    this.entries.set(key, fresh);
    if (this.entries.size > maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return fresh.search;
  }

  /** The history of a root folder (one reader per root), none in an untrusted workspace. */
  historyOf(rootUri: string): FileHistory | undefined {
    if (!this.trusted) return undefined;
    if (!this.histories.has(rootUri)) this.histories.set(rootUri, this.history?.(rootUri));
    return this.histories.get(rootUri);
  }
}

function keyOf(link: SuspectLink): string {
  return [link.rootUri, link.targetPath, link.target, link.stamp, link.content.fields.join(',')].join('\0');
}

const perServer = new WeakMap<object, ReviewedVersions>();

/** The server's one cache of reviewed versions (the hover and Review Changes share it). */
export function reviewedVersionsOf(ctx: Pick<ServerContext, 'log' | 'runtime'>): ReviewedVersions {
  let versions = perServer.get(ctx);
  if (!versions) perServer.set(ctx, (versions = new ReviewedVersions(ctx.runtime.history, ctx)));
  return versions;
}
