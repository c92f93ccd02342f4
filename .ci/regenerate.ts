import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

/** A generated file (from the repository root) and how to write it from its current text. */
export type Generated = [file: string, rewrite: (text: string) => string];

/**
 * The command line of the `npm run gen:*` scripts: rewrite each file from its
 * source, or with `--check` write nothing and exit 1 when one differs.
 * `usage` is printed for --help. Errors exit 2 with the message.
 */
export function regenerate(usage: string, files: readonly Generated[]): void {
  try {
    const { values } = parseArgs({
      options: {
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(`${usage}\n--check: write nothing; exit 1 if a file differs.`);
      return;
    }
    let stale = 0;
    for (const [file, rewrite] of files) {
      const full = path.join(process.cwd(), file);
      const before = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : '';
      const after = rewrite(before);
      if (after === before) {
        console.log(`${file}: up to date`);
      } else if (values.check) {
        console.log(`${file}: differs from its source`);
        stale++;
      } else {
        fs.writeFileSync(full, after);
        console.log(`${file}: rewritten`);
      }
    }
    if (stale) process.exitCode = 1;
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 2;
  }
}
