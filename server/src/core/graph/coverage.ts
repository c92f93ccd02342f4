import { isCommitted, statusOf } from '../model';
import type { Item } from '../types';
import type { IncomingLink } from './workspaceIndex';

/**
 * Coverage, the one definition (../shared/spec/format.md, `uncovered`): a
 * requirement counts when it is committed (approved, in progress or done);
 * a counted requirement is covered when a story names it in `implements`,
 * else uncovered. The `uncovered` check, the status bar's count, the
 * `coverage-threshold` figures, the report and "new story for the first
 * uncovered requirement" all ask these functions, so they always agree.
 *
 * A file with a syntax error that mentions the ID may implement it (the
 * link could not be read): such a requirement is not called uncovered — the
 * damaged file's own finding says what is wrong — and so counts as covered.
 */

/** What coverage reads of the graph: the index itself, or a check's recording GraphReader. */
export interface CoverageReader {
  incoming(id: string): readonly IncomingLink[];
  mayLink(id: string): boolean;
}

/** A requirement whose coverage counts: committed (approved, in-progress, done). */
export function countsForCoverage(item: Item): boolean {
  return item.kind === 'requirement' && isCommitted(statusOf(item.fields));
}

/** Some story names the ID in `implements`. */
export function isImplemented(graph: CoverageReader, id: string): boolean {
  return graph.incoming(id).some(l => l.field === 'implements' && l.holder.kind === 'story');
}

/** A counted requirement that no story implements (nor may, through a file with a syntax error). */
export function isUncovered(graph: CoverageReader, item: Item): boolean {
  return countsForCoverage(item) && !isImplemented(graph, item.id) && !graph.mayLink(item.id);
}

export interface CoverageCount {
  /** Counted requirements that are not uncovered. */
  covered: number;
  /** Counted requirements. */
  total: number;
}

/** The coverage of some items: their counted requirements, and how many are covered. */
export function countCoverage(graph: CoverageReader, items: Iterable<Item>): CoverageCount {
  const out: CoverageCount = { covered: 0, total: 0 };
  for (const item of items) {
    if (!countsForCoverage(item)) continue;
    out.total++;
    if (!isUncovered(graph, item)) out.covered++;
  }
  return out;
}
