/**
 * Runs the extension's integration tests inside a real VS Code
 * (@vscode/test-electron), on a copy of examples/ so that tests that create
 * files leave the repository alone. Not part of `npm test`: it downloads VS
 * Code on first use. Build first (`node esbuild.js && tsc -p tsconfig.test.json`),
 * then `npm run test:vscode`. VSCODE_VERSION picks the version (default: the
 * engines minimum the extension must keep working on).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..'); // out/test/vscode → the repository
  for (const built of ['dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(root, built)))
      throw new Error(`${built} is missing: run \`node esbuild.js\` first`);
  }
  const run = fs.mkdtempSync(path.join(os.tmpdir(), 'specwright-vscode-'));
  const workspace = path.join(run, 'workspace');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      extensionTestsEnv: { SPECWRIGHT_TEST_WORKSPACE: workspace },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(run, 'user-data')}`,
      ],
    });
  } finally {
    fs.rmSync(run, { recursive: true, force: true });
  }
}

main().catch(err => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
