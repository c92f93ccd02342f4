/**
 * How the SpecService follows code, test and results files one at a time
 * (in memory): a watched file read again on its own (`readTrace`), a file
 * the globs stop matching forgotten, a changed `trace:` listing a root again
 * (`refreshTrace`), open code files whose buffer counts
 * (`openSourceDocuments`), and which kind of file a URI is (`traceRoleOf`).
 */
import * as assert from 'node:assert/strict';
import type { TraceConfig } from '../../../server/src/core/config';
import { TraceRoles } from '../../../server/src/core/refs/traceRoles';
import { SpecService } from '../../../server/src/core/service';
import { isUnder, type TraceListing, type TraceRole } from '../../../server/src/core/workspace';
import { lines } from '../helpers';
import { MemoryWorkspace } from '../memoryWorkspace';

const ROOT = 'file:///w';
const CONFIG = 'file:///w/.specwright.yaml';
const PRD = 'file:///w/cart.prd.yaml';
const CODE = 'file:///w/src/cart.ts';
const PY = 'file:///w/app/cart.py';
const TEST = 'file:///w/test/cart.test.ts';
const JUNIT = 'file:///w/reports/junit.xml';

/** Globs as folder prefixes (`src/**` matches under src/): enough to tell the service's routing apart. */
class GlobWorkspace extends MemoryWorkspace {
  readonly times = new Map<string, number>();
  readonly traceReads: string[] = [];

  traceMatcher(globs: TraceConfig): (rel: string) => TraceRole | undefined {
    const under = (list: string[], rel: string): boolean =>
      list.some(g => rel.startsWith(g.replace(/\*\*.*$/, '')));
    return rel =>
      under(globs.results, rel)
        ? 'results'
        : under(globs.tests, rel)
          ? 'tests'
          : under(globs.code, rel)
            ? 'code'
            : undefined;
  }

  listTraceFiles(rootUri: string, globs: TraceConfig): Promise<TraceListing> {
    const match = this.traceMatcher(globs);
    const files: TraceListing['files'] = [];
    for (const uri of [...this.files.keys()].sort()) {
      const role = isUnder(uri, rootUri) ? match(uri.slice(rootUri.length + 1)) : undefined;
      if (role) files.push({ uri, role, mtime: this.times.get(uri) ?? 0 });
    }
    return Promise.resolve({ files, skipped: [] });
  }

  readTraceFile(uri: string): Promise<Uint8Array | { error: string }> {
    this.traceReads.push(uri);
    const text = this.files.get(uri);
    return Promise.resolve(text === undefined ? { error: 'gone' } : new TextEncoder().encode(text));
  }

  traceFileTime(uri: string): Promise<number | undefined> {
    return Promise.resolve(this.files.has(uri) ? (this.times.get(uri) ?? 0) : undefined);
  }
}

const config = lines('trace:', '  code: [src/**, app/**]', '  tests: [test/**]', '  results: [reports/**]');
const prd = lines(
  'id: PRD-1',
  'title: Cart',
  'requirements:',
  '  - {id: REQ-1, title: Add, statement: s, priority: must, status: done, acceptance_criteria: [a, b]}',
);
const passing = '<testsuite><testcase classname="cart" name="adds [REQ-1]"/></testsuite>\n';
const failing =
  '<testsuite><testcase classname="cart" name="adds [REQ-1]"><failure/></testcase></testsuite>\n';

async function scanned(extra: Record<string, string> = {}): Promise<{ w: GlobWorkspace; s: SpecService }> {
  const w = new GlobWorkspace();
  for (const [uri, text] of Object.entries({
    [CONFIG]: config,
    [PRD]: prd,
    [CODE]: '// @implements REQ-1\n',
    [JUNIT]: passing,
    ...extra,
  }))
    w.set(uri, text);
  const s = new SpecService(w);
  await s.scan([ROOT]);
  w.traceReads.length = 0;
  return { w, s };
}

/** `code range message` of each finding of a file. */
function found(s: SpecService, uri: string): string[] {
  return s
    .diagnostics(uri)
    .filter(d => d.code !== 'orphan' && d.code !== 'uncovered')
    .map(
      d =>
        `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`,
    );
}

describe('trace files followed one at a time', () => {
  it('tells a file’s role by its root’s globs, never under .git or node_modules, and none outside a configured root', async () => {
    const { s } = await scanned();
    assert.deepEqual(
      [
        CODE,
        PY,
        TEST,
        JUNIT,
        'file:///w/src/node_modules/x.ts',
        'file:///w/src/.git/x.ts',
        'file:///w/docs/a.md',
        'file:///elsewhere/src/a.ts',
        CONFIG,
      ].map(u => s.traceRoleOf(u)),
      ['code', 'code', 'tests', 'results', undefined, undefined, undefined, undefined, undefined],
    );
    assert.deepEqual(s.traceGlobs(), [
      { rootUri: ROOT, trace: { code: ['src/**', 'app/**'], tests: ['test/**'], results: ['reports/**'] } },
    ]);
  });

  it('decodes the path before matching it, and matches nothing without a matcher', () => {
    const roles = new TraceRoles(new GlobWorkspace());
    const globs = { code: ['my src/**'], tests: [], results: [] };
    assert.equal(roles.roleOf('file:///w/my%20src/a.ts', ROOT, globs), 'code');
    assert.equal(roles.roleOf('file:///w/my%2src/a.ts', ROOT, globs), undefined);
    assert.equal(new TraceRoles(new MemoryWorkspace()).roleOf(CODE, ROOT, globs), undefined);
  });

  it('reads a changed file on its own, and forgets a deleted one', async () => {
    const { w, s } = await scanned();
    w.set(CODE, '// @implements REQ-1, REQ-9\n');
    let affected = await s.readTrace([CODE]);
    assert.deepEqual(w.traceReads, [CODE]);
    assert.deepEqual([...affected].sort(), [PRD, CODE].sort());
    assert.deepEqual(found(s, CODE), [
      'unresolved-link 0:22-0:27 REQ-9 is not defined in this workspace (did you mean REQ-1?)',
    ]);
    // A JUnit file flips the test: failing-test on REQ-1.
    w.set(JUNIT, failing);
    w.times.set(JUNIT, 10);
    affected = await s.readTrace([JUNIT]);
    assert.ok(affected.has(PRD));
    assert.deepEqual(found(s, PRD), [
      'failing-test 3:9-3:14 a test of REQ-1 failed in the latest results: "cart adds [REQ-1]" failed',
    ]);
    // Deleted: gone from the store, its findings with it.
    w.set(CODE, undefined);
    w.set(JUNIT, undefined);
    affected = await s.readTrace([CODE, JUNIT]);
    assert.ok(affected.has(CODE) && affected.has(PRD));
    // (and REQ-1, done, is verified by no test now)
    assert.deepEqual(
      [found(s, CODE), found(s, PRD), s.traces.files()],
      [
        [],
        [
          'unverified 3:9-3:14 REQ-1 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
        ],
        [],
      ],
    );
  });

  it('reads a new file the globs match, and nothing the globs do not match', async () => {
    const { w, s } = await scanned();
    w.set(PY, '# @implements REQ-1#3\n');
    w.set('file:///w/docs/notes.md', '@implements REQ-404\n');
    await s.readTrace([PY, 'file:///w/docs/notes.md']);
    assert.deepEqual(w.traceReads, [PY]);
    assert.deepEqual(s.traces.referencesIn(PY), [
      {
        id: 'REQ-1',
        ac: 3,
        relation: 'implements',
        range: { start: { line: 0, character: 14 }, end: { line: 0, character: 21 } },
      },
    ]);
  });

  it('lists a root again when its trace: changes: files no longer matched go, newly matched ones come', async () => {
    const { w, s } = await scanned({ [PY]: '# @implements REQ-404\n' });
    assert.equal(found(s, PY).length, 1);
    const changed = s.setConfig(ROOT, lines('trace:', '  code: [src/**]'));
    assert.ok(changed.has(CONFIG));
    const affected = await s.refreshTrace();
    assert.ok(affected.has(PY) && affected.has(CODE) && affected.has(JUNIT));
    assert.deepEqual([found(s, PY), s.traces.files()], [[], [CODE]]);
    // Nothing stale now: a second refresh lists nothing, and names no file to republish (every
    // watched-file batch asks; naming every trace file republished a whole repository per edit).
    w.traceReads.length = 0;
    assert.deepEqual([...(await s.refreshTrace())], []);
    assert.deepEqual(w.traceReads, []);
    // The same trace: again leaves nothing stale either.
    s.setConfig(ROOT, lines('trace:', '  code: [src/**]'));
    await s.refreshTrace();
    assert.deepEqual(w.traceReads, []);
    // The config gone: its trace files go.
    s.setConfig(ROOT, undefined);
    await s.refreshTrace();
    assert.deepEqual(s.traces.files(), []);
  });

  it('counts an open code file from its buffer, not the disk, until it is closed', async () => {
    const { w, s } = await scanned();
    const affected = s.openSourceDocuments([{ uri: CODE, text: '// @implements REQ-2\n', version: 3 }]);
    assert.deepEqual([...affected].sort(), [PRD, CODE].sort());
    assert.deepEqual(found(s, CODE), [
      'unresolved-link 0:15-0:20 REQ-2 is not defined in this workspace (did you mean REQ-1?)',
    ]);
    assert.equal(s.sourceText(CODE), '// @implements REQ-2\n');
    // A watched change of the file while it is open: the disk is not read.
    w.set(CODE, '// @implements REQ-1\n');
    assert.deepEqual([...(await s.readTrace([CODE]))], []);
    assert.equal(w.traceReads.length, 0);
    assert.equal(found(s, CODE).length, 1);
    // A changed trace: lists the root again, and the buffer still counts.
    s.setConfig(ROOT, lines('trace:', '  code: [src/**]', '  tests: [test/**]'));
    await s.refreshTrace();
    assert.ok(!w.traceReads.includes(CODE));
    assert.equal(found(s, CODE).length, 1);
    // Closed: the disk counts again.
    s.closeSourceDocument(CODE);
    assert.equal(s.sourceText(CODE), undefined);
    await s.readTrace([CODE]);
    assert.deepEqual(found(s, CODE), []);
  });

  it('remembers an open file the globs do not match, and reads it from its buffer once they do', async () => {
    const { s } = await scanned();
    const LIB = 'file:///w/lib/cart.py';
    assert.equal(s.openSourceDocuments([{ uri: LIB, text: '# @verifies REQ-77\n' }]).size, 0);
    assert.deepEqual(s.traces.files(), [JUNIT, CODE]);
    s.setConfig(ROOT, lines('trace:', '  tests: [lib/**]'));
    await s.refreshTrace();
    assert.deepEqual(found(s, LIB), [
      'unresolved-link 0:12-0:18 REQ-77 is not defined in this workspace (did you mean REQ-1?)',
    ]);
    assert.equal(s.traces.referencesIn(LIB)[0].relation, 'verifies');
  });

  it('scans no buffer over 2 MB (as no such file is read from disk): skipped with the reason', async () => {
    const { s } = await scanned();
    const huge = '// @implements REQ-404\n' + 'x'.repeat(2 * 1024 * 1024);
    const affected = s.openSourceDocuments([{ uri: CODE, text: huge }]);
    assert.ok(affected.has(CODE) && affected.has(PRD));
    assert.deepEqual([found(s, CODE), s.traces.referencesIn(CODE)], [[], []]);
    assert.deepEqual(s.traces.skipped(), [{ uri: CODE, reason: 'larger than 2 MB' }]);
    s.openSourceDocuments([{ uri: CODE, text: '// @implements REQ-404\n' }]);
    assert.equal(found(s, CODE).length, 1);
    assert.deepEqual(s.traces.skipped(), []);
  });

  it('never reads the buffer of an open results file: the disk counts for results', async () => {
    const { w, s } = await scanned();
    s.openSourceDocuments([{ uri: JUNIT, text: failing }]);
    assert.deepEqual(found(s, PRD), []);
    w.set(JUNIT, failing);
    await s.readTrace([JUNIT]);
    assert.deepEqual(w.traceReads, [JUNIT]);
    assert.equal(found(s, PRD).length, 1);
  });
});
