import { helpText, parseCommandLine, usageOf, UsageError } from './args';
import { checkCommand } from './checkCommand';
import { diffCommand } from './diffCommand';
import { exportCommand } from './exportCommand';
import { impactCommand } from './impactCommand';
import { CommandFailure, type CliHost } from './host';
import { reportCommand } from './reportCommand';
import { reviewCommand } from './reviewCommand';
import { toolVersion } from './toolInfo';
import { traceCommand } from './traceCommand';

/**
 * Run the command line and return the exit status: 0 success (check: no
 * errors), 1 check found errors (or too many warnings), 2 the command could
 * not run.
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
      case 'trace':
        return await traceCommand(request, host);
      case 'report':
        return await reportCommand(request, host);
      case 'review':
        return await reviewCommand(request.argv, host);
      case 'impact':
        return await impactCommand(request, host);
      case 'diff':
        return await diffCommand(request, host);
      case 'mcp': {
        // Loaded on demand: the MCP SDK and zod take a tenth of a warm `check --cache` to load.
        const { mcpCommand } = await import('./mcpCommand.js');
        return await mcpCommand(request, host);
      }
      case 'export':
        return await exportCommand(request, host);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      host.stderr(
        `specwright: ${err.message}\n${usageOf(err.command)}\nRun "specwright --help" for details.\n`,
      );
    } else if (err instanceof CommandFailure) {
      host.stderr(err.lines.map(l => `specwright: ${l}\n`).join(''));
    } else {
      host.stderr(
        `specwright: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
    }
    return 2;
  }
}
