import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/**
 * Small driver for the VS Code 1.100 workbench served by code-server, on
 * playwright-core and Debian's Chromium. Every method waits on a selector
 * (never a fixed sleep). Selectors: ../shared/notes/real-editor.md §7 (beside the repository).
 */

export const chromiumPath = process.env.SPECWRIGHT_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** 1-based, as the status bar and the CLI's text output show them. */
export interface LineCol {
  line: number;
  col: number;
}

const nbsp = /\u00a0/g;

/**
 * Waits for `locator`; on timeout, throws `what` plus what the screen showed
 * instead (`seen`), so a failure says more than "Timeout 30000ms exceeded".
 */
export async function waitOrExplain(
  locator: Locator,
  what: string,
  seen: () => Promise<string>,
  timeout?: number,
  state?: 'attached' | 'detached' | 'visible' | 'hidden',
): Promise<void> {
  try {
    await locator.waitFor({ timeout, state });
  } catch (e) {
    const instead = await seen().catch(err => `(could not read the screen: ${err})`);
    throw new Error(`${what}; instead: ${instead}\n${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

export class Workbench {
  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    private readonly screenshotDir: string,
  ) {}

  /**
   * Launches Chromium with `env` (its HOME/TMPDIR/XDG dirs), opens `url` and
   * waits until the explorer shows the workspace (the file system is connected).
   * `firstFile` is a file name expected in the explorer's first level; for an
   * empty folder (null), the explorer's empty-folder tree is waited for instead.
   */
  static async open(
    url: string,
    env: NodeJS.ProcessEnv,
    firstFile: string | null,
    screenshotDir: string,
  ): Promise<Workbench> {
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      env: env,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.setDefaultTimeout(30_000);
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      if (firstFile === null)
        await page.locator('.explorer-folders-view').first().waitFor({ state: 'attached', timeout: 60_000 });
      else
        await page
          .locator('.explorer-folders-view .monaco-list-row', { hasText: firstFile })
          .first()
          .waitFor({ timeout: 60_000 });
      return new Workbench(browser, page, screenshotDir);
    } catch (e) {
      await browser.close();
      throw e;
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(this.screenshotDir, { recursive: true });
    const file = path.join(this.screenshotDir, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  // ---- Quick input -----------------------------------------------------------------

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async quickInputVisible(): Promise<Locator> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    return input;
  }

  /** Picks the quick-input row that contains `text` (waiting for it) and accepts it. */
  private async acceptQuickPick(text: string): Promise<void> {
    const row = this.quickInput.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    await row.click();
    // The widget may stay open for the next question (an input box); the picked row goes either way.
    await row.waitFor({ state: 'hidden' });
  }

  /** Runs a command from the palette by its title as the palette shows it (`Specwright: New PRD…`). */
  async runCommand(title: string): Promise<void> {
    await this.dismiss();
    await this.page.keyboard.press('F1');
    const input = await this.quickInputVisible();
    await input.fill(`>${title}`);
    await this.acceptQuickPick(title);
  }

  /** Answers an open input box (showInputBox) with `text`. `title` is the box's title, waited for first. */
  async answerInputBox(text: string, title?: string): Promise<void> {
    if (title) await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor();
    const input = await this.quickInputVisible();
    await input.fill(text);
    await input.press('Enter');
  }

  /** Closes hovers, suggestion lists and quick inputs. */
  async dismiss(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const open = await this.page
        .locator('.quick-input-widget:visible, .suggest-widget.visible, .monaco-hover:visible')
        .count();
      if (!open) return;
      await this.page.keyboard.press('Escape');
    }
  }

  /**
   * Click a button of a notification toast, and see the toast close (a
   * choice closes it). Under load a click on a toast that is still sliding
   * in can be lost — CI showed the toast still there with its button
   * focused — so a toast still open after 5 s is clicked again, at most
   * three times; a lost click cannot run the choice twice, as the first
   * that lands closes the toast.
   */
  async clickToastButton(toast: Locator, label: string): Promise<void> {
    const button = toast.locator('.monaco-button', { hasText: label }).first();
    for (let attempt = 1; ; attempt++) {
      // A toast that closed meanwhile has no button to click: the earlier click landed.
      await button.click(attempt === 1 ? {} : { timeout: 5_000 }).catch((err: unknown) => {
        if (attempt === 1) throw err;
      });
      const closed = await toast.waitFor({ state: 'hidden', timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (closed) return;
      if (attempt === 3) throw new Error(`the notification's "${label}" button did nothing after 3 clicks`);
    }
  }

  // ---- Editors ---------------------------------------------------------------------

  /** The active editor group's editor. */
  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor').first();
  }

  get activeTab(): Locator {
    return this.page.locator('.editor-group-container.active .tabs-container .tab.active');
  }

  /**
   * Opens a workspace file with Quick Open (Ctrl+P) and waits until its editor
   * is active and focused. Quick Open lists files from the search service,
   * which on a loaded machine can answer an early query with an incomplete
   * list; a second Quick Open asks again (at most three in all).
   */
  async openFile(relPath: string): Promise<void> {
    const base = path.basename(relPath);
    for (let attempt = 1; ; attempt++) {
      await this.dismiss();
      await this.page.keyboard.press('Control+P');
      const input = await this.quickInputVisible();
      await input.fill(relPath);
      const row = this.quickInput.locator('.quick-input-list .monaco-list-row', { hasText: base }).first();
      const listed = await row
        .waitFor({ timeout: attempt < 3 ? 10_000 : undefined })
        .then(() => true)
        .catch((e: unknown) => {
          if (attempt >= 3) throw e;
          return false;
        });
      if (listed) break;
      console.log(`      Quick Open did not list ${relPath} (try ${attempt}); asking again`);
    }
    await this.acceptQuickPick(base);
    await this.waitForActiveTab(base);
    await this.editor.locator('.view-line').first().waitFor();
    await this.focusEditor();
  }

  async focusEditor(): Promise<void> {
    await this.editor.locator('textarea.inputarea, .native-edit-context').first().focus();
  }

  /** Waits until the status bar's language mode is `name`. */
  async waitForLanguage(name: string): Promise<void> {
    await this.page.locator('[id="status.editor.mode"]', { hasText: name }).waitFor();
  }

  /** The cursor position from the status bar (`Ln 31, Col 9`). */
  async cursor(): Promise<LineCol> {
    const text = await this.page.locator('[id="status.editor.selection"]').innerText();
    const m = /Ln (\d+), Col (\d+)/.exec(text);
    if (!m) throw new Error(`no cursor position in the status bar: "${text}"`);
    return { line: Number(m[1]), col: Number(m[2]) };
  }

  /** Waits until the cursor is at `pos` (the status bar shows it). */
  async waitForCursor(pos: LineCol): Promise<void> {
    const status = this.page.locator('[id="status.editor.selection"]');
    await waitOrExplain(
      status.filter({ hasText: new RegExp(`Ln ${pos.line}, Col ${pos.col}\\b`) }),
      `the cursor did not reach Ln ${pos.line}, Col ${pos.col}`,
      async () =>
        `${await this.activeTab.innerText().catch(() => 'no active tab')} at ${await status.innerText()}`,
    );
  }

  /** Waits until the active tab is `fileName`. */
  async waitForActiveTab(fileName: string): Promise<void> {
    await waitOrExplain(
      this.activeTab.filter({ hasText: fileName }),
      `${fileName} is not the active editor`,
      async () =>
        `active tab ${JSON.stringify(await this.activeTab.innerText().catch(() => 'none'))} at ` +
        `${await this.page
          .locator('[id="status.editor.selection"]')
          .innerText()
          .catch(() => '?')}`,
    );
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G). */
  async goTo(pos: LineCol): Promise<void> {
    await this.dismiss();
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    const input = await this.quickInputVisible();
    await input.fill(`:${pos.line}:${pos.col}`);
    await input.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden' });
    await this.waitForCursor(pos);
  }

  /** The text of the lines the active editor renders (spaces normalised). */
  async visibleLines(): Promise<string[]> {
    const texts = await this.editor.locator('.view-lines .view-line').allInnerTexts();
    return texts.map(t => t.replace(nbsp, ' '));
  }

  /** Waits until a rendered line of the active editor contains `text`. */
  async waitForLine(text: string | RegExp): Promise<void> {
    await waitOrExplain(
      this.editor.locator('.view-lines .view-line', { hasText: text }).first(),
      `no editor line with ${text}`,
      async () => `lines:\n${(await this.visibleLines()).join('\n')}`,
    );
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  /** Saves the active editor and waits until its tab is no longer dirty. */
  async save(): Promise<void> {
    await this.dismiss();
    await this.page.keyboard.press('Control+S');
    await this.page
      .locator('.editor-group-container.active .tabs-container .tab.active:not(.dirty)')
      .waitFor();
  }

  /** Reverts the active editor to its saved text (File: Revert File) and waits until it is clean. */
  async revert(): Promise<void> {
    await this.runCommand('File: Revert File');
    await this.page
      .locator('.editor-group-container.active .tabs-container .tab.active:not(.dirty)')
      .waitFor();
    await this.focusEditor();
  }

  // ---- Language features -----------------------------------------------------------

  /**
   * Hovers the character at `pos` with the mouse (the cursor is moved there
   * first, so the line is rendered and the cursor marks the spot) and returns
   * the hover's text once it contains `expect`.
   */
  async hoverAt(pos: LineCol, expect: string | RegExp): Promise<string> {
    await this.goTo(pos);
    const cursor = this.editor.locator('.cursors-layer .cursor').first();
    await cursor.waitFor({ state: 'attached' });
    const box = await cursor.boundingBox();
    if (!box) throw new Error('the editor cursor has no bounding box');
    // Land inside the character right of the cursor; move twice so the editor sees a hover.
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + 2, y);
    await this.page.mouse.move(box.x + 4, y);
    const hover = this.page.locator('.monaco-hover:visible', { hasText: expect }).first();
    await waitOrExplain(hover, `no hover with ${expect} at Ln ${pos.line}, Col ${pos.col}`, async () => {
      const shown = await this.page.locator('.monaco-hover:visible').allInnerTexts();
      return shown.length ? `hover text ${JSON.stringify(shown.join(' / '))}` : 'no hover at all';
    });
    return hover.innerText();
  }

  get suggestWidget(): Locator {
    return this.page.locator('.editor-group-container.active .suggest-widget.visible');
  }

  /**
   * Opens the suggestion list (Ctrl+Space) at the cursor and returns its rows,
   * as label and icon kind (`reference`, `snippet`, `property`, ...).
   */
  async triggerCompletion(): Promise<{ label: string; kind: string }[]> {
    await this.page.keyboard.press('Control+Space');
    await this.suggestWidget.locator('.monaco-list-row').first().waitFor();
    return this.suggestionRows();
  }

  /** Waits until the suggestion list has a row labelled `label`. */
  async waitForSuggestion(label: string | RegExp): Promise<void> {
    const row = this.suggestWidget
      .locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: label }) })
      .first();
    await waitOrExplain(row, `no suggestion ${label}`, async () => {
      const rows = await this.suggestionRows();
      return rows.length
        ? `suggestions ${rows.map(r => `${r.label} (${r.kind})`).join(', ')}`
        : 'no suggestion list';
    });
  }

  /** The rows of the visible suggestion list. */
  async suggestionRows(): Promise<{ label: string; kind: string }[]> {
    return this.suggestWidget.locator('.monaco-list-row').evaluateAll(rows =>
      rows.map(row => {
        const label = row.querySelector<HTMLElement>('.label-name')?.innerText ?? '';
        const icon = row.querySelector('.suggest-icon');
        const kind =
          Array.from(icon?.classList ?? [])
            .find(c => c.startsWith('codicon-symbol-'))
            ?.slice('codicon-symbol-'.length) ?? '';
        return { label: label.trim(), kind };
      }),
    );
  }

  /** Go to Definition (F12) at `pos`. */
  async goToDefinition(pos: LineCol): Promise<void> {
    await this.goTo(pos);
    await this.page.keyboard.press('F12');
  }

  // ---- Panels and views ------------------------------------------------------------

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' text once one contains `waitFor`. */
  async openProblems(waitFor: string | RegExp): Promise<string[]> {
    await this.dismiss();
    await this.page.keyboard.press('Control+Shift+M');
    const rows = this.page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: waitFor }).first().waitFor({ timeout: 60_000 });
    return (await rows.allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
  }

  /** The number on the Problems tab's badge (all errors, warnings and infos); 0 without a badge. */
  async problemsTotal(): Promise<number> {
    const tab = this.page
      .locator('.part.panel .composite-bar .action-item', {
        has: this.page.locator('a.action-label[aria-label^="Problems"]'),
      })
      .first();
    await tab.waitFor();
    const badge = tab.locator('.badge:visible .badge-content');
    return (await badge.count()) ? Number((await badge.innerText()).trim()) : 0;
  }

  /** Opens a view container from the activity bar by its title (`Specwright`). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first();
    await item.waitFor();
    const checked = (await item.getAttribute('aria-pressed')) ?? (await item.getAttribute('aria-checked'));
    if (checked !== 'true') await item.click();
    // The attribute does not always say that the side bar shows it: a click on the active item hides the side bar.
    const container = this.page.locator('.part.sidebar .composite.viewlet').first();
    await this.page.waitForTimeout(300);
    if (!(await container.isVisible())) await item.click();
  }

  /** A view's pane in the side bar (`Roadmap`), expanded. */
  async view(containerId: string, viewName: string): Promise<Locator> {
    const container = this.page.locator(`[id="workbench.view.extension.${containerId}"]`);
    const pane = container
      .locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewName }) })
      .first();
    await pane.waitFor();
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane;
  }

  /** Labels of a tree's rendered rows (label and description, as shown). */
  async treeRows(pane: Locator): Promise<string[]> {
    return (await pane.locator('.monaco-list-row').allInnerTexts()).map(t => t.replace(/\s+/g, ' ').trim());
  }
}
