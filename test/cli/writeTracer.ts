/**
 * Loaded into the CLI process by test/cli/security.test.ts (node --require,
 * through NODE_OPTIONS). Every call of Node's fs module that can create,
 * change or remove a file or folder is recorded, with its paths, as one JSON
 * line in the file SPECWRIGHT_WRITE_TRACE names; then it goes through as
 * usual. Opening a file counts when its flags can write.
 */
// The module object itself (not an import namespace, whose properties cannot be replaced).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
import fs = require('fs');

const traceFile = process.env.SPECWRIGHT_WRITE_TRACE;
if (traceFile) {
  const append = fs.appendFileSync.bind(fs); // taken before it is wrapped below
  const pathsOf = (args: unknown[], count: number): string[] =>
    args.slice(0, count).map(a => (a instanceof URL ? a.href : String(a)));
  const record = (call: string, paths: string[]): void =>
    append(traceFile, JSON.stringify({ call, paths }) + '\n');
  const { O_WRONLY, O_RDWR, O_CREAT, O_TRUNC, O_APPEND } = fs.constants;
  const canWrite = (flags: unknown): boolean =>
    typeof flags === 'number'
      ? (flags & (O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND)) !== 0
      : typeof flags === 'string' && /[wa+]/.test(flags);
  type Target = Record<string, unknown>;
  let depth = 0;
  const wrap = (
    target: Target,
    name: string,
    shouldRecord: (args: unknown[]) => boolean,
    paths: number,
  ): void => {
    const original = target[name];
    if (typeof original !== 'function') return;
    target[name] = function (this: unknown, ...args: unknown[]) {
      // Calls made from inside a wrapped call (writeFileSync opens its file through fs.openSync; the
      // record itself appends) are part of it: only the outermost call is recorded.
      if (depth > 0) return (original as (...a: unknown[]) => unknown).apply(this, args);
      depth++;
      try {
        if (shouldRecord(args)) record(name, pathsOf(args, paths));
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } finally {
        depth--;
      }
    };
  };
  const always = () => true;
  const onePath = [
    'writeFile',
    'appendFile',
    'mkdir',
    'mkdtemp',
    'rm',
    'rmdir',
    'unlink',
    'truncate',
    'chmod',
    'lchmod',
    'chown',
    'lchown',
    'utimes',
    'lutimes',
    'createWriteStream',
  ];
  const twoPaths = ['rename', 'copyFile', 'cp', 'symlink', 'link'];
  for (const [target, suffixes] of [
    [fs as unknown as Target, ['', 'Sync']],
    [fs.promises as unknown as Target, ['']],
  ] as const) {
    for (const suffix of suffixes) {
      for (const name of onePath) wrap(target, name + suffix, always, 1);
      for (const name of twoPaths) wrap(target, name + suffix, always, 2);
      wrap(target, 'open' + suffix, args => canWrite(args[1]), 1);
    }
  }
}
