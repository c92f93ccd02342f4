import * as assert from 'node:assert/strict';
import { fixture, linesOf, repoRoot, run, runJson } from './helpers';

describe('cli: paths', () => {
  it('checks the working directory when no PATH is given', () => {
    const a = run(['check'], fixture('cli-warnings'));
    const b = run(['check', '.'], fixture('cli-warnings'));
    assert.equal(a.stdout, b.stdout);
    assert.match(a.stdout, /in 4 files \(7 items\)\n$/);
  });

  it('a single spec file: prints only its diagnostics, with links resolved against its workspace', () => {
    const r = run(['check', 'prds/pay.prd.yaml'], fixture('cli-findings'));
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'prds/pay.prd.yaml:4:9 warning status-rollup PRD-1 is done but REQ-2 is still approved',
      'prds/pay.prd.yaml:11:13 warning status-rollup REQ-1 is done but 3 of its items are still open: ST-1 (draft), ST-5 (draft), ST-6 (draft)',
      'prds/pay.prd.yaml:12:5 error schema unknown key "colour" (allowed here: id, title, statement, priority, status, acceptance_criteria, depends_on, rationale, owner, description, related, tickets)',
      'prds/pay.prd.yaml:15:18 warning priority-inversion REQ-1 is a must but depends on REQ-2, which is only a could',
      'prds/pay.prd.yaml:16:9 info uncovered REQ-2 is approved but no story implements it',
      'prds/pay.prd.yaml:20:13 warning missing-acceptance REQ-2 is approved but has no acceptance criteria',
      '1 error, 4 warnings, 1 info in 1 file (3 items)',
    ]);
  });

  it('a single spec file in a subfolder resolves links to files elsewhere in the workspace (no unresolved-link)', () => {
    const r = run(['check', 'iterations/s1.stories.yaml'], fixture('cli-clean'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), ['no problems in 1 file (2 items)']);
  });

  it('a single spec file: its workspace is the nearest folder above it with .specwright.yaml', () => {
    const r = runJson(['check', 'test/fixtures/cli-config/checkout.prd.yaml'], repoRoot);
    assert.equal(r.status, 0, r.stderr); // uncovered is a warning there, not an error
    assert.equal(r.json.root, fixture('cli-config'));
    assert.deepEqual(
      r.json.diagnostics.map((x: { file: string; code: string; severity: string }) => [
        x.file,
        x.code,
        x.severity,
      ]),
      [['checkout.prd.yaml', 'uncovered', 'warning']],
    );
    assert.equal(r.json.files, 1);
  });

  it('several PATHs: one run, root is their common folder, files relative to it, each workspace with its config', () => {
    const r = runJson(['check', 'cli-warnings', 'cli-config/checkout.prd.yaml'], fixture('.'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.json.root, fixture('.'));
    assert.equal(r.json.files, 5);
    assert.deepEqual(
      r.json.diagnostics.map((x: { file: string; code: string; severity: string }) => [
        x.file,
        x.code,
        x.severity,
      ]),
      [
        ['cli-config/checkout.prd.yaml', 'uncovered', 'warning'],
        ['cli-warnings/search.prd.yaml', 'status-rollup', 'warning'],
        ['cli-warnings/search.prd.yaml', 'missing-acceptance', 'warning'],
      ],
    );
    assert.deepEqual(r.json.summary, { error: 0, warning: 3, info: 0 });
  });

  it('a folder and a file inside it: the folder covers the file', () => {
    const a = run(['check', '.', 'prds/pay.prd.yaml'], fixture('cli-findings'));
    const b = run(['check', '.'], fixture('cli-findings'));
    assert.equal(a.stdout, b.stdout);
  });
});
