import type { Location } from 'vscode-languageserver-types';
import { testName } from '../checks/failingTest';
import { verificationOf, type Verification } from '../graph/verification';
import type { TestOutcome } from '../refs/readJUnit';
import type { PlacedReference } from '../refs/traceStore';
import type { Item } from '../types';
import type { WorkspaceView } from '../workspaceView';

/**
 * An item's code references and tests as the editor lists them — the
 * requirement lens's pick list and the Trace view's rows — worded once:
 * a reference is `path:line` (relative to the workspace folder) with what it
 * says (`implements REQ-1#2`), a test run its name with its outcome, each
 * with the place it opens. The facts are graph/verification.ts's.
 */

/** One line of an item's code and tests. */
export interface EvidenceEntry {
  /** `code`: an `@implements` in a code file; `test`: a test run, or a reference in a test file. */
  kind: 'code' | 'test';
  /** `src/cart.py:3`, or a test's `classname name`. */
  label: string;
  /** What the reference says (`implements REQ-1#2`), or the test's outcome. */
  description: string;
  /** The latest outcome of a test run; absent for references. */
  outcome?: TestOutcome;
  /** The reference as written; for a test run, the start of its results file. */
  location: Location;
}

/** Whether the folder of a file configures `trace:` globs (the lens and the view's rows appear only there). */
export function tracesConfigured(service: WorkspaceView, uri: string): boolean {
  const t = service.traceRootOf(uri)?.trace;
  return !!t && t.code.length + t.tests.length + t.results.length > 0;
}

/** An item's evidence with its entries: code first, then test runs, then test references (where no result names it). */
export function evidenceOf(
  service: WorkspaceView,
  item: Item,
): { verification: Verification; code: EvidenceEntry[]; tests: EvidenceEntry[] } {
  const v = verificationOf(service.index, service.traces, item);
  const path = displayPath(service, item.uri);
  const reference = (r: PlacedReference, kind: 'code' | 'test'): EvidenceEntry => ({
    kind,
    label: `${path(r.uri)}:${r.range.start.line + 1}`,
    description: `${r.relation} ${r.id}${r.ac !== undefined ? `#${r.ac}` : ''}`,
    location: { uri: r.uri, range: r.range },
  });
  const origin = { line: 0, character: 0 };
  const runs: EvidenceEntry[] = v.runs.map(run => ({
    kind: 'test',
    label: testName(run),
    description: run.test.outcome,
    outcome: run.test.outcome,
    location: { uri: run.uri, range: { start: origin, end: origin } },
  }));
  return {
    verification: v,
    code: v.code.map(r => reference(r, 'code')),
    tests: [...runs, ...v.testReferences.map(r => reference(r, 'test'))],
  };
}

/** `2 code · 3 tests (1 failing)`: the lens's words for an item's evidence. */
export function evidenceTitle(v: Verification): string {
  const tests = `${v.tests} ${v.tests === 1 ? 'test' : 'tests'}`;
  return `${v.code.length} code · ${tests}${v.failing ? ` (${v.failing} failing)` : ''}`;
}

/** A file as the entries name it: relative to its workspace folder, decoded; else its URI. */
function displayPath(service: WorkspaceView, specUri: string): (uri: string) => string {
  const root = service.traceRootOf(specUri)?.rootUri;
  return uri => {
    const rel = root !== undefined && uri.startsWith(`${root}/`) ? uri.slice(root.length + 1) : uri;
    try {
      return decodeURIComponent(rel);
    } catch {
      return rel;
    }
  };
}
