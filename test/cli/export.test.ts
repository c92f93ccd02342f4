import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jiraColumns } from '../../server/src/core/export/jiraCsv';
import { parseCsv } from '../unit/export/rfc4180';
import { linesOf, repoRoot, run, snapshot, tempDir } from './helpers';

const examples = path.join(repoRoot, 'examples');
const usage =
  'Usage: specwright export [PATH] --format jira-csv|linear-csv|github-json [--release ID] [--requirements] [--all] [--out FILE] [--config FILE] [--root DIR]';
const hint = 'Run "specwright --help" for details.';

/** Each Jira row as "Issue-ID Label Issue-Type <Parent Priority Fix-Version" (the header checked). */
function jiraRows(stdout: string): string[] {
  const rows = parseCsv(stdout);
  assert.deepEqual(rows[0], [...jiraColumns]);
  return rows.slice(1).map(r => `${r[0]} ${r[6]} ${r[2]} <${r[1]} ${r[5]} ${r[7]}`);
}

/** A copy of examples/ in which EPIC-1 and ST-101 name their tickets (as `tickets:`, not `x-jira…:`). */
function examplesWithTickets(dir: string): string {
  const copy = path.join(dir, 'examples');
  fs.cpSync(examples, copy, { recursive: true });
  const edit = (file: string, from: string, to: string): void => {
    const p = path.join(copy, file);
    const text = fs.readFileSync(p, 'utf8');
    assert.ok(text.includes(from), `${file} holds ${from}`);
    fs.writeFileSync(p, text.replace(from, to));
  };
  edit('epics/express-checkout.epic.yaml', 'x-jira-epic: BSK-100', 'tickets: [BSK-100]');
  edit('iterations/2026-s01.stories.yaml', 'x-jira: BSK-112', 'tickets: [BSK-112]');
  return copy;
}

describe('cli: export', () => {
  it('jira-csv on examples/: six epics, then the stories under them, exit 0 whatever the findings', () => {
    const r = run(['export', '--format', 'jira-csv'], examples);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const rows = jiraRows(r.stdout);
    assert.deepEqual(rows.slice(0, 8), [
      '1 EPIC-1 Epic < High R-2026.1',
      '2 EPIC-2 Epic < Medium R-2026.1',
      '3 EPIC-3 Epic < Medium R-2026.2',
      '4 EPIC-4 Epic < Low R-2026.3',
      '5 EPIC-5 Epic < High R-2026.1',
      '6 EPIC-6 Epic < Low R-2026.4',
      '7 ST-101 Story <1 High R-2026.1',
      '8 ST-102 Story <1 High R-2026.1',
    ]);
    assert.equal(rows.length, 22);
    // ST-207 implements a requirement no PRD defines: no epic (no Parent), no priority to take.
    assert.equal(rows[20], '21 ST-207 Story <  R-2026.1');
    const st101 = parseCsv(r.stdout)[7][4];
    assert.equal(
      st101,
      [
        'As Maya, the time-poor parent (P-PARENT), I want to save my card when I pay for my first order, so that I never have to type it in again.',
        '',
        '*Acceptance criteria*',
        '* ☐ Given a signed-in shopper paying with a new card, when she ticks "save this card" and the payment succeeds, then the card is listed under saved payment methods',
        '* ☐ Given a saved card, when the shopper starts her next checkout, then the saved card is preselected',
        '',
        'Implements: REQ-101 Saved payment methods',
        '',
        'Specwright: ST-101 in iterations/2026-s01.stories.yaml',
      ].join('\n'),
    );
  });

  it("--release: only that release's epics and their stories; --requirements adds sub-tasks after them", () => {
    const r = run(['export', '--format', 'jira-csv', '--release', 'R-2026.2', '--requirements'], examples);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(jiraRows(r.stdout), [
      '1 EPIC-3 Epic < Medium R-2026.2',
      '2 REQ-301 Sub-task <1 High R-2026.2',
      '3 REQ-302 Sub-task <1 High R-2026.2',
      '4 REQ-303 Sub-task <1 Medium R-2026.2',
      '5 REQ-304 Sub-task <1 Medium R-2026.2',
      '6 REQ-305 Sub-task <1 Low R-2026.2',
    ]);
    const plain = run(['export', 'examples', '--format', 'jira-csv', '--release', 'R-2026.2'], repoRoot);
    assert.deepEqual(jiraRows(plain.stdout), ['1 EPIC-3 Epic < Medium R-2026.2']);
  });

  it('linear-csv and github-json: the same issues in the same order', () => {
    const jira = jiraRows(run(['export', '-f', 'jira-csv', '--release', 'R-2026.1'], examples).stdout);
    const linear = run(['export', '-f', 'linear-csv', '--release', 'R-2026.1'], examples);
    assert.equal(linear.status, 0, linear.stderr);
    const rows = parseCsv(linear.stdout);
    assert.deepEqual(rows[0], ['Title', 'Description', 'Status', 'Priority', 'Estimate', 'Labels']);
    assert.equal(rows.length - 1, jira.length);
    assert.deepEqual(
      rows[1].filter((_, i) => i !== 1),
      ['Express checkout', 'In Progress', 'High', '', 'Epic, R-2026.1'],
    );
    assert.deepEqual(
      rows[4].filter((_, i) => i !== 1),
      ['Save a card at checkout', 'Done', 'High', '5', 'Story, R-2026.1'],
    );
    assert.match(
      rows[4][1],
      /\n\nPart of EPIC-1 Express checkout\n\nSpecwright: `ST-101` in `iterations\/2026-s01\.stories\.yaml`$/,
    );

    const github = run(['export', '-f', 'github-json', '--release', 'R-2026.1'], examples);
    assert.equal(github.status, 0, github.stderr);
    const issues = linesOf(github.stdout).map(
      l => JSON.parse(l) as { title: string; labels: string[]; milestone: string },
    );
    assert.equal(issues.length, jira.length);
    assert.deepEqual(issues[3], {
      ...issues[3],
      title: 'Save a card at checkout',
      labels: ['story'],
      milestone: 'R-2026.1',
    });
    assert.deepEqual(
      issues.map(i => i.title),
      rows.slice(1).map(r => r[0]),
    );
  });

  it('leaves out what already has a ticket (and says so on stderr) unless --all', () => {
    const tmp = tempDir();
    try {
      const ws = examplesWithTickets(tmp.dir);
      const r = run(['export', '--format', 'jira-csv', '--release', 'R-2026.1'], ws);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(
        r.stderr,
        'specwright: note: left out 2 items that already have tickets (EPIC-1, ST-101); --all exports them too\n',
      );
      const rows = jiraRows(r.stdout);
      assert.deepEqual(rows.slice(0, 4), [
        '1 EPIC-2 Epic < Medium R-2026.1',
        '2 EPIC-5 Epic < High R-2026.1',
        '3 ST-102 Story <BSK-100 High R-2026.1',
        '4 ST-103 Story <BSK-100 High R-2026.1',
      ]);
      assert.ok(!rows.some(l => / (EPIC-1|ST-101) /.test(l)));
      const all = run(['export', '--format', 'jira-csv', '--release', 'R-2026.1', '--all'], ws);
      assert.equal(all.status, 0, all.stderr);
      assert.equal(all.stderr, '');
      assert.deepEqual(
        jiraRows(all.stdout),
        jiraRows(run(['export', '--format', 'jira-csv', '--release', 'R-2026.1'], examples).stdout),
      );
    } finally {
      tmp.remove();
    }
  });

  it('an unknown release is exit 2 naming the closest release IDs; so is an ID of another kind', () => {
    const r = run(['export', '--format', 'jira-csv', '--release', 'R-2026.5'], examples);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'specwright: nothing was exported: no release has the ID "R-2026.5" in this workspace (did you mean R-2026.1, R-2026.2, R-2026.3?)\n',
    );
    const epic = run(['export', '--format', 'github-json', '--release', 'EPIC-1'], examples);
    assert.equal(epic.status, 2);
    assert.equal(epic.stderr, 'specwright: nothing was exported: "EPIC-1" is an epic, not a release\n');
    const far = run(['export', '--format', 'github-json', '--release', 'NOPE'], examples);
    assert.equal(
      far.stderr,
      'specwright: nothing was exported: no release has the ID "NOPE" in this workspace\n',
    );
  });

  describe('--out', () => {
    it('writes exactly that file (the same text as stdout) and nothing else', () => {
      const cwd = tempDir();
      try {
        const before = snapshot(examples);
        for (const format of ['jira-csv', 'linear-csv', 'github-json']) {
          const r = run(['export', examples, '--format', format, '--out', `issues.${format}`], cwd.dir);
          assert.equal(r.status, 0, r.stderr);
          assert.equal(r.stdout, '');
          assert.equal(r.stderr, '');
          assert.equal(
            fs.readFileSync(path.join(cwd.dir, `issues.${format}`), 'utf8'),
            run(['export', examples, '--format', format], cwd.dir).stdout,
          );
        }
        assert.deepEqual(fs.readdirSync(cwd.dir).sort(), [
          'issues.github-json',
          'issues.jira-csv',
          'issues.linear-csv',
        ]);
        assert.deepEqual(snapshot(examples), before);
      } finally {
        cwd.remove();
      }
    });

    it('never writes through a symbolic link, nor over a spec file', () => {
      const cwd = tempDir();
      try {
        const outside = path.join(cwd.dir, 'outside.csv');
        fs.writeFileSync(outside, 'keep');
        fs.symlinkSync(outside, path.join(cwd.dir, 'link.csv'));
        fs.mkdirSync(path.join(cwd.dir, 'real'));
        fs.symlinkSync(path.join(cwd.dir, 'real'), path.join(cwd.dir, 'linked'));
        const link = run(['export', examples, '-f', 'jira-csv', '--out', 'link.csv'], cwd.dir);
        assert.equal(link.status, 2);
        assert.equal(
          link.stderr,
          'specwright: cannot write "link.csv": "link.csv" is a symbolic link, and nothing is written through one\n',
        );
        const folder = run(['export', examples, '-f', 'jira-csv', '--out', 'linked/x.csv'], cwd.dir);
        assert.equal(folder.status, 2);
        assert.equal(
          folder.stderr,
          'specwright: cannot write "linked/x.csv": "linked" is a symbolic link, and nothing is written through one\n',
        );
        assert.equal(fs.readFileSync(outside, 'utf8'), 'keep');
        assert.deepEqual(fs.readdirSync(path.join(cwd.dir, 'real')), []);
      } finally {
        cwd.remove();
      }
      const before = snapshot(examples);
      const spec = run(['export', '-f', 'jira-csv', '--out', 'product.roadmap.yaml'], examples);
      assert.equal(spec.status, 2);
      assert.equal(
        spec.stderr,
        'specwright: refusing to write the export to "product.roadmap.yaml": it is a spec file of the workspace\n',
      );
      const named = run(['export', '-f', 'jira-csv', '--out', '../x.prd.yaml'], examples);
      assert.equal(named.status, 2);
      assert.equal(
        named.stderr,
        'specwright: refusing to write the export to "../x.prd.yaml": its name is a spec file\'s name, and an export never replaces one\n',
      );
      assert.deepEqual(snapshot(examples), before);
    });
  });

  describe('bad arguments (exit 2, the usage of export)', () => {
    const usageError = (args: string[], message: string): void => {
      const r = run(args, examples);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.deepEqual(linesOf(r.stderr), [`specwright: ${message}`, usage, hint]);
    };

    it('needs a format, takes one PATH, and names its own options', () => {
      usageError(['export'], 'export needs --format jira-csv, linear-csv or github-json');
      usageError(['export', '-f', 'csv'], 'unknown format "csv" (use jira-csv, linear-csv or github-json)');
      usageError(['export', '-f', 'jira-csv', 'a', 'b'], 'export takes at most one PATH (got 2)');
      usageError(['export', '-f', 'jira-csv', '--release', ' '], '--release needs the ID of a release');
      usageError(['export', '-f', 'jira-csv', '--release'], 'option --release needs a value');
      usageError(['export', '-f', 'jira-csv', '--out', ''], '--out needs a file name');
    });

    it('--release, --requirements and --all belong to export', () => {
      for (const option of ['--release=R-1', '--requirements', '--all']) {
        const r = run(['check', option], examples);
        assert.equal(r.status, 2);
        assert.equal(
          linesOf(r.stderr)[0],
          `specwright: option ${option.replace(/=.*/, '')} is only for "export"`,
        );
      }
    });
  });
});
