/**
 * coverage-threshold: `.specwright.yaml` `coverage: { min, releases }`, the
 * share of committed requirements that stories implement, workspace-wide (on
 * the config file) and per release (on the roadmap), kept right incrementally.
 */
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { SpecService, type FileChange } from '../../server/src/core/service';
import { findings, lines, workspace } from './helpers';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const RM = 'file:///w/product.roadmap.yaml';
const E1 = 'file:///w/epics/one.epic.yaml';
const E2 = 'file:///w/epics/two.epic.yaml';
const P1 = 'file:///w/prds/one.prd.yaml';
const P2 = 'file:///w/prds/two.prd.yaml';
const S = 'file:///w/it/1.stories.yaml';

const roadmap = lines(
  'id: RM-1',
  'title: R',
  'releases:',
  '  - id: R-2026.1',
  '    title: Spring',
  '    horizon: now',
  '  - id: R-2026.2',
  '    title: Autumn',
  '    horizon: next',
);
const epic = (id: string, release: string) => lines(`id: ${id}`, `title: ${id}`, `release: ${release}`);
const req = (id: string, status: string) =>
  `  - {id: ${id}, title: t, statement: s, priority: must, status: ${status}, acceptance_criteria: [ok]}`;
const prd = (id: string, epicId: string, ...reqs: string[]) =>
  lines(`id: ${id}`, `title: ${id}`, `epic: ${epicId}`, 'requirements:', ...reqs);
const stories = (...implemented: string[][]) =>
  lines(
    'id: IT-1',
    'title: S',
    'stories:',
    ...implemented.map((ids, i) => `  - {id: ST-${i + 1}, title: s, implements: [${ids.join(', ')}]}`),
  );

/** Eight committed requirements (five covered) and two drafts, over two releases. */
const files = {
  [RM]: roadmap,
  [E1]: epic('EPIC-1', 'R-2026.1'),
  [E2]: epic('EPIC-2', 'R-2026.2'),
  [P1]: prd(
    'PRD-1',
    'EPIC-1',
    req('REQ-1', 'approved'),
    req('REQ-2', 'in-progress'),
    req('REQ-3', 'done'),
    req('REQ-4', 'approved'),
    req('REQ-9', 'draft'),
  ),
  [P2]: prd(
    'PRD-2',
    'EPIC-2',
    req('REQ-5', 'approved'),
    req('REQ-6', 'approved'),
    req('REQ-7', 'done'),
    req('REQ-8', 'in-progress'),
    req('REQ-10', 'review'),
  ),
  [S]: stories(['REQ-1', 'REQ-2'], ['REQ-3'], ['REQ-5', 'REQ-6'], ['REQ-9']),
};

const coverageOf = (s: SpecService, uri: string) => findings(s, uri, 'coverage-threshold');

describe('coverage-threshold', () => {
  it('reports workspace coverage below the minimum on the config file, at the number', () => {
    const s = workspace(files, { [ROOT]: lines('coverage:', '  min: 0.8') });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'coverage-threshold',
        severity: 'error',
        range: [1, 7, 1, 10],
        message: 'coverage 62% is below the minimum 80% (5 of 8 committed requirements have stories)',
      },
    ]);
    assert.ok(s.uris().includes(CONFIG));
    // Not a configuration problem: the CLI runs and fails through the normal error path.
    assert.deepEqual(s.configProblems(ROOT), []);
  });

  it('is quiet at or above the minimum, and when nothing is committed', () => {
    let s = workspace(files, { [ROOT]: lines('coverage:', '  min: 0.625') });
    assert.deepEqual(findings(s, CONFIG), []);
    assert.ok(!s.uris().includes(CONFIG));
    s = workspace(
      { [P1]: prd('PRD-1', 'EPIC-1', req('REQ-1', 'draft')) },
      { [ROOT]: lines('coverage: {min: 1}') },
    );
    assert.deepEqual(findings(s, CONFIG), []);
  });

  it('reports a release below its minimum at the release ID in the roadmap', () => {
    const s = workspace(files, {
      [ROOT]: lines('coverage:', '  releases:', '    R-2026.1: 0.9', '    R-2026.2: 0.5'),
    });
    // R-2026.1: REQ-1..4 committed, 3 covered (75%); R-2026.2: REQ-5..8, 2 covered (50%).
    assert.deepEqual(coverageOf(s, RM), [
      {
        code: 'coverage-threshold',
        severity: 'error',
        range: [3, 8, 3, 16],
        message:
          'R-2026.1 coverage 75% is below the minimum 90% (3 of 4 committed requirements have stories)',
      },
    ]);
    assert.deepEqual(findings(s, CONFIG), []);
  });

  it('says when a configured release is not defined, on the config file at the ID', () => {
    const s = workspace(files, { [ROOT]: lines('coverage:', '  releases: {R-2027.1: 0.5}') });
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'coverage-threshold',
        severity: 'error',
        range: [1, 13, 1, 21],
        message: 'R-2027.1 is not a release in this workspace, so its coverage cannot be checked',
      },
    ]);
  });

  it('writes one requirement in the singular, and shares with decimals', () => {
    const s = workspace(
      { [RM]: roadmap, [E1]: files[E1], [P1]: prd('PRD-1', 'EPIC-1', req('REQ-1', 'approved')) },
      {
        [ROOT]: lines('coverage:', '  min: 0.855', '  releases: {R-2026.1: 1}'),
      },
    );
    assert.deepEqual(
      findings(s, CONFIG).map(f => f.message),
      ['coverage 0% is below the minimum 85.5% (0 of 1 committed requirement has stories)'],
    );
    assert.deepEqual(
      coverageOf(s, RM).map(f => f.message),
      ['R-2026.1 coverage 0% is below the minimum 100% (0 of 1 committed requirement has stories)'],
    );
  });

  it('validates the configuration: shares from 0 to 1, release IDs, known keys', () => {
    const s = workspace(
      {},
      {
        [ROOT]: lines(
          'coverage:',
          '  min: 1.5',
          '  releases:',
          '    r1: 0.5',
          '    R-1: "90%"',
          '    R-2:',
          '  max: 1',
          '  x-note: ok',
        ),
      },
    );
    assert.deepEqual(findings(s, CONFIG), [
      {
        code: 'schema',
        severity: 'error',
        range: [1, 7, 1, 10],
        message: 'coverage min must be a number from 0 to 1, such as 0.8 for 80% (got 1.5)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [3, 4, 3, 6],
        message: '"r1" is not a release ID (IDs look like R-2026.1)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [4, 9, 4, 14],
        message: 'coverage of R-1 must be a number from 0 to 1, such as 0.8 for 80% (got "90%")',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [5, 4, 5, 7],
        message: 'coverage of R-2 must be a number from 0 to 1, such as 0.8 for 80% (got null)',
      },
      {
        code: 'schema',
        severity: 'error',
        range: [6, 2, 6, 5],
        message: 'unknown coverage key "max" (allowed: min, implemented, verified, releases)',
      },
    ]);
    const t = workspace({}, { [ROOT]: lines('coverage: 0.8', 'schemas: [prd]') });
    assert.deepEqual(
      findings(t, CONFIG).map(f => [f.range, f.message]),
      [
        [[0, 10, 0, 13], 'coverage must be a mapping (min: 0.8, releases: { R-1: 0.9 })'],
        [
          [1, 9, 1, 14],
          'schemas must be a mapping of document kind: path of a JSON Schema file (prd: ./conventions/prd.schema.json)',
        ],
      ],
    );
  });

  it('takes severities from rules and can be suppressed in the roadmap', () => {
    const s = workspace(
      {
        ...files,
        [RM]: roadmap.replace(
          '  - id: R-2026.1',
          '  # specwright-disable-next-line coverage-threshold -- spring is a pilot\n  - id: R-2026.1',
        ),
      },
      {
        [ROOT]: lines(
          'rules: {coverage-threshold: warning}',
          'coverage: {min: 0.8, releases: {R-2026.1: 0.9}}',
        ),
      },
    );
    assert.deepEqual(
      findings(s, CONFIG).map(f => [f.code, f.severity]),
      [['coverage-threshold', 'warning']],
    );
    assert.deepEqual(coverageOf(s, RM), []);
    assert.deepEqual(
      s.suppressed(RM).map(d => [d.code, d.severity, d.reason]),
      [['coverage-threshold', 'warning', 'spring is a pilot']],
    );
  });

  it('follows edits: a new story, a status, a moved epic; and returns the files it changed', () => {
    const config = lines('coverage:', '  min: 0.7', '  releases: {R-2026.1: 0.9}');
    const s = workspace(files, { [ROOT]: config });
    assert.equal(findings(s, CONFIG).length, 1);
    assert.equal(coverageOf(s, RM).length, 1);

    // REQ-4 gets a story: R-2026.1 is fully covered (4/4), the workspace 6/8 = 75% ≥ 70%.
    const more = stories(['REQ-1', 'REQ-2'], ['REQ-3'], ['REQ-5', 'REQ-6'], ['REQ-9'], ['REQ-4']);
    let affected = s.apply([{ uri: S, text: more }]);
    assert.ok(affected.has(CONFIG) && affected.has(RM));
    assert.deepEqual(findings(s, CONFIG), []);
    assert.deepEqual(coverageOf(s, RM), []);

    // EPIC-2 (two uncovered requirements) moves into R-2026.1: 6 of 8, 75% < 90%.
    affected = s.apply([{ uri: E2, text: epic('EPIC-2', 'R-2026.1') }]);
    assert.ok(affected.has(RM));
    assert.deepEqual(
      coverageOf(s, RM).map(f => f.message),
      ['R-2026.1 coverage 75% is below the minimum 90% (6 of 8 committed requirements have stories)'],
    );

    // The config goes: nothing left to report, on the config or the roadmap.
    affected = s.setConfig(ROOT, undefined);
    assert.ok(affected.has(CONFIG) && affected.has(RM));
    assert.deepEqual(coverageOf(s, RM), []);
    assert.ok(!s.uris().includes(CONFIG));
  });

  it("counts each workspace folder's own requirements", () => {
    const W2 = 'file:///w2';
    const s = workspace(
      { ...files, 'file:///w2/x.prd.yaml': prd('PRD-9', 'EPIC-1', req('REQ-90', 'approved')) },
      {
        [ROOT]: lines('coverage: {min: 0.6}'),
        [W2]: lines('coverage: {min: 1}'),
      },
    );
    assert.deepEqual(findings(s, CONFIG), []); // 5/8 = 62.5% ≥ 60%: REQ-90 is not counted here
    assert.deepEqual(
      findings(s, 'file:///w2/.specwright.yaml').map(f => f.message),
      ['coverage 0% is below the minimum 100% (0 of 1 committed requirement has stories)'],
    );
  });

  describe('incremental equals full', () => {
    const statuses = ['draft', 'approved', 'done', 'in-progress', 'cancelled'];
    const reqIds = ['REQ-1', 'REQ-2', 'REQ-3', 'REQ-4', 'REQ-5'];
    const prdUris = [P1, P2, 'file:///w/prds/three.prd.yaml'];
    const epicUris = [E1, E2];
    const storyUris = [S, 'file:///w/it/2.stories.yaml'];
    const everyUri = [RM, ...epicUris, ...prdUris, ...storyUris];

    const prdText = fc
      .record({
        epicId: fc.constantFrom('EPIC-1', 'EPIC-2', 'EPIC-3'),
        reqs: fc.array(fc.record({ id: fc.constantFrom(...reqIds), status: fc.constantFrom(...statuses) }), {
          maxLength: 3,
        }),
        n: fc.nat(9),
      })
      .map(({ epicId, reqs, n }) =>
        prd(
          `PRD-${n}`,
          epicId,
          ...(reqs.length ? reqs.map(r => req(r.id, r.status)) : [req('REQ-X', 'draft')]),
        ),
      );
    const epicText = fc
      .tuple(fc.constantFrom('EPIC-1', 'EPIC-2'), fc.constantFrom('R-2026.1', 'R-2026.2', 'R-404'))
      .map(([id, r]) => epic(id, r));
    const storyText = fc
      .array(fc.subarray(reqIds, { minLength: 1, maxLength: 2 }), { maxLength: 3 })
      .map(list => stories(...list));
    const textFor = (uri: string): fc.Arbitrary<string> =>
      prdUris.includes(uri)
        ? prdText
        : epicUris.includes(uri)
          ? epicText
          : storyUris.includes(uri)
            ? storyText
            : fc.constant(roadmap);
    const op = fc
      .constantFrom(...everyUri)
      .chain(uri =>
        fc.oneof(
          { weight: 4, arbitrary: textFor(uri).map((text): FileChange => ({ uri, text })) },
          { weight: 1, arbitrary: fc.constant<FileChange>({ uri, deleted: true }) },
        ),
      );
    const config = fc
      .record({
        min: fc.constantFrom(0.3, 0.5, 0.8, 1),
        r1: fc.constantFrom(0.5, 0.9, 1),
        r2: fc.constantFrom(0.5, 1),
      })
      .map(c =>
        lines(
          'coverage:',
          `  min: ${c.min}`,
          '  releases:',
          `    R-2026.1: ${c.r1}`,
          `    R-2026.2: ${c.r2}`,
        ),
      );

    function fresh(current: Map<string, string>, configText: string): SpecService {
      return workspace(Object.fromEntries(current), { [ROOT]: configText });
    }
    function snapshot(s: SpecService): Map<string, unknown> {
      return new Map([...everyUri, CONFIG].map(u => [u, [s.diagnostics(u), s.suppressed(u)]]));
    }

    it('after every random edit, with every changed URI returned', function () {
      this.timeout(60_000);
      fc.assert(
        fc.property(config, fc.array(op, { minLength: 1, maxLength: 10 }), (configText, ops) => {
          const current = new Map<string, string>(
            Object.entries(files).filter(([u]) => everyUri.includes(u)),
          );
          const s = fresh(current, configText);
          let before = snapshot(s);
          for (const change of ops) {
            if ('deleted' in change) current.delete(change.uri);
            else if ('text' in change) current.set(change.uri, change.text);
            const affected = s.apply([change]);
            const after = snapshot(s);
            assert.deepStrictEqual(after, snapshot(fresh(current, configText)));
            for (const u of after.keys()) {
              if (!isDeepStrictEqual(before.get(u), after.get(u)))
                assert.ok(affected.has(u), `${u} changed but was not returned`);
            }
            before = after;
          }
        }),
        { numRuns: 150 },
      );
    });
  });
});
