import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, repoRoot, run, runJson, tempDir, unmarkedRootHint } from './helpers';

/**
 * Every command finds the workspace root of its PATHs: the nearest folder at
 * or above them that holds .specwright.yaml, else the folder given (never a
 * folder higher up, such as the git top level). It reads the whole
 * workspace, applies its configuration, and check reports only the files
 * under the PATHs. --root DIR overrides.
 *
 * test/fixtures/cli-root: cli-clean's five files (vision, roadmap, epic,
 * PRD, stories, all linked to each other) plus epics/loose.epic.yaml (EPIC-9,
 * no release: an orphan), under a .specwright.yaml that makes orphan an
 * error. test/fixtures/cli-clean: the same five files, no .specwright.yaml.
 */
const root = fixture('cli-root');
const orphan = 'error orphan EPIC-9 is not scheduled: it names no release';

type Finding = { file: string; code: string; severity: string; range: { start: { line: number } } };
const brief = (json: { diagnostics: Finding[] }): string[] =>
  json.diagnostics.map(d => `${d.file}:${d.range.start.line + 1} ${d.severity} ${d.code}`);

describe('cli: workspace root', () => {
  it('folders below a .specwright.yaml: links resolve across the workspace, its rules apply, only their files are reported', () => {
    const r = run(['check', 'prds', 'epics'], root);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      `epics/loose.epic.yaml:2:5 ${orphan}`,
      '1 error, 0 warnings, 0 info in 3 files (4 items)',
    ]);
    const j = runJson(['check', 'prds', 'epics'], root);
    assert.equal(j.json.root, root);
    assert.equal(j.json.files, 3);
  });

  it('run inside a folder below the root, with no PATH: the parent .specwright.yaml applies; paths are relative to the current folder', () => {
    const epics = run(['check'], path.join(root, 'epics'));
    assert.equal(epics.status, 1, epics.stderr);
    assert.deepEqual(linesOf(epics.stdout), [
      `loose.epic.yaml:2:5 ${orphan}`,
      '1 error, 0 warnings, 0 info in 2 files (2 items)',
    ]);
    const prds = run(['check'], path.join(root, 'prds'));
    assert.equal(prds.status, 0, prds.stderr);
    assert.deepEqual(linesOf(prds.stdout), ['no problems in 1 file (2 items)']);
  });

  it('the configuration of the root also reaches a folder PATH given from elsewhere', () => {
    const r = run(['check', 'test/fixtures/cli-root/epics'], repoRoot);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      `test/fixtures/cli-root/epics/loose.epic.yaml:2:5 ${orphan}`,
      '1 error, 0 warnings, 0 info in 2 files (2 items)',
    ]);
  });

  it('without a .specwright.yaml the folder given is the root, never one above it (not the git top level); the summary says how to mark the root', () => {
    const r = run(['check', 'test/fixtures/cli-clean/prds'], repoRoot);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'test/fixtures/cli-clean/prds/sign-in.prd.yaml:5:7 error unresolved-link EPIC-1 is not defined in this workspace',
      'test/fixtures/cli-clean/prds/sign-in.prd.yaml:6:12 error unresolved-link P-USER is not defined in this workspace',
      'test/fixtures/cli-clean/prds/sign-in.prd.yaml:8:9 info uncovered REQ-1 is approved but no story implements it',
      '2 errors, 0 warnings, 1 info in 1 file (2 items)',
      unmarkedRootHint('test/fixtures/cli-clean/prds'),
    ]);
    // The hint is for the text summary only: JSON stays JSON (runJson parses all of stdout).
    assert.equal(
      runJson(['check', 'test/fixtures/cli-clean/prds'], repoRoot).json.root,
      fixture('cli-clean', 'prds'),
    );
  });

  it('no hint when the root is marked by a .specwright.yaml, or when no link is unresolved', () => {
    assert.doesNotMatch(run(['check', '.'], root).stdout, /hint/);
    assert.doesNotMatch(run(['check', '.'], fixture('cli-clean')).stdout, /hint/);
  });

  it('--root DIR overrides: a wider root resolves the links, a narrower one does not (and gets no hint: the root was chosen)', () => {
    const wide = run(['check', 'prds', '--root', '.'], fixture('cli-clean'));
    assert.equal(wide.status, 0, wide.stderr);
    assert.deepEqual(linesOf(wide.stdout), ['no problems in 1 file (2 items)']);

    const narrow = run(['check', 'prds', '--root', 'prds'], root);
    assert.equal(narrow.status, 1, narrow.stderr);
    assert.deepEqual(linesOf(narrow.stdout), [
      'prds/sign-in.prd.yaml:5:7 error unresolved-link EPIC-1 is not defined in this workspace',
      'prds/sign-in.prd.yaml:6:12 error unresolved-link P-USER is not defined in this workspace',
      'prds/sign-in.prd.yaml:8:9 info uncovered REQ-1 is approved but no story implements it',
      '2 errors, 0 warnings, 1 info in 1 file (2 items)',
    ]);
  });

  it('--root DIR: a PATH outside it is named, exit 2', () => {
    const r = run(['check', '.', '../cli-clean', '--root', 'epics'], root);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), [
      'specwright: path "." is outside the --root folder "epics"',
      'specwright: path "../cli-clean" is outside the --root folder "epics"',
    ]);
  });

  it('a folder PATH that the scan of its root skips (dist, out, node_modules) is still read, in the context of the root', () => {
    const ws = tempDir();
    try {
      fs.cpSync(root, ws.dir, { recursive: true });
      fs.mkdirSync(path.join(ws.dir, 'dist'));
      fs.renameSync(
        path.join(ws.dir, 'epics', 'loose.epic.yaml'),
        path.join(ws.dir, 'dist', 'loose.epic.yaml'),
      );
      const r = run(['check', 'dist'], ws.dir);
      assert.equal(r.status, 1, r.stderr);
      assert.deepEqual(linesOf(r.stdout), [
        `dist/loose.epic.yaml:2:5 ${orphan}`,
        '1 error, 0 warnings, 0 info in 1 file (1 item)',
      ]);
      // Checked from the root, dist is not part of the workspace.
      assert.deepEqual(linesOf(run(['check'], ws.dir).stdout), ['no problems in 5 files (10 items)']);
    } finally {
      ws.remove();
    }
  });

  it('trace finds the root from a folder below it: the whole chain, files named from the current folder', () => {
    const r = run(['trace', 'EPIC-1'], path.join(root, 'prds'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(linesOf(r.stdout), [
      'EPIC-1 Sign in (epic, approved, must)',
      'defined in ../epics/sign-in.epic.yaml:2:5',
      'upstream:',
      '  R-1 First release (release, in-progress) via release',
      '    G-ONE People can sign in (goal, draft) via goals',
      '      V-CLEAN Clean (vision, draft) via parent',
      'downstream:',
      '  PRD-1 Sign in (prd, approved) via epic',
      '    REQ-1 Password sign-in (requirement, approved, must) via contains',
      '      ST-1 Sign in with a password (story, approved) via implements',
    ]);
    assert.equal(
      JSON.parse(run(['trace', 'EPIC-1', '--format', 'json'], path.join(root, 'prds')).stdout).root,
      root,
    );
  });

  it('report finds the root from a folder below it and covers the whole workspace with its rules', () => {
    const below = run(['report', '--format', 'json'], path.join(root, 'prds'));
    const atRoot = run(['report', '--format', 'json'], root);
    assert.equal(below.status, 0, below.stderr);
    assert.equal(below.stdout, atRoot.stdout);
    assert.match(below.stdout, /EPIC-9/);
  });

  it('examples/: the seven findings of the README; its prds and epics alone give only theirs, with every link resolved', () => {
    const all = runJson(['check', 'examples'], repoRoot);
    assert.equal(all.status, 1, all.stderr);
    assert.deepEqual(brief(all.json), [
      'epics/smart-substitutions.epic.yaml:21 warning schedule-conflict',
      'iterations/2026-s02.stories.yaml:101 error unresolved-link',
      'prds/express-checkout.prd.yaml:36 warning status-rollup',
      'prds/express-checkout.prd.yaml:43 warning failing-test',
      'prds/smart-substitutions.prd.yaml:48 warning priority-inversion',
      'prds/smart-substitutions.prd.yaml:55 warning missing-acceptance',
      'prds/smart-substitutions.prd.yaml:59 info uncovered',
    ]);
    const part = runJson(['check', 'examples/prds', 'examples/epics'], repoRoot);
    assert.equal(part.status, 0, part.stderr);
    assert.equal(part.json.root, path.join(repoRoot, 'examples'));
    assert.deepEqual(
      brief(part.json),
      brief(all.json).filter(l => /^(prds|epics)\//.test(l)),
    );

    const inside = run(['check'], path.join(repoRoot, 'examples', 'prds'));
    assert.equal(inside.status, 0, inside.stderr);
    assert.match(inside.stdout, /^express-checkout\.prd\.yaml:36:13 warning status-rollup /);
    assert.match(inside.stdout, /\n0 errors, 4 warnings, 1 info in 4 files \(26 items\)\n$/);
  });
});
