import { helpText, parseCommandLine, usage, UsageError } from './args';
import { CheckFailure, checkCommand } from './checkCommand';
import type { CliHost } from './host';
import { toolVersion } from './toolInfo';

/**
 * Run the command line and return the exit status: 0 no errors, 1 errors
 * (or too many warnings), 2 the command could not run.
 */
export async function runCli(argv: readonly string[], host: CliHost): Promise<number> {
  try {
    const request = parseCommandLine(argv);
    switch (request.command) {
      case 'help':
        host.stdout(helpText);
        return 0;
      case 'version':
        host.stdout(`${toolVersion}\n`);
        return 0;
      case 'check':
        return await checkCommand(request, host);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      host.stderr(`specwright: ${err.message}\n${usage}\nRun "specwright --help" for details.\n`);
    } else if (err instanceof CheckFailure) {
      host.stderr(`specwright: ${err.message}\n`);
    } else {
      host.stderr(`specwright: internal error, nothing was checked: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    }
    return 2;
  }
}
