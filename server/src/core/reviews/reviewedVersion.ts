import { compareFingerprints, fingerprint, type ContentPrint } from './fingerprint';
import { itemsOfFiles } from './revisionItems';
import type { RevisionReader } from './revisionReader';

/**
 * The history of one file, as the search for a reviewed version reads it.
 * The node layer implements it with git (node/git.ts); paths are relative
 * to the workspace root, with `/`.
 */
export interface FileHistory extends Pick<RevisionReader, 'readFile'> {
  /** The commits that changed a file, newest first, at most `limit`; none outside a repository or for a file git never had. */
  commitsTouching(path: string, limit: number): Promise<string[]>;
}

/** How many commits of a file are searched for a reviewed version: older reviews are shown by field names only. */
export const reviewHistoryDepth = 50;

/** The version of an upstream item that a link was reviewed against, as git has it. */
export interface ReviewedVersion {
  commit: string;
  /** The file that held it then, relative to the workspace root. */
  path: string;
  /** Its fields then, as `check` would have read them. */
  fields: Readonly<Record<string, unknown>>;
}

/**
 * The most recent revision of `path` whose item `id` has the fingerprint of
 * a stamp under the item's current content fields (`content`: a stamp made
 * before `reviews.content` added fields matches as `compareFingerprints`
 * reads it), searching the last `reviewHistoryDepth`
 * commits that touched the file. Each revision is read by the same analysis
 * as `check`, under the workspace's configuration text. Undefined when none
 * matches (the review was of a version never committed, or an older one).
 */
export async function findReviewedVersion(
  history: FileHistory,
  path: string,
  id: string,
  stamp: string,
  content: Pick<ContentPrint, 'fields' | 'builtin'>,
  config?: string,
): Promise<ReviewedVersion | undefined> {
  for (const commit of await history.commitsTouching(path, reviewHistoryDepth)) {
    const bytes = await history.readFile(commit, path);
    if (!bytes) continue;
    const item = itemsOfFiles([{ path, bytes }], config).get(id)?.item;
    if (!item) continue;
    const print = fingerprint(item.fields, content.fields);
    if (!compareFingerprints(stamp, print, content.fields, content.builtin))
      return { commit, path, fields: item.fields };
  }
  return undefined;
}
