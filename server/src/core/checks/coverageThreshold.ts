import { DiagnosticCode } from '../codes';
import type { CoverageConfig } from '../config';
import { countCoverage, type CoverageCount } from '../graph/coverage';
import { percentDown as percent, requirementsOf } from '../graph/progress';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import type { Finding, Item } from '../types';

/**
 * `coverage-threshold`: the share of counted requirements that are covered
 * (graph/coverage.ts: committed ones that a story implements), against the minimums of
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
 * one on `configUri`, per-release ones on the roadmap that defines the
 * release (or, for a release that no roadmap defines, on the config file at
 * its ID).
 */
export function coverageFindings(
  index: ReadonlyIndex,
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
  if (coverage.min) {
    const reqs: Item[] = [];
    for (const [uri, file] of index.files)
      if (inFolder(uri)) for (const i of file.items) if (i.kind === 'requirement') reqs.push(i);
    const count = countCoverage(index, reqs);
    const min = coverage.min.value;
    if (below(count, min)) {
      add(configUri, {
        code: DiagnosticCode.coverageThreshold,
        range: coverage.min.range,
        message: `coverage ${percent(count.covered, count.total)}% is below the minimum ${share(min)} (${ofCommitted(count)})`,
        data: { ...count, min },
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
    const count = countCoverage(index, releaseRequirements(index, r.id));
    const min = r.threshold.value;
    if (!below(count, min)) continue;
    add(release.uri, {
      code: DiagnosticCode.coverageThreshold,
      range: release.idRange,
      message: `${r.id} coverage ${percent(count.covered, count.total)}% is below the minimum ${share(min)} (${ofCommitted(count)})`,
      data: { ...count, min, release: r.id },
    });
  }
  return out;
}

/** Below the minimum; nothing committed is never below it. */
function below(count: CoverageCount, min: number): boolean {
  return count.total > 0 && count.covered < min * count.total - 1e-9;
}

/** 0.8 → "80%", 0.855 → "85.5%". */
function share(v: number): string {
  return `${Number((v * 100).toFixed(1))}%`;
}

function ofCommitted(c: CoverageCount): string {
  return c.total === 1
    ? `${c.covered} of 1 committed requirement has stories`
    : `${c.covered} of ${c.total} committed requirements have stories`;
}
