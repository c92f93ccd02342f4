import { planReview } from '../reviews/review';
import { stampsFileEdit } from '../reviews/stampsEdit';
import { reviewsFileName } from '../reviews/stamps';
import type { WorkspaceView } from '../workspaceView';
import { joinUri } from '../workspace';
import type { Fix } from './graphFixes';

/**
 * Quick fixes of `suspect-link` and `unreviewed-link` (the finding's data
 * names the link): "Mark ST-301 reviewed against REQ-101" stamps that link,
 * and where more than one link to REQ-101 needs a review, "Mark all N links
 * to REQ-101 reviewed" stamps every link to it. Both rewrite
 * `specwright.reviews` through the same plan as `specwright review` (so the
 * file reads exactly as the command would write it: sorted, stale stamps
 * dropped). None where the stamps file has lines that are not stamps.
 */
export function reviewFixes(service: WorkspaceView, uri: string, data: Record<string, unknown>): Fix[] {
  const { from, field, target } = data;
  if (typeof from !== 'string' || typeof field !== 'string' || typeof target !== 'string') return [];
  const root = service.reviewsRootOf(uri);
  const parsed = root === undefined ? undefined : service.reviewStamps(root);
  if (root === undefined || !parsed) return [];
  const links = service.reviewableLinks(root);
  const print = (item: Parameters<typeof service.contentPrint>[0]) => service.contentPrint(item, root);
  const stampsUri = joinUri(root, reviewsFileName);
  const fixes: Fix[] = [];

  const one = planReview(
    links,
    parsed.stamps,
    { links: (f, l, t) => f === from && l === field && t === target },
    print,
  );
  const oneEdit = stampsFileEdit(parsed, one.text);
  if (!oneEdit || !one.reviewed.some(r => r.was !== 'current')) return []; // the link is gone or already current
  fixes.push({ title: `Mark ${from} reviewed against ${target}`, changes: { [stampsUri]: [oneEdit] } });

  const all = planReview(links, parsed.stamps, { links: (_f, _l, t) => t === target }, print);
  const pending = all.reviewed.filter(r => r.was !== 'current').length;
  const allEdit = stampsFileEdit(parsed, all.text);
  if (pending > 1 && allEdit)
    fixes.push({
      title: `Mark all ${pending} links to ${target} reviewed`,
      changes: { [stampsUri]: [allEdit] },
    });
  return fixes;
}
