import { parseArgs } from 'util';

/** The output formats of `specwright check`. */
export const formats = ['text', 'json', 'sarif'] as const;
export type Format = (typeof formats)[number];

/** What the command line asks for, after validation. */
export type CliRequest =
  | { command: 'help' }
  | { command: 'version' }
  | { command: 'check'; paths: string[]; format: Format; config?: string; maxWarnings?: number };

/** A command line that cannot be run; the message names the problem in the user's words. */
export class UsageError extends Error {}

export const usage = 'Usage: specwright check [PATH...] [--format text|json|sarif] [--config FILE] [--max-warnings N]';

export const helpText = `${usage}

Checks Specwright spec files (*.vision.yaml, *.roadmap.yaml, *.epic.yaml,
*.prd.yaml, *.stories.yaml; .yml works too) and prints their diagnostics.

Arguments:
  PATH                 a folder to check (the workspace root, default ".") or a
                       single spec file (its workspace is the nearest folder
                       above it holding .specwright.yaml, else the current
                       folder when the file is inside it, else its own folder;
                       only that file's diagnostics are printed)

Options:
  -f, --format FORMAT  text (default), json or sarif (SARIF 2.1.0)
  -c, --config FILE    use FILE instead of <root>/.specwright.yaml
      --max-warnings N fail (exit 1) when there are more than N warnings
  -h, --help           print this help
      --version        print the version

Exit status: 0 when no diagnostic is an error, 1 when one is (or when
--max-warnings is exceeded), 2 when the command could not run (bad arguments,
a path that does not exist, an unreadable or invalid configuration).
The check only reads files; it never writes any.
`;

/**
 * Parse `argv` (without `node` and the script). Throws `UsageError` for
 * anything that cannot be run: unknown flags or commands, a bad format, a
 * --max-warnings that is not a whole number.
 */
export function parseCommandLine(argv: readonly string[]): CliRequest {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError(describeParseError(err));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('no command given (the command is "check")');
  if (command !== 'check') throw new UsageError(`unknown command "${command}" (the command is "check")`);

  const format = values.format ?? 'text';
  if (!(formats as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}" (use text, json or sarif)`);
  }
  let maxWarnings: number | undefined;
  const mw = values['max-warnings'];
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw.trim())) throw new UsageError(`--max-warnings needs a whole number of 0 or more (got "${mw}")`);
    maxWarnings = Number(mw.trim());
  }
  if (values.config !== undefined && values.config === '') throw new UsageError('--config needs a file name');
  return { command: 'check', paths: paths.length ? paths : ['.'], format: format as Format, config: values.config, maxWarnings };
}

/** Node's parseArgs messages, reworded for people who never read its docs. */
function describeParseError(err: unknown): string {
  const e = err as { code?: string; message?: string };
  const message = String(e?.message ?? err);
  const option = /'([^']+)'/.exec(message)?.[1];
  switch (e?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `option ${option} does not take a value`;
      if (/ambiguous/.test(message)) return `option ${option} needs a value (write ${option}=VALUE for a value that starts with "-")`;
      return `option ${(option ?? '').replace(/ <value>$/, '')} needs a value`;
    default:
      return message.split('\n')[0];
  }
}
