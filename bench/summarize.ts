import * as path from 'path';
import { parseArgs } from 'util';
import { numberOption } from './args';
import { profileMarkdown, summarizeProfile } from './profile';

/** node out/bench/summarize.js FILE.cpuprofile... [--top N]: the markdown summary of each profile. */
const { values, positionals: files } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  allowPositionals: true,
  options: { top: { type: 'string' } },
});
const top = numberOption(values.top, 'top', 20);
if (!files.length) {
  process.stderr.write('usage: node out/bench/summarize.js FILE.cpuprofile... [--top N]\n');
  process.exit(2);
}
for (const file of files)
  process.stdout.write(profileMarkdown(summarizeProfile(file, top), path.basename(file)) + '\n');
