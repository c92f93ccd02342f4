/**
 * Issue #12, the output side, on the real binary: a repository written by
 * someone else (a pull request from an outsider) cannot make the CLI write
 * outside the workspace, forge a CI command in its output, or blow up a
 * report. Each test is one attack of the adversarial review.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, run, tempDir } from './helpers';

/** A copy of report-basic at `<base>/w`, a folder `<base>/outside` with a file that must not change. */
function hostileCopy(base: string): { root: string; outside: string; victim: string } {
  const root = path.join(base, 'w');
  const outside = path.join(base, 'outside');
  fs.cpSync(fixture('report-basic'), root, { recursive: true });
  fs.mkdirSync(outside);
  const victim = path.join(outside, 'victim.txt');
  fs.writeFileSync(victim, 'original');
  return { root, outside, victim };
}

describe('cli: security of the outputs (issue #12)', function () {
  this.timeout(120_000);

  describe('report --out writes through no symbolic link', () => {
    it('refuses an --out that is a link to a file outside (exit 2), and leaves that file alone', () => {
      const t = tempDir();
      try {
        const { root, victim } = hostileCopy(t.dir);
        fs.symlinkSync(victim, path.join(root, 'specwright-report.html'));
        const r = run(['report', '.', '--format', 'html', '--out', 'specwright-report.html'], root);
        assert.equal(r.status, 2);
        assert.equal(r.stdout, '');
        assert.equal(r.stderr, 'specwright: cannot write "specwright-report.html": "specwright-report.html" is a symbolic link, and a report is never written through one\n');
        assert.equal(fs.readFileSync(victim, 'utf8'), 'original');
        assert.ok(fs.lstatSync(path.join(root, 'specwright-report.html')).isSymbolicLink());
      } finally {
        t.remove();
      }
    });

    it('refuses an --out in a folder that is a link to a folder outside (the Pages recipe: site/index.html)', () => {
      const t = tempDir();
      try {
        const { root, outside } = hostileCopy(t.dir);
        fs.symlinkSync(outside, path.join(root, 'site'));
        const r = run(['report', '.', '--format', 'html', '--out', 'site/index.html'], root);
        assert.equal(r.status, 2);
        assert.equal(r.stderr, 'specwright: cannot write "site/index.html": "site" is a symbolic link, and a report is never written through one\n');
        assert.deepEqual(fs.readdirSync(outside), ['victim.txt']);
      } finally {
        t.remove();
      }
    });

    it('never overwrites a spec file, even through a linked folder the scan does not follow', () => {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        fs.symlinkSync(path.join(root, 'epics'), path.join(root, 'specs-link'));
        const epic = path.join(root, 'epics', 'checkout.epic.yaml');
        const before = fs.readFileSync(epic, 'utf8');
        const r = run(['report', '.', '--format', 'md', '--out', 'specs-link/checkout.epic.yaml'], root);
        assert.equal(r.status, 2);
        assert.equal(r.stderr, 'specwright: refusing to write the report to "specs-link/checkout.epic.yaml": its name is a spec file\'s name, and a report never replaces one\n');
        assert.equal(fs.readFileSync(epic, 'utf8'), before);
        const other = run(['report', '.', '--format', 'md', '--out', 'specs-link/notes.md'], root);
        assert.equal(other.status, 2);
        assert.equal(other.stderr, 'specwright: cannot write "specs-link/notes.md": "specs-link" is a symbolic link, and a report is never written through one\n');
        assert.equal(fs.existsSync(path.join(root, 'epics', 'notes.md')), false);
        const config = run(['report', '.', '--format', 'md', '--out', '.specwright.yaml'], root);
        assert.equal(config.status, 2);
        assert.equal(fs.existsSync(path.join(root, '.specwright.yaml')), false);
      } finally {
        t.remove();
      }
    });

    it('refuses a named pipe (it would block) and leaves no temporary file behind', function () {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        const made = spawnSync('mkfifo', [path.join(root, 'pipe.md')]);
        assert.equal(made.status, 0, 'mkfifo is needed for this test');
        const r = run(['report', '.', '--format', 'md', '--out', 'pipe.md'], root);
        assert.equal(r.status, 2);
        assert.equal(r.stderr, 'specwright: cannot write "pipe.md": it is not a regular file\n');
        const ok = run(['report', '.', '--format', 'md', '--out', 'r.md'], root);
        assert.equal(ok.status, 0, ok.stderr);
        assert.deepEqual(fs.readdirSync(root).filter(n => n.endsWith('.tmp') || n.startsWith('.r.md')), []);
        assert.match(fs.readFileSync(path.join(root, 'r.md'), 'utf8'), /^# Basket \\& Co\n/);
      } finally {
        t.remove();
      }
    });
  });
});
