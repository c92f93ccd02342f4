import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Locator } from 'playwright-core';
import { repoRoot, type RunDirs } from './codeServer';
import { codeServerSession } from './session';
import { waitOrExplain, type Workbench } from './workbench';

/**
 * A new user's first steps, in a real editor on an EMPTY folder (issue 14,
 * points 14 and 16): the Roadmap view says what to do at each step (New
 * Vision, then "No releases yet — New Roadmap"), and Restart Language Server
 * says so in the Output channel and the status bar. Its own code-server
 * session; screenshots `empty-*` (see session.ts).
 */

/** Files under `dir` (recursively) whose name ends with `suffix`. */
function filesEndingWith(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(f => f.endsWith(suffix))
    .map(f => path.join(dir, f));
}

/** The Specwright Output channel as the editor logged it (its LogOutputChannel file). */
function outputLog(run: RunDirs): string {
  return filesEndingWith(path.join(run.userData, 'logs'), 'Specwright.log')
    .map(f => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined,
  seen: () => string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; instead:\n${seen()}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

describe('Specwright in code-server on an empty folder (e2e)', function () {
  const session = codeServerSession({ prefix: 'empty', fixture: null, firstFile: null });
  const workbench = session.workbench;

  /** The Roadmap pane, its welcome text once it contains `text`, and that text. */
  async function roadmapWelcome(w: Workbench, text: string): Promise<{ pane: Locator; welcome: string }> {
    await w.openViewContainer('Specwright');
    const pane = await w.view('specwright', 'Roadmap');
    const content = pane.locator('.welcome-view-content', { hasText: text }).first();
    await waitOrExplain(
      content,
      `the Roadmap view does not say "${text}"`,
      async () => `the Roadmap pane shows: ${JSON.stringify((await pane.innerText()).replace(/\s+/g, ' '))}`,
      60_000,
    );
    return { pane, welcome: (await content.innerText()).replace(/\s+/g, ' ').trim() };
  }

  /** Clicks a welcome-view button (`New Vision`), then answers the title box and the folder dialog. */
  async function createFromWelcome(w: Workbench, pane: Locator, name: string, title: string): Promise<void> {
    await pane
      .locator('.welcome-view-content .monaco-button', { hasText: `New ${name}` })
      .first()
      .click();
    await w.answerInputBox(title, `New ${name}`);
    // The folder: the simple file dialog starts in the (only) workspace folder; accept it.
    const ok = w.page.locator('.quick-input-widget .quick-input-action .monaco-button', {
      hasText: `Create ${name} Here`,
    });
    await ok.waitFor();
    await ok.click();
  }

  it('(a) an empty folder: the Roadmap view offers New Vision; after it, "No releases yet" with New Roadmap', async function () {
    const w = workbench();
    const first = await roadmapWelcome(w, 'no Specwright documents yet');
    assert.match(first.welcome, /New Vision/);
    await w.screenshot('empty-roadmap-before-vision');

    await createFromWelcome(w, first.pane, 'Vision', 'Basket');
    await w.waitForActiveTab('basket.vision.yaml');
    assert.ok(
      fs.existsSync(path.join(session.run().workspace, 'basket.vision.yaml')),
      'the vision file on disk',
    );

    // The next step, where the user looks: the Roadmap view names it, with its button.
    const next = await roadmapWelcome(w, 'No releases yet');
    assert.match(next.welcome, /^No releases yet — a roadmap lists them, .*\bNew Roadmap\b.*\bNew Epic\b/);
    assert.strictEqual(
      await next.pane.locator('.welcome-view-content', { hasText: 'no Specwright documents yet' }).count(),
      0,
      'the first welcome text is gone once a spec file exists',
    );
    await w.screenshot('empty-roadmap-after-vision');

    // Following it gives the Roadmap its first rows.
    await createFromWelcome(w, next.pane, 'Roadmap', 'Basket roadmap');
    await w.waitForActiveTab('basket-roadmap.roadmap.yaml');
    const rows = next.pane.locator('.monaco-list-row', { hasText: /^R-/ });
    await waitOrExplain(
      rows.first(),
      'no release row in the Roadmap after New Roadmap',
      async () =>
        `the Roadmap pane shows: ${JSON.stringify((await next.pane.innerText()).replace(/\s+/g, ' '))}`,
      60_000,
    );
    assert.strictEqual(
      await next.pane.locator('.welcome-view-content', { hasText: 'No releases yet' }).count(),
      0,
    );
    // Nothing the two commands wrote is a finding (the Problems badge stays away).
    await w.dismiss();
    await w.page.keyboard.press('Control+Shift+M');
    await w.page.locator('.markers-panel').first().waitFor();
    for (let i = 0; i < 10; i++) {
      await w.page.waitForTimeout(300);
      assert.strictEqual(
        await w.problemsTotal(),
        0,
        `a finding after New Vision and New Roadmap:\n${(await w.page.locator('.markers-panel .monaco-list-row').allInnerTexts()).join('\n')}`,
      );
    }
  });

  it('(b) "Restart Language Server" says so in the Output channel and the status bar, and the server starts again', async function () {
    const w = workbench();
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
      version: string;
    };
    const starts = (log: string) =>
      log.split('\n').filter(l => l.includes(`Specwright language server ${version}`));
    const before = await waitFor(
      'the first start in the Output channel',
      () => {
        const log = outputLog(session.run());
        return starts(log).length === 1 && /indexed \d+ files?, \d+ items? in \d+ ms/.test(log)
          ? log
          : undefined;
      },
      () => outputLog(session.run()) || '(no Specwright.log)',
    );
    assert.doesNotMatch(before, /restart/);

    await w.runCommand('Specwright: Restart Language Server');
    await waitOrExplain(
      w.page
        .locator('.part.statusbar .statusbar-item', { hasText: 'Specwright: language server restarted' })
        .first(),
      'no "language server restarted" in the status bar',
      async () => (await w.page.locator('.part.statusbar').innerText()).replace(/\s+/g, ' '),
    );
    const after = await waitFor(
      'the restart and a second start in the Output channel',
      () => {
        const log = outputLog(session.run());
        const lines = log.split('\n');
        const restart = lines.findIndex(l => /\[info\] restarting the language server$/.test(l));
        if (restart < 0) return undefined;
        const later = lines.slice(restart + 1);
        return later.some(l => l.includes(`Specwright language server ${version}`)) &&
          later.some(l => /indexed 2 files, \d+ items in \d+ ms/.test(l))
          ? log
          : undefined;
      },
      () => outputLog(session.run()) || '(no Specwright.log)',
    );
    assert.strictEqual(starts(after).length, 2, after);
    assert.doesNotMatch(after, /\[error\]/);

    // The same lines in the Output panel, where the user reads them (it stays open for the next test).
    await w.runCommand('Specwright: Show Output');
    await waitOrExplain(
      w.page
        .locator('.part.panel .monaco-editor .view-line', { hasText: 'restarting the language server' })
        .first(),
      'the Output panel does not show the restart',
      async () => (await w.page.locator('.part.panel').innerText()).replace(/\s+/g, ' ').slice(0, 2000),
    );
  });

  it('(c) a refused rename (F2 on a key, not an ID) shows its reason and is logged at info, not as a failed request', async function () {
    const w = workbench();
    await w.openFile('basket.vision.yaml');
    await w.waitForLanguage('Specwright YAML');
    await w.goTo({ line: 2, col: 3 }); // `product:`, a key
    await w.page.keyboard.press('F2');
    const reason = 'You can only rename an ID (the value of id: or a link)';
    await waitOrExplain(
      w.page
        .locator('.monaco-editor .monaco-editor-overlaymessage, .rename-box', { hasText: reason })
        .first(),
      `no "${reason}" at the cursor`,
      async () => (await w.page.locator('.editor-group-container.active').innerText()).slice(0, 500),
    );
    const log = await waitFor(
      'the refusal in the Output channel',
      () => {
        const text = outputLog(session.run());
        return text.includes(`[info] textDocument/prepareRename refused: ${reason}`) ? text : undefined;
      },
      () => outputLog(session.run()) || '(no Specwright.log)',
    );
    assert.doesNotMatch(log, /\[error\]/);
    assert.doesNotMatch(log, /Request textDocument\/(prepareRename|rename) failed/);
  });

  it('(d) Set Up MCP Server: after its modal confirmation, .vscode/mcp.json starts the bundled CLI on the folder', async function () {
    const w = workbench();
    const file = path.join(session.run().workspace, '.vscode', 'mcp.json');
    assert.ok(!fs.existsSync(file));
    await w.runCommand('Specwright: Set Up MCP Server');
    const add = w.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: 'Add Entry' });
    await waitOrExplain(add, 'no confirmation with "Add Entry"', async () =>
      (await w.page.locator('body').innerText()).replace(/\s+/g, ' ').slice(0, 1000),
    );
    await w.screenshot('empty-mcp-confirmation');
    await add.click();
    const config = await waitFor(
      '.vscode/mcp.json',
      () =>
        fs.existsSync(file)
          ? (JSON.parse(fs.readFileSync(file, 'utf8')) as {
              servers: Record<string, { type: string; command: string; args: string[] }>;
            })
          : undefined,
      () => 'no .vscode/mcp.json',
    );
    const entry = config.servers.specwright;
    assert.deepStrictEqual(
      [entry.type, entry.command, entry.args.slice(1)],
      ['stdio', 'node', ['mcp', '${workspaceFolder}']],
    );
    assert.match(entry.args[0], /[\\/]dist[\\/]cli\.js$/);
    assert.ok(fs.existsSync(entry.args[0]), `${entry.args[0]} is the installed extension's CLI`);
    await w.dismiss();
  });
});
