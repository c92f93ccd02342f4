import * as assert from 'node:assert/strict';
import { workspaceStatus } from '../../../server/src/core/features/workspaceStatus';
import { lines, workspace } from '../helpers';

const P = 'file:///w/checkout.prd.yaml';
const S = 'file:///w/sprint.stories.yaml';

const prd = lines(
  'id: PRD-1',
  'title: Checkout',
  'requirements:',
  '  - id: REQ-1',
  '    title: Pay',
  '    statement: s',
  '    priority: must',
  '    status: approved',
  '    acceptance_criteria: [works]',
  '  - id: REQ-2',
  '    title: Pay again',
  '    statement: s',
  '    priority: must',
  '    status: in-progress',
  '    acceptance_criteria: [works]',
  '  - id: REQ-3',
  '    title: Later',
  '    statement: s',
  '    priority: could',
);

describe('feature: workspace status', () => {
  it('is empty for a workspace without spec files', () => {
    assert.deepEqual(workspaceStatus(workspace({ 'file:///w/notes.yaml': 'a: 1\n' })), {
      hasSpecFiles: false,
      files: 0,
      items: 0,
      errors: 0,
      warnings: 0,
      infos: 0,
      uncovered: 0,
    });
  });

  it('counts findings by severity and committed requirements no story implements', () => {
    const s = workspace({
      [P]: prd,
      [S]: lines(
        'id: IT-1',
        'title: Sprint',
        'stories:',
        '  - id: ST-1',
        '    title: One',
        '    implements: [REQ-1, REQ-404]',
        '    status: done',
      ),
    });
    const st = workspaceStatus(s);
    // errors: unresolved REQ-404; warnings: ST-1 done without acceptance criteria;
    // infos: orphan PRD-1, uncovered REQ-2 (REQ-3 is a draft)
    assert.deepEqual(st, {
      hasSpecFiles: true,
      files: 2,
      items: 6,
      errors: 1,
      warnings: 1,
      infos: 2,
      uncovered: 1,
    });
  });

  it("follows the workspace's rule severities, but counts uncovered requirements even when the rule is off", () => {
    const s = workspace({ [P]: prd }, { 'file:///w': 'rules:\n  uncovered: off\n  orphan: error\n' });
    const st = workspaceStatus(s);
    assert.equal(st.errors, 1);
    assert.equal(st.infos, 0);
    assert.equal(st.uncovered, 2);
  });

  it('counts problems of a configuration file', () => {
    const s = workspace({ [P]: prd }, { 'file:///w': 'rules:\n  nope: error\n' });
    assert.equal(workspaceStatus(s).errors, 1);
  });
});

describe('feature: workspace status, the current release', () => {
  it('is the release with horizon now (the one in progress first), with its stories done and requirements covered', () => {
    const s = workspace({
      'file:///w/product.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-0',
        '    title: Old',
        '    horizon: now',
        '  - id: R-1',
        '    title: First',
        '    horizon: now',
        '    status: in-progress',
        '  - id: R-2',
        '    title: Next',
        '    horizon: next',
      ),
      'file:///w/e.epic.yaml': lines('id: EPIC-1', 'title: E', 'release: R-1'),
      [P]: prd.replace('title: Checkout\n', 'title: Checkout\nepic: EPIC-1\n'),
      [S]: lines(
        'id: IT-1',
        'title: S',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
        '    status: done',
        '    acceptance_criteria: [ok]',
        '  - id: ST-2',
        '    title: B',
        '    implements: [REQ-1, REQ-2]',
        '    status: draft',
        '  - id: ST-3',
        '    title: C',
        '    implements: [REQ-2]',
        '    status: draft',
      ),
    });
    assert.deepEqual(workspaceStatus(s).currentRelease, {
      id: 'R-1',
      title: 'First',
      stories: { done: 1, total: 3, percent: 33 },
      // The draft REQ-3 does not count (graph/coverage.ts): covered 2 of the 2 committed.
      requirements: { covered: 2, total: 2, percent: 100 },
    });
    assert.equal(workspaceStatus(workspace({ [P]: prd })).currentRelease, undefined);
  });
});
