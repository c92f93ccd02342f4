import * as assert from 'node:assert/strict';
import { renderJson } from '../../../server/src/core/report/json';
import { buildReportModel, buildRoadmapModel } from '../../../server/src/core/report/reportModel';
import { lines, workspace } from '../helpers';
import { displayPath, files, service } from './reportFixture';

/** The range of an unquoted ID at (line, character). */
function idRange(id: string, line: number, character: number) {
  return { start: { line, character }, end: { line, character: character + id.length } };
}

function ref(
  id: string,
  kind: string,
  title: string,
  status: string,
  file: string,
  line: number,
  character: number,
) {
  return { id, kind, title, status, file, range: idRange(id, line, character) };
}

function progress(
  stories: number,
  done: number,
  cancelled: number,
  doneEstimate: number,
  totalEstimate: number,
  percent: number,
  estimatePercent: number,
) {
  return {
    stories,
    done,
    cancelled,
    total: stories - cancelled,
    doneEstimate,
    totalEstimate,
    percent,
    estimatePercent,
  };
}

const noFindings = { error: 0, warning: 0, info: 0, codes: {} };
const noProgress = progress(0, 0, 0, 0, 0, 0, 0);

function statuses(counts: Record<string, number>) {
  return { draft: 0, review: 0, approved: 0, 'in-progress': 0, done: 0, cancelled: 0, ...counts };
}

const R1 = ref('R-1', 'release', 'First', 'in-progress', 'product.roadmap.yaml', 3, 8);
const R2 = ref('R-2', 'release', 'Later', 'draft', 'product.roadmap.yaml', 10, 8);
const EPIC1 = ref('EPIC-1', 'epic', 'Pay | "fast", <now>', 'in-progress', 'epics/a.epic.yaml', 0, 4);
const EPIC2 = ref('EPIC-2', 'epic', 'Loyalty', 'draft', 'epics/b.epic.yaml', 0, 4);
const PRD1 = ref('PRD-1', 'prd', 'Payments', 'approved', 'prds/a.prd.yaml', 0, 4);
const conflict =
  'EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-2, which ships in R-2 (ends 2026-09-30)';

const req1 = {
  ...ref('REQ-1', 'requirement', 'Cards', 'in-progress', 'prds/a.prd.yaml', 5, 8),
  priority: 'must',
  release: 'R-1',
  epic: 'EPIC-1',
  prd: 'PRD-1',
  stories: [
    { id: 'ST-1', title: 'Card form', status: 'done', estimate: 3 },
    { id: 'ST-2', title: 'Card charge', status: 'draft', estimate: 2 },
  ],
  progress: progress(2, 1, 0, 3, 5, 50, 60),
  findings: noFindings,
};
const req2 = {
  ...ref('REQ-2', 'requirement', '=Wallet, maybe', 'approved', 'prds/a.prd.yaml', 11, 8),
  priority: 'could',
  release: 'R-1',
  epic: 'EPIC-1',
  prd: 'PRD-1',
  stories: [],
  progress: noProgress,
  findings: { error: 0, warning: 0, info: 1, codes: { uncovered: 1 } },
};
const epic1Entry = {
  ...EPIC1,
  priority: 'must',
  owner: 'Ann',
  rice: null,
  progress: progress(2, 1, 0, 3, 5, 50, 60),
  findings: { error: 0, warning: 1, info: 0, codes: { 'schedule-conflict': 1 } },
};
const epic2Entry = {
  ...EPIC2,
  priority: null,
  owner: null,
  rice: null,
  progress: noProgress,
  findings: noFindings,
};

const expected = {
  version: 1,
  title: 'Shop',
  summary: {
    files: 6,
    items: 14,
    kinds: [
      { kind: 'vision', total: 1, statuses: statuses({ draft: 1 }) },
      { kind: 'goal', total: 2, statuses: statuses({ draft: 2 }) },
      { kind: 'roadmap', total: 1, statuses: statuses({ draft: 1 }) },
      { kind: 'release', total: 2, statuses: statuses({ draft: 1, 'in-progress': 1 }) },
      { kind: 'epic', total: 2, statuses: statuses({ draft: 1, 'in-progress': 1 }) },
      { kind: 'prd', total: 1, statuses: statuses({ approved: 1 }) },
      { kind: 'requirement', total: 2, statuses: statuses({ approved: 1, 'in-progress': 1 }) },
      { kind: 'iteration', total: 1, statuses: statuses({ draft: 1 }) },
      { kind: 'story', total: 2, statuses: statuses({ draft: 1, done: 1 }) },
    ],
    coverage: { covered: 1, total: 2, percent: 50 },
    findings: { error: 0, warning: 1, info: 1 },
    codes: [
      { code: 'schedule-conflict', severity: 'warning', count: 1 },
      { code: 'uncovered', severity: 'info', count: 1 },
    ],
  },
  roadmap: {
    horizons: [
      {
        horizon: 'now',
        releases: [
          {
            ...R1,
            horizon: 'now',
            start: '2026-01-05',
            end: '2026-03-27',
            progress: progress(2, 1, 0, 3, 5, 50, 60),
            findings: noFindings,
            epics: [epic1Entry],
          },
        ],
      },
      { horizon: 'next', releases: [] },
      {
        horizon: 'later',
        releases: [
          {
            ...R2,
            horizon: 'later',
            start: null,
            end: '2026-09-30',
            progress: noProgress,
            findings: noFindings,
            epics: [epic2Entry],
          },
        ],
      },
    ],
    unscheduled: [],
  },
  traceability: [
    {
      epic: EPIC1,
      goals: ['G-1'],
      prds: [
        { prd: PRD1, goals: ['G-1'], coverage: { covered: 1, total: 2, percent: 50 }, requirements: [0, 1] },
      ],
    },
    { epic: EPIC2, goals: [], prds: [] },
  ],
  untracedGoals: [ref('G-2', 'goal', 'Nothing yet', 'draft', 'product.vision.yaml', 6, 8)],
  requirements: [req1, req2],
  uncovered: [1],
  dependencies: [
    {
      from: EPIC1,
      target: 'EPIC-2',
      to: EPIC2,
      conflicts: [{ code: 'schedule-conflict', severity: 'warning', message: conflict }],
    },
  ],
};

describe('report: model', () => {
  it('builds the whole model of a workspace (exact JSON)', () => {
    const json = renderJson(buildReportModel(service(), { displayPath }));
    assert.ok(json.endsWith('}\n'));
    assert.ok(json.startsWith('{\n  "version": 1,\n  "title": "Shop",\n'));
    assert.deepEqual(JSON.parse(json), expected);
  });

  it('gives the Roadmap Board its part alone', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(buildRoadmapModel(service(), { displayPath }))), {
      roadmap: expected.roadmap,
    });
  });

  it('is the same whatever order the files arrive in', () => {
    const reversed = workspace(Object.fromEntries(Object.entries(files).reverse()));
    assert.deepEqual(
      buildReportModel(reversed, { displayPath }),
      buildReportModel(service(), { displayPath }),
    );
  });

  it('titles the report "Specwright report" without exactly one vision, and takes a title given', () => {
    const s = workspace({ 'file:///w/a.epic.yaml': lines('id: EPIC-1', 'title: A') });
    assert.equal(buildReportModel(s).title, 'Specwright report');
    assert.equal(buildReportModel(s, { title: 'Q3' }).title, 'Q3');
  });

  it('puts releases with a missing or unknown horizon in a last column, and epics without a release in unscheduled', () => {
    const s = workspace({
      'file:///w/p.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - id: R-1',
        '    title: Odd',
        '    horizon: someday',
        '  - id: R-2',
        '    title: Soon',
        '    horizon: next',
      ),
      'file:///w/a.epic.yaml': lines('id: EPIC-1', 'title: Loose'),
      'file:///w/b.epic.yaml': lines('id: EPIC-2', 'title: Soon', 'release: R-2'),
    });
    const m = buildReportModel(s);
    assert.deepEqual(
      m.roadmap.horizons.map(h => [h.horizon, h.releases.map(r => r.id)]),
      [
        ['now', []],
        ['next', ['R-2']],
        ['later', []],
        [null, ['R-1']],
      ],
    );
    assert.equal(m.roadmap.horizons[3].releases[0].horizon, 'someday');
    assert.deepEqual(
      m.roadmap.unscheduled.map(e => e.id),
      ['EPIC-1'],
    );
    assert.deepEqual(
      m.roadmap.horizons[1].releases[0].epics.map(e => e.id),
      ['EPIC-2'],
    );
  });

  it('lists each epic once with the goals it and each PRD trace up to; PRDs without an epic come last under "epic: null"', () => {
    const s = workspace({
      'file:///w/v.vision.yaml': lines(
        'id: V-1',
        'product: P',
        'statement: S',
        'goals:',
        '  - id: G-A',
        '    title: A',
        '  - id: G-B',
        '    title: B',
      ),
      'file:///w/e.epic.yaml': lines('id: EPIC-1', 'title: E', 'goals: [G-A]'),
      'file:///w/a.prd.yaml': lines(
        'id: PRD-1',
        'title: One',
        'epic: EPIC-1',
        'goals: [G-B]',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
      'file:///w/b.prd.yaml': lines(
        'id: PRD-2',
        'title: Two',
        'epic: EPIC-1',
        'requirements:',
        '  - id: REQ-2',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
      'file:///w/c.prd.yaml': lines(
        'id: PRD-3',
        'title: Loose',
        'goals: [G-B]',
        'requirements:',
        '  - id: REQ-3',
        '    title: R',
        '    statement: s',
        '    priority: must',
      ),
    });
    const m = buildReportModel(s);
    const shape = m.traceability.map(e => [
      e.epic?.id ?? null,
      e.goals,
      e.prds.map(p => [p.prd.id, p.goals]),
    ]);
    assert.deepEqual(shape, [
      [
        'EPIC-1',
        ['G-A'],
        [
          ['PRD-1', ['G-A', 'G-B']],
          ['PRD-2', ['G-A']],
        ],
      ],
      [null, [], [['PRD-3', ['G-B']]]],
    ]);
    assert.deepEqual(
      m.requirements.map(r => [r.id, r.epic, r.prd]),
      [
        ['REQ-1', 'EPIC-1', 'PRD-1'],
        ['REQ-2', 'EPIC-1', 'PRD-2'],
        ['REQ-3', null, 'PRD-3'],
      ],
    );
    assert.deepEqual(m.untracedGoals, []);
  });

  it('lists every depends_on entry with its conflicts, an unknown target as to: null, and counts cancelled stories apart', () => {
    const s = workspace({
      'file:///w/a.prd.yaml': lines(
        'id: PRD-1',
        'title: P',
        'requirements:',
        '  - id: REQ-1',
        '    title: A',
        '    statement: s',
        '    priority: must',
        '    depends_on: [REQ-2, REQ-9]',
        '  - id: REQ-2',
        '    title: B',
        '    statement: s',
        '    priority: could',
      ),
      'file:///w/s.stories.yaml': lines(
        'id: IT-1',
        'title: I',
        'stories:',
        '  - id: ST-1',
        '    title: A',
        '    implements: [REQ-1]',
        '    depends_on: [ST-2]',
        '    status: cancelled',
        '    estimate: 5',
        '  - id: ST-2',
        '    title: B',
        '    implements: [REQ-1]',
        '    depends_on: [ST-1]',
        '    status: done',
        '    estimate: 1.5',
      ),
    });
    const m = buildReportModel(s);
    assert.deepEqual(
      m.dependencies.map(d => [d.from.id, d.target, d.to?.id ?? null, d.conflicts.map(c => c.code)]),
      [
        ['REQ-1', 'REQ-2', 'REQ-2', ['priority-inversion']],
        ['REQ-1', 'REQ-9', null, []],
        ['ST-1', 'ST-2', 'ST-2', ['dependency-cycle']],
        ['ST-2', 'ST-1', 'ST-1', ['dependency-cycle']],
      ],
    );
    assert.deepEqual(m.requirements[0].progress, progress(2, 1, 1, 1.5, 1.5, 100, 100));
    assert.deepEqual(
      m.requirements[0].stories.map(st => [st.id, st.status, st.estimate]),
      [
        ['ST-1', 'cancelled', 5],
        ['ST-2', 'done', 1.5],
      ],
    );
  });

  it("gives each finding to the innermost item: a requirement's findings are not its PRD's", () => {
    const m = buildReportModel(service(), { displayPath });
    const prd = m.traceability[0].prds[0];
    assert.deepEqual(m.requirements[prd.requirements[1]].findings.codes, { uncovered: 1 });
    // the summary counts each finding once
    assert.equal(m.summary.findings.info, 1);
  });

  it('lists a requirement once however many goals it traces up to; the matrix points at it', () => {
    const s = workspace({
      'file:///w/v.vision.yaml': lines(
        'id: V-1',
        'product: P',
        'statement: S',
        'goals:',
        '  - id: G-A',
        '    title: A',
        '  - id: G-B',
        '    title: B',
      ),
      'file:///w/a.prd.yaml': lines(
        'id: PRD-1',
        'title: One',
        'goals: [G-A, G-B]',
        'requirements:',
        '  - id: REQ-1',
        '    title: R',
        '    statement: s',
        '    priority: must',
        '    status: approved',
      ),
      'file:///w/b.prd.yaml': lines(
        'id: PRD-2',
        'title: Two',
        'requirements:',
        '  - id: REQ-1',
        '    title: Same ID',
        '    statement: s',
        '    priority: must',
        '    status: approved',
      ),
    });
    const m = buildReportModel(s);
    assert.deepEqual(
      m.requirements.map(r => [r.id, r.title, r.prd]),
      [
        ['REQ-1', 'R', 'PRD-1'],
        ['REQ-1', 'Same ID', 'PRD-2'],
      ],
    );
    assert.deepEqual(
      m.traceability.map(e => [e.epic, e.prds.map(p => [p.prd.id, p.goals, p.requirements])]),
      [
        [
          null,
          [
            ['PRD-1', ['G-A', 'G-B'], [0]],
            ['PRD-2', [], [1]],
          ],
        ],
      ],
    );
    assert.deepEqual(m.uncovered, [0, 1]);
  });

  it('reports an empty workspace', () => {
    const m = buildReportModel(workspace({}));
    assert.deepEqual(m.summary, {
      files: 0,
      items: 0,
      kinds: [],
      coverage: { covered: 0, total: 0, percent: 0 },
      findings: { error: 0, warning: 0, info: 0 },
      codes: [],
    });
    assert.deepEqual(
      m.roadmap.horizons.map(h => h.releases.length),
      [0, 0, 0],
    );
    assert.deepEqual(
      [m.traceability, m.untracedGoals, m.requirements, m.uncovered, m.dependencies],
      [[], [], [], [], []],
    );
  });
});
