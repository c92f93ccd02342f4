/**
 * References from code and tests in the CLI (format 1.1): `check` reports
 * unresolved-link in code and test files, unverified and failing-test, in
 * every format, located exactly; `trace ID` lists code references and tests
 * with their outcomes; binary, huge and unreadable files are skipped with a
 * count, never a crash.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, range, run, runJson, runUnreadable, tempDir } from './helpers';

const basic = fixture('trace-basic');
const skippedBlob =
  'specwright: note: skipped 1 file that trace: names: "src/blob.py": binary (it contains NUL bytes)\n';

describe('cli: references from code and tests', () => {
  it('check: the findings of spec, code and test files, each located exactly, exit 1 for the errors', () => {
    const r = run(['check', '.'], basic);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, skippedBlob);
    assert.deepEqual(linesOf(r.stdout), [
      'cart.prd.yaml:1:5 info orphan PRD-1 belongs to no epic: it names no epic',
      'cart.prd.yaml:4:10 warning failing-test a test of REQ-1 failed in the latest results: "cart adds an item [REQ-1#1]" failed (acceptance criterion 1)',
      'cart.prd.yaml:5:10 info unverified REQ-2 is done but no test verifies it (nor one of its acceptance criteria, nor a story that implements it)',
      'src/cart.py:7:40 error unresolved-link REQ-9 is not defined in this workspace (did you mean REQ-1?)',
      'test/test_cart.py:2:37 error unresolved-link ST-9 is not defined in this workspace (did you mean ST-1?)',
      '2 errors, 1 warning, 2 info in 2 files (8 items)',
    ]);
  });

  it('check --format json: the same findings with their ranges in the code and test files', () => {
    const { status, json } = runJson(['check', '.'], basic) as {
      status: number;
      json: { diagnostics: { file: string; code: string; range: unknown }[] };
    };
    assert.equal(status, 1);
    const got = json.diagnostics.map(d => [d.file, d.code, d.range]);
    assert.deepEqual(got, [
      ['cart.prd.yaml', 'orphan', range([0, 4, 0, 9])],
      ['cart.prd.yaml', 'failing-test', range([3, 9, 3, 14])],
      ['cart.prd.yaml', 'unverified', range([4, 9, 4, 14])],
      ['src/cart.py', 'unresolved-link', range([6, 39, 6, 44])],
      ['test/test_cart.py', 'unresolved-link', range([1, 36, 1, 40])],
    ]);
  });

  for (const format of ['sarif', 'junit', 'github'] as const) {
    it(`check --format ${format} names the code and test files of their findings`, () => {
      const r = run(['check', '.', '--format', format], basic);
      assert.equal(r.status, 1, r.stderr);
      for (const needle of ['src/cart.py', 'test/test_cart.py', 'failing-test', 'unverified'])
        assert.ok(r.stdout.includes(needle), `${format} output lacks ${needle}:\n${r.stdout}`);
    });
  }

  it('trace ID: the chain, then code references and tests with outcomes', () => {
    const r = run(['trace', 'REQ-1', '.'], basic);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'REQ-1 Add (requirement, done, must) — 1 warning: failing-test',
      'defined in cart.prd.yaml:4:10',
      'upstream:',
      '  PRD-1 Cart (prd, draft) via parent — 1 info: orphan',
      'downstream:',
      '  ST-1 Add to cart (story, done) via implements',
      'code:',
      '  src/cart.py:2:15 implements REQ-1',
      'tests:',
      '  test/test_cart.py:2:19 verifies REQ-1 (acceptance criterion 2)',
      '  failed cart adds an item [REQ-1#1] (acceptance criterion 1) (reports/junit.xml)',
    ]);
  });

  it('trace ID of a story: a passing and a skipped test, no code', () => {
    const three = run(['trace', 'ST-3', '.'], basic);
    assert.deepEqual(linesOf(three.stdout).slice(-3), [
      'code: none',
      'tests:',
      '  passed cart.total sums the prices [ST-3] (reports/junit.xml)',
    ]);
    const two = run(['trace', 'ST-2', '.'], basic);
    assert.deepEqual(linesOf(two.stdout).slice(-2), [
      'tests:',
      '  skipped cart removes an item (reports/junit.xml)',
    ]);
  });

  it('trace --format json: code and tests arrays beside the chain', () => {
    const { status, json } = runJson(['trace', 'REQ-1', '.'], basic) as {
      status: number;
      json: { code: unknown; tests: unknown };
    };
    assert.equal(status, 0);
    assert.deepEqual(json.code, [
      { file: 'src/cart.py', range: range([1, 14, 1, 19]), id: 'REQ-1', ac: null },
    ]);
    assert.deepEqual(json.tests, [
      { file: 'test/test_cart.py', range: range([1, 18, 1, 25]), id: 'REQ-1', ac: 2 },
      {
        file: 'reports/junit.xml',
        name: 'adds an item [REQ-1#1]',
        classname: 'cart',
        outcome: 'failed',
        ac: 1,
      },
    ]);
  });

  describe('on a copy', () => {
    let tmp: { dir: string; remove: () => void };
    beforeEach(() => {
      tmp = tempDir();
      fs.cpSync(basic, tmp.dir, { recursive: true });
    });
    afterEach(() => tmp.remove());

    it('skips files over 2 MB and unreadable files with a count, reads nothing in node_modules or excluded folders', () => {
      fs.writeFileSync(
        path.join(tmp.dir, 'src', 'huge.py'),
        '# @implements NOPE-1\n' + 'x = 1\n'.repeat(400_000),
      );
      fs.mkdirSync(path.join(tmp.dir, 'src', 'node_modules', 'lib'), { recursive: true });
      fs.writeFileSync(path.join(tmp.dir, 'src', 'node_modules', 'lib', 'x.py'), '# @implements NOPE-2\n');
      fs.mkdirSync(path.join(tmp.dir, 'src', '.git'));
      fs.writeFileSync(path.join(tmp.dir, 'src', '.git', 'x.py'), '# @implements NOPE-3\n');
      const r = runUnreadable(['check', '.'], tmp.dir, [path.join(tmp.dir, 'src', 'total.go')]);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(
        r.stderr,
        'specwright: note: skipped 3 files that trace: names: "src/blob.py": binary (it contains NUL bytes); "src/huge.py": larger than 2 MB (2.3 MB); "src/total.go": permission denied (EACCES)\n',
      );
      assert.ok(!/NOPE-/.test(r.stdout), r.stdout);
    });

    it('a results file that is not well-formed is one schema finding on it, and the check goes on', () => {
      fs.writeFileSync(path.join(tmp.dir, 'reports', 'junit.xml'), '<testsuites>\n  <testsuite name="a">\n');
      const r = run(['check', '.'], tmp.dir);
      assert.equal(r.status, 1, r.stderr);
      assert.ok(
        linesOf(r.stdout).includes(
          'reports/junit.xml:3:1 error schema not well-formed JUnit XML: the file ends before <testsuites>, <testsuite> are closed',
        ),
        r.stdout,
      );
      assert.ok(!r.stdout.includes('failing-test'));
    });

    it('without trace: no code, test or results file is read and trace prints no references', () => {
      fs.writeFileSync(path.join(tmp.dir, '.specwright.yaml'), 'rules: {}\n');
      const r = run(['check', '.'], tmp.dir);
      assert.equal(r.stderr, '');
      assert.deepEqual(linesOf(r.stdout), [
        'cart.prd.yaml:1:5 info orphan PRD-1 belongs to no epic: it names no epic',
        '0 errors, 0 warnings, 1 info in 2 files (8 items)',
      ]);
      assert.ok(!run(['trace', 'REQ-1', '.'], tmp.dir).stdout.includes('code:'));
    });
  });
});
