/**
 * The recipes of docs/ci.md, "Getting the CLI", run as written: `npm pack`
 * (whose prepack is the production build), the tarball installed into a
 * temporary project and run with `npx specwright`, and the single file
 * dist/cli.js run on its own. `npm pack` rebuilds dist/ for production; the
 * development build is restored afterwards for the tests that follow.
 */
import * as assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { linesOf, repoRoot, tempDir } from './helpers';

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const tarballName = `${manifest.name}-${manifest.version}.tgz`;

/** Runs a command; fails with its output when it cannot start or is killed. */
function sh(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}) {
  const r = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout: 300_000,
    ...options,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  if (r.error) throw r.error;
  assert.notEqual(
    r.status,
    null,
    `${command} ${args.join(' ')} was killed (${r.signal}): ${String(r.stderr)}`,
  );
  return { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

/** npm with nothing fetched from the registry: the package must need nothing from it. */
function npm(args: string[], cwd: string) {
  return sh('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], cwd);
}

/** A small workspace with one finding: the epic names a release that no file defines. */
function writeSpecs(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'checkout.epic.yaml'), 'id: EPIC-1\ntitle: Checkout\nrelease: R-2099.9\n');
  fs.writeFileSync(
    path.join(dir, 'product.roadmap.yaml'),
    'id: RM-1\ntitle: Roadmap\nreleases:\n  - id: R-1\n    title: First\n    horizon: now\n',
  );
}
const specsOutput = [
  'checkout.epic.yaml:3:10 error unresolved-link R-2099.9 is not defined in this workspace',
  '1 error, 0 warnings, 0 info in 2 files (3 items)',
  'hint: links resolve only inside the workspace root ".", which no .specwright.yaml marks; if the missing IDs are defined in a folder above it, add a .specwright.yaml at the root of your specs (or pass --root DIR)',
];

describe('cli: the package (docs/ci.md recipes)', function () {
  this.timeout(600_000);
  let tmp: ReturnType<typeof tempDir>;
  let tarball = '';
  let packed: { files: { path: string; size: number }[]; size: number };

  before(() => {
    tmp = tempDir();
    const r = sh('npm', ['pack', '--json', '--pack-destination', tmp.dir, '--loglevel=error'], repoRoot);
    assert.equal(r.status, 0, r.stderr);
    [packed] = JSON.parse(r.stdout);
    tarball = path.join(tmp.dir, tarballName);
    assert.ok(fs.existsSync(tarball), `${tarball} is missing: ${r.stdout}`);
  });

  after(() => {
    tmp?.remove();
    const r = sh(process.execPath, ['esbuild.js'], repoRoot);
    assert.equal(r.status, 0, `restoring the development build: ${r.stderr}`);
  });

  it('npm pack ships only what runs: bundles without source maps, schemas, snippets, grammar, icons, README, LICENSE, CHANGELOG', () => {
    assert.deepEqual(packed.files.map(f => f.path).sort(), [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/client.js',
      'dist/server.js',
      'language-configuration.json',
      'package.json',
      'resources/icon.png',
      'resources/specwright.svg',
      'schemas/epic.schema.json',
      'schemas/prd.schema.json',
      'schemas/roadmap.schema.json',
      'schemas/stories.schema.json',
      'schemas/vision.schema.json',
      'snippets/specwright.code-snippets.json',
      'syntaxes/specwright.tmLanguage.json',
    ]);
    // The production build: minified, and no pointer to a source map that is not there.
    const cli = fs.readFileSync(path.join(repoRoot, 'dist', 'cli.js'), 'utf8');
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'), 'the bin needs its shebang');
    assert.doesNotMatch(cli, /sourceMappingURL/);
    assert.ok(packed.size < 1_000_000, `the tarball is ${packed.size} bytes`);
    assert.deepEqual(manifest.bin, {
      specwright: './dist/cli.js',
      'specwright-language-server': './dist/server.js',
    });
    assert.ok(
      fs.readFileSync(path.join(repoRoot, 'dist', 'server.js'), 'utf8').startsWith('#!/usr/bin/env node\n'),
      'the server bin needs its shebang',
    );
  });

  it('tarball: npm install --save-dev ./tools/<tarball> installs nothing else, and npx specwright check runs', () => {
    const project = path.join(tmp.dir, 'tarball-project');
    fs.mkdirSync(path.join(project, 'tools'), { recursive: true });
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true }, null, 2),
    );
    fs.copyFileSync(tarball, path.join(project, 'tools', tarballName));
    const install = npm(['install', '--save-dev', `./tools/${tarballName}`], project);
    assert.equal(install.status, 0, install.stderr);
    assert.deepEqual(
      JSON.parse(fs.readFileSync(path.join(project, 'package.json'), 'utf8')).devDependencies,
      { specwright: `file:tools/${tarballName}` },
    );
    // esbuild bundles every library into dist/: a dependency here would be fetched for nothing.
    assert.deepEqual(
      fs.readdirSync(path.join(project, 'node_modules')).filter(n => !n.startsWith('.')),
      ['specwright'],
      'the package has no runtime dependency: list bundled libraries in devDependencies',
    );

    // What a CI job does: a clean npm ci from the lock file, then npx.
    fs.rmSync(path.join(project, 'node_modules'), { recursive: true });
    const ci = npm(['ci'], project);
    assert.equal(ci.status, 0, ci.stderr);
    writeSpecs(path.join(project, 'specs'));
    const check = sh('npx', ['--offline', 'specwright', 'check', '.'], path.join(project, 'specs'));
    assert.equal(check.stderr, '');
    assert.deepEqual(linesOf(check.stdout), specsOutput);
    assert.equal(check.status, 1);
    const version = sh('npx', ['--offline', 'specwright', '--version'], project);
    assert.equal(version.stdout, `${manifest.version}\n`);

    // The package's language server (the README's "Other editors" run it so), started without a transport: usage, never the minified source.
    const server = sh('npx', ['--offline', 'specwright-language-server'], project, { input: '' });
    assert.equal(server.status, 2);
    assert.match(
      server.stderr,
      /^specwright language server: no transport: give one of --stdio, --node-ipc, --socket, --pipe\n\nUsage: specwright-language-server --stdio\n/,
    );
    assert.ok(server.stderr.length < 3000, `stderr is ${server.stderr.length} characters`);
  });

  it('single file: dist/cli.js copied alone into another repository runs with node', () => {
    const project = path.join(tmp.dir, 'single-file-project');
    fs.mkdirSync(path.join(project, 'tools'), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, 'dist', 'cli.js'), path.join(project, 'tools', 'specwright.js'));
    writeSpecs(path.join(project, 'specs'));
    const check = sh(process.execPath, ['../tools/specwright.js', 'check', '.'], path.join(project, 'specs'));
    assert.equal(check.stderr, '');
    assert.deepEqual(linesOf(check.stdout), specsOutput);
    assert.equal(check.status, 1);
    assert.deepEqual(
      fs.readdirSync(project).sort(),
      ['specs', 'tools'],
      'no package.json nor node_modules needed',
    );
  });
});
