import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, repoRoot, run, snapshot, tempDir } from './helpers';

const basic = fixture('report-basic');
const usage =
  'Usage: specwright report [PATH] --format md|html|csv|json [--out FILE] [--config FILE] [--root DIR]';
const hint = 'Run "specwright --help" for details.';

describe('cli: report', () => {
  it('--format md prints the Markdown report on stdout, exit 0 although the workspace has errors', () => {
    const r = run(['report', '--format', 'md'], basic);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(linesOf(r.stdout), [
      '# Basket \\& Co',
      '',
      'Specwright report: 9 files, 27 items; 3 errors, 3 warnings, 3 info.',
      '',
      '## Summary',
      '',
      '### Items by kind and status',
      '',
      '| Kind | Total | draft | review | approved | in-progress | done | cancelled |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      '| vision | 1 | 1 | 0 | 0 | 0 | 0 | 0 |',
      '| goal | 3 | 3 | 0 | 0 | 0 | 0 | 0 |',
      '| persona | 1 | 1 | 0 | 0 | 0 | 0 | 0 |',
      '| roadmap | 1 | 1 | 0 | 0 | 0 | 0 | 0 |',
      '| release | 3 | 2 | 0 | 0 | 1 | 0 | 0 |',
      '| epic | 3 | 1 | 0 | 1 | 1 | 0 | 0 |',
      '| prd | 3 | 2 | 0 | 1 | 0 | 0 | 0 |',
      '| requirement | 6 | 3 | 0 | 2 | 1 | 0 | 0 |',
      '| iteration | 1 | 1 | 0 | 0 | 0 | 0 | 0 |',
      '| story | 5 | 2 | 0 | 0 | 1 | 1 | 1 |',
      '',
      '### Findings by code',
      '',
      '| Code | Severity | Count |',
      '| --- | --- | ---: |',
      '| `unresolved-link` | error | 1 |',
      '| `dependency-cycle` | error | 2 |',
      '| `schedule-conflict` | warning | 1 |',
      '| `priority-inversion` | warning | 1 |',
      '| `missing-acceptance` | warning | 1 |',
      '| `uncovered` | info | 1 |',
      '| `orphan` | info | 2 |',
      '',
      '## Roadmap',
      '',
      '### Now',
      '',
      '#### `R-1` Checkout that converts',
      '',
      'in-progress · 2026-01-05 → 2026-03-27 · stories done 1/3 (33%) · estimate done 3/10 (30%)',
      '',
      '| Epic | Status | Priority | Stories done | Estimate done | Findings |',
      '| --- | --- | --- | ---: | ---: | --- |',
      '| `EPIC-1` Express checkout | in-progress | must | 1/3 (33%) | 3/10 (30%) | 1 warning: schedule-conflict |',
      '',
      '### Next',
      '',
      '#### `R-2` Right items, right time',
      '',
      'draft · 2026-04-06 → 2026-06-26 · stories done 0/1 (0%) · no estimates',
      '',
      '| Epic | Status | Priority | Stories done | Estimate done | Findings |',
      '| --- | --- | --- | ---: | ---: | --- |',
      '| `EPIC-2` Smart substitutions \\<beta\\> — café | approved | should | 0/1 (0%) | no estimates |  |',
      '',
      '### Later',
      '',
      '#### `R-3` The weekly habit',
      '',
      'draft · 2026-07-06 → 2026-10-02 · no stories',
      '',
      'No epics.',
      '',
      '### Unscheduled',
      '',
      'Epics without a release.',
      '',
      '| Epic | Status | Priority | Stories done | Estimate done | Findings |',
      '| --- | --- | --- | ---: | ---: | --- |',
      '| `EPIC-3` Delivery pass \\| yearly | draft | could | no stories | no estimates | 1 error, 1 info: unresolved-link, orphan |',
      '',
      '## Traceability',
      '',
      '### `EPIC-1` Express checkout',
      '',
      'Goals: `G-CONV`',
      '',
      '| PRD | Coverage | Requirement | Priority | Status | Stories | Stories done |',
      '| --- | ---: | --- | --- | --- | --- | ---: |',
      '| `PRD-1` Express checkout | 2/3 (67%) | `REQ-1` Saved cards | must | in-progress | `ST-1` done, `ST-2` in-progress | 1/2 (50%) |',
      '| `PRD-1` | 2/3 (67%) | `REQ-2` One-page checkout | must | approved | `ST-3` draft | 0/1 (0%) |',
      '| `PRD-1` | 2/3 (67%) | `REQ-3` Pay by wallet, "one tap" | could | approved | none |  |',
      '',
      '### `EPIC-2` Smart substitutions \\<beta\\> — café',
      '',
      'Goals: `G-RETAIN`',
      '',
      '| PRD | Coverage | Requirement | Priority | Status | Stories | Stories done |',
      '| --- | ---: | --- | --- | --- | --- | ---: |',
      '| `PRD-2` Substitutions | none committed | `REQ-4` Suggest a substitute | should | draft | `ST-4` cancelled, `ST-5` draft | 0/1 (0%) |',
      '| `PRD-2` | none committed | `REQ-5` =SUM(A1) stays text | could | draft | none |  |',
      '',
      '### `EPIC-3` Delivery pass \\| yearly',
      '',
      'Goals: none',
      '',
      'No PRDs.',
      '',
      '### PRDs without an epic',
      '',
      '| PRD | Coverage | Requirement | Priority | Status | Stories | Stories done |',
      '| --- | ---: | --- | --- | --- | --- | ---: |',
      '| `PRD-3` Gift cards (goals: `G-CONV`) | none committed | `REQ-6` Redeem a gift card | should | draft | none |  |',
      '',
      '### Goals nothing traces up to',
      '',
      '- `G-IDLE` A goal nothing serves yet',
      '',
      '## Uncovered requirements',
      '',
      // Drafts need no story yet: only the approved REQ-3 is uncovered, as `check` says (graph/coverage.ts).
      'Coverage 66%: 2 of 3 committed requirements have a story (approved, in-progress and done requirements count).',
      '',
      '| Requirement | Status | Priority | PRD | Epic | Where |',
      '| --- | --- | --- | --- | --- | --- |',
      '| `REQ-3` Pay by wallet, "one tap" | approved | could | `PRD-1` | `EPIC-1` | `prds/checkout.prd.yaml:22` |',
      '',
      '## Dependencies',
      '',
      '| Item | Kind | Depends on | Conflicts |',
      '| --- | --- | --- | --- |',
      '| `EPIC-1` Express checkout | epic | `EPIC-2` Smart substitutions \\<beta\\> — café | `schedule-conflict` EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-2, which ships in R-2 (ends 2026-06-26) |',
      '| `EPIC-3` Delivery pass \\| yearly | epic | `EPIC-9` (not defined) |  |',
      '| `REQ-2` One-page checkout | requirement | `REQ-3` Pay by wallet, "one tap" | `priority-inversion` REQ-2 is a must but depends on REQ-3, which is only a could |',
      '| `ST-2` Pay with a saved card | story | `ST-1` Save a card |  |',
      '| `ST-4` Out-of-stock signal | story | `ST-5` Substitute picker | `dependency-cycle` depends\\_on forms a cycle: ST-4 → ST-5 → ST-4 |',
      '| `ST-5` Substitute picker | story | `ST-4` Out-of-stock signal | `dependency-cycle` depends\\_on forms a cycle: ST-5 → ST-4 → ST-5 |',
    ]);
  });

  it('--format csv prints one row per requirement: UTF-8 with a byte order mark, CRLF, RFC 4180 quoting', () => {
    const r = run(['report', '.', '--format', 'csv'], basic);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      '\uFEFFGoal,Release,Epic,PRD,Requirement,Title,Status,Priority,Stories done,Stories total,Estimate done,Estimate total,Stories,File,Line\r\n' +
        'G-CONV,R-1,EPIC-1,PRD-1,REQ-1,Saved cards,in-progress,must,1,2,3,8,"ST-1; ST-2",prds/checkout.prd.yaml,7\r\n' +
        'G-CONV,R-1,EPIC-1,PRD-1,REQ-2,One-page checkout,approved,must,0,1,0,2,ST-3,prds/checkout.prd.yaml,14\r\n' +
        'G-CONV,R-1,EPIC-1,PRD-1,REQ-3,"Pay by wallet, ""one tap""",approved,could,0,0,0,0,,prds/checkout.prd.yaml,22\r\n' +
        'G-RETAIN,R-2,EPIC-2,PRD-2,REQ-4,Suggest a substitute,draft,should,0,1,0,0,"ST-4; ST-5",prds/substitutions.prd.yaml,7\r\n' +
        "G-RETAIN,R-2,EPIC-2,PRD-2,REQ-5,'=SUM(A1) stays text,draft,could,0,0,0,0,,prds/substitutions.prd.yaml,11\r\n" +
        'G-CONV,,,PRD-3,REQ-6,Redeem a gift card,draft,should,0,0,0,0,,"prds/loose, draft.prd.yaml",6\r\n',
    );
  });

  it('--format json prints the report model', () => {
    const r = run(['report', '-f', 'json'], basic);
    assert.equal(r.status, 0, r.stderr);
    const model = JSON.parse(r.stdout);
    assert.equal(model.version, 1);
    assert.equal(model.title, 'Basket & Co');
    assert.deepEqual(model.summary.findings, { error: 3, warning: 3, info: 3 });
    assert.deepEqual(
      model.roadmap.horizons.map((h: any) => [
        h.horizon,
        h.releases.map((x: any) => [x.id, x.epics.map((e: any) => e.id)]),
      ]),
      [
        ['now', [['R-1', ['EPIC-1']]]],
        ['next', [['R-2', ['EPIC-2']]]],
        ['later', [['R-3', []]]],
      ],
    );
    assert.deepEqual(
      model.roadmap.unscheduled.map((e: any) => e.id),
      ['EPIC-3'],
    );
    assert.deepEqual(
      model.uncovered.map((i: number) => [model.requirements[i].id, model.requirements[i].file]),
      // Drafts need no story yet (graph/coverage.ts): REQ-5 and REQ-6 are not uncovered.
      [['REQ-3', 'prds/checkout.prd.yaml']],
    );
    assert.equal(model.dependencies.length, 6);
  });

  it('names files relative to the workspace root, wherever it runs from', () => {
    const a = run(['report', 'test/fixtures/report-basic', '--format', 'csv'], repoRoot);
    const b = run(['report', '--format', 'csv'], basic);
    assert.equal(a.stdout, b.stdout);
    const c = run(['report', 'prds/checkout.prd.yaml', '--format', 'csv'], basic); // a spec file stands for its workspace
    assert.equal(c.stdout, b.stdout);
  });

  it("applies the workspace's rule severities, and refuses a broken configuration (exit 2)", () => {
    const ws = tempDir();
    try {
      fs.writeFileSync(path.join(ws.dir, 'a.epic.yaml'), 'id: EPIC-1\ntitle: Loose\n');
      const before = JSON.parse(run(['report', '--format', 'json'], ws.dir).stdout);
      assert.deepEqual(before.summary.codes, [{ code: 'orphan', severity: 'info', count: 1 }]);
      fs.writeFileSync(path.join(ws.dir, '.specwright.yaml'), 'rules:\n  orphan: warning\n');
      const after = JSON.parse(run(['report', '--format', 'json'], ws.dir).stdout);
      assert.deepEqual(after.summary.codes, [{ code: 'orphan', severity: 'warning', count: 1 }]);
      assert.deepEqual(after.roadmap.unscheduled[0].findings, {
        error: 0,
        warning: 1,
        info: 0,
        codes: { orphan: 1 },
      });
      fs.writeFileSync(path.join(ws.dir, '.specwright.yaml'), 'rules:\n  orphan: loud\n');
      const broken = run(['report', '--format', 'md', '--out', 'r.md'], ws.dir);
      assert.equal(broken.status, 2);
      assert.equal(broken.stdout, '');
      assert.match(
        broken.stderr,
        /^specwright: invalid configuration, no report was written:\n {2}\.specwright\.yaml:2:11: /,
      );
      assert.ok(!fs.existsSync(path.join(ws.dir, 'r.md')));
    } finally {
      ws.remove();
    }
  });

  describe('--out', () => {
    it('writes exactly that file (the same text as stdout), prints nothing and writes nothing else', function () {
      this.timeout(60_000);
      const cwd = tempDir();
      try {
        const fixtureBefore = snapshot(basic);
        for (const format of ['md', 'html', 'csv', 'json']) {
          const out = `out/report.${format}`;
          fs.mkdirSync(path.join(cwd.dir, 'out'), { recursive: true });
          const before = snapshot(cwd.dir).filter(l => !l.startsWith('. ') && !l.startsWith('out '));
          const r = run(['report', basic, '--format', format, '--out', out], cwd.dir);
          assert.equal(r.status, 0, r.stderr);
          assert.equal(r.stdout, '');
          assert.equal(r.stderr, '');
          const after = snapshot(cwd.dir).filter(l => !l.startsWith('. ') && !l.startsWith('out '));
          assert.deepEqual(
            after.map(l => l.split(' ')[0]),
            [...before.map(l => l.split(' ')[0]), `out/report.${format}`].sort(),
          );
          assert.equal(
            fs.readFileSync(path.join(cwd.dir, out), 'utf8'),
            run(['report', basic, '--format', format], cwd.dir).stdout,
          );
        }
        assert.deepEqual(snapshot(basic), fixtureBefore);
      } finally {
        cwd.remove();
      }
    });

    it('replaces an existing file', () => {
      const cwd = tempDir();
      try {
        fs.writeFileSync(path.join(cwd.dir, 'r.json'), 'old');
        const r = run(['report', basic, '-f', 'json', '-o', 'r.json'], cwd.dir);
        assert.equal(r.status, 0, r.stderr);
        assert.equal(JSON.parse(fs.readFileSync(path.join(cwd.dir, 'r.json'), 'utf8')).version, 1);
      } finally {
        cwd.remove();
      }
    });

    it('exits 2 when the file cannot be written, and never overwrites a spec file', () => {
      const cwd = tempDir();
      try {
        const missing = run(['report', basic, '--format', 'md', '--out', 'no/such/folder/r.md'], cwd.dir);
        assert.equal(missing.status, 2);
        assert.equal(missing.stdout, '');
        assert.equal(
          missing.stderr,
          'specwright: cannot write "no/such/folder/r.md": its folder does not exist\n',
        );
        fs.mkdirSync(path.join(cwd.dir, 'dir'));
        const folder = run(['report', basic, '--format', 'md', '--out', 'dir'], cwd.dir);
        assert.equal(folder.status, 2);
        assert.equal(folder.stderr, 'specwright: cannot write "dir": it is a folder\n');
        assert.deepEqual(fs.readdirSync(cwd.dir), ['dir']);
      } finally {
        cwd.remove();
      }
      const before = snapshot(basic);
      const spec = run(['report', '--format', 'md', '--out', 'product.vision.yaml'], basic);
      assert.equal(spec.status, 2);
      assert.equal(
        spec.stderr,
        'specwright: refusing to write the report to "product.vision.yaml": it is a spec file of the workspace\n',
      );
      assert.deepEqual(snapshot(basic), before);
    });
  });

  describe('bad arguments (exit 2, the usage of report)', () => {
    const usageError = (args: string[], message: string): void => {
      const r = run(args, basic);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [`specwright: ${message}`, usage, hint]);
    };

    it('needs a format, one of md, html, csv or json', () => {
      usageError(['report'], 'report needs --format md, html, csv or json');
      usageError(['report', '--format', 'pdf'], 'unknown format "pdf" (use md, html, csv or json)');
    });

    it('takes at most one PATH, an existing one; --out needs a name; no --max-warnings', () => {
      usageError(['report', '.', 'prds', '--format', 'md'], 'report takes at most one PATH (got 2)');
      const missing = run(['report', 'nowhere', '--format', 'md'], basic);
      assert.equal(missing.status, 2);
      assert.equal(missing.stdout, '');
      assert.equal(missing.stderr, 'specwright: path "nowhere" does not exist\n'); // a path, not a misuse: no usage
      usageError(['report', '--format', 'md', '--out='], '--out needs a file name');
      usageError(
        ['report', '--format', 'md', '--max-warnings', '0'],
        'option --max-warnings is only for "check"',
      );
    });

    it('--out belongs to report and export only', () => {
      const r = run(['check', '--out', 'x.txt'], basic);
      assert.equal(r.status, 2);
      assert.equal(
        linesOf(r.stderr)[0],
        'specwright: option --out is only for "report" and "export" (check prints to stdout)',
      );
    });
  });
});
