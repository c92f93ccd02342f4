/**
 * The HTML report and the JUnit XML in a real browser engine: headless
 * Chromium (Debian's, driven by playwright-core) opens the file the CLI
 * wrote, and we read what a person would see. A screenshot is kept in
 * .test-artifacts/report/ for review.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { formatJunit } from '../../server/src/cli/formatters/junit';
import { fixture, repoRoot, run, tempDir } from './helpers';

const chromiumPath = '/usr/bin/chromium';
const artifacts = path.join(repoRoot, '.test-artifacts', 'report');

describe('cli: report --format html in Chromium', function () {
  this.timeout(90_000);
  let browser: Browser | undefined;
  let tmp: { dir: string; remove: () => void };
  const savedEnv = { TMPDIR: process.env.TMPDIR, HOME: process.env.HOME };

  before(async function () {
    if (!fs.existsSync(chromiumPath)) this.skip();
    tmp = tempDir();
    // Chromium's profile and caches (and playwright's temporary profile folder) go to a folder we remove.
    process.env.TMPDIR = tmp.dir;
    process.env.HOME = tmp.dir;
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      env: { ...process.env, TMPDIR: tmp.dir, HOME: tmp.dir },
    });
  });

  after(async () => {
    await browser?.close();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    tmp?.remove();
  });

  /** Open a file and record every request the page makes. */
  async function open(
    file: string,
    viewport = { width: 1280, height: 900 },
  ): Promise<{ page: Page; requests: string[] }> {
    const page = await browser!.newPage({ viewport });
    const requests: string[] = [];
    page.on('request', r => {
      requests.push(r.url());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    return { page, requests };
  }

  it('shows the releases, their progress and the uncovered requirements, loads nothing but the file, prints', async () => {
    const out = path.join(tmp.dir, 'report.html');
    const r = run(['report', fixture('report-basic'), '--format', 'html', '--out', out], tmp.dir);
    assert.equal(r.status, 0, r.stderr);
    const { page, requests } = await open(out);
    try {
      assert.equal(await page.title(), 'Basket & Co — Specwright report');
      assert.equal(await page.locator('h1').innerText(), 'Basket & Co');

      // The board: now, next, later side by side, each with its release.
      const columns = page.locator('#roadmap .sw-column');
      assert.deepEqual(await columns.locator('.sw-column-title').allInnerTexts(), [
        'Now 1 release',
        'Next 1 release',
        'Later 1 release',
      ]);
      assert.deepEqual(await page.locator('#roadmap .sw-release-title').allInnerTexts(), [
        'R-1 Checkout that converts',
        'R-2 Right items, right time',
        'R-3 The weekly habit',
      ]);
      const boxes = await Promise.all([0, 1, 2].map(i => columns.nth(i).boundingBox()));
      assert.ok(
        boxes.every(b => b && b.y === boxes[0]!.y),
        'the three columns start on one line',
      );
      assert.ok(
        boxes[0]!.x < boxes[1]!.x && boxes[1]!.x < boxes[2]!.x,
        'now, next, later from left to right',
      );

      // Progress of R-1 (stories done; the estimate as a secondary figure) and of its epic card.
      const r1 = page.locator('.sw-release[data-release-id="R-1"]');
      assert.deepEqual(await r1.locator('> .sw-progress dt').allInnerTexts(), ['Progress', 'by estimate']);
      assert.deepEqual(await r1.locator('> .sw-progress .sw-progress-value').allInnerTexts(), [
        '1/3 stories done (33%)',
        '3/10 (30%)',
      ]);
      const card = page.locator('.sw-card[data-epic-id="EPIC-1"]');
      assert.match(
        await card.innerText(),
        /EPIC-1 Express checkout[\s\S]*in-progress[\s\S]*MUST[\s\S]*Lena Park[\s\S]*RICE 11,200[\s\S]*1 warning[\s\S]*1\/3 stories done \(33%\)/,
      );
      const bar = card.locator('.sw-bar-fill').first();
      assert.equal(await bar.getAttribute('width'), '33');
      assert.equal(
        await page.locator('.sw-card[data-epic-id="EPIC-2"] .sw-card-title').innerText(),
        'EPIC-2 Smart substitutions <beta> — café',
      );

      // The card links to the epic's row of the matrix.
      await card.locator('a').click();
      assert.match(page.url(), /#epic-EPIC-1$/);
      assert.equal(await page.locator('#epic-EPIC-1').count(), 1);

      // An uncovered requirement, and the matrix and dependencies sections.
      const uncovered = page.locator('#uncovered tbody tr');
      // The drafts REQ-5 and REQ-6 need no story yet (graph/coverage.ts): only REQ-3.
      assert.equal(await uncovered.count(), 1);
      assert.match(
        await uncovered.first().innerText(),
        /REQ-3 Pay by wallet, "one tap"\s+approved\s+could\s+PRD-1\s+EPIC-1\s+prds\/checkout\.prd\.yaml:22/,
      );
      assert.match(
        await page.locator('#traceability').innerText(),
        /Goals nothing traces up to\s+G-IDLE A goal nothing serves yet/,
      );
      assert.equal(await page.locator('#dependencies tr.sw-conflict').count(), 4);

      fs.mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'report.png'), fullPage: true });

      // The print stylesheet: no navigation, the matrix on a new page.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('.sw-toc').evaluate(e => getComputedStyle(e).display), 'none');
      assert.equal(
        await page.locator('#traceability').evaluate(e => getComputedStyle(e).breakBefore),
        'page',
      );
      await page.screenshot({ path: path.join(artifacts, 'report-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      assert.ok(pdf.length > 10_000);

      assert.deepEqual(requests, [pathToFileURL(out).href], 'no request but the report file itself');
    } finally {
      await page.close();
    }
  });

  it('shows what spec files write as text: markup in a title is neither run nor rendered', async () => {
    const ws = path.join(tmp.dir, 'hostile');
    fs.mkdirSync(ws);
    fs.writeFileSync(
      path.join(ws, 'p.vision.yaml'),
      'id: V-1\nproduct: "</style><script>document.title=\'owned\'</script>"\nstatement: s\n',
    );
    fs.writeFileSync(
      path.join(ws, 'a.epic.yaml'),
      'id: EPIC-1\ntitle: "<img src=https://example.invalid/x.png onerror=document.title=1>"\n',
    );
    const out = path.join(tmp.dir, 'hostile.html');
    assert.equal(run(['report', ws, '--format', 'html', '--out', out], tmp.dir).status, 0);
    const { page, requests } = await open(out);
    try {
      assert.equal(await page.locator('h1').innerText(), "</style><script>document.title='owned'</script>");
      assert.equal(
        await page.locator('.sw-card .sw-card-title').innerText(),
        'EPIC-1 <img src=https://example.invalid/x.png onerror=document.title=1>',
      );
      assert.match(await page.title(), /Specwright report$/);
      assert.equal(await page.locator('script, img').count(), 0);
      assert.deepEqual(requests, [pathToFileURL(out).href]);
    } finally {
      await page.close();
    }
  });

  it('check --format junit is well-formed XML that keeps every character of the messages', async () => {
    const r = run(['check', '--format', 'junit'], fixture('report-basic'));
    const hostile = formatJunit({
      root: '/ws',
      rootUri: 'file:///ws/',
      files: 1,
      items: 1,
      paths: ['a.epic.yaml'],
      diagnostics: [
        {
          file: 'a.epic.yaml',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
          severity: 'error',
          code: 'schema',
          message: '<a> & "b"\n]]> \x01',
        },
      ],
      summary: { error: 1, warning: 0, info: 0 },
    });
    const page = await browser!.newPage();
    try {
      const parse = (xml: string) =>
        page.evaluate(text => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          return {
            errors: doc.getElementsByTagName('parsererror').length,
            testcases: doc.getElementsByTagName('testcase').length,
            failures: Array.from(doc.getElementsByTagName('failure')).map(f => f.getAttribute('message')),
          };
        }, xml);
      const basic = await parse(r.stdout);
      assert.deepEqual(basic, {
        errors: 0,
        testcases: 9,
        failures: [
          'EPIC-9 is not defined in this workspace (did you mean EPIC-1?)',
          'depends_on forms a cycle: ST-4 → ST-5 → ST-4',
          'depends_on forms a cycle: ST-5 → ST-4 → ST-5',
        ],
      });
      assert.deepEqual(await parse(hostile), {
        errors: 0,
        testcases: 1,
        failures: ['<a> & "b"\n]]> \\u0001'],
      });
    } finally {
      await page.close();
    }
  });
});
