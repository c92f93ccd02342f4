/**
 * References and results in the SpecService (in memory): unresolved-link in
 * code and test files, unverified, failing-test, skipped files, and a
 * changed trace file read again on its own giving what a full scan gives.
 */
import * as assert from 'node:assert/strict';
import type { TraceConfig } from '../../../server/src/core/config';
import { SpecService } from '../../../server/src/core/service';
import { isUnder, type TraceListing } from '../../../server/src/core/workspace';
import { lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const PRD = 'file:///w/cart.prd.yaml';
const STORIES = 'file:///w/s1.stories.yaml';
const CODE = 'file:///w/src/cart.py';
const TEST = 'file:///w/test/test_cart.py';
const JUNIT = 'file:///w/reports/junit.xml';
const OLD = 'file:///w/reports/old.xml';

/** A MemoryWorkspace that lists trace files by folder (src/ code, test/ tests, reports/ results), with set times. */
class TraceWorkspace extends MemoryWorkspace {
  readonly times = new Map<string, number>();
  readonly unreadable = new Set<string>();
  readonly traceReads: string[] = [];

  listTraceFiles(rootUri: string, globs: TraceConfig): Promise<TraceListing> {
    const role = (uri: string): 'code' | 'tests' | 'results' | undefined =>
      uri.includes('/reports/') && globs.results.length
        ? 'results'
        : uri.includes('/test/') && globs.tests.length
          ? 'tests'
          : uri.includes('/src/') && globs.code.length
            ? 'code'
            : undefined;
    const files: TraceListing['files'] = [];
    for (const uri of [...this.files.keys()].sort()) {
      const r = isUnder(uri, rootUri) ? role(uri) : undefined;
      if (r) files.push({ uri, role: r, mtime: this.times.get(uri) ?? 0 });
    }
    return Promise.resolve({ files, skipped: [] });
  }

  readTraceFile(uri: string): Promise<Uint8Array | { error: string }> {
    this.traceReads.push(uri);
    const text = this.files.get(uri);
    if (this.unreadable.has(uri) || text === undefined)
      return Promise.resolve({ error: this.unreadable.has(uri) ? 'permission denied' : 'gone' });
    return Promise.resolve(new TextEncoder().encode(text));
  }
}

const config = lines(
  'trace:',
  '  code: [src/**/*.py]',
  '  tests: [test/**/*.py]',
  '  results: [reports/*.xml]',
);
const prd = lines(
  'id: PRD-1',
  'title: Cart',
  'requirements:',
  '  - {id: REQ-1, title: Add, statement: s, priority: must, status: done, acceptance_criteria: [a, b]}',
  '  - {id: REQ-2, title: Remove, statement: s, priority: must, status: done, acceptance_criteria: [a]}',
  '  - {id: REQ-3, title: Total, statement: s, priority: must, status: done, acceptance_criteria: [a]}',
  '  - {id: REQ-4, title: Later, statement: s, priority: must, status: in-progress, acceptance_criteria: [a]}',
);
const stories = lines(
  'id: IT-1',
  'title: S1',
  'stories:',
  '  - {id: ST-1, title: a, implements: [REQ-1], status: done, acceptance_criteria: [ok]}',
  '  - {id: ST-2, title: b, implements: [REQ-2], status: done, acceptance_criteria: [ok]}',
  '  - {id: ST-3, title: c, implements: [REQ-3], status: done, acceptance_criteria: [ok]}',
  '  - {id: ST-4, title: d, implements: [REQ-4], status: done, acceptance_criteria: [ok]}',
);
const code = lines('# @implements REQ-1, REQ-404', 'def add(): pass');
const test = lines('def test_add():  # @implements REQ-1#2', '    pass');
const junit = lines(
  '<testsuites><testsuite name="cart">',
  '  <testcase classname="cart" name="total [ST-3]"/>',
  '  <testcase classname="cart" name="later [ST-4]"><failure/></testcase>',
  '  <testcase classname="cart" name="remove [REQ-2]"><skipped/></testcase>',
  '</testsuite></testsuites>',
);

function ws(extra: Record<string, string> = {}): TraceWorkspace {
  const w = new TraceWorkspace();
  for (const [uri, text] of Object.entries({
    [CONFIG]: config,
    [PRD]: prd,
    [STORIES]: stories,
    [CODE]: code,
    [TEST]: test,
    [JUNIT]: junit,
    ...extra,
  }))
    w.set(uri, text);
  return w;
}

async function scanned(w: TraceWorkspace): Promise<SpecService> {
  const s = new SpecService(w);
  await s.scan([ROOT]);
  return s;
}

/** Every finding of the workspace, `file line:col-col code message`. */
function all(s: SpecService): string[] {
  return s.uris().flatMap(uri =>
    s
      .diagnostics(uri)
      .filter(d => d.code !== 'orphan')
      .map(
        d =>
          `${uri.slice(ROOT.length + 1)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.code} ${d.message}`,
      ),
  );
}

describe('references and results in the SpecService', () => {
  it('reports unresolved-link in code, unverified and failing-test where the format says, and nothing else', async () => {
    assert.deepEqual(all(await scanned(ws())), [
      'cart.prd.yaml 4:9-14 unverified REQ-2 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
      's1.stories.yaml 6:9-13 failing-test a test of ST-4 failed in the latest results: "cart later [ST-4]" failed',
      'src/cart.py 0:21-28 unresolved-link REQ-404 is not defined in this workspace (did you mean REQ-4?)',
    ]);
  });

  it('counts a test file reference to an acceptance criterion, and a tested story, as verifying the requirement', async () => {
    const s = await scanned(ws({ [TEST]: '# nothing\n' }));
    assert.deepEqual(
      all(s)
        .filter(l => l.includes('unverified'))
        .map(l => l.split(' ')[3]),
      ['REQ-1', 'REQ-2'],
    );
  });

  it('reports no unverified where neither trace.tests nor trace.results is set', async () => {
    const s = await scanned(ws({ [CONFIG]: lines('trace:', '  code: [src/**/*.py]') }));
    assert.deepEqual(
      all(s).map(l => l.split(' ')[2]),
      ['unresolved-link'],
    );
  });

  it('reads no trace file without trace:', async () => {
    const w = ws({ [CONFIG]: 'rules: {}\n' });
    const s = await scanned(w);
    assert.deepEqual(w.traceReads, []);
    assert.deepEqual(all(s), []);
  });

  it('takes the newest of several results files per test case', async () => {
    const old = lines('<testsuite><testcase classname="cart" name="later [ST-4]"/></testsuite>');
    const w = ws({ [OLD]: old });
    w.times.set(JUNIT, 100);
    w.times.set(OLD, 200);
    assert.deepEqual(
      all(await scanned(w)).filter(l => l.includes('failing-test')),
      [],
    );
    w.times.set(OLD, 50);
    assert.equal(all(await scanned(w)).filter(l => l.includes('failing-test')).length, 1);
  });

  it('skips an unreadable or binary trace file with its reason, never failing the scan', async () => {
    const w = ws({ 'file:///w/src/blob.py': 'a\u0000b @implements REQ-404' });
    w.unreadable.add(CODE);
    const s = await scanned(w);
    assert.deepEqual(s.traces.skipped(), [
      { uri: 'file:///w/src/blob.py', reason: 'binary (it contains NUL bytes)' },
      { uri: CODE, reason: 'permission denied' },
    ]);
    assert.ok(!all(s).some(l => l.includes('unresolved-link')));
  });

  it('a changed code, test or results file is read again on its own, and the findings equal a full scan', async () => {
    const w = ws();
    const s = await scanned(w);
    const steps: [string, string | undefined, number][] = [
      [CODE, lines('# @implements REQ-1', '# @verifies REQ-2'), 0],
      [JUNIT, lines('<testsuite><testcase name="x [REQ-3]"><error/></testcase></testsuite>'), 300],
      [TEST, undefined, 0],
      [JUNIT, '<testsuite><testcase', 400],
      [CODE, lines('# @implements NOPE-1'), 0],
    ];
    for (const [uri, text, mtime] of steps) {
      w.set(uri, text);
      w.times.set(uri, mtime);
      const bytes = text === undefined ? undefined : new TextEncoder().encode(text);
      const role = uri === JUNIT ? 'results' : uri === TEST ? 'tests' : 'code';
      const affected = s.applyTrace([
        bytes === undefined
          ? { uri, deleted: true }
          : role === 'results'
            ? { uri, role, bytes, mtime }
            : { uri, role, bytes },
      ]);
      assert.ok(affected.has(uri));
      assert.deepEqual(all(s), all(await scanned(w)), `after ${uri}`);
    }
    assert.deepEqual(all(s), [
      'cart.prd.yaml 3:9-14 unverified REQ-1 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
      'cart.prd.yaml 4:9-14 unverified REQ-2 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
      'cart.prd.yaml 5:9-14 unverified REQ-3 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
      'reports/junit.xml 0:20-20 schema not well-formed JUnit XML: the file ends before <testsuite>, <testcase> are closed',
      'src/cart.py 0:14-20 unresolved-link NOPE-1 is not defined in this workspace',
    ]);
  });

  it('a spec edit that defines a referenced ID clears the unresolved-link in the code file', async () => {
    const s = await scanned(ws());
    const affected = s.apply([
      {
        uri: 'file:///w/more.prd.yaml',
        text: lines('id: PRD-2', 'title: T', 'requirements:', '  - {id: REQ-404, title: t, statement: s}'),
      },
    ]);
    assert.ok(affected.has(CODE));
    assert.ok(!all(s).some(l => l.includes('REQ-404 is not defined')));
  });
});
