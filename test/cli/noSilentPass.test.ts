import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, linesOf, run, runUnreadable, tempDir, unmarkedRootHint } from './helpers';

/**
 * `check` never passes by checking nothing: a PATH that does not exist,
 * cannot be read or holds no spec file, and any file or folder of the
 * workspace that cannot be read, is named on stderr, one line each, and the
 * exit code is 2 (as ESLint's "No files matching the pattern").
 *
 * Unreadable paths are made in ways that hold for root too (the tests run as
 * root, where chmod 000 stops nothing): a symbolic link loop, a named pipe
 * where a spec file should be, and read errors injected into the real CLI
 * (injectReadErrors.ts, EACCES as the system gives it).
 */
const noSpecs = (given: string): string =>
  `specwright: no spec files in "${given}" (none is named *.vision, *.roadmap, *.epic, *.prd or *.stories, then .yaml or .yml); pass --allow-empty to accept that`;

/** A temporary copy of test/fixtures/cli-clean (5 files, no findings). */
function cleanCopy(): { dir: string; remove: () => void } {
  const ws = tempDir();
  fs.cpSync(fixture('cli-clean'), ws.dir, { recursive: true });
  return ws;
}

describe('cli: no silent pass', () => {
  it('an empty folder: exit 2, nothing on stdout, one line naming it, in every format', () => {
    const ws = tempDir();
    try {
      for (const format of ['text', 'json', 'sarif', 'junit', 'github']) {
        const r = run(['check', '--format', format], ws.dir);
        assert.equal(r.status, 2, format);
        assert.equal(r.stdout, '', format);
        assert.deepEqual(linesOf(r.stderr), [noSpecs('.')], format);
      }
    } finally {
      ws.remove();
    }
  });

  it('a folder with files but no spec file: exit 2, naming the PATH as given', () => {
    const r = run(['check', 'notes'], fixture('cli-root'));
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(linesOf(r.stderr), [noSpecs('notes')]);
  });

  it('with other PATHs: their findings are printed, then the empty PATH is named, exit 2', () => {
    const r = run(['check', 'prds', 'notes'], fixture('cli-root'));
    assert.equal(r.status, 2);
    assert.deepEqual(linesOf(r.stdout), ['no problems in 1 file (2 items)']);
    assert.deepEqual(linesOf(r.stderr), [noSpecs('notes')]);
  });

  it('--allow-empty accepts an empty workspace on purpose', () => {
    const ws = tempDir();
    try {
      const r = run(['check', '--allow-empty'], ws.dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.deepEqual(linesOf(r.stdout), ['no problems in 0 files (0 items)']);
    } finally {
      ws.remove();
    }
    const mixed = run(['check', 'prds', 'notes', '--allow-empty'], fixture('cli-root'));
    assert.equal(mixed.status, 0, mixed.stderr);
    assert.equal(mixed.stderr, '');
  });

  it('a PATH that does not exist and one that cannot be read (a symbolic link loop): one line each, nothing checked', () => {
    const ws = cleanCopy();
    try {
      fs.symlinkSync('loop', path.join(ws.dir, 'loop'));
      const r = run(['check', 'loop', '.', 'specs'], ws.dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: cannot read "loop": a loop of symbolic links (ELOOP)',
        'specwright: path "specs" does not exist',
      ]);
    } finally {
      ws.remove();
    }
  });

  it('a named pipe where a spec file should be: the rest is checked, then the pipe is named, exit 2 (never read: it would block)', () => {
    const ws = cleanCopy();
    try {
      execFileSync('mkfifo', [path.join(ws.dir, 'prds', 'stuck.prd.yaml')]);
      const r = run(['check'], ws.dir);
      assert.equal(r.status, 2);
      assert.deepEqual(linesOf(r.stdout), ['no problems in 5 files (10 items)']);
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: cannot read "prds/stuck.prd.yaml": not a regular file (a named pipe)',
      ]);
    } finally {
      ws.remove();
    }
  });

  it('an unreadable folder and an unreadable spec file met while scanning (read errors injected): each named, exit 2', () => {
    const ws = cleanCopy();
    try {
      const unreadable = [path.join(ws.dir, 'iterations'), path.join(ws.dir, 'epics', 'sign-in.epic.yaml')];
      const r = runUnreadable(['check'], ws.dir, unreadable);
      assert.equal(r.status, 2);
      // What could be read is checked: without the epic, PRD-1's link to it is unresolved.
      assert.deepEqual(linesOf(r.stdout), [
        'prds/sign-in.prd.yaml:5:7 error unresolved-link EPIC-1 is not defined in this workspace',
        'prds/sign-in.prd.yaml:8:9 info uncovered REQ-1 is approved but no story implements it',
        '1 error, 0 warnings, 1 info in 3 files (7 items)',
        unmarkedRootHint('.'),
      ]);
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: cannot read "epics/sign-in.epic.yaml": permission denied (EACCES)',
        'specwright: cannot read "iterations": permission denied (EACCES)',
      ]);
      // The same workspace without the injection passes: the errors above come from the reads alone.
      assert.equal(run(['check'], ws.dir).status, 0);
    } finally {
      ws.remove();
    }
  });

  it('the folder given cannot be listed (read error injected): named once, not also as empty', () => {
    const ws = cleanCopy();
    try {
      const r = runUnreadable(['check', 'prds'], ws.dir, [path.join(ws.dir, 'prds')]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), ['specwright: cannot read "prds": permission denied (EACCES)']);
    } finally {
      ws.remove();
    }
  });

  it('a single spec file that cannot be read (read error injected): named, exit 2', () => {
    const ws = cleanCopy();
    try {
      const file = path.join(ws.dir, 'prds', 'sign-in.prd.yaml');
      const r = runUnreadable(['check', 'prds/sign-in.prd.yaml'], ws.dir, [file]);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [
        'specwright: cannot read "prds/sign-in.prd.yaml": permission denied (EACCES)',
      ]);
    } finally {
      ws.remove();
    }
  });

  it('trace and report go on, but warn of what they could not read', () => {
    const ws = cleanCopy();
    try {
      execFileSync('mkfifo', [path.join(ws.dir, 'epics', 'stuck.epic.yaml')]);
      const warning =
        'specwright: warning: cannot read "epics/stuck.epic.yaml": not a regular file (a named pipe)\n';
      const report = run(['report', '--format', 'json'], ws.dir);
      assert.equal(report.status, 0);
      assert.equal(report.stderr, warning);
      assert.equal(JSON.parse(report.stdout).version, 1);
      const trace = run(['trace', 'REQ-1'], ws.dir);
      assert.equal(trace.status, 0);
      assert.equal(trace.stderr, warning);
    } finally {
      ws.remove();
    }
  });
});
