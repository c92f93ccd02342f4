import * as path from 'path';
import { parseArgs } from 'util';
import { planReview, type ReviewedLink, type ReviewSelection } from '../core/reviews/review';
import { reviewsFileName } from '../core/reviews/stamps';
import { describeParseError, helpText, UsageError } from './args';
import { describeWriteError } from './writeError';
import { CommandFailure, type CliHost } from './host';
import { loadRootWorkspace, refuseUnknownIds } from './rootWorkspace';
import { plural } from './workspace';

/** `specwright review` as the command line asks for it. */
export interface ReviewOptions {
  ids: string[];
  all: boolean;
  /** --root DIR; without it, the workspace of the current folder, found as check finds it. */
  root?: string;
  config?: string;
}

/**
 * The options of `review` (its own, so that they stay out of the other
 * commands): `specwright review [ID...] [--all] [--root DIR] [--config FILE]`.
 * undefined for `--help`.
 */
export function parseReviewArgs(argv: readonly string[]): ReviewOptions | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        all: { type: 'boolean' },
        root: { type: 'string' },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError(describeParseError(err, argv), 'review');
  }
  const { values, positionals } = parsed;
  if (values.help) return undefined;
  const ids = positionals.slice(1).map(id => id.trim());
  if (values.root !== undefined && values.root === '')
    throw new UsageError('--root needs a folder', 'review');
  if (values.config !== undefined && values.config === '')
    throw new UsageError('--config needs a file name', 'review');
  if (values.all && ids.length) throw new UsageError('give the IDs to review or --all, not both', 'review');
  if (!values.all && !ids.length)
    throw new UsageError(
      'review needs the IDs whose links to stamp (for example: specwright review REQ-101), or --all',
      'review',
    );
  return { ids, all: !!values.all, root: values.root, config: values.config };
}

/**
 * `specwright review ID... | --all`: stamp every link from or to each ID
 * (or every link) as reviewed against its upstream item's current content,
 * in `specwright.reviews` at the workspace root, and print what was
 * stamped. Writes that file only (through a temporary file and a rename),
 * and only when its text changes. Exit 0; an unknown ID, a stamps file with
 * lines that are not stamps, or one that cannot be written is a
 * CommandFailure (exit 2) and nothing is written.
 */
export async function reviewCommand(argv: readonly string[], host: CliHost): Promise<number> {
  const options = parseReviewArgs(argv);
  if (!options) {
    host.stdout(helpText);
    return 0;
  }
  const { ws, root, rootUri } = await loadRootWorkspace('review', options, host);
  const { service } = ws;
  refuseUnknownIds(service, options.ids, 'nothing was stamped');

  const file = path.join(root, reviewsFileName);
  const shown = ws.relative(rootUri.replace(/\/?$/, '/') + reviewsFileName);
  const stamps = service.reviewStamps(rootUri);
  // Conflict markers are what `review` resolves (it keeps both sides, as a union merge would); any other bad line stops it.
  const bad = (stamps?.problems ?? []).filter(p => !p.data?.conflictMarker);
  if (bad.length) {
    throw new CommandFailure(
      `nothing was stamped: ${shown} has lines that are not review stamps; fix or delete them, then run review again:\n${bad.map(p => `  ${shown}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`).join('\n')}`,
    );
  }

  const selection: ReviewSelection = options.all ? { all: true } : { ids: options.ids };
  const plan = planReview(service.reviewableLinks(rootUri), stamps?.stamps ?? [], selection, item =>
    service.contentPrint(item, rootUri),
  );
  const before = stamps ? await host.readText(file) : undefined;
  if (before !== plan.text) {
    try {
      await host.writeText(file, plan.text);
    } catch (err) {
      throw new CommandFailure(
        `nothing was stamped: cannot write ${shown}: ${describeWriteError(err, host.cwd)}`,
      );
    }
  }

  for (const r of plan.reviewed) host.stdout(`${r.downstream} ${r.field} ${r.upstream}: ${describe(r)}\n`);
  if (!options.all) {
    for (const id of options.ids)
      if (!plan.reviewed.some(r => r.downstream === id || r.upstream === id))
        host.stdout(`${id} has no links to review\n`);
  }
  const counts = (['suspect', 'unreviewed', 'current'] as const)
    .map(w => [w, plan.reviewed.filter(r => r.was === w).length] as const)
    .filter(([, n]) => n > 0);
  const detail = counts.length
    ? ` (${counts.map(([w, n]) => `${n} ${w === 'current' ? 'already current' : w === 'suspect' ? 'suspect' : 'unreviewed'}`).join(', ')})`
    : '';
  const dropped = plan.dropped
    ? `; ${plural(plan.dropped, 'stamp')} of links that no longer exist dropped`
    : '';
  host.stdout(
    `${plural(plan.reviewed.length, 'link')} stamped in ${shown}${detail}${dropped}${before === plan.text ? '; the file was already up to date' : ''}\n`,
  );
  return 0;
}

function describe(r: ReviewedLink): string {
  switch (r.was) {
    case 'unreviewed':
      return 'stamped (was unreviewed)';
    case 'suspect':
      return `stamped (was suspect${r.changed.length ? `: ${r.changed.join(', ')} changed` : ''})`;
    case 'current':
      return 'already current';
  }
}
