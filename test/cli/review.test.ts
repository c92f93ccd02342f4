import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linesOf, run, runJson, snapshot, tempDir } from './helpers';

const header = [
  '# Specwright review stamps: one reviewed link a line, DOWNSTREAM-ID field UPSTREAM-ID fingerprint.',
  '# Written by "specwright review". Recommended in .gitattributes: specwright.reviews merge=union',
];
const prd = (statement: string) =>
  [
    'id: PRD-1',
    'title: Checkout',
    'requirements:',
    '  - id: REQ-1',
    '    title: Pay',
    `    statement: ${statement}`,
    '    priority: must',
    '  - {id: REQ-2, title: Refund, statement: Refund a card., priority: should}',
    '',
  ].join('\n');
const stories = [
  'id: IT-1',
  'title: Sprint',
  'stories:',
  '  - {id: ST-1, title: Pay, implements: [REQ-1]}',
  '  - {id: ST-2, title: Refund, implements: [REQ-2, REQ-1]}',
  '',
].join('\n');

/** A workspace folder with a PRD and stories (and no stamps; the PRD's missing epic is not reported). */
function workspaceDir(): { dir: string; remove: () => void } {
  const t = tempDir();
  fs.mkdirSync(path.join(t.dir, 'specs'));
  fs.writeFileSync(path.join(t.dir, 'specs', 'checkout.prd.yaml'), prd('Pay with a card.'));
  fs.writeFileSync(path.join(t.dir, 'specs', 'sprint.stories.yaml'), stories);
  fs.writeFileSync(path.join(t.dir, '.specwright.yaml'), 'rules:\n  orphan: off\n');
  return t;
}

const stampsOf = (dir: string) => fs.readFileSync(path.join(dir, 'specwright.reviews'), 'utf8');

describe('cli: review', function () {
  this.timeout(120_000);

  it('without specwright.reviews, check reports no suspect or unreviewed links', () => {
    const t = workspaceDir();
    try {
      const r = runJson(['check'], t.dir);
      assert.deepEqual(r.json.diagnostics, []);
    } finally {
      t.remove();
    }
  });

  it('--all stamps every link, prints what it stamped, writes only specwright.reviews; then check is clean', () => {
    const t = workspaceDir();
    try {
      const before = snapshot(path.join(t.dir, 'specs'));
      const r = run(['review', '--all'], t.dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 0);
      assert.deepEqual(linesOf(r.stdout), [
        'ST-1 implements REQ-1: stamped (was unreviewed)',
        'ST-2 implements REQ-1: stamped (was unreviewed)',
        'ST-2 implements REQ-2: stamped (was unreviewed)',
        '3 links stamped in specwright.reviews (3 unreviewed)',
      ]);
      const lines = linesOf(stampsOf(t.dir));
      assert.deepEqual(lines.slice(0, 2), header);
      assert.deepEqual(
        lines.slice(2).map(l => l.split(' ').slice(0, 3).join(' ')),
        ['ST-1 implements REQ-1', 'ST-2 implements REQ-1', 'ST-2 implements REQ-2'],
      );
      for (const l of lines.slice(2)) assert.match(l.split(' ')[3], /^[0-9a-f]{8}(\.([0-9a-f]{8}|-)){4}$/);
      assert.deepEqual(fs.readdirSync(t.dir).sort(), ['.specwright.yaml', 'specs', 'specwright.reviews']);
      assert.deepEqual(snapshot(path.join(t.dir, 'specs')), before);
      assert.deepEqual(runJson(['check'], t.dir).json.diagnostics, []);
      // Once more: nothing changes, and the file is not written again.
      const mtime = fs.statSync(path.join(t.dir, 'specwright.reviews')).mtimeMs;
      const again = run(['review', '--all'], t.dir);
      assert.equal(
        linesOf(again.stdout).pop(),
        '3 links stamped in specwright.reviews (3 already current); the file was already up to date',
      );
      assert.equal(fs.statSync(path.join(t.dir, 'specwright.reviews')).mtimeMs, mtime);
    } finally {
      t.remove();
    }
  });

  it('the loop: edit a requirement, check shows the suspect stories in every format, review REQ-1 clears them', () => {
    const t = workspaceDir();
    try {
      assert.equal(run(['review', '--all'], t.dir).status, 0);
      fs.writeFileSync(path.join(t.dir, 'specs', 'checkout.prd.yaml'), prd('Pay with a card or a wallet.'));
      const text = run(['check'], t.dir);
      assert.equal(text.status, 0);
      assert.deepEqual(linesOf(text.stdout), [
        'specs/sprint.stories.yaml:4:41 warning suspect-link REQ-1 changed since ST-1 was reviewed against it (statement)',
        'specs/sprint.stories.yaml:5:51 warning suspect-link REQ-1 changed since ST-2 was reviewed against it (statement)',
        '0 errors, 2 warnings, 0 info in 2 files (6 items)',
        'not checked, switched off by the configuration (rules: ... off): orphan',
      ]);
      const json = runJson(['check'], t.dir).json;
      assert.deepEqual(
        json.diagnostics.map((d: any) => [
          d.file,
          d.range.start.line,
          d.range.start.character,
          d.range.end.character,
          d.severity,
          d.code,
        ]),
        [
          ['specs/sprint.stories.yaml', 3, 40, 45, 'warning', 'suspect-link'],
          ['specs/sprint.stories.yaml', 4, 50, 55, 'warning', 'suspect-link'],
        ],
      );
      for (const format of ['sarif', 'junit', 'github']) {
        const r = run(['check', '--format', format], t.dir);
        assert.equal(r.status, 0, format);
        assert.ok(
          r.stdout.includes('REQ-1 changed since ST-1 was reviewed against it (statement)'),
          `${format}: ${r.stdout}`,
        );
      }
      assert.equal(run(['check', '--max-warnings', '0'], t.dir).status, 1);

      const review = run(['review', 'REQ-1'], t.dir);
      assert.equal(review.status, 0);
      assert.deepEqual(linesOf(review.stdout), [
        'ST-1 implements REQ-1: stamped (was suspect: statement changed)',
        'ST-2 implements REQ-1: stamped (was suspect: statement changed)',
        '2 links stamped in specwright.reviews (2 suspect)',
      ]);
      assert.deepEqual(runJson(['check'], t.dir).json.diagnostics, []);
    } finally {
      t.remove();
    }
  });

  it('reports links without a stamp as unreviewed-link, and a bad line of the stamps file on that file', () => {
    const t = workspaceDir();
    try {
      fs.writeFileSync(path.join(t.dir, 'specwright.reviews'), '<<<<<<< HEAD\nST-1 implements REQ-1 nope\n');
      const r = run(['check'], t.dir);
      assert.equal(r.status, 1);
      assert.deepEqual(linesOf(r.stdout), [
        'specs/sprint.stories.yaml:4:41 info unreviewed-link ST-1 has no review stamp against REQ-1 (run "specwright review ST-1" to stamp its links)',
        'specs/sprint.stories.yaml:5:44 info unreviewed-link ST-2 has no review stamp against REQ-2 (run "specwright review ST-2" to stamp its links)',
        'specs/sprint.stories.yaml:5:51 info unreviewed-link ST-2 has no review stamp against REQ-1 (run "specwright review ST-2" to stamp its links)',
        'specwright.reviews:1:1 error schema merge conflict marker in the review stamps: the stamps on both sides count (where a link has two, the one that matches the current content wins); delete the marker lines, or run "specwright review", which removes them',
        'specwright.reviews:2:23 error schema review stamp: "nope" is not a fingerprint (segments of 8 hex digits or "-", joined by "."); delete the line, then run "specwright review ST-1" to stamp the link again',
        '2 errors, 0 warnings, 3 info in 2 files (6 items)',
        'not checked, switched off by the configuration (rules: ... off): orphan',
      ]);
      // review refuses to run over a line that is not a stamp, and writes nothing.
      const before = snapshot(t.dir);
      const refused = run(['review', '--all'], t.dir);
      assert.equal(refused.status, 2);
      assert.equal(refused.stdout, '');
      assert.equal(
        refused.stderr,
        [
          'specwright: nothing was stamped: specwright.reviews has lines that are not review stamps; fix or delete them, then run review again:',
          '  specwright.reviews:2:23: review stamp: "nope" is not a fingerprint (segments of 8 hex digits or "-", joined by "."); delete the line, then run "specwright review ST-1" to stamp the link again',
          '',
        ].join('\n'),
      );
      assert.deepEqual(snapshot(t.dir), before);
      // Without the bad line, review removes the conflict marker.
      fs.writeFileSync(path.join(t.dir, 'specwright.reviews'), '<<<<<<< HEAD\n=======\n>>>>>>> b\n');
      assert.equal(run(['review', 'ST-1'], t.dir).status, 0);
      assert.deepEqual(
        linesOf(stampsOf(t.dir))
          .slice(2)
          .map(l => l.split(' ').slice(0, 3).join(' ')),
        ['ST-1 implements REQ-1'],
      );
    } finally {
      t.remove();
    }
  });

  it('exits 2 for an unknown ID, naming the closest, and writes nothing', () => {
    const t = workspaceDir();
    try {
      const before = snapshot(t.dir);
      const r = run(['review', 'REQ-1', 'REQ-9', 'ST-77'], t.dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        'specwright: nothing was stamped: no item has the ID "REQ-9" in this workspace (did you mean REQ-1, REQ-2?); no item has the ID "ST-77" in this workspace (did you mean ST-1, ST-2?)\n',
      );
      assert.deepEqual(snapshot(t.dir), before);
    } finally {
      t.remove();
    }
  });

  it('works on --root DIR from another folder, and says so for an ID without links', () => {
    const t = workspaceDir();
    const elsewhere = tempDir();
    try {
      const r = run(['review', 'PRD-1', '--root', t.dir], elsewhere.dir);
      assert.equal(r.stderr, '');
      assert.deepEqual(linesOf(r.stdout), [
        'PRD-1 has no links to review',
        '0 links stamped in specwright.reviews',
      ]);
      assert.deepEqual(linesOf(stampsOf(t.dir)), header);
      assert.deepEqual(fs.readdirSync(elsewhere.dir), []);
      // The file exists now: every link is unreviewed.
      assert.equal(
        runJson(['check', t.dir], elsewhere.dir).json.diagnostics.filter(
          (d: any) => d.code === 'unreviewed-link',
        ).length,
        3,
      );
    } finally {
      t.remove();
      elsewhere.remove();
    }
  });

  it('does not write through a symbolic link at specwright.reviews', () => {
    const t = workspaceDir();
    const outside = tempDir();
    try {
      const target = path.join(outside.dir, 'target.txt');
      fs.writeFileSync(target, 'keep me\n');
      fs.symlinkSync(target, path.join(t.dir, 'specwright.reviews'));
      const r = run(['review', '--all'], t.dir);
      assert.equal(r.status, 2);
      assert.equal(
        r.stderr,
        'specwright: nothing was stamped: cannot write specwright.reviews: "specwright.reviews" is a symbolic link, and nothing is written through one\n',
      );
      assert.equal(fs.readFileSync(target, 'utf8'), 'keep me\n');
      assert.ok(fs.lstatSync(path.join(t.dir, 'specwright.reviews')).isSymbolicLink());
      assert.deepEqual(fs.readdirSync(t.dir).sort(), ['.specwright.yaml', 'specs', 'specwright.reviews']);
    } finally {
      t.remove();
      outside.remove();
    }
  });

  it('refuses a command line without IDs, or with IDs and --all (exit 2, usage)', () => {
    const t = workspaceDir();
    try {
      for (const [args, message] of [
        [
          ['review'],
          'review needs the IDs whose links to stamp (for example: specwright review REQ-101), or --all',
        ],
        [['review', 'REQ-1', '--all'], 'give the IDs to review or --all, not both'],
        [['review', '--format', 'json', 'REQ-1'], 'unknown option --format'],
      ] as const) {
        const r = run([...args], t.dir);
        assert.equal(r.status, 2, args.join(' '));
        assert.deepEqual(linesOf(r.stderr).slice(0, 2), [
          `specwright: ${message}`,
          'Usage: specwright review ID... | --all [--root DIR] [--config FILE]',
        ]);
      }
      assert.deepEqual(fs.readdirSync(t.dir).sort(), ['.specwright.yaml', 'specs']);
    } finally {
      t.remove();
    }
  });
});
