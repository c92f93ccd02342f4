import * as assert from 'node:assert/strict';
import { escapeData, escapeProperty, formatGithub } from '../../server/src/cli/formatters/github';
import type { CheckReport } from '../../server/src/cli/report';
import { fixture, linesOf, repoRoot, run } from './helpers';

const basic = fixture('report-basic');

describe('cli: check --format github', () => {
  it('prints one workflow command per finding (error, warning, notice), then the summary; exit 1 on errors', () => {
    const r = run(['check', '--format', 'github'], basic);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stderr, '');
    assert.deepEqual(linesOf(r.stdout), [
      '::warning file=epics/checkout.epic.yaml,line=9,col=14,endLine=9,endColumn=20,title=schedule-conflict::EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-2, which ships in R-2 (ends 2026-06-26)',
      '::notice file=epics/pass.epic.yaml,line=2,col=5,endLine=2,endColumn=11,title=orphan::EPIC-3 is not scheduled: it names no release',
      '::error file=epics/pass.epic.yaml,line=5,col=14,endLine=5,endColumn=20,title=unresolved-link::EPIC-9 is not defined in this workspace (did you mean EPIC-1?)',
      '::error file=iterations/s1.stories.yaml,line=33,col=18,endLine=33,endColumn=22,title=dependency-cycle::depends_on forms a cycle: ST-4 → ST-5 → ST-4',
      '::error file=iterations/s1.stories.yaml,line=37,col=18,endLine=37,endColumn=22,title=dependency-cycle::depends_on forms a cycle: ST-5 → ST-4 → ST-5',
      '::warning file=prds/checkout.prd.yaml,line=21,col=18,endLine=21,endColumn=23,title=priority-inversion::REQ-2 is a must but depends on REQ-3, which is only a could',
      '::notice file=prds/checkout.prd.yaml,line=22,col=9,endLine=22,endColumn=14,title=uncovered::REQ-3 is approved but no story implements it',
      '::warning file=prds/checkout.prd.yaml,line=26,col=13,endLine=26,endColumn=21,title=missing-acceptance::REQ-3 is approved but has no acceptance criteria',
      '::notice file=prds/loose%2C draft.prd.yaml,line=2,col=5,endLine=2,endColumn=10,title=orphan::PRD-3 belongs to no epic: it names no epic',
      '3 errors, 3 warnings, 3 info in 9 files (27 items)',
    ]);
  });

  it('names files from the working directory, so that GitHub finds them in the repository', () => {
    const r = run(['check', 'test/fixtures/report-basic', '--format', 'github'], repoRoot);
    assert.equal(
      linesOf(r.stdout)[0],
      '::warning file=test/fixtures/report-basic/epics/checkout.epic.yaml,line=9,col=14,endLine=9,endColumn=20,title=schedule-conflict::EPIC-1 ships in R-1 (ends 2026-03-27) but depends on EPIC-2, which ships in R-2 (ends 2026-06-26)',
    );
  });

  it('prints only the summary for a clean workspace, exit 0', () => {
    const r = run(['check', '--format', 'github'], fixture('cli-clean'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), ['no problems in 5 files (10 items)']);
  });
});

describe('cli: GitHub formatter', () => {
  it('escapes % CR LF in messages, and also : and , in properties (as @actions/core does)', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('dir:a,b/100%.epic.yaml\n'), 'dir%3Aa%2Cb/100%25.epic.yaml%0A');
    assert.equal(escapeData('bell\x07 esc\x1b[2J tab\t'), 'bell\\u0007 esc\\u001b[2J tab\t');
  });

  it('gives columns only for a one-line range; a range over lines has line and endLine', () => {
    const report: CheckReport = {
      root: '/ws',
      rootUri: 'file:///ws/',
      files: 1,
      items: 1,
      diagnostics: [
        {
          file: 'a,b.prd.yaml',
          range: { start: { line: 2, character: 4 }, end: { line: 5, character: 0 } },
          severity: 'error',
          code: 'schema',
          message: 'missing "title": add it\nhere',
        },
        {
          file: 'a,b.prd.yaml',
          range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } },
          severity: 'info',
          code: 'uncovered',
          message: '50% :: done',
        },
      ],
      summary: { error: 1, warning: 0, info: 1 },
    };
    assert.equal(
      formatGithub(report, { pathPrefix: 'specs/' }),
      [
        '::error file=specs/a%2Cb.prd.yaml,line=3,endLine=6,title=schema::missing "title": add it%0Ahere',
        '::notice file=specs/a%2Cb.prd.yaml,line=8,col=1,endLine=8,endColumn=1,title=uncovered::50%25 :: done',
        '1 error, 0 warnings, 1 info in 1 file (1 item)',
        '',
      ].join('\n'),
    );
  });
});
