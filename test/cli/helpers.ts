/**
 * Helpers for the CLI tests: they run the real bundle (`node dist/cli.js`)
 * in a child process with an explicit working directory, exactly as a user
 * or a CI job would.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (this file runs from out/test/cli). */
export const repoRoot = path.resolve(__dirname, '../../..');
export const cliPath = path.join(repoRoot, 'dist', 'cli.js');

/** Absolute path of a fixture folder under test/fixtures. */
export function fixture(name: string, ...rest: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', name, ...rest);
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run `node dist/cli.js ...args` in `cwd`. */
export function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunResult {
  assert.ok(fs.existsSync(cliPath), `${cliPath} is missing: build it first with "node esbuild.js"`);
  const r = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: undefined, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines of a text output, without the final newline. */
export function linesOf(text: string): string[] {
  assert.ok(text.endsWith('\n'), `output should end with a newline: ${JSON.stringify(text)}`);
  return text.slice(0, -1).split('\n');
}

/** Run a check that must produce JSON, and parse it. */
export function runJson(args: string[], cwd: string): { status: number | null; json: any; stderr: string } {
  const r = run([...args, '--format', 'json'], cwd);
  let json: unknown;
  try {
    json = JSON.parse(r.stdout);
  } catch {
    assert.fail(`not JSON (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
  return { status: r.status, json, stderr: r.stderr };
}

/** Every file and folder under `root` with its size and modification time. */
export function snapshot(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, e.name);
      const st = fs.lstatSync(full);
      out.push(`${path.relative(root, full)} ${e.isDirectory() ? 'dir' : st.size} ${st.mtimeMs}`);
      if (e.isDirectory()) walk(full);
    }
  };
  const st = fs.lstatSync(root);
  out.push(`. ${st.mtimeMs}`);
  walk(root);
  return out;
}

/** A fresh temporary folder, removed by the returned function. */
export function tempDir(): { dir: string; remove: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-cli-')));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A range as [line, character, endLine, endCharacter], 0-based. */
export type Span = [number, number, number, number];

export function range([sl, sc, el, ec]: Span) {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** The preload that makes chosen paths unreadable (see injectReadErrors.ts). */
const injectReadErrors = path.join(__dirname, 'injectReadErrors.js');

/**
 * Run the CLI with read errors (EACCES) injected for these absolute paths:
 * as root, the tests' user, no permission bit makes a file unreadable.
 */
export function runUnreadable(args: string[], cwd: string, unreadable: string[]): RunResult {
  return run(args, cwd, {
    NODE_OPTIONS: `--require ${JSON.stringify(injectReadErrors)}`,
    SPECWRIGHT_TEST_UNREADABLE: JSON.stringify(unreadable),
  });
}

/** The line after the text summary when a link is unresolved in a root that no .specwright.yaml marks. */
export function unmarkedRootHint(root: string): string {
  return `hint: links resolve only inside the workspace root "${root}", which no .specwright.yaml marks; if the missing IDs are defined in a folder above it, add a .specwright.yaml at the root of your specs (or pass --root DIR)`;
}
