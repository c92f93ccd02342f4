import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { formatText } from '../../server/src/cli/formatters/text';
import type { CheckReport } from '../../server/src/cli/report';
import { cliPath, fixture, linesOf, repoRoot, run, runJson, unmarkedRootHint } from './helpers';

describe('cli: text format', () => {
  it('prints nothing but the summary for a clean workspace', () => {
    const r = run(['check'], fixture('cli-clean'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), ['no problems in 5 files (10 items)']);
    assert.equal(r.stderr, '');
  });

  it('prints file:line:col severity code message, sorted by file then position, then the summary', () => {
    const r = run(['check'], fixture('cli-findings'));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'epics/broken.epic.yaml:2:5 info orphan EPIC-3 is not scheduled: it names no release',
      'epics/broken.epic.yaml:3:8 error schema title must be a string (got a list)',
      'epics/broken.epic.yaml:4:1 error yaml-syntax Flow sequence in block collection must be sufficiently indented and end with a ]',
      'epics/loose.epic.yaml:1:7 error kind-mismatch kind is "prd" but the file name makes this an epic file (*.epic.yaml)',
      'epics/loose.epic.yaml:2:5 info orphan EPIC-2 is not scheduled: it names no release',
      'epics/pay.epic.yaml:7:14 warning schedule-conflict EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-5, which ships in R-2 (ends 2026-05-01)',
      'iterations/s1.stories.yaml:6:9 error duplicate-id ST-1 is defined 2 times; IDs must be unique in the workspace',
      'iterations/s1.stories.yaml:14:18 error unresolved-link REQ-404 is not defined in this workspace',
      'iterations/s1.stories.yaml:17:18 error link-kind implements must name a requirement, but EPIC-1 is an epic',
      'iterations/s1.stories.yaml:18:9 error duplicate-id ST-1 is defined 2 times; IDs must be unique in the workspace',
      'iterations/s1.stories.yaml:24:18 error dependency-cycle depends_on forms a cycle: ST-5 → ST-6 → ST-5',
      'iterations/s1.stories.yaml:28:18 error dependency-cycle depends_on forms a cycle: ST-6 → ST-5 → ST-6',
      'prds/pay.prd.yaml:4:9 warning status-rollup PRD-1 is done but REQ-2 is still approved',
      'prds/pay.prd.yaml:11:13 warning status-rollup REQ-1 is done but 3 of its items are still open: ST-1 (draft), ST-5 (draft), ST-6 (draft)',
      'prds/pay.prd.yaml:12:5 error schema unknown key "colour" (allowed here: id, title, statement, priority, status, acceptance_criteria, depends_on, rationale, owner, description, related, tickets)',
      'prds/pay.prd.yaml:15:18 warning priority-inversion REQ-1 is a must but depends on REQ-2, which is only a could',
      'prds/pay.prd.yaml:16:9 info uncovered REQ-2 is approved but no story implements it',
      'prds/pay.prd.yaml:20:13 warning missing-acceptance REQ-2 is approved but has no acceptance criteria',
      'product.roadmap.yaml:14:10 error date-order R-2 ends on 2026-05-01, before it starts on 2026-06-01',
      '11 errors, 5 warnings, 3 info in 8 files (20 items)',
      // REQ-404 is unresolved and no .specwright.yaml marks the folder as the specs' root.
      unmarkedRootHint('.'),
    ]);
  });

  it('prints the paths relative to the working directory (as tsc does), so that a terminal opens them', () => {
    const r = run(['check', 'test/fixtures/cli-warnings'], repoRoot);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'test/fixtures/cli-warnings/search.prd.yaml:6:9 warning status-rollup PRD-7 is done but REQ-71 is still in-progress',
      'test/fixtures/cli-warnings/search.prd.yaml:13:13 warning missing-acceptance REQ-71 is in-progress but has no acceptance criteria',
      '0 errors, 2 warnings, 0 info in 4 files (7 items)',
    ]);
  });

  it('prints paths outside the working directory with ../, and the root-relative names stay in JSON', () => {
    const cwd = fixture('cli-findings', 'prds');
    const r = run(['check', '..'], cwd);
    assert.equal(r.status, 1, r.stderr);
    const lines = linesOf(r.stdout);
    assert.equal(
      lines[0],
      '../epics/broken.epic.yaml:2:5 info orphan EPIC-3 is not scheduled: it names no release',
    );
    assert.equal(
      lines[12],
      '../product.roadmap.yaml:14:10 error date-order R-2 ends on 2026-05-01, before it starts on 2026-06-01',
    );
    assert.equal(
      lines[13],
      'pay.prd.yaml:4:9 warning status-rollup PRD-1 is done but REQ-2 is still approved',
    );
    const json = runJson(['check', '..'], cwd).json;
    assert.equal(json.root, fixture('cli-findings'));
    assert.equal(json.diagnostics[12].file, 'prds/pay.prd.yaml');
  });

  it('uses no colour when stdout is not a terminal', () => {
    const r = run(['check'], fixture('cli-findings'), { FORCE_COLOR: '1' });
    // eslint-disable-next-line no-control-regex -- an ANSI colour starts with ESC [
    assert.doesNotMatch(r.stdout, /\x1b\[/);
  });

  it('uses colour on a terminal unless NO_COLOR is set (util-linux script provides the terminal)', function () {
    if (process.platform !== 'linux' || !fs.existsSync('/usr/bin/script')) this.skip();
    const onTty = (env: string): string => {
      const r = spawnSync(
        '/usr/bin/script',
        ['-qec', `${env} "${process.execPath}" "${cliPath}" check`, '/dev/null'],
        {
          cwd: fixture('cli-warnings'),
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: undefined },
        },
      );
      return r.stdout.replace(/\r/g, '');
    };
    assert.equal(
      onTty(''),
      'search.prd.yaml:6:9 \x1b[33mwarning\x1b[0m \x1b[90mstatus-rollup\x1b[0m PRD-7 is done but REQ-71 is still in-progress\n' +
        'search.prd.yaml:13:13 \x1b[33mwarning\x1b[0m \x1b[90mmissing-acceptance\x1b[0m REQ-71 is in-progress but has no acceptance criteria\n' +
        '\x1b[33m0 errors, 2 warnings, 0 info\x1b[0m in 4 files (7 items)\n',
    );
    // eslint-disable-next-line no-control-regex -- an ANSI colour starts with ESC [
    assert.doesNotMatch(onTty('NO_COLOR=1'), /\x1b\[/);
  });
});

describe('cli: text formatter', () => {
  const report: CheckReport = {
    root: '/ws',
    rootUri: 'file:///ws/',
    files: 1,
    items: 1,
    diagnostics: [
      {
        file: 'a.epic.yaml',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
        severity: 'error',
        code: 'schema',
        message: 'bad\nvalue \x1b[2J',
      },
      {
        file: 'a.epic.yaml',
        range: { start: { line: 4, character: 2 }, end: { line: 4, character: 3 } },
        severity: 'info',
        code: 'orphan',
        message: 'loose',
      },
    ],
    summary: { error: 1, warning: 0, info: 1 },
  };

  it('keeps one line per diagnostic and escapes control characters from file content', () => {
    assert.equal(
      formatText(report, { color: false }),
      'a.epic.yaml:1:1 error schema bad value \\u001b[2J\n' +
        'a.epic.yaml:5:3 info orphan loose\n' +
        '1 error, 0 warnings, 1 info in 1 file (1 item)\n',
    );
  });

  it('colours the severity, the code and the summary when asked to', () => {
    assert.equal(
      formatText(report, { color: true }),
      'a.epic.yaml:1:1 \x1b[31merror\x1b[0m \x1b[90mschema\x1b[0m bad value \\u001b[2J\n' +
        'a.epic.yaml:5:3 \x1b[36minfo\x1b[0m \x1b[90morphan\x1b[0m loose\n' +
        '\x1b[31m1 error, 0 warnings, 1 info\x1b[0m in 1 file (1 item)\n',
    );
  });
});
