import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator } from 'playwright-core';
import { repoRoot, type RunDirs } from './codeServer';
import { codeServerSession } from './session';
import { waitOrExplain, type LineCol, type Workbench } from './workbench';

/**
 * The reports in a real editor: "Open Roadmap Board" (a webview fed by
 * `specwright/roadmapBoard`, live while typing, cards that open their epic)
 * and "Export Report…" (quick pick, save dialog, the file on disk). Its own
 * code-server session on a copy of examples/, like specwright.test.ts.
 * Screenshots `report-*` (see session.ts).
 */

const language = 'Specwright YAML';

/** 1-based position of the first `needle` in a workspace file, `offset` characters in. */
function positionOf(run: RunDirs, rel: string, needle: string, offset = 0): LineCol {
  const lines = fs.readFileSync(path.join(run.workspace, rel), 'utf8').split('\n');
  const line = lines.findIndex(l => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" not found in ${rel}`);
  return { line: line + 1, col: lines[line].indexOf(needle) + 1 + offset };
}

async function waitForFile(file: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} was not created within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 100));
  }
}

describe('Specwright reports in code-server (e2e)', function () {
  const session = codeServerSession({ prefix: 'report', firstFile: 'product.roadmap.yaml' });
  const workbench = session.workbench;

  /** The board's document: VS Code web nests it in two iframes (the host `iframe.webview`, then `#active-frame`). */
  function board(w: Workbench): FrameLocator {
    return w.page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
  }

  async function boardText(w: Workbench): Promise<string> {
    const text = await board(w)
      .locator('body')
      .innerText({ timeout: 2000 })
      .catch(() => '(no board document)');
    return `board:\n${text.replace(/\n+/g, ' | ').slice(0, 1500)}`;
  }

  it('(a) "Open Roadmap Board" shows the now / next / later columns with the epic cards', async function () {
    const w = workbench();
    await w.openFile('product.roadmap.yaml');
    await w.waitForLanguage(language);
    const violations: string[] = [];
    w.page.on('console', m => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push(m.text());
    });
    await w.runCommand('Specwright: Open Roadmap Board');
    await w.page.locator('.tabs-container .tab', { hasText: 'Roadmap Board' }).first().waitFor();
    const frame = board(w);
    const card = frame.locator('.sw-card', { hasText: 'Express checkout' }).first();
    await waitOrExplain(card, 'no "Express checkout" card on the board', () => boardText(w), 60_000);
    const titles = (await frame.locator('.sw-column-title').allInnerTexts()).map(t =>
      t.replace(/\s+/g, ' ').trim(),
    );
    assert.deepStrictEqual(
      titles.map(t => t.split(' ')[0]),
      ['Now', 'Next', 'Later'],
      titles.join(' | '),
    );
    assert.match(titles[2], /^Later 2 releases$/);
    await frame.locator('.sw-release-title', { hasText: 'R-2026.1 Checkout that converts' }).waitFor();
    assert.strictEqual(await card.getAttribute('data-epic-id'), 'EPIC-1');
    // The theme reaches the board through the --sw-* variables.
    const fg = await frame
      .locator('body')
      .evaluate(b => getComputedStyle(b).getPropertyValue('--sw-fg').trim());
    assert.ok(fg !== '', 'the --sw-fg variable is mapped from the theme');
    assert.deepStrictEqual(violations, [], "the board's styles and script pass its Content-Security-Policy");
  });

  it('(b) the board follows an unsaved edit of a release title', async function () {
    const w = workbench();
    // The board opened beside the roadmap: go back to the roadmap's editor (the first group).
    await w.runCommand('View: Focus First Editor Group');
    await w.waitForActiveTab('product.roadmap.yaml');
    const file = 'product.roadmap.yaml';
    const title = 'title: Checkout that converts';
    await w.goTo(positionOf(session.run(), file, title, title.length));
    await w.type(' in one tap');
    const frame = board(w);
    try {
      await waitOrExplain(
        frame.locator('.sw-release-title', { hasText: 'R-2026.1 Checkout that converts in one tap' }),
        'the board did not show the new title while typing',
        () => boardText(w),
      );
      await w.screenshot('report-board-after-edit');
      assert.match(
        fs.readFileSync(path.join(session.run().workspace, file), 'utf8'),
        /title: Checkout that converts\n/,
        'the file is not saved',
      );
    } finally {
      await w.revert();
    }
    await waitOrExplain(
      frame.locator('.sw-release-title', { hasText: /^R-2026\.1 Checkout that converts$/ }),
      'the board did not follow the revert',
      () => boardText(w),
    );
  });

  it("(c) a click on an epic card opens the epic's definition", async function () {
    const w = workbench();
    await board(w)
      .locator('.sw-card', { hasText: 'Express checkout' })
      .first()
      .locator('.sw-card-title')
      .click();
    await w.waitForActiveTab('express-checkout.epic.yaml');
    await w.waitForLanguage(language);
    // The epic's ID is selected: line 2 (`id: EPIC-1`).
    const status = w.page.locator('[id="status.editor.selection"]');
    await waitOrExplain(
      status.filter({ hasText: /Ln 2, Col \d+/ }),
      "the cursor is not on the epic's id line",
      () => status.innerText(),
    );
    await w.waitForLine('id: EPIC-1');
  });

  it('(d) "Export Report…" writes the Markdown report where the save dialog says', async function () {
    const w = workbench();
    const target = path.join(session.run().workspace, 'reports', 'specwright-report.md');
    await exportReport(w, 'Markdown', target);
    // The server renders what `specwright report` prints for the same folder (no edits are pending).
    const expected = cliReport(session.run().workspace, 'md');
    await waitForContent(target, expected);
    assert.match(fs.readFileSync(target, 'utf8'), /^# Basket\n\nSpecwright report: /);
    // Then it offers to open the file.
    const written = w.page
      .locator('.notifications-toasts .notification-toast', {
        hasText: 'Report written to reports/specwright-report.md',
      })
      .first();
    await w.clickToastButton(written, 'Open');
    await w.waitForActiveTab('specwright-report.md');
    await w.waitForLine('# Basket');
  });

  it('(e) an HTML report opens in a preview (a webview tab), not as source', async function () {
    const w = workbench();
    const target = path.join(session.run().workspace, 'reports', 'specwright-report.html');
    await exportReport(w, 'HTML', target);
    const written = w.page
      .locator('.notifications-toasts .notification-toast', {
        hasText: 'Report written to reports/specwright-report.html',
      })
      .first();
    await w.clickToastButton(written, 'Open Preview');
    await w.waitForActiveTab('Report: reports/specwright-report.html');
    // A webview (VS Code lays its iframe over the editor group), not a text editor holding the HTML source.
    await w.page.locator('iframe.webview').first().waitFor({ state: 'attached' });
    assert.equal(
      await w.page.locator('.editor-group-container.active .monaco-editor').count(),
      0,
      'the active editor is not a text editor',
    );
  });
});

/**
 * Runs "Export Report…", picks `format`, and answers code-server's simple
 * file dialog (a quick input holding the path, which starts in the
 * workspace's reports/ folder) with `target`; resolves once the file exists.
 */
async function exportReport(w: Workbench, format: string, target: string): Promise<void> {
  await w.runCommand('Specwright: Export Report');
  const quickInput = w.page.locator('.quick-input-widget');
  const choice = quickInput.locator('.quick-input-list .monaco-list-row', { hasText: format }).first();
  await choice.waitFor();
  await choice.click();
  await quickInput.locator('.quick-input-title', { hasText: 'Export Report' }).waitFor();
  const input = quickInput.locator('input.input');
  await input.waitFor({ state: 'visible' });
  // Its default: specwright-report.<ext> in the workspace's reports/ folder.
  const name = `reports/${path.basename(target)}`;
  await w.page.waitForFunction(
    n =>
      document.querySelector<HTMLInputElement>('.quick-input-widget input.input')?.value.endsWith(n) ?? false,
    name,
  );
  await input.fill(target);
  await input.press('Enter');
  await waitForFile(target);
}

/** `specwright report <dir> --format <format>` with the packaged CLI. */
function cliReport(dir: string, format: string): string {
  const r = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'dist', 'cli.js'), 'report', dir, '--format', format],
    { encoding: 'utf8' },
  );
  if (r.error) throw r.error;
  assert.strictEqual(r.status, 0, r.stderr);
  return r.stdout;
}

/** Waits until the file holds exactly `expected` (the write may land in pieces). */
async function waitForContent(file: string, expected: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = fs.readFileSync(file, 'utf8');
    if (text === expected) return;
    if (Date.now() > deadline) assert.strictEqual(text, expected);
    await new Promise(r => setTimeout(r, 100));
  }
}
