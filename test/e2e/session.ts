import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  artifactsDir,
  buildVsix,
  collectLogs,
  createRun,
  installExtension,
  repoRoot,
  startCodeServer,
  type CodeServer,
  type RunDirs,
} from './codeServer';
import { Workbench } from './workbench';

export interface SessionOptions {
  /** Screenshot and log names start with it (`report`, `empty`). */
  prefix: string;
  /** What the workspace is a copy of (default examples/); null for an empty folder. */
  fixture?: string | null;
  /** A file the explorer shows once the workspace is loaded; null for an empty folder. */
  firstFile: string | null;
  /**
   * Leave out the copy's `specwright.reviews`: a suite whose steps edit item
   * content and count findings would otherwise see a suspect link per edited
   * link (the review suite, reviewChanges.test.ts, keeps the stamps).
   */
  withoutStamps?: boolean;
  /**
   * Files written into the copy before code-server starts (path relative to
   * the workspace → content). A file a step needs to open by Quick Open is
   * seeded here: Quick Open lists files from the search service, which may not
   * yet list a file written while the workbench runs.
   */
  files?: Record<string, string>;
}

export interface Session {
  run: () => RunDirs;
  workbench: () => Workbench;
}

/**
 * One code-server session for the `describe` that calls it (its own run
 * folder, .vsix install, code-server and Chromium), with a screenshot after
 * each test and logs after a failing one. Screenshots are staged outside the
 * run folder and copied to .test-artifacts/e2e/ (emptied when the run
 * starts) after all suites.
 */
export function codeServerSession(options: SessionOptions): Session {
  const { prefix } = options;
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `specwright-e2e-${prefix}-shots-`));
  let run: RunDirs | undefined;
  let server: CodeServer | undefined;
  let wb: Workbench | undefined;
  let step = 0;
  const savedTmpdir = process.env.TMPDIR;

  before(async function () {
    run = createRun(options.fixture === undefined ? path.join(repoRoot, 'examples') : options.fixture);
    if (options.withoutStamps) fs.rmSync(path.join(run.workspace, 'specwright.reviews'), { force: true });
    for (const [rel, text] of Object.entries(options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(run.workspace, rel)), { recursive: true });
      fs.writeFileSync(path.join(run.workspace, rel), text);
    }
    process.env.TMPDIR = run.env.TMPDIR;
    const t0 = Date.now();
    try {
      const vsix = buildVsix(run.root);
      const installed = installExtension(run, vsix);
      server = await startCodeServer(run);
      wb = await Workbench.open(server.url, run.env, options.firstFile, staging);
      console.log(
        `      ${installed} from ${path.relative(repoRoot, vsix)}; code-server :${server.port}; ready in ${Date.now() - t0} ms`,
      );
    } catch (e) {
      if (wb) await wb.screenshot(`${prefix}-00-setup-FAILED`).catch(() => undefined);
      if (run) collectLogs(run, path.join(staging, `${prefix}-logs-setup`));
      throw e;
    }
  });

  afterEach(async function () {
    const test = this.currentTest!;
    const name = `${prefix}-${String(++step).padStart(2, '0')}-${test.title
      .replace(/[^a-z0-9]+/gi, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 50)}`;
    if (test.state === 'failed') {
      if (wb) await wb.screenshot(`${name}-FAILED`).catch(() => undefined);
      if (run) collectLogs(run, path.join(staging, `${name}-logs`));
    } else if (wb) {
      await wb.screenshot(name);
    }
  });

  after(async function () {
    await wb?.close().catch(() => undefined);
    await server?.stop();
    // (Assigning undefined would set the string "undefined".)
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    if (run && !process.env.SPECWRIGHT_E2E_KEEP) fs.rmSync(run.root, { recursive: true, force: true });
    else if (run) console.log(`      run folder kept: ${run.root}`);
    // After the last suite of the run (a root hook of its own), the staged screenshots join the artifacts.
    copyAfterAllSuites(staging);
  });

  return {
    run: () => {
      assert.ok(run, 'the run folder was not made');
      return run;
    },
    workbench: () => {
      assert.ok(wb, 'the workbench did not open');
      return wb;
    },
  };
}

// Every run starts with an empty artifacts folder (this module loads once per mocha run).
fs.rmSync(artifactsDir, { recursive: true, force: true });

const stagedFolders: string[] = [];

function copyAfterAllSuites(staging: string): void {
  stagedFolders.push(staging);
}

// A root hook: it runs after every suite of the mocha run.
after(function () {
  for (const staging of stagedFolders.splice(0)) {
    if (!fs.existsSync(staging)) continue;
    fs.mkdirSync(artifactsDir, { recursive: true });
    fs.cpSync(staging, artifactsDir, { recursive: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
});
