import * as path from 'path';
import { profileMarkdown, summarizeProfile } from './profile';

/** node out/bench/summarize.js FILE.cpuprofile... [--top N]: the markdown summary of each profile. */
const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 20;
const files = args.filter((a, i) => !a.startsWith('--') && (topAt < 0 || i !== topAt + 1));
if (!files.length) {
  process.stderr.write('usage: node out/bench/summarize.js FILE.cpuprofile... [--top N]\n');
  process.exit(2);
}
for (const file of files)
  process.stdout.write(profileMarkdown(summarizeProfile(file, top), path.basename(file)) + '\n');
