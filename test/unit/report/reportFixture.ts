/**
 * A small in-memory workspace for the report tests: a vision with two goals,
 * a roadmap with a release now and one later, two epics (the first depends
 * on the second, which ships later: schedule-conflict), a PRD with a covered
 * and an uncovered requirement, and an iteration. Titles carry the
 * characters each format must escape.
 */
import type { SpecService } from '../../../server/src/core/service';
import { lines, workspace } from '../helpers';

export const root = 'file:///w/';
export const VISION = `${root}product.vision.yaml`;
export const ROADMAP = `${root}product.roadmap.yaml`;
export const EPIC_1 = `${root}epics/a.epic.yaml`;
export const EPIC_2 = `${root}epics/b.epic.yaml`;
export const PRD = `${root}prds/a.prd.yaml`;
export const STORIES = `${root}s1.stories.yaml`;

export const files: Record<string, string> = {
  [VISION]: lines(
    'id: V-1',
    'product: Shop',
    'statement: Sell things.',
    'goals:',
    '  - id: G-1',
    '    title: Sell more',
    '  - id: G-2',
    '    title: Nothing yet',
  ),
  [ROADMAP]: lines(
    'id: RM-1',
    'title: Roadmap',
    'releases:',
    '  - id: R-1',
    '    title: First',
    '    horizon: now',
    '    start: 2026-01-05',
    '    end: 2026-03-27',
    '    status: in-progress',
    '    goals: [G-1]',
    '  - id: R-2',
    '    title: Later',
    '    horizon: later',
    '    end: 2026-09-30',
  ),
  [EPIC_1]: lines(
    'id: EPIC-1',
    'title: Pay | "fast", <now>',
    'status: in-progress',
    'priority: must',
    'owner: Ann',
    'release: R-1',
    'depends_on: [EPIC-2]',
  ),
  [EPIC_2]: lines('id: EPIC-2', 'title: Loyalty', 'release: R-2'),
  [PRD]: lines(
    'id: PRD-1',
    'title: Payments',
    'status: approved',
    'epic: EPIC-1',
    'requirements:',
    '  - id: REQ-1', // line 5
    '    title: Cards',
    '    statement: Pay by card.',
    '    priority: must',
    '    status: in-progress',
    '    acceptance_criteria: [It works]',
    '  - id: REQ-2', // line 11
    '    title: "=Wallet, maybe"',
    '    statement: Pay by wallet.',
    '    priority: could',
    '    status: approved',
    '    acceptance_criteria: [It works]',
  ),
  [STORIES]: lines(
    'id: IT-1',
    'title: Sprint 1',
    'stories:',
    '  - id: ST-1',
    '    title: Card form',
    '    implements: [REQ-1]',
    '    status: done',
    '    estimate: 3',
    '    acceptance_criteria: [Saved]',
    '  - id: ST-2',
    '    title: Card charge',
    '    implements: [REQ-1]',
    '    estimate: 2',
  ),
};

export function service(): SpecService {
  return workspace(files);
}

/** File names as the CLI shows them: relative to the root. */
export const displayPath = (uri: string): string => uri.slice(root.length);
