import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, run } from './helpers';

/** The README's "## CLI" section. */
function readmeCliSection(): string {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## CLI\n');
  assert.ok(start >= 0, 'README.md has no "## CLI" section');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe('cli: the README', () => {
  it('names every command and long option that specwright --help lists', () => {
    const help = run(['--help'], repoRoot);
    assert.equal(help.status, 0, help.stderr);
    const options = [...new Set(help.stdout.match(/--[a-z][a-z-]+/g))];
    assert.ok(options.includes('--show-suppressed') && options.includes('--format'), help.stdout);
    const commands = [
      ...new Set([...help.stdout.matchAll(/^(?:Usage:| {6}) specwright ([a-z]+)/gm)].map(m => m[1])),
    ];
    assert.deepEqual(
      ['check', 'trace', 'report'].filter(c => !commands.includes(c)),
      [],
      help.stdout,
    );
    const section = readmeCliSection();
    assert.deepEqual(
      options.filter(o => !section.includes(o)),
      [],
      "options missing from the README's CLI section",
    );
    assert.deepEqual(
      commands.filter(c => !section.includes(`specwright ${c} `)),
      [],
      'commands missing from its synopsis',
    );
  });
});
