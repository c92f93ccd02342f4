/**
 * Helpers for the tests of the README's "Other editors" configurations: the
 * fenced blocks of README.md, and `specwright-language-server` on PATH as
 * `npm install --global` puts it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, serverPath } from './lspClient';

/** The first fenced block of `lang` after the heading `heading` in README.md. */
export function readmeBlock(heading: string, lang: string): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const at = readme.indexOf(`\n${heading}\n`);
  assert.ok(at >= 0, `README.md has no heading "${heading}"`);
  const block = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(readme.slice(at));
  assert.ok(block, `README.md has no \`\`\`${lang} block after "${heading}"`);
  return block[1];
}

/**
 * Writes `dir/specwright-language-server`, a command that runs dist/server.js
 * (what npm's global install links to the package's bin); returns `dir`.
 */
export function serverOnPath(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'specwright-language-server'),
    `#!/bin/sh\nexec "${process.execPath}" "${serverPath}" "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}
