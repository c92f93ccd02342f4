import { DiagnosticCode } from '../codes';
import { coverageMeasures, type CoverageConfig, type CoverageMeasure, type Minimums } from '../config';
import { countCoverage, type CoverageCount } from '../graph/coverage';
import { countVerification, type TraceFacts } from '../graph/verification';
import { percentDown as percent, requirementsOf } from '../graph/progress';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import type { Finding, Item } from '../types';

/**
 * `coverage-threshold`: the share of counted requirements that are covered
 * (graph/coverage.ts: committed ones that a story implements), implemented
 * and verified (graph/verification.ts), against the minimums of
 * `.specwright.yaml` `coverage:` — over the whole workspace folder (`min`,
 * reported on the config file at the number) and per release (`releases`:
 * the requirements of the PRDs of the epics in the release, reported at the
 * release's `id` in the roadmap).
 *
 * It reads every requirement, so it is not a per-file CrossCheck: the
 * service runs it again after any change that touches a fact of an item
 * (cheap: a pass over the requirements) and compares the result.
 */

/** The requirements of the PRDs of the epics whose `release` names the release (each once). */
export function releaseRequirements(index: ReadonlyIndex, releaseId: string): Item[] {
  const out = new Set<Item>();
  for (const e of index.incoming(releaseId)) {
    if (e.field !== 'release' || e.holder.kind !== 'epic') continue;
    for (const p of index.incoming(e.holder.id)) {
      if (p.field !== 'epic' || p.holder.kind !== 'prd') continue;
      for (const r of requirementsOf(index, p.holder.id)) out.add(r);
    }
  }
  return [...out];
}

/**
 * The coverage findings of one workspace folder, by URI: the workspace-wide
 * ones on `configUri`, at the number, per-release ones on the roadmap that
 * defines the release (or, for a release that no roadmap defines, on the
 * config file at its ID). One finding per minimum that is not met: covered
 * (`min`), implemented, verified.
 */
export function coverageFindings(
  index: ReadonlyIndex,
  traces: TraceFacts,
  coverage: CoverageConfig,
  configUri: string,
  inFolder: (uri: string) => boolean,
): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  const add = (uri: string, f: Finding): void => {
    const list = out.get(uri);
    if (list) list.push(f);
    else out.set(uri, [f]);
  };
  if (Object.keys(coverage.folder).length) {
    const reqs: Item[] = [];
    for (const [uri, file] of index.files)
      if (inFolder(uri)) for (const i of file.items) if (i.kind === 'requirement') reqs.push(i);
    const counts = measure(index, traces, reqs, coverage.folder);
    for (const m of coverageMeasures) {
      const min = coverage.folder[m];
      const count = counts[m];
      if (!min || !count || !below(count, min.value)) continue;
      add(configUri, {
        code: DiagnosticCode.coverageThreshold,
        range: min.range,
        message: `${measureName(m)} ${percent(count.met, count.total)}% is below the minimum ${share(min.value)} (${ofCommitted(m, count)})`,
        data: dataOf(m, count, min.value),
      });
    }
  }
  for (const r of coverage.releases) {
    const release = index.definitions(r.id).find(i => i.kind === 'release');
    if (!release) {
      add(configUri, {
        code: DiagnosticCode.coverageThreshold,
        range: r.keyRange,
        message: `${r.id} is not a release in this workspace, so its coverage cannot be checked`,
        data: { release: r.id },
      });
      continue;
    }
    const counts = measure(index, traces, releaseRequirements(index, r.id), r.minimums);
    for (const m of coverageMeasures) {
      const min = r.minimums[m];
      const count = counts[m];
      if (!min || !count || !below(count, min.value)) continue;
      add(release.uri, {
        code: DiagnosticCode.coverageThreshold,
        range: release.idRange,
        message: `${r.id} ${measureName(m)} ${percent(count.met, count.total)}% is below the minimum ${share(min.value)} (${ofCommitted(m, count)})`,
        data: { ...dataOf(m, count, min.value), release: r.id },
      });
    }
  }
  return out;
}

/** How many of the counted requirements meet a measure, of how many. */
interface MeasureCount {
  met: number;
  total: number;
}

/** The counts of the measures that have a minimum (implemented and verified only where one is set: they read every test). */
function measure(
  index: ReadonlyIndex,
  traces: TraceFacts,
  reqs: readonly Item[],
  minimums: Minimums,
): Partial<Record<CoverageMeasure, MeasureCount>> {
  const out: Partial<Record<CoverageMeasure, MeasureCount>> = {};
  if (minimums.covered) {
    const c: CoverageCount = countCoverage(index, reqs);
    out.covered = { met: c.covered, total: c.total };
  }
  if (minimums.implemented || minimums.verified) {
    const v = countVerification(index, traces, reqs);
    out.implemented = { met: v.implemented, total: v.specified };
    out.verified = { met: v.verified, total: v.specified };
  }
  return out;
}

/** The data a finding carries: `covered` keeps its first shape (`{ covered, total, min }`). */
function dataOf(m: CoverageMeasure, count: MeasureCount, min: number): Record<string, unknown> {
  return m === 'covered'
    ? { covered: count.met, total: count.total, min }
    : { measure: m, [m]: count.met, total: count.total, min };
}

function measureName(m: CoverageMeasure): string {
  return m === 'covered' ? 'coverage' : `${m} coverage`;
}

/** Below the minimum; nothing committed is never below it. */
function below(count: MeasureCount, min: number): boolean {
  return count.total > 0 && count.met < min * count.total - 1e-9;
}

/** 0.8 → "80%", 0.855 → "85.5%". */
function share(v: number): string {
  return `${Number((v * 100).toFixed(1))}%`;
}

const verbs: Record<CoverageMeasure, [string, string]> = {
  covered: ['has stories', 'have stories'],
  implemented: ['is implemented in code', 'are implemented in code'],
  verified: ['is verified by passing tests', 'are verified by passing tests'],
};

function ofCommitted(m: CoverageMeasure, c: MeasureCount): string {
  const [one, many] = verbs[m];
  return c.total === 1
    ? `${c.met} of 1 committed requirement ${one}`
    : `${c.met} of ${c.total} committed requirements ${many}`;
}
