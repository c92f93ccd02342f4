import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/**
 * Everything outside the browser for the end-to-end suite: building the
 * .vsix, installing it into a fresh extensions dir, and running code-server
 * 4.100.3 (installed by .ci/install-e2e.sh) on a copy of the example
 * workspace, with every piece of state (HOME, TMPDIR, XDG dirs, user data)
 * inside one run folder. Recipe: ../shared/notes/real-editor.md (beside the repository).
 */

/** The repository root (this file runs from out/test/e2e). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Cache folder of .ci/install-e2e.sh. */
export const e2eHome = process.env.SPECWRIGHT_E2E_HOME ?? path.join(os.homedir(), '.cache', 'specwright-e2e');

export const codeServerBin = path.join(e2eHome, 'code-server', 'node_modules', '.bin', 'code-server');

/** Screenshots and, on failure, logs. Gitignored. */
export const artifactsDir = path.join(repoRoot, '.test-artifacts', 'e2e');

/** One run's folders; all of them exist once `createRun` returns. */
export interface RunDirs {
  root: string;
  /** The copy of examples/ that code-server opens. */
  workspace: string;
  extensions: string;
  userData: string;
  config: string;
  log: string;
  /** HOME, TMPDIR and XDG_* for code-server, its CLI calls and Chromium. */
  env: NodeJS.ProcessEnv;
}

/**
 * A fresh run folder with a copy of `fixture` (default examples/) as the
 * workspace; `null` gives an empty folder (a new user's first workspace).
 */
export function createRun(fixture: string | null = path.join(repoRoot, 'examples')): RunDirs {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-e2e-'));
  const dir = (...p: string[]) => {
    const d = path.join(root, ...p);
    fs.mkdirSync(d, { recursive: true });
    return d;
  };
  const workspace = path.join(root, 'workspace');
  if (fixture === null) fs.mkdirSync(workspace);
  else fs.cpSync(fixture, workspace, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir('home'),
    TMPDIR: dir('tmp'),
    XDG_CONFIG_HOME: dir('xdg', 'config'),
    XDG_DATA_HOME: dir('xdg', 'data'),
    XDG_CACHE_HOME: dir('xdg', 'cache'),
    XDG_RUNTIME_DIR: dir('xdg', 'runtime'),
  };
  // The test runner's own variables must not leak into the editor's processes.
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.VSCODE_IPC_HOOK_CLI;
  const run: RunDirs = {
    root,
    workspace,
    env,
    extensions: dir('extensions'),
    userData: dir('user-data'),
    config: path.join(root, 'config.yaml'),
    log: path.join(root, 'code-server.log'),
  };
  fs.writeFileSync(run.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  fs.mkdirSync(path.join(run.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(run.userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        // The web workbench saves after a delay by default; the tests save explicitly, as on the desktop.
        'files.autoSave': 'off',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoUpdate': false,
        'extensions.autoCheckUpdates': false,
        'extensions.ignoreRecommendations': true,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'git.enabled': false,
      },
      null,
      2,
    ),
  );
  return run;
}

function run(cmd: string, args: string[], options: SpawnSyncOptions & { what: string }): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const out = `${String(r.stdout ?? '')}${String(r.stderr ?? '')}`;
  if (r.error) throw new Error(`${options.what}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${options.what} failed with status ${r.status}:\n${out.slice(-4000)}`);
  return out;
}

/**
 * Builds the extension and returns the .vsix path. Uses `npm run package`
 * (which writes specwright-<version>.vsix at the root) when package.json has
 * that script; otherwise bundles with esbuild and packages with vsce into
 * `outDir`. SPECWRIGHT_E2E_VSIX=<file> skips the build and uses that file.
 */
export function buildVsix(outDir: string): string {
  const given = process.env.SPECWRIGHT_E2E_VSIX;
  if (given) {
    if (!fs.existsSync(given)) throw new Error(`SPECWRIGHT_E2E_VSIX=${given} does not exist`);
    return path.resolve(given);
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (manifest.scripts?.package) {
    const started = Date.now();
    const out = run(npm, ['run', 'package'], { cwd: repoRoot, what: 'npm run package' });
    const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
    if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < started - 2000) {
      throw new Error(`npm run package did not write ${vsix}:\n${out.slice(-2000)}`);
    }
    return vsix;
  }
  run(process.execPath, ['esbuild.js'], { cwd: repoRoot, what: 'node esbuild.js' });
  const vsix = path.join(outDir, `${manifest.name}-${manifest.version}.vsix`);
  run(
    path.join(repoRoot, 'node_modules', '.bin', 'vsce'),
    ['package', '--no-dependencies', '--no-rewrite-relative-links', '--skip-license', '--out', vsix],
    { cwd: repoRoot, what: 'vsce package', input: '' },
  );
  return vsix;
}

function codeServerCli(runDirs: RunDirs, args: string[], what: string): string {
  if (!fs.existsSync(codeServerBin)) {
    throw new Error(`code-server is not installed at ${codeServerBin}: run bash .ci/install-e2e.sh`);
  }
  return run(
    codeServerBin,
    [
      '--extensions-dir',
      runDirs.extensions,
      '--user-data-dir',
      runDirs.userData,
      '--config',
      runDirs.config,
      ...args,
    ],
    { env: runDirs.env, what },
  );
}

/** Installs the .vsix into the run's (fresh) extensions dir; returns `publisher.name@version`. */
export function installExtension(runDirs: RunDirs, vsix: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  codeServerCli(runDirs, ['--install-extension', vsix], 'code-server --install-extension');
  const listed = codeServerCli(
    runDirs,
    ['--list-extensions', '--show-versions'],
    'code-server --list-extensions',
  )
    .split('\n')
    .map(l => l.trim())
    .find(l => l.toLowerCase().startsWith(`${id}@`));
  if (!listed) throw new Error(`${id} is not listed after --install-extension ${vsix}`);
  return listed;
}

/** The folder the extension was installed to (its packaged package.json, snippets, ...). */
export function installedExtensionDir(runDirs: RunDirs): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const prefix = `${manifest.publisher}.${manifest.name}-`.toLowerCase();
  const dir = fs.readdirSync(runDirs.extensions).find(d => d.toLowerCase().startsWith(prefix));
  if (!dir) throw new Error(`no ${prefix}* folder in ${runDirs.extensions}`);
  return path.join(runDirs.extensions, dir);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function healthz(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 2000 }, res => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

export interface CodeServer {
  port: number;
  /** The workbench URL with the run's workspace open. */
  url: string;
  process: ChildProcess;
  /** Stops code-server and every process it started (its process group). */
  stop(): Promise<void>;
}

/** Starts code-server on a free port, in its own process group, and waits until /healthz answers. */
export async function startCodeServer(runDirs: RunDirs, timeoutMs = 60_000): Promise<CodeServer> {
  const port = await freePort();
  const logFd = fs.openSync(runDirs.log, 'a');
  const child = spawn(
    codeServerBin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--extensions-dir',
      runDirs.extensions,
      '--user-data-dir',
      runDirs.userData,
      '--config',
      runDirs.config,
      runDirs.workspace,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: runDirs.env },
  );
  fs.closeSync(logFd);
  let exited: string | undefined;
  const exit = new Promise<void>(resolve => {
    child.once('exit', (code, signal) => {
      exited = `code ${code} signal ${signal}`;
      resolve();
    });
    child.once('error', err => {
      exited = err.message;
      resolve();
    });
  });

  // If the runner dies (Ctrl+C, a crash) before `stop`, take the process group down with it.
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      /* already gone */
    }
  };
  const onRunnerExit = () => {
    if (!exited) killGroup('SIGKILL');
  };
  process.once('exit', onRunnerExit);

  const stop = async () => {
    process.removeListener('exit', onRunnerExit);
    if (exited || child.pid === undefined) return;
    killGroup('SIGTERM');
    const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  while (!(await healthz(port))) {
    if (exited)
      throw new Error(`code-server exited (${exited}) before answering /healthz; see ${runDirs.log}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `code-server did not answer /healthz on port ${port} within ${timeoutMs} ms; see ${runDirs.log}`,
      );
    }
    await new Promise(r => setTimeout(r, 100));
  }
  const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(runDirs.workspace)}`;
  return { port, url, process: child, stop };
}

/** Copies code-server.log and the editor's logs (extension host, language server output) into `dest`. */
export function collectLogs(runDirs: RunDirs, dest: string): void {
  fs.mkdirSync(dest, { recursive: true });
  if (fs.existsSync(runDirs.log)) fs.copyFileSync(runDirs.log, path.join(dest, 'code-server.log'));
  const logs = path.join(runDirs.userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'user-data-logs'), { recursive: true });
}
