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
        assert.equal(
          r.stderr,
          'specwright: cannot write "specwright-report.html": "specwright-report.html" is a symbolic link, and nothing is written through one\n',
        );
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
        assert.equal(
          r.stderr,
          'specwright: cannot write "site/index.html": "site" is a symbolic link, and nothing is written through one\n',
        );
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
        assert.equal(
          r.stderr,
          'specwright: refusing to write the report to "specs-link/checkout.epic.yaml": its name is a spec file\'s name, and a report never replaces one\n',
        );
        assert.equal(fs.readFileSync(epic, 'utf8'), before);
        const other = run(['report', '.', '--format', 'md', '--out', 'specs-link/notes.md'], root);
        assert.equal(other.status, 2);
        assert.equal(
          other.stderr,
          'specwright: cannot write "specs-link/notes.md": "specs-link" is a symbolic link, and nothing is written through one\n',
        );
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
        assert.deepEqual(
          fs.readdirSync(root).filter(n => n.endsWith('.tmp') || n.startsWith('.r.md')),
          [],
        );
        assert.match(fs.readFileSync(path.join(root, 'r.md'), 'utf8'), /^# Basket \\& Co\n/);
      } finally {
        t.remove();
      }
    });
  });

  describe('no forged CI command in any output', () => {
    /** Lines a GitHub Actions runner would read as a workflow command (it trims leading white space). */
    const commandLines = (text: string): string[] => text.split(/\r?\n/).filter(l => /^\s*::/.test(l));

    it('a config key with a line break and ::warning / ::add-mask:: stays inside one stderr line', () => {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        fs.writeFileSync(
          path.join(root, '.specwright.yaml'),
          'rules:\n  "x\\n::warning file=a.epic.yaml::pwned\\n::add-mask::secret%0A::error::y": off\n',
        );
        const r = run(['check', '.'], root);
        assert.equal(r.status, 2);
        assert.deepEqual(commandLines(r.stderr), [], r.stderr);
        assert.equal(r.stderr.split('\n').length, 3, r.stderr); // the refusal, its one problem line, the final newline
        assert.ok(!/%0A/i.test(r.stderr), r.stderr);
        assert.match(r.stderr, /x ::warning file=a\.epic\.yaml::pwned ::add-mask::secret%250A::error::y/);
      } finally {
        t.remove();
      }
    });

    it('a file named "::error title=Fake::x.epic.yaml" does not start a line of the text or JUnit format', () => {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        fs.writeFileSync(
          path.join(root, '::error title=Fake::x.epic.yaml'),
          'id: EPIC-9\ntitle: "x\\n::warning::pwned"\nrelease: R-404\n',
        );
        const text = run(['check', '.'], root);
        assert.equal(text.status, 1);
        assert.deepEqual(commandLines(text.stdout + text.stderr), [], text.stdout);
        assert.match(text.stdout, /^\.\/::error title=Fake::x\.epic\.yaml:3:10 error unresolved-link /m);
        const junit = run(['check', '.', '--format', 'junit'], root);
        assert.deepEqual(commandLines(junit.stdout), [], junit.stdout);
        const github = run(['check', '.', '--format', 'github'], root);
        // Only the annotations themselves are commands, their properties escaped by GitHub's rules.
        for (const l of commandLines(github.stdout))
          assert.match(l, /^::(error|warning|notice) file=[^:,]*(%3A[^:,]*)*,line=/, l);
        assert.match(github.stdout, /^::error file=%3A%3Aerror title=Fake%3A%3Ax\.epic\.yaml,line=3,/m);
      } finally {
        t.remove();
      }
    });

    it('a release status starting with :: starts no line of any report format', () => {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        const roadmap = path.join(root, 'product.roadmap.yaml');
        fs.writeFileSync(
          roadmap,
          fs
            .readFileSync(roadmap, 'utf8')
            .replace('status: in-progress', 'status: "::warning file=x::pwned\\n::add-mask::y"'),
        );
        for (const format of ['md', 'html', 'csv', 'json']) {
          const r = run(['report', '.', '--format', format], root);
          assert.equal(r.status, 0, r.stderr);
          if (format !== 'csv')
            assert.ok(r.stdout.includes('pwned'), `${format}: the status is in the report`); // the CSV has no release status
          assert.deepEqual(commandLines(r.stdout), [], format);
        }
        const trace = run(['trace', 'R-1', '.'], root);
        assert.deepEqual(commandLines(trace.stdout), [], trace.stdout);
      } finally {
        t.remove();
      }
    });
  });

  describe('reports stay proportional to the workspace', () => {
    /** The 64 KB reproduction: G goals all named by one release, one epic, one PRD with R requirements. */
    function generate(dir: string, goals: number, requirements: number): number {
      fs.mkdirSync(dir, { recursive: true });
      const ids = Array.from({ length: goals }, (_, i) => `G-${i + 1}`);
      const files: Record<string, string> = {
        'p.vision.yaml': `kind: vision\nid: V-1\nproduct: P\nstatement: S\ngoals:\n${ids.map(id => `  - id: ${id}\n    title: Goal ${id}\n`).join('')}`,
        'p.roadmap.yaml': `kind: roadmap\nid: RM-1\ntitle: R\nreleases:\n  - id: R-1\n    title: R\n    horizon: now\n    goals: [${ids.join(', ')}]\n`,
        'e.epic.yaml': 'kind: epic\nid: EPIC-1\ntitle: E\nrelease: R-1\n',
        'p.prd.yaml': `kind: prd\nid: PRD-1\ntitle: P\nepic: EPIC-1\nrequirements:\n${Array.from({ length: requirements }, (_, i) => `  - id: REQ-${i + 1}\n    title: R ${i + 1}\n`).join('')}`,
      };
      let size = 0;
      for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
        size += Buffer.byteLength(text);
      }
      return size;
    }

    it('64 KB of specs with 500 goals give reports of a few times that (they were 50 MB of Markdown, 194 MB of HTML)', () => {
      const t = tempDir();
      try {
        const input = generate(path.join(t.dir, 'w'), 500, 1250);
        assert.ok(input > 60_000 && input < 70_000, String(input));
        const wide = generate(path.join(t.dir, 'wider'), 1000, 1250); // twice the goals
        const sizes: Record<string, number[]> = {};
        for (const format of ['md', 'html', 'json', 'csv']) {
          sizes[format] = ['w', 'wider'].map(w => {
            const r = run(['report', w, '--format', format, '--out', `${w}.${format}`], t.dir);
            assert.equal(r.status, 0, r.stderr);
            return fs.statSync(path.join(t.dir, `${w}.${format}`)).size;
          });
        }
        // Bounds: a few bytes of report per byte of spec (JSON and HTML are wordy); goals cost what they weigh, not × requirements.
        const bound: Record<string, number> = { md: 4, html: 16, json: 24, csv: 8 };
        for (const [format, [one, two]] of Object.entries(sizes)) {
          assert.ok(one < bound[format] * input, `${format}: ${one} bytes from ${input}`);
          assert.ok(
            two - one < bound[format] * (wide - input),
            `${format}: 500 more goals added ${two - one} bytes`,
          );
        }
      } finally {
        t.remove();
      }
    });
  });

  describe('CSV quoting', () => {
    it('quotes a field with ; or a tab, and still defuses a formula', () => {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        const prd = path.join(root, 'prds', 'checkout.prd.yaml');
        fs.writeFileSync(
          prd,
          fs
            .readFileSync(prd, 'utf8')
            .replace('title: Saved cards', 'title: "x;=1+1;"')
            .replace('title: One-page checkout', 'title: "=HYPERLINK(1)"')
            .replace(
              'status: approved\n    acceptance_criteria:\n      - No second page',
              'status: "a\\tb"\n    acceptance_criteria:\n      - No second page',
            ),
        );
        const r = run(['report', '.', '--format', 'csv'], root);
        assert.equal(r.status, 0, r.stderr);
        const rows = r.stdout.split('\r\n');
        assert.match(
          rows.find(l => l.includes('REQ-1,'))!,
          /,REQ-1,"x;=1\+1;",in-progress,/,
        );
        assert.match(
          rows.find(l => l.includes('REQ-2,'))!,
          /,REQ-2,'=HYPERLINK\(1\),"a\tb",must,/,
        );
      } finally {
        t.remove();
      }
    });
  });

  describe('switched-off checks are visible', () => {
    it('a config that turns every rule off: check names them (text, JSON, SARIF) instead of a bare "no problems"', () => {
      const t = tempDir();
      try {
        const { root } = hostileCopy(t.dir);
        const codes = [
          'yaml-syntax',
          'schema',
          'kind-mismatch',
          'duplicate-id',
          'unresolved-link',
          'link-kind',
          'dependency-cycle',
          'date-order',
          'status-rollup',
          'schedule-conflict',
          'priority-inversion',
          'missing-acceptance',
          'uncovered',
          'orphan',
        ];
        fs.writeFileSync(
          path.join(root, '.specwright.yaml'),
          `rules:\n${codes.map(c => `  ${c}: off\n`).join('')}`,
        );
        fs.writeFileSync(path.join(root, 'broken.epic.yaml'), 'id: EPIC-9\ntitle: [unclosed\n');
        const text = run(['check', '.'], root);
        assert.equal(text.status, 0, text.stderr);
        const lines = text.stdout.trimEnd().split('\n');
        assert.match(lines[lines.length - 2], /^no problems in 10 files/);
        assert.equal(
          lines[lines.length - 1],
          `not checked, switched off by the configuration (rules: ... off): ${codes.join(', ')}`,
        );
        const json = JSON.parse(run(['check', '.', '--format', 'json'], root).stdout);
        assert.deepEqual(json.switchedOff, codes);
        const sarif = JSON.parse(run(['check', '.', '--format', 'sarif'], root).stdout);
        const overrides = sarif.runs[0].invocations[0].ruleConfigurationOverrides;
        assert.deepEqual(
          overrides.map((o: any) => [o.descriptor.id, o.configuration.enabled]),
          codes.map(c => [c, false]),
        );
        for (const o of overrides)
          assert.equal(sarif.runs[0].tool.driver.rules[o.descriptor.index].id, o.descriptor.id);
      } finally {
        t.remove();
      }
    });

    it('SARIF keeps suppressed findings as results with an inSource suppression and the reason', () => {
      const sarif = JSON.parse(run(['check', '--format', 'sarif'], fixture('suppress-basic')).stdout);
      const suppressed = sarif.runs[0].results.filter((r: any) => r.suppressions);
      assert.ok(suppressed.length > 0);
      for (const r of suppressed) {
        assert.equal(r.suppressions.length, 1);
        assert.equal(r.suppressions[0].kind, 'inSource');
      }
      const text = run(['check', '--show-suppressed', '--format', 'json'], fixture('suppress-basic'));
      const shown = JSON.parse(text.stdout).suppressed as { code: string; reason: string }[];
      assert.deepEqual(
        suppressed.map((r: any) => [r.ruleId, r.suppressions[0].justification ?? '']),
        shown.map(d => [d.code, d.reason]),
      );
    });
  });
});
