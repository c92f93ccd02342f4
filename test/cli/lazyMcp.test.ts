/**
 * The MCP SDK and zod are a quarter of the CLI bundle and are loaded only by
 * `specwright mcp`: every other command starts without evaluating them.
 * zod marks its loading on globalThis (`__zod_globalConfig`); a preloaded
 * probe reports that mark when the process exits.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliPath, repoRoot, run, tempDir } from './helpers';

describe('cli: the MCP SDK is loaded only for mcp', () => {
  let temp: ReturnType<typeof tempDir>;
  let probe: string;
  before(() => {
    temp = tempDir();
    probe = path.join(temp.dir, 'probe.js');
    fs.writeFileSync(
      probe,
      "process.on('exit', () => process.stderr.write(`zod loaded: ${'__zod_globalConfig' in globalThis}\\n`));\n",
    );
  });
  after(() => temp.remove());
  const examples = path.join(repoRoot, 'examples');
  const withProbe = () => ({ NODE_OPTIONS: `--require ${JSON.stringify(probe)}` });

  it('check, --version and --help run without loading it', () => {
    for (const args of [['check', examples], ['--version'], ['--help']]) {
      const r = run(args, temp.dir, withProbe());
      assert.match(r.stderr, /zod loaded: false\n$/, args.join(' '));
    }
  });

  it('mcp loads it, and ends with status 0 when its input ends', () => {
    const r = spawnSync(process.execPath, [cliPath, 'mcp', examples], {
      cwd: temp.dir,
      env: { ...process.env, ...withProbe() },
      input: '',
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /zod loaded: true\n$/);
  });
});
