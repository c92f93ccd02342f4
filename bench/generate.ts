import * as fs from 'fs';
import { LineFiles } from './lineFiles';
import { Rng } from './prng';
import { Prose } from './text';
import { writeSpecs } from './writeSpecs';
import {
  closed,
  committed,
  compareExpected,
  isoDate,
  type CrossEdit,
  type Epic,
  type ExpectedFinding,
  type GeneratedWorkspace,
  type Iteration,
  type Phase,
  type Prd,
  type Priority,
  type Release,
  type Req,
  type Status,
  type Story,
} from './workspaceModel';

export {
  compareExpected,
  expectedKey,
  parseSize,
  type CrossEdit,
  type ExpectedFinding,
  type GeneratedWorkspace,
  type LocalEdit,
  type Spot,
} from './workspaceModel';

/**
 * Deterministic generator of format-v1 workspaces. `requirements` fixes the
 * size (1k requirements ≈ 100 files); the seed fixes everything else. The
 * workspace is clean except for a known set of injected findings, returned
 * as (file, code, line) so the bench can check they are found exactly.
 */
export function generateWorkspace(root: string, requirements: number, seed = 1): GeneratedWorkspace {
  const rng = new Rng(seed * 7919 + requirements);
  const prose = new Prose(rng);
  const N = Math.max(40, requirements);
  const injectCount = 3;

  // ---- the model ------------------------------------------------------------

  const nGoals = 4 + Math.floor(N / 5000);
  const nPersonas = 4 + Math.floor(N / 5000);
  const goals = Array.from({ length: nGoals }, (_, i) => `G-${i + 1}`);
  const personas = Array.from({ length: nPersonas }, (_, i) => `P-${i + 1}`);

  const nReleases = 4 + Math.floor(N / 2500);
  const base = new Date(Date.UTC(2025, 0, 6));
  const releases: Release[] = [];
  for (let i = 0; i < nReleases; i++) {
    const f = i / nReleases;
    const phase: Phase = f < 0.35 ? 'done' : f < 0.55 ? 'active' : f < 0.75 ? 'next' : 'later';
    const start = isoDate(base, i * 91);
    const end = isoDate(base, i * 91 + 84);
    releases.push({
      id: `R-${2025 + Math.floor(i / 4)}.${(i % 4) + 1}`,
      title: prose.title(),
      index: i,
      phase,
      horizon: phase === 'done' || phase === 'active' ? 'now' : phase === 'next' ? 'next' : 'later',
      start,
      end,
      status:
        phase === 'done'
          ? 'done'
          : phase === 'active'
            ? 'in-progress'
            : phase === 'next'
              ? 'approved'
              : 'draft',
      goals: rng.sample(goals, rng.int(1, 2)),
    });
  }

  const nEpics = Math.max(4, Math.round(N / 100));
  const epics: Epic[] = [];
  for (let i = 0; i < nEpics; i++) {
    const release = releases[Math.min(nReleases - 1, Math.floor((i * nReleases) / nEpics))];
    const status: Status =
      release.phase === 'done'
        ? 'done'
        : release.phase === 'active'
          ? 'in-progress'
          : release.phase === 'next'
            ? 'approved'
            : 'draft';
    const epic: Epic = {
      id: `EPIC-${i + 1}`,
      index: i,
      release,
      status,
      priority: rng.weighted<Priority>(['must', 'should', 'could'], [5, 3, 1]),
      deps: [],
      prds: [],
      goals: rng.sample(goals, rng.int(1, 2)),
      file: `areas/area-${String(Math.floor(i / 20) + 1).padStart(3, '0')}/epics/epic-${i + 1}.epic.yaml`,
    };
    // Depends on earlier epics only (same or earlier release: no schedule conflict, no cycle).
    if (i > 0 && rng.chance(0.3)) epic.deps.push(epics[rng.int(Math.max(0, i - 15), i - 1)]);
    epics.push(epic);
  }

  const nPrds = Math.max(nEpics, Math.round(N / 20));
  const prds: Prd[] = [];
  for (let i = 0; i < nPrds; i++) {
    const epic = epics[Math.floor((i * nEpics) / nPrds)];
    const area = epic.file.split('/')[1];
    let status: Status;
    switch (epic.release.phase) {
      case 'done':
        status = 'done';
        break;
      case 'active':
        status = rng.weighted<Status>(['done', 'in-progress', 'approved'], [1, 3, 1]);
        break;
      case 'next':
        status = rng.weighted<Status>(['approved', 'review'], [2, 1]);
        break;
      default:
        status = rng.weighted<Status>(['draft', 'review'], [3, 1]);
    }
    const prd: Prd = {
      id: `PRD-${i + 1}`,
      epic,
      status,
      reqs: [],
      file: `areas/${area}/prds/prd-${i + 1}.prd.yaml`,
      personas: rng.sample(personas, rng.int(1, 2)),
      goals: rng.sample(epic.goals, 1),
    };
    epic.prds.push(prd);
    prds.push(prd);
  }

  // Requirement counts per PRD: 12..28, summing to N exactly.
  const perPrd = prds.map(() => rng.int(12, 28));
  let total = perPrd.reduce((a, b) => a + b, 0);
  for (let i = 0; total !== N; i = (i + 1) % perPrd.length) {
    if (total < N) {
      perPrd[i]++;
      total++;
    } else if (perPrd[i] > 2) {
      perPrd[i]--;
      total--;
    }
  }
  const reqs: Req[] = [];
  prds.forEach((prd, p) => {
    for (let k = 0; k < perPrd[p]; k++) {
      let status: Status;
      switch (prd.status) {
        case 'done':
          status = rng.chance(0.05) ? 'cancelled' : 'done';
          break;
        case 'in-progress':
          status = rng.weighted<Status>(
            ['done', 'in-progress', 'approved', 'review', 'draft'],
            [3, 3, 2, 1, 1],
          );
          break;
        case 'approved':
          status = rng.weighted<Status>(['approved', 'review', 'draft'], [4, 1, 1]);
          break;
        case 'review':
          status = rng.weighted<Status>(['review', 'draft', 'approved'], [3, 1, 1]);
          break;
        default:
          status = rng.weighted<Status>(['draft', 'review'], [3, 1]);
      }
      const req: Req = {
        id: `REQ-${reqs.length + 1}`,
        index: reqs.length,
        prd,
        status,
        priority: rng.weighted<Priority>(['must', 'should', 'could', 'wont'], [4, 3, 2, 1]),
        deps: [],
        hasAC: committed(status) || rng.chance(0.5),
        stories: [],
        dependents: 0,
      };
      // Dependencies point to earlier requirements (no cycle); a must never waits on a could/wont.
      const okDep = (d: Req) => req.priority !== 'must' || d.priority === 'must' || d.priority === 'should';
      if (k > 0 && rng.chance(0.25)) {
        for (const d of rng.sample(prd.reqs, rng.int(1, 2))) if (okDep(d)) req.deps.push(d);
      } else if (rng.chance(0.05) && prd.epic.prds[0] !== prd) {
        const other = prd.epic.prds[0].reqs;
        const d = other.length ? rng.pick(other) : undefined;
        if (d && okDep(d)) req.deps.push(d);
      }
      for (const d of req.deps) d.dependents++;
      prd.reqs.push(req);
      reqs.push(req);
    }
  });

  // ---- injections that shape the model (before stories exist) ---------------

  const expected: ExpectedFinding[] = [];
  const used = new Set<string>();
  const take = <T extends { id: string }>(list: readonly T[], ok: (x: T) => boolean, what: string): T => {
    for (let attempt = 0; attempt < 20000; attempt++) {
      const x = list[rng.int(0, list.length - 1)];
      if (!used.has(x.id) && ok(x)) {
        used.add(x.id);
        return x;
      }
    }
    throw new Error(`generator: found nothing to inject ${what} into`);
  };
  // Line markers resolved once the files are written: [itemId, field] → finding code.
  const marks: Array<{ id: string; field: string; code: string; occurrence?: number }> = [];

  // uncovered: a committed requirement no story implements.
  for (let i = 0; i < injectCount; i++) {
    const r = take(reqs, x => committed(x.status) && x.hasAC, 'uncovered');
    r.noStory = true;
    marks.push({ id: r.id, field: 'id', code: 'uncovered' });
  }
  // missing-acceptance: a committed requirement without acceptance criteria.
  for (let i = 0; i < injectCount; i++) {
    const r = take(reqs, x => x.status === 'approved', 'missing-acceptance');
    r.hasAC = false;
    marks.push({ id: r.id, field: 'status', code: 'missing-acceptance' });
  }
  // priority-inversion: a must requirement depends on an earlier could requirement.
  for (let i = 0; i < injectCount; i++) {
    const m = take(reqs, x => x.priority === 'must' && x.index > 50, 'priority-inversion');
    const c = take(reqs.slice(0, m.index), x => x.priority === 'could', 'priority-inversion (target)');
    m.deps.push(c);
    c.dependents++;
    marks.push({ id: m.id, field: 'depends_on', code: 'priority-inversion' });
  }
  // dependency-cycle: b (no deps of its own) ⇄ a (earlier, same PRD); both must/should.
  for (let i = 0; i < injectCount; i++) {
    const b = take(
      reqs,
      x =>
        x.deps.length === 0 &&
        (x.priority === 'must' || x.priority === 'should') &&
        x.prd.reqs.indexOf(x) > 0,
      'dependency-cycle',
    );
    const a = take(
      b.prd.reqs.slice(0, b.prd.reqs.indexOf(b)),
      x => x.priority === 'must' || x.priority === 'should',
      'dependency-cycle (partner)',
    );
    b.deps.push(a);
    a.deps.push(b);
    a.dependents++;
    b.dependents++;
    marks.push({ id: a.id, field: 'depends_on', code: 'dependency-cycle' });
    marks.push({ id: b.id, field: 'depends_on', code: 'dependency-cycle' });
  }
  // duplicate-id: a draft requirement in another (not done) PRD reuses an existing ID.
  for (let i = 0; i < injectCount; i++) {
    const original = take(reqs, x => x.dependents === 0 && x.deps.length === 0, 'duplicate-id');
    const host = take(prds, x => x !== original.prd && !closed(x.status), 'duplicate-id (host PRD)');
    const dup: Req = {
      id: original.id,
      index: -1,
      prd: host,
      status: 'draft',
      priority: original.priority,
      deps: [],
      hasAC: false,
      stories: [],
      dependents: 0,
      duplicateOf: original,
      noStory: true,
    };
    host.reqs.push(dup);
    marks.push({ id: original.id, field: 'id', code: 'duplicate-id', occurrence: 0 });
    marks.push({ id: original.id, field: 'id', code: 'duplicate-id', occurrence: 1 });
  }
  // status-rollup: an in-progress PRD marked done while a requirement is still open.
  for (let i = 0; i < injectCount; i++) {
    const p = take(
      prds,
      x => x.status === 'in-progress' && x.reqs.some(r => !closed(r.status)),
      'status-rollup',
    );
    p.status = 'done';
    marks.push({ id: p.id, field: 'status', code: 'status-rollup' });
  }
  // schedule-conflict: an epic depends on an epic of a later release (and no cycle results).
  const reaches = (from: Epic, to: Epic, seen = new Set<Epic>()): boolean => {
    if (from === to) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return from.deps.some(d => reaches(d, to, seen));
  };
  for (let i = 0; i < injectCount; i++) {
    const e1 = take(epics, x => x.release.index < nReleases / 2, 'schedule-conflict');
    const e2 = take(
      epics,
      x => x.release.end > e1.release.end && !reaches(x, e1),
      'schedule-conflict (target)',
    );
    e1.deps.push(e2);
    marks.push({ id: e1.id, field: 'depends_on', code: 'schedule-conflict' });
  }
  // schema: a bad priority enum, and a requirement with no statement.
  for (let i = 0; i < 2; i++) {
    const r = take(reqs, x => x.dependents === 0 && x.priority !== 'must', 'schema (enum)');
    r.priority = 'urgent';
    marks.push({ id: r.id, field: 'priority', code: 'schema' });
  }
  for (let i = 0; i < 2; i++) {
    const r = take(reqs, x => x.status === 'draft', 'schema (missing statement)');
    r.noStatement = true;
    marks.push({ id: r.id, field: '-', code: 'schema' });
  }
  // kind-mismatch: a PRD that says `kind: epic`.
  for (let i = 0; i < 2; i++) {
    const p = take(prds, () => true, 'kind-mismatch');
    p.kindOverride = 'epic';
    marks.push({ id: p.id, field: 'kind', code: 'kind-mismatch' });
  }

  // ---- stories and iterations ----------------------------------------------

  const stories: Story[] = [];
  for (const req of reqs) {
    if (req.noStory || req.status === 'cancelled') continue;
    let n = 0;
    if (committed(req.status)) n = rng.chance(0.2) ? 2 : 1;
    else if (rng.chance(0.3)) n = 1;
    for (let k = 0; k < n; k++) {
      let status: Status;
      switch (req.status) {
        case 'done':
          status = 'done';
          break;
        case 'in-progress':
          status = rng.weighted<Status>(['in-progress', 'done', 'approved'], [2, 2, 1]);
          break;
        case 'approved':
          status = 'approved';
          break;
        default:
          status = 'draft';
      }
      const story: Story = {
        id: `ST-${stories.length + 1}`,
        index: stories.length,
        req,
        extraImplements: [],
        status,
        deps: [],
        persona: rng.pick(personas),
        estimate: String(rng.pick([1, 2, 3, 5, 8, 13])),
        hasAC: committed(status) || rng.chance(0.5),
        estimateKey: 'estimate',
      };
      req.stories.push(story);
      stories.push(story);
    }
  }
  // Iterations: ~25 stories each, never spanning two releases.
  const iterations: Iteration[] = [];
  let current: Iteration | undefined;
  let target = 0;
  for (const s of stories) {
    const release = s.req.prd.epic.release;
    if (!current || current.release !== release || current.stories.length >= target) {
      const index = iterations.length;
      const nth = iterations.filter(it => it.release === release).length;
      const start = isoDate(new Date(Date.parse(release.start + 'T00:00:00Z')), (nth * 14) % 70);
      current = {
        id: `IT-${index + 1}`,
        index,
        release,
        stories: [],
        status: 'draft',
        start,
        end: isoDate(new Date(Date.parse(start + 'T00:00:00Z')), 11),
        file: `releases/${release.id.toLowerCase()}/iteration-${index + 1}.stories.yaml`,
      };
      iterations.push(current);
      target = rng.int(18, 32);
    }
    s.iteration = current;
    if (current.stories.length && rng.chance(0.2)) s.deps.push(rng.pick(current.stories.slice(-8)));
    current.stories.push(s);
  }
  for (const it of iterations) {
    const st = it.stories.map(s => s.status);
    it.status = st.every(closed)
      ? 'done'
      : st.some(s => s === 'in-progress' || s === 'done')
        ? 'in-progress'
        : st.every(s => s === 'approved')
          ? 'approved'
          : 'draft';
  }
  // Story-level injections.
  const crossStories: Story[] = [];
  for (let i = 0; i < injectCount; i++) {
    const s = take(stories, () => true, 'unresolved-link');
    s.extraImplements.push(`REQ-GONE-${i + 1}`);
    crossStories.push(s);
    marks.push({ id: s.id, field: 'implements', code: 'unresolved-link' });
  }
  for (let i = 0; i < 2; i++) {
    const s = take(stories, () => true, 'link-kind');
    s.extraImplements.push(rng.pick(epics.filter(e => !closed(e.status))).id); // a done epic would also get a status-rollup
    marks.push({ id: s.id, field: 'implements', code: 'link-kind' });
  }
  for (let i = 0; i < 2; i++) {
    const s = take(stories, () => true, 'schema (unknown key)');
    s.estimateKey = 'estimat';
    marks.push({ id: s.id, field: 'estimat', code: 'schema' });
  }
  for (let i = 0; i < 2; i++) {
    const s = take(stories, x => x.estimateKey === 'estimate', 'schema (type)');
    s.estimate = 'lots';
    marks.push({ id: s.id, field: 'estimate', code: 'schema' });
  }
  for (let i = 0; i < 2; i++) {
    const it = take(iterations, () => true, 'date-order');
    it.end = isoDate(new Date(Date.parse(it.start + 'T00:00:00Z')), -3);
    marks.push({ id: it.id, field: 'end', code: 'date-order' });
  }

  // ---- writing --------------------------------------------------------------

  const { out, where, links, definitions, completions, keys, localEdits, items } = writeSpecs(
    { releases, epics, prds, iterations, goals, personas },
    rng,
    prose,
    used,
  );

  // ---- resolve the expected findings ---------------------------------------

  for (const m of marks) {
    const occ = where.get(m.id);
    const at = occ?.[m.occurrence ?? 0];
    const line = at?.fields.get(m.field);
    if (!at || line === undefined) throw new Error(`generator: cannot place ${m.code} at ${m.id}.${m.field}`);
    expected.push({ file: at.file, code: m.code, line });
  }

  // Hosts of the cross-file edit: open PRDs (a done one would get a status-rollup) with the right kind.
  const hosts = prds.filter(p => !closed(p.status) && !p.kindOverride);
  const crossEdits: CrossEdit[] = crossStories.map((s, i) => {
    const at = where.get(s.id)![0];
    const missingId = s.extraImplements[0];
    const host = hosts[(i * 7 + 3) % hosts.length];
    return {
      prdFile: host.file,
      missingId,
      storyFile: at.file,
      storyLine: at.fields.get('implements')!,
      insertText:
        [
          `  - id: ${missingId}`,
          `    title: ${prose.title()}`,
          `    statement: ${prose.statement()}`,
          '    priority: should',
          '',
        ].join('\n') + '\n',
    };
  });

  fs.rmSync(root, { recursive: true, force: true });
  const writer = new LineFiles(root);
  for (const [file, lines] of out) writer.write(file, lines);
  const bytes = writer.bytes;

  const pickEvery = <T>(list: T[], n: number): T[] => {
    if (list.length <= n) return list;
    const step = list.length / n;
    return Array.from({ length: n }, (_, i) => list[Math.floor(i * step)]);
  };
  return {
    root,
    seed,
    requirements: N,
    files: [...out.keys()].sort(),
    bytes,
    items,
    counts: {
      releases: releases.length,
      epics: epics.length,
      prds: prds.length,
      requirements: reqs.length,
      iterations: iterations.length,
      stories: stories.length,
    },
    expected: expected.sort(compareExpected),
    links,
    definitions,
    completions,
    keys,
    localEdits: pickEvery(localEdits, 200),
    crossEdits,
  };
}
