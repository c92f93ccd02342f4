/**
 * The CLI writes only the --out file (issue #7 §5), and reads no file through
 * a symbolic link. Every command runs with test/cli/writeTracer.ts loaded,
 * which records each file-system call of the process that could create,
 * change or remove a file: a snapshot of a few folders would miss a write
 * anywhere else (the home folder, the temp folder, a cache).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, run, tempDir, type RunResult } from './helpers';

const tracer = path.join(__dirname, 'writeTracer.js');

/** Run the CLI with the write tracer; what it wrote (call and paths, resolved against cwd). */
function traced(args: string[], cwd: string): { r: RunResult; writes: string[] } {
  const trace = tempDir();
  try {
    const traceFile = path.join(trace.dir, 'writes.jsonl');
    const r = run(args, cwd, {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(tracer)}`.trim(),
      SPECWRIGHT_WRITE_TRACE: traceFile,
    });
    const lines = fs.existsSync(traceFile)
      ? fs.readFileSync(traceFile, 'utf8').split('\n').filter(Boolean)
      : [];
    const writes = lines
      .map(l => JSON.parse(l) as { call: string; paths: string[] })
      .map(w => `${w.call} ${w.paths.map(p => path.resolve(cwd, p)).join(' ')}`);
    return { r, writes };
  } finally {
    trace.remove();
  }
}

/**
 * The writes of one --out: a fresh temporary file beside it, opened for writing, then renamed onto
 * it (node/safeWrite.ts), and nothing else.
 */
function assertWroteOnly(writes: string[], file: string): void {
  assert.equal(writes.length, 2, writes.join('\n'));
  const temp = /^open (.*)$/.exec(writes[0])?.[1];
  assert.ok(
    temp &&
      path.dirname(temp) === path.dirname(file) &&
      path.basename(temp).startsWith(`.${path.basename(file)}.`),
    writes[0],
  );
  assert.equal(writes[1], `rename ${temp} ${file}`);
}

describe('cli: security', function () {
  this.timeout(120_000);

  it('the write tracer sees writes (a check of the test itself)', () => {
    const cwd = tempDir();
    try {
      const { r, writes } = traced(
        ['report', fixture('report-basic'), '--format', 'json', '--out', 'r.json'],
        cwd.dir,
      );
      assert.equal(r.status, 0, r.stderr);
      assertWroteOnly(writes, path.join(cwd.dir, 'r.json'));
    } finally {
      cwd.remove();
    }
  });

  it('check, trace and report write nothing but the --out file, whatever the format or outcome', () => {
    const cwd = tempDir();
    try {
      const runs: [string[], string][] = [];
      for (const format of ['text', 'json', 'sarif', 'junit', 'github'])
        runs.push([['check', fixture('cli-findings'), '--format', format], cwd.dir]);
      for (const f of ['cli-clean', 'cli-config', 'cli-bad-config', 'report-basic'])
        runs.push([['check', '--max-warnings', '0', '--show-suppressed'], fixture(f)]);
      for (const format of ['md', 'html', 'csv', 'json'])
        runs.push([['report', fixture('report-basic'), '--format', format], cwd.dir]);
      for (const format of ['text', 'json'])
        runs.push([['trace', 'REQ-1', fixture('report-basic'), '--format', format], cwd.dir]);
      runs.push(
        [['check', 'nowhere'], cwd.dir],
        [['trace', 'NOPE-1', fixture('report-basic')], cwd.dir],
        [['--help'], cwd.dir],
        [['--version'], cwd.dir],
      );
      runs.push([['check', '--config', 'configs/relaxed.yaml'], fixture('cli-config')]);
      const statuses = new Set<number | null>();
      for (const [args, at] of runs) {
        const { r, writes } = traced(args, at);
        statuses.add(r.status);
        assert.deepEqual(writes, [], `specwright ${args.join(' ')} (exit ${r.status})`);
      }
      assert.deepEqual([...statuses].sort(), [0, 1, 2], 'clean, failing and refused runs alike');
      // Report to a file, in each format: exactly that file.
      for (const format of ['md', 'html', 'csv', 'json']) {
        const { r, writes } = traced(
          ['report', fixture('report-basic'), '--format', format, '-o', `report.${format}`],
          cwd.dir,
        );
        assert.equal(r.status, 0, r.stderr);
        assertWroteOnly(writes, path.join(cwd.dir, `report.${format}`));
      }
      // A spec file as --out is refused before any write; so is an --out in a missing folder, and no
      // folder is made for it.
      const spec = traced(
        ['report', '--format', 'md', '--out', 'product.vision.yaml'],
        fixture('report-basic'),
      );
      assert.equal(spec.r.status, 2, spec.r.stderr);
      assert.deepEqual(spec.writes, []);
      const missing = traced(
        ['report', fixture('report-basic'), '--format', 'md', '--out', 'no/such/folder/r.md'],
        cwd.dir,
      );
      assert.equal(missing.r.status, 2, missing.r.stderr);
      assert.deepEqual(missing.writes, []);
      assert.equal(fs.existsSync(path.join(cwd.dir, 'no')), false);
    } finally {
      cwd.remove();
    }
  });

  it('check reads no spec file through a symbolic link, to a file or to a folder outside the workspace', () => {
    const base = tempDir();
    try {
      const root = path.join(base.dir, 'w');
      fs.mkdirSync(path.join(base.dir, 'outside'), { recursive: true });
      fs.mkdirSync(root);
      fs.writeFileSync(
        path.join(base.dir, 'outside', 'secret.epic.yaml'),
        'id: EPIC-SECRET\ntitle: Outside\n',
      );
      fs.writeFileSync(
        path.join(root, 'ok.epic.yaml'),
        'id: EPIC-OK\ntitle: Inside\ndepends_on: [EPIC-SECRET]\n',
      );
      fs.symlinkSync(path.join(base.dir, 'outside'), path.join(root, 'linked-dir'));
      fs.symlinkSync(path.join(base.dir, 'outside', 'secret.epic.yaml'), path.join(root, 'linked.epic.yaml'));
      const r = run(['check', '.', '--format', 'json'], root);
      const report = JSON.parse(r.stdout) as {
        diagnostics: { file: string; code: string; message: string }[];
      };
      assert.deepEqual([...new Set(report.diagnostics.map(d => d.file))], ['ok.epic.yaml']);
      assert.ok(
        report.diagnostics.some(
          d => d.code === 'unresolved-link' && d.message === 'EPIC-SECRET is not defined in this workspace',
        ),
        r.stdout,
      );
    } finally {
      base.remove();
    }
  });
});
