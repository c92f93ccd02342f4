/**
 * Preloaded into the real CLI (`node --require`, through NODE_OPTIONS) by
 * tests that need a file or folder that cannot be read. The tests run as
 * root, and chmod 000 does not stop root from reading, so this makes
 * `fs.promises.readdir`, `readFile` and `open`, and `fs.openSync` and
 * `fs.readdirSync` (folders are listed, and code, test and results files
 * read, synchronously), fail with EACCES for the
 * absolute paths listed in SPECWRIGHT_TEST_UNREADABLE (a JSON array),
 * exactly as the system fails them for a user without permission. Nothing
 * else of the CLI changes: it is the same bundle, reading the same disk.
 */
import * as fs from 'fs';
import * as path from 'path';

const unreadable = new Set<string>(
  (JSON.parse(process.env.SPECWRIGHT_TEST_UNREADABLE ?? '[]') as string[]).map(p => path.resolve(p)),
);

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const promises = fs.promises as unknown as Record<string, AsyncFn>;
for (const syscall of ['readdir', 'readFile', 'open']) {
  const original = promises[syscall];
  promises[syscall] = async function (this: unknown, target: unknown, ...rest: unknown[]) {
    if (typeof target === 'string' && unreadable.has(path.resolve(target))) {
      throw Object.assign(new Error(`EACCES: permission denied, ${syscall} '${target}'`), {
        code: 'EACCES',
        errno: -13,
        syscall,
        path: target,
      });
    }
    return original.call(this, target, ...rest);
  };
}

type SyncFn = (...args: unknown[]) => unknown;
// The module object itself (the namespace that `import * as` gives has getters only).
const sync = ((fs as unknown as { default?: unknown }).default ?? fs) as Record<string, SyncFn>;
for (const syscall of ['openSync', 'readdirSync']) {
  const original = sync[syscall];
  const name = syscall === 'openSync' ? 'open' : 'scandir';
  sync[syscall] = function (this: unknown, target: unknown, ...rest: unknown[]) {
    if (typeof target === 'string' && unreadable.has(path.resolve(target))) {
      throw Object.assign(new Error(`EACCES: permission denied, ${name} '${target}'`), {
        code: 'EACCES',
        errno: -13,
        syscall: name,
        path: target,
      });
    }
    return original.call(this, target, ...rest);
  };
}
