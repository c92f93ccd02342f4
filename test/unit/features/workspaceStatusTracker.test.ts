/**
 * The status the server keeps between edits (each file's counts kept, only
 * the URIs a change reports counted again; uncovered requirements following
 * the index) equals the status computed from scratch — after every step of
 * random edits, deletions, batches, configuration and settings changes, and
 * whether or not it was read between steps.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { currentRelease, type ReleaseStatus } from '../../../server/src/core/features/currentRelease';
import {
  WorkspaceStatusTracker,
  workspaceStatus,
  type WorkspaceStatus,
} from '../../../server/src/core/features/workspaceStatus';
import { coverageOf, percent, progressOf } from '../../../server/src/core/graph/progress';
import type { ReadonlyIndex } from '../../../server/src/core/graph/workspaceIndex';
import { isCommitted, statusOf } from '../../../server/src/core/model';
import { compareSource } from '../../../server/src/core/text/compareIds';
import { SpecService } from '../../../server/src/core/service';
import { lines } from '../helpers';

/** The status as it was computed before it was kept: every file's diagnostics, every requirement's implementers. */
function naiveStatus(service: SpecService): WorkspaceStatus {
  const st: WorkspaceStatus = {
    hasSpecFiles: service.index.files.size > 0,
    files: service.index.files.size,
    items: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    uncovered: 0,
  };
  for (const uri of service.uris()) {
    for (const d of service.diagnostics(uri)) {
      if (d.severity === 'error') st.errors++;
      else if (d.severity === 'warning') st.warnings++;
      else st.infos++;
    }
  }
  for (const f of service.index.files.values()) {
    for (const item of f.items) {
      st.items++;
      const implemented = service.index
        .incoming(item.id)
        .some(l => l.field === 'implements' && l.holder.kind === 'story');
      if (item.kind === 'requirement' && isCommitted(statusOf(item.fields)) && !implemented) st.uncovered++;
    }
  }
  // Computed from the index each time (no incremental state to compare).
  const release = naiveRelease(service.index);
  if (release) st.currentRelease = release;
  return st;
}

/** The current release as it was computed before it was kept: every item, the release's whole subtree. */
function naiveRelease(index: ReadonlyIndex): ReleaseStatus | undefined {
  const now = [...index.files.values()]
    .flatMap(f => f.items)
    .filter(i => i.kind === 'release' && i.fields.horizon === 'now')
    .sort(compareSource);
  const release = now.find(r => r.fields.status === 'in-progress') ?? now[0];
  if (!release) return undefined;
  const p = progressOf(index, release.id);
  let covered = 0;
  let total = 0;
  for (const epic of index.children(release.id).filter(c => c.kind === 'epic'))
    for (const prd of index.children(epic.id).filter(c => c.kind === 'prd')) {
      const c = coverageOf(index, prd.id);
      covered += c.covered.length;
      total += c.total;
    }
  return {
    id: release.id,
    title: typeof release.fields.title === 'string' ? release.fields.title : '',
    stories: { done: p.done, total: p.total, percent: percent(p.done, p.total) },
    requirements: { covered, total, percent: percent(covered, total) },
  };
}

const ROOTS = ['file:///w', 'file:///w/sub'];
const reqIds = ['REQ-1', 'REQ-2', 'REQ-3', 'EPIC-1'];
const uris = [
  'file:///w/product.roadmap.yaml',
  'file:///w/sub/later.roadmap.yaml',
  'file:///w/a.epic.yaml',
  'file:///w/sub/b.epic.yaml',
  'file:///w/a.prd.yaml',
  'file:///w/sub/b.prd.yaml',
  'file:///w/c.prd.yaml',
  'file:///w/1.stories.yaml',
  'file:///w/sub/2.stories.yaml',
  'file:///w/3.stories.yaml',
];

const status = fc.constantFrom('draft', 'review', 'approved', 'in-progress', 'done', 'cancelled');
const some = <T>(pool: T[]) => fc.subarray(pool, { maxLength: 2 });
const requirement = fc
  .record({ id: fc.constantFrom(...reqIds), status, ac: fc.boolean() })
  .map(
    r =>
      `  - {id: ${r.id}, title: t, statement: s, priority: must, status: ${r.status}${r.ac ? ', acceptance_criteria: [ok]' : ''}}`,
  );
const story = fc
  .record({ id: fc.constantFrom('ST-1', 'ST-2', 'ST-3'), status, implements: some(reqIds) })
  .map(s => `  - {id: ${s.id}, title: s, status: ${s.status}, implements: [${s.implements.join(', ')}]}`);
const docs = {
  // Releases of two roadmaps come and go, move to and from `now` and change
  // status and title: which release is current changes with them.
  roadmap: fc
    .array(
      fc.record({
        id: fc.constantFrom('R-1', 'R-2', 'R-3'),
        title: fc.constantFrom('One', 'Two'),
        horizon: fc.constantFrom('now', 'now', 'next'),
        status,
      }),
      { minLength: 1, maxLength: 3 },
    )
    .map(releases =>
      lines(
        'id: RM-1',
        'title: R',
        'releases:',
        ...releases.map(
          r => `  - {id: ${r.id}, title: ${r.title}, horizon: ${r.horizon}, status: ${r.status}}`,
        ),
      ),
    ),
  epic: fc
    .record({
      id: fc.constantFrom('EPIC-1', 'EPIC-2'),
      release: fc.constantFrom('R-1', 'R-2', 'R-3', 'REQ-1'),
      status,
    })
    .map(e => lines(`id: ${e.id}`, 'title: E', `release: ${e.release}`, `status: ${e.status}`)),
  prd: fc
    .record({
      id: fc.constantFrom('PRD-1', 'PRD-2'),
      epic: fc.constantFrom('EPIC-1', 'EPIC-2'),
      status,
      reqs: fc.array(requirement, { maxLength: 3 }),
    })
    .map(p =>
      lines(
        `id: ${p.id}`,
        'title: P',
        `epic: ${p.epic}`,
        `status: ${p.status}`,
        'requirements:',
        ...(p.reqs.length ? p.reqs : ['  []']),
      ),
    ),
  stories: fc
    .array(story, { maxLength: 3 })
    .map(list => lines('id: IT-1', 'title: S', 'stories:', ...(list.length ? list : ['  []']))),
};
const docFor = (uri: string): fc.Arbitrary<string> => {
  const kind = (['roadmap', 'epic', 'prd', 'stories'] as const).find(k => uri.includes(`.${k}.`))!;
  return fc.oneof(
    { weight: 6, arbitrary: docs[kind] },
    { weight: 1, arbitrary: fc.constant('id: [broken\n') },
  );
};
const fileChange = fc
  .constantFrom(...uris)
  .chain(uri =>
    fc
      .option(docFor(uri), { nil: undefined, freq: 5 })
      .map(text => (text === undefined ? { uri, deleted: true as const } : { uri, text })),
  );
const ruleSetting = fc.constantFrom('off', 'error', 'warning', 'info');
const config = fc.option(
  fc
    .record({ uncovered: ruleSetting, orphan: ruleSetting, min: fc.constantFrom(0, 50, 100) })
    .map(c =>
      lines('rules:', `  uncovered: ${c.uncovered}`, `  orphan: ${c.orphan}`, 'coverage:', `  min: ${c.min}`),
    ),
  { nil: undefined },
);

type Op =
  | { op: 'apply'; changes: ({ uri: string; text: string } | { uri: string; deleted: true })[] }
  | { op: 'config'; root: string; text: string | undefined }
  | { op: 'settings'; rules: Record<string, 'off' | 'error' | 'warning' | 'info'> };
const operation: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(fileChange, { minLength: 1, maxLength: 3 })
      .map((changes): Op => ({ op: 'apply', changes })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ root: fc.constantFrom(...ROOTS), text: config })
      .map((c): Op => ({ op: 'config', ...c })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ 'missing-acceptance': ruleSetting, 'link-kind': ruleSetting })
      .map((rules): Op => ({ op: 'settings', rules })),
  },
);

function run(service: SpecService, op: Op): Set<string> {
  switch (op.op) {
    case 'apply':
      return service.apply(op.changes);
    case 'config':
      return service.setConfig(op.root, op.text);
    case 'settings':
      return service.setSettingsRules(op.rules);
  }
}

describe('feature: workspace status kept between edits', () => {
  it('equals the status computed from scratch after every random change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ op: operation, read: fc.boolean() }), { minLength: 1, maxLength: 25 }),
        steps => {
          const service = new SpecService();
          const tracker = new WorkspaceStatusTracker(service);
          assert.deepEqual(tracker.current(), naiveStatus(service));
          for (const { op, read } of steps) {
            tracker.changed(run(service, op));
            if (!read) continue; // changes reported between two reads are counted together
            const expected = naiveStatus(service);
            assert.deepEqual(tracker.current(), expected);
            assert.deepEqual(workspaceStatus(service), expected);
            assert.deepEqual(currentRelease(service.index), expected.currentRelease);
          }
          assert.deepEqual(tracker.current(), naiveStatus(service));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('counts every file again when told that any may have changed', () => {
    const service = new SpecService();
    const tracker = new WorkspaceStatusTracker(service);
    tracker.current();
    service.apply([
      {
        uri: 'file:///w/a.prd.yaml',
        text: lines(
          'id: PRD-1',
          'title: P',
          'requirements:',
          '  - {id: REQ-1, title: t, statement: s, priority: must, status: approved}',
        ),
      },
    ]);
    // Not reported: the kept counts stay as they were, but uncovered follows the index.
    assert.deepEqual(tracker.current(), {
      hasSpecFiles: true,
      files: 1,
      items: 2,
      errors: 0,
      warnings: 0,
      infos: 0,
      uncovered: 1,
    });
    tracker.changed();
    assert.deepEqual(tracker.current(), naiveStatus(service));
    assert.notEqual(naiveStatus(service).warnings + naiveStatus(service).infos, 0);
  });

  it('follows the current release through changes of status alone, and leaves it when nothing it read changed', () => {
    const service = new SpecService();
    const tracker = new WorkspaceStatusTracker(service);
    const roadmap = (status: string) =>
      lines(
        'id: RM-1',
        'title: R',
        'releases:',
        `  - {id: R-1, title: One, horizon: now, status: ${status}}`,
      );
    const prd = (status: string) =>
      lines(
        'id: PRD-1',
        'title: P',
        'epic: EPIC-1',
        'requirements:',
        `  - {id: REQ-1, title: t, statement: s, priority: must, status: ${status}}`,
      );
    const stories = (status: string) =>
      lines(
        'id: IT-1',
        'title: S',
        'stories:',
        `  - {id: ST-1, title: s, status: ${status}, implements: [REQ-1]}`,
      );
    service.apply([
      { uri: 'file:///w/product.roadmap.yaml', text: roadmap('in-progress') },
      { uri: 'file:///w/a.epic.yaml', text: lines('id: EPIC-1', 'title: E', 'release: R-1') },
      { uri: 'file:///w/a.prd.yaml', text: prd('draft') },
      { uri: 'file:///w/1.stories.yaml', text: stories('draft') },
    ]);
    const release = () => tracker.current().currentRelease;
    assert.deepEqual(release(), {
      id: 'R-1',
      title: 'One',
      stories: { done: 0, total: 1, percent: 0 },
      requirements: { covered: 0, total: 0, percent: 0 },
    });
    // The requirement is committed: it counts (and a story implements it).
    service.apply([{ uri: 'file:///w/a.prd.yaml', text: prd('approved') }]);
    assert.deepEqual(release()?.requirements, { covered: 1, total: 1, percent: 100 });
    // The story is done.
    service.apply([{ uri: 'file:///w/1.stories.yaml', text: stories('done') }]);
    assert.deepEqual(release()?.stories, { done: 1, total: 1, percent: 100 });
    // A file the release does not reach: the status object is the one kept.
    const kept = release();
    service.apply([{ uri: 'file:///w/b.prd.yaml', text: lines('id: PRD-9', 'title: Q', 'epic: EPIC-9') }]);
    assert.equal(release(), kept);
    assert.deepEqual(release(), naiveStatus(service).currentRelease);
  });
});
