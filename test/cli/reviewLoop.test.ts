import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linesOf, repoRoot, run, tempDir } from './helpers';

/** The example's seven deliberate findings (examples/README.md), as `check` prints them. */
const sevenFindings = '1 error, 5 warnings, 1 info in 14 files (62 items)';

describe('cli: the review loop of the README on examples/', () => {
  it('examples/ keeps a stamp for every link: nothing to review, exactly the seven findings, and review --all would change nothing', () => {
    const t = tempDir();
    try {
      fs.cpSync(path.join(repoRoot, 'examples'), t.dir, { recursive: true });
      const check = run(['check', '.'], t.dir);
      assert.doesNotMatch(check.stdout, /suspect-link|unreviewed-link/);
      assert.equal(linesOf(check.stdout).at(-1), sevenFindings);
      const before = fs.readFileSync(path.join(t.dir, 'specwright.reviews'), 'utf8');
      const review = run(['review', '--all'], t.dir);
      assert.equal(review.status, 0, review.stderr);
      assert.match(
        review.stdout,
        /^93 links stamped in specwright\.reviews \(93 already current\); the file was already up to date$/m,
      );
      assert.equal(fs.readFileSync(path.join(t.dir, 'specwright.reviews'), 'utf8'), before);
    } finally {
      t.remove();
    }
  });

  it('edit a requirement, check shows the links to re-read, review REQ-101 clears them', () => {
    const t = tempDir();
    try {
      fs.cpSync(path.join(repoRoot, 'examples'), t.dir, { recursive: true });
      const prd = path.join(t.dir, 'prds', 'express-checkout.prd.yaml');
      const text = fs.readFileSync(prd, 'utf8');
      const edited = text.replace('can save a card at checkout', 'can save a card or a wallet at checkout');
      assert.notEqual(edited, text);
      fs.writeFileSync(prd, edited);

      const check = run(['check'], t.dir);
      assert.deepEqual(
        linesOf(check.stdout).filter(l => l.includes('suspect-link')),
        [
          'iterations/2026-s01.stories.yaml:16:18 warning suspect-link REQ-101 changed since ST-101 was reviewed against it (statement)',
          'iterations/2026-s01.stories.yaml:33:18 warning suspect-link REQ-101 changed since ST-102 was reviewed against it (statement)',
          'prds/express-checkout.prd.yaml:40:18 warning suspect-link REQ-101 changed since REQ-102 was reviewed against it (statement)',
        ],
      );

      const review = run(['review', 'REQ-101'], t.dir);
      assert.equal(review.status, 0, review.stderr);
      assert.deepEqual(linesOf(review.stdout), [
        'REQ-102 depends_on REQ-101: stamped (was suspect: statement changed)',
        'ST-101 implements REQ-101: stamped (was suspect: statement changed)',
        'ST-102 implements REQ-101: stamped (was suspect: statement changed)',
        '3 links stamped in specwright.reviews (3 suspect)',
      ]);
      assert.equal(linesOf(run(['check'], t.dir).stdout).at(-1), sevenFindings);
    } finally {
      t.remove();
    }
  });
});
