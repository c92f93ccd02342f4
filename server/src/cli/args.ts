import { parseArgs } from 'util';
import { exportFormats, type ExportFormat } from '../core/export/render';
import { reportFormats, type ReportFormat } from '../core/report/render';

/** The output formats of each command. */
export const checkFormats = ['text', 'json', 'sarif', 'junit', 'github'] as const;
export const traceFormats = ['text', 'json'] as const;
/** The report's formats are the core's (core/report/render.ts): one list for the CLI and the server. */
export { reportFormats, type ReportFormat };
/** So are the export's (core/export/render.ts). */
export { exportFormats, type ExportFormat };
export const impactFormats = ['text', 'json', 'md'] as const;
export const diffFormats = ['text', 'json', 'md'] as const;
export type CheckFormat = (typeof checkFormats)[number];
export type TraceFormat = (typeof traceFormats)[number];
export type ImpactFormat = (typeof impactFormats)[number];
export type DiffFormat = (typeof diffFormats)[number];

export const commands = ['check', 'trace', 'report', 'review', 'impact', 'diff', 'mcp', 'export'] as const;
export type Command = (typeof commands)[number];

/** What the command line asks for, after validation. */
export type CliRequest =
  | { command: 'help' }
  | { command: 'version' }
  | {
      command: 'check';
      paths: string[];
      format: CheckFormat;
      config?: string;
      root?: string;
      maxWarnings?: number;
      showSuppressed?: boolean;
      allowEmpty?: boolean;
      /** --cache[=DIR]: '' for the default folder (node_modules/.cache/specwright under the workspace root). */
      cache?: string;
    }
  | { command: 'trace'; id: string; path: string; format: TraceFormat; config?: string; root?: string }
  | { command: 'report'; path: string; format: ReportFormat; out?: string; config?: string; root?: string }
  // `review` reads its own options (reviewCommand.ts).
  | { command: 'review'; argv: string[] }
  | { command: 'impact'; ids: string[]; since?: string; format: ImpactFormat; config?: string; root?: string }
  | { command: 'diff'; from?: string; to?: string; format: DiffFormat; config?: string; root?: string }
  | { command: 'mcp'; path: string; config?: string; root?: string; allowEdits?: boolean }
  | {
      command: 'export';
      path: string;
      format: ExportFormat;
      release?: string;
      out?: string;
      requirements?: boolean;
      all?: boolean;
      config?: string;
      root?: string;
    };

/** A command line that cannot be run; the message names the problem in the user's words. */
export class UsageError extends Error {
  /** The command the line was for, when known: its usage is printed with the message. */
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

const synopsis: Record<Command, string> = {
  check:
    'specwright check [PATH...] [--format text|json|sarif|junit|github] [--config FILE] [--root DIR] [--max-warnings N] [--show-suppressed] [--allow-empty] [--cache[=DIR]]',
  trace: 'specwright trace ID [PATH] [--format text|json] [--config FILE] [--root DIR]',
  report: 'specwright report [PATH] --format md|html|csv|json [--out FILE] [--config FILE] [--root DIR]',
  review: 'specwright review ID... | --all [--root DIR] [--config FILE]',
  impact: 'specwright impact [ID...] [--since REV] [--format text|json|md] [--config FILE] [--root DIR]',
  diff: 'specwright diff [REV_A [REV_B]] [--format text|json|md] [--config FILE] [--root DIR]',
  mcp: 'specwright mcp [PATH] [--config FILE] [--root DIR] [--allow-edits]',
  export:
    'specwright export [PATH] --format jira-csv|linear-csv|github-json [--release ID] [--requirements] [--all] [--out FILE] [--config FILE] [--root DIR]',
};

/** The usage of one command, or of all of them. */
export function usageOf(command?: Command): string {
  if (command) return `Usage: ${synopsis[command]}`;
  return commands.map((c, i) => `${i === 0 ? 'Usage: ' : '       '}${synopsis[c]}`).join('\n');
}

/** The usage of `check` (kept for callers that print the one-line usage). */
export const usage = usageOf('check');

export const helpText = `${usageOf()}

check   Checks Specwright spec files (*.vision.yaml, *.roadmap.yaml, *.epic.yaml,
        *.prd.yaml, *.stories.yaml; .yml works too) and prints their diagnostics.
trace   Prints an item's chain up to its goals and everything below it (PRDs,
        requirements, stories, items that depend on it), with each item's
        status and findings.
report  Writes a report of the workspace: a summary, the roadmap by horizon,
        release and epic with progress, the traceability matrix (goal → epic →
        PRD → requirement → stories) with coverage, the uncovered requirements
        and the dependencies with their conflicts.
review  Stamps every link from or to each ID (--all: every link) as reviewed
        against the linked item's current content, in specwright.reviews at
        the workspace root (the current folder, or --root DIR). Where that
        file exists, check reports suspect-link and unreviewed-link.
impact  Lists every item downstream of the IDs (the items that link to them,
        and what links to those, ...), or with --since REV of the items whose
        content changed since that git revision, each with the path by which
        it is reached.
diff    Prints what changed in the spec between two git revisions (default:
        HEAD and the working tree): items added, removed and moved to another
        file, status and priority changes, and each changed field, old -> new
        or as a word diff ([-removed-]{+added+}); --format md for a pull
        request comment.
mcp     Serves the workspace to coding agents over the Model Context Protocol
        (stdio), read-only: tools search, get_item, trace, check, roadmap,
        coverage, impact and diff, resources specwright://item/{id} and
        specwright://roadmap, prompts draft-stories and review-prd. It watches
        the workspace and answers from the files as saved. With --allow-edits
        also create_item and update_item, which refuse an edit that would add
        an error.
export  Writes epics and stories (with --requirements, requirements too, as
        sub-tasks of their epic) for a tracker's importer: jira-csv (Jira's
        CSV import), linear-csv (Linear's CSV import) or github-json (one
        JSON object per line for gh issue create or GitHub's REST API),
        parents before children. Items that already name a ticket (tickets:)
        are left out unless --all.

Arguments:
  PATH                 a folder or a single spec file (default "."). Its
                       workspace is the nearest folder at or above it that
                       holds .specwright.yaml; without one, a folder is its own
                       workspace, and a file's is the current folder when the
                       file is inside it, else the file's folder. The whole
                       workspace is read and its configuration applied, so
                       links resolve across it; check reports only the files
                       under the PATHs, trace, report and export the whole
                       workspace.
  ID                   the ID of the item to trace (for example REQ-12);
                       review and impact take several
  REV, REV_A, REV_B    a git revision: a branch, tag or commit (HEAD~1,
                       origin/main); impact --since and diff need a git
                       repository

Options:
  -f, --format FORMAT  check: text (default), json, sarif (SARIF 2.1.0), junit
                       (JUnit XML) or github (GitHub Actions annotations)
                       trace: text (default) or json
                       impact, diff: text (default), json or md (Markdown,
                       for a pull request comment)
                       report: md (Markdown), html (one self-contained page),
                       csv (one row per requirement) or json; required
                       export: jira-csv, linear-csv or github-json; required
  -o, --out FILE       report, export: write to FILE instead of stdout
  -c, --config FILE    use FILE instead of <root>/.specwright.yaml
      --root DIR       use DIR as the workspace root of every PATH (each must
                       lie inside it) instead of looking for .specwright.yaml
      --max-warnings N check: fail (exit 1) when there are more than N warnings
      --show-suppressed
                       check: also list the findings that suppression comments
                       (# specwright-disable...) hide, with their reasons
                       (text: marked "suppressed"; json: a "suppressed" array)
      --allow-empty    check: accept a PATH that holds no spec file (exit 0
                       when nothing else is wrong) instead of failing
      --cache[=DIR]    check: keep each file's analysis in a cache and read
                       unchanged files from it (faster runs; findings are the
                       same). DIR defaults to node_modules/.cache/specwright
                       under the workspace root; the cache is one file per
                       workspace, ignored and written anew when damaged
      --all            review: stamp every link of the workspace
                       export: also the items that already have a ticket
      --release ID     export: only the epics of release ID and their stories
                       (and requirements)
      --requirements   export: requirements too, as sub-tasks of their epic
      --since REV      impact: start from the items whose content changed
                       between REV and the working tree
      --allow-edits    mcp: offer the tools create_item and update_item, which
                       write spec files of the workspace
  -h, --help           print this help
      --version        print the version

Exit status: 0 when the command ran and, for check, no diagnostic is an
error; 1 when check finds an error (or more warnings than --max-warnings
allows); 2 when the command could not run (bad arguments, a PATH that does not
exist or cannot be read, an unreadable or invalid configuration, an unknown
ID, a report that cannot be written, an unknown --release) and, for check, when a PATH holds no
spec file (unless --allow-empty) or a file or folder of the workspace cannot
be read: each such path is named on stderr. check and trace only read files;
report and export write only the --out file; review writes only
specwright.reviews;
impact and diff only read (git included).
`;

/**
 * Parse `argv` (without `node` and the script). Throws `UsageError` for
 * anything that cannot be run: unknown flags or commands, a bad format, an
 * option of another command, a --max-warnings that is not a whole number.
 */
export function parseCommandLine(argv: readonly string[]): CliRequest {
  const first = argv.find(a => !a.startsWith('-'));
  const named = (commands as readonly string[]).includes(first ?? '') ? (first as Command) : undefined;
  if (named === 'review') return { command: 'review', argv: [...argv] };
  let parsed;
  try {
    parsed = parseArgs({
      // A bare --cache takes no value (what follows it is a PATH): --cache=DIR names the folder.
      args: joinNegativeValues(argv).map(a => (a === '--cache' ? '--cache=' : a)),
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        out: { type: 'string', short: 'o' },
        root: { type: 'string' },
        'max-warnings': { type: 'string' },
        'show-suppressed': { type: 'boolean' },
        'allow-empty': { type: 'boolean' },
        cache: { type: 'string' },
        since: { type: 'string' },
        release: { type: 'string' },
        requirements: { type: 'boolean' },
        all: { type: 'boolean' },
        'allow-edits': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new UsageError(describeParseError(err, argv), named);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined)
    throw new UsageError('no command given (use check, trace, report, review, impact, diff, mcp or export)');
  if (!(commands as readonly string[]).includes(command))
    throw new UsageError(
      `unknown command "${command}" (use check, trace, report, review, impact, diff, mcp or export)`,
    );
  const cmd = command as Command;
  const fail = (message: string): never => {
    throw new UsageError(message, cmd);
  };

  if (values.config !== undefined && values.config === '') fail('--config needs a file name');
  if (values.root !== undefined && values.root === '') fail('--root needs a folder');
  for (const option of ['max-warnings', 'show-suppressed', 'allow-empty', 'cache'] as const) {
    if (values[option] !== undefined && cmd !== 'check') fail(`option --${option} is only for "check"`);
  }
  if (values.since !== undefined && cmd !== 'impact') fail('option --since is only for "impact"');
  if (values['allow-edits'] !== undefined && cmd !== 'mcp') fail('option --allow-edits is only for "mcp"');
  if (values.out !== undefined && cmd !== 'report' && cmd !== 'export')
    fail(`option --out is only for "report" and "export" (${cmd} prints to stdout)`);
  for (const option of ['release', 'requirements', 'all'] as const) {
    if (values[option] !== undefined && cmd !== 'export') fail(`option --${option} is only for "export"`);
  }
  const config = values.config;
  const root = values.root !== undefined ? { root: values.root } : {};

  switch (cmd) {
    case 'check': {
      const format = oneOf(values.format ?? 'text', checkFormats, fail);
      let maxWarnings: number | undefined;
      const mw = values['max-warnings'];
      if (mw !== undefined) {
        if (!/^\d+$/.test(mw.trim())) fail(`--max-warnings needs a whole number of 0 or more (got "${mw}")`);
        maxWarnings = Number(mw.trim());
      }
      const showSuppressed = values['show-suppressed'] ? { showSuppressed: true } : {};
      const allowEmpty = values['allow-empty'] ? { allowEmpty: true } : {};
      const cache = values.cache !== undefined ? { cache: values.cache } : {};
      return {
        command: 'check',
        paths: rest.length ? rest : ['.'],
        format,
        config,
        ...root,
        maxWarnings,
        ...showSuppressed,
        ...allowEmpty,
        ...cache,
      };
    }
    case 'trace': {
      const format = oneOf(values.format ?? 'text', traceFormats, fail);
      const [id, path, ...extra] = rest;
      if (id === undefined) fail('trace needs the ID of an item (for example: specwright trace REQ-1)');
      if (extra.length) fail(`trace takes one ID and at most one PATH (got ${rest.length} arguments)`);
      return { command: 'trace', id: id.trim(), path: path ?? '.', format, config, ...root };
    }
    case 'report': {
      if (values.format === undefined) fail('report needs --format md, html, csv or json');
      const format = oneOf(values.format!, reportFormats, fail);
      if (rest.length > 1) fail(`report takes at most one PATH (got ${rest.length})`);
      if (values.out !== undefined && values.out === '') fail('--out needs a file name');
      return { command: 'report', path: rest[0] ?? '.', format, out: values.out, config, ...root };
    }
    case 'mcp': {
      if (values.format !== undefined) fail('option --format is not for "mcp" (it speaks MCP on stdio)');
      if (rest.length > 1) fail(`mcp takes at most one PATH (got ${rest.length})`);
      const allowEdits = values['allow-edits'] ? { allowEdits: true } : {};
      return { command: 'mcp', path: rest[0] ?? '.', config, ...root, ...allowEdits };
    }
    case 'export': {
      if (values.format === undefined) fail('export needs --format jira-csv, linear-csv or github-json');
      const format = oneOf(values.format!, exportFormats, fail);
      if (rest.length > 1) fail(`export takes at most one PATH (got ${rest.length})`);
      if (values.out !== undefined && values.out === '') fail('--out needs a file name');
      const release = values.release?.trim();
      if (release === '') fail('--release needs the ID of a release');
      return {
        command: 'export',
        path: rest[0] ?? '.',
        format,
        ...(release !== undefined ? { release } : {}),
        ...(values.out !== undefined ? { out: values.out } : {}),
        ...(values.requirements ? { requirements: true } : {}),
        ...(values.all ? { all: true } : {}),
        config,
        ...root,
      };
    }
    case 'review':
      return { command: 'review', argv: [...argv] }; // not reached: review returns before parseArgs above
    case 'impact': {
      const format = oneOf(values.format ?? 'text', impactFormats, fail);
      const since = values.since;
      if (since !== undefined && since.trim() === '') fail('--since needs a git revision');
      if (!rest.length && since === undefined)
        fail(
          'impact needs the IDs of changed items (for example: specwright impact REQ-101), or --since REV',
        );
      return { command: 'impact', ids: rest.map(id => id.trim()), since, format, config, ...root };
    }
    case 'diff': {
      const format = oneOf(values.format ?? 'text', diffFormats, fail);
      if (rest.length > 2) fail(`diff takes at most two revisions (got ${rest.length})`);
      const [from, to] = rest;
      return { command: 'diff', from, to, format, config, ...root };
    }
  }
}

/** Options that take a value, as written on the command line. */
const valueOptions = new Set([
  '--format',
  '-f',
  '--config',
  '-c',
  '--out',
  '-o',
  '--root',
  '--max-warnings',
  '--since',
  '--release',
]);

/**
 * `--max-warnings -1` as `--max-warnings=-1`: parseArgs takes a value that
 * starts with "-" for an option and says the value is missing; joined, the
 * value reaches validation, whose message names it.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const next = argv[i + 1];
    if (argv[i] === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (valueOptions.has(argv[i]) && next !== undefined && /^-\d/.test(next)) {
      out.push(argv[i].startsWith('--') ? `${argv[i]}=${next}` : `${argv[i]}${next}`);
      i++;
    } else {
      out.push(argv[i]);
    }
  }
  return out;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], fail: (message: string) => never): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const list =
    allowed.length === 2
      ? allowed.join(' or ')
      : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  return fail(`unknown format "${value}" (use ${list})`);
}

/** Node's parseArgs messages, reworded for people who never read its docs. */
export function describeParseError(err: unknown, argv: readonly string[]): string {
  const e = err as { code?: string; message?: string };
  const message = String(e?.message ?? err);
  const option = /'([^']+)'/.exec(message)?.[1];
  switch (e?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) return `option ${option} does not take a value`;
      if (/ambiguous/.test(message)) {
        // The word after the option starts with "-": name it, and how to pass it if it is the value.
        const at = argv.indexOf(option ?? '');
        const next = at >= 0 ? argv[at + 1] : undefined;
        const write = option?.startsWith('--')
          ? `${option}=${next ?? 'VALUE'}`
          : `${option}${next ?? 'VALUE'}`;
        return next === undefined
          ? `option ${option} needs a value`
          : `option ${option} needs a value, but "${next}" after it looks like an option (if it is the value, write ${write})`;
      }
      return `option ${(option ?? '').replace(/ <value>$/, '')} needs a value`;
    default:
      return message.split('\n')[0];
  }
}
