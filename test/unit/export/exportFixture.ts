/**
 * A small workspace for the export tests: two releases, two epics (EPIC-2
 * already has a ticket), two PRDs, an iteration of four stories (ST-4
 * already has a ticket, ST-3 hangs under EPIC-2).
 */
import {
  exportIssues,
  type ExportOptions,
  type ExportIssue,
} from '../../../server/src/core/export/exportIssues';
import type { SpecService } from '../../../server/src/core/service';
import { lines, workspace } from '../helpers';

export const displayPath = (uri: string): string => uri.slice('file:///w/'.length);

export const files: Record<string, string> = {
  'file:///w/product.vision.yaml': lines(
    'id: V-1',
    'product: Shop',
    'statement: Shopping that is quick.',
    'personas:',
    '  - {id: P-SHOP, name: Sam the shopper}',
  ),
  'file:///w/product.roadmap.yaml': lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - {id: R-1, title: First, horizon: now}',
    '  - {id: R-2, title: Second, horizon: next}',
  ),
  'file:///w/epics/checkout.epic.yaml': lines(
    'id: EPIC-1',
    'title: Fast checkout',
    'priority: must',
    'release: R-1',
    'summary: One screen to pay.',
    'problem: Four screens lose shoppers.',
  ),
  'file:///w/epics/later.epic.yaml': lines(
    'id: EPIC-2',
    'title: Later things',
    'priority: could',
    'release: R-2',
    'tickets: [PAY-7]',
  ),
  'file:///w/prds/checkout.prd.yaml': lines(
    'id: PRD-1',
    'title: Checkout',
    'epic: EPIC-1',
    'requirements:',
    '  - id: REQ-1',
    '    title: Saved cards',
    '    statement: A shopper can save a card.',
    '    priority: must',
    '    acceptance_criteria: [Saved cards are listed]',
    '    rationale: Typing a card loses shoppers.',
    '  - {id: REQ-2, title: One page, statement: Everything on one page., priority: should}',
  ),
  'file:///w/prds/later.prd.yaml': lines(
    'id: PRD-2',
    'title: Later',
    'epic: EPIC-2',
    'requirements:',
    '  - {id: REQ-3, title: Wishlist, statement: A wishlist., priority: could}',
  ),
  'file:///w/sprint.stories.yaml': lines(
    'id: IT-1',
    'title: Sprint 1',
    'release: R-1',
    'stories:',
    '  - id: ST-1',
    '    title: Save a card',
    '    as_a: P-SHOP',
    '    i_want: to save my card',
    '    so_that: I never type it again',
    '    implements: [REQ-1]',
    '    status: in-progress',
    '    estimate: 3',
    '    acceptance_criteria:',
    '      - given: a new card',
    '        when: I pay',
    '        then: the card is saved',
    '      - The card can be removed',
    '  - {id: ST-2, title: One page, implements: [REQ-2, REQ-1], status: done}',
    '  - {id: ST-3, title: Wishlist button, implements: [REQ-3]}',
    '  - {id: ST-4, title: Tracked already, implements: [REQ-1], tickets: [acme/shop#42]}',
  ),
};

export function fixture(extra: Record<string, string> = {}): SpecService {
  return workspace({ ...files, ...extra });
}

/** The issues of the fixture (the selection must succeed). */
export function issuesOf(
  service: SpecService,
  options: Omit<ExportOptions, 'displayPath'> = {},
): ExportIssue[] {
  const r = exportIssues(service.index, { ...options, displayPath });
  if (!r.ok) throw new Error(`export failed: ${JSON.stringify(r)}`);
  return r.issues;
}
