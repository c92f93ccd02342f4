import * as path from 'path';
import { configFileName } from '../core/config';
import { fileKind } from '../core/parse/fileKind';
import { CommandFailure, type CliHost } from './host';
import { quote, type LoadedWorkspace } from './workspace';
import { describeWriteError } from './writeError';

/**
 * Write a command's output to its --out file, and no other file: never a
 * spec file of the workspace, nor a file named like a spec file or
 * `.specwright.yaml` (one the scan skipped, or of another workspace), nor
 * anything the host's writeText refuses (a folder, anything but a regular
 * file, a path with a symbolic link in it). Each refusal is a
 * CommandFailure (exit 2) that names the file. `what` names the output in
 * the messages ("report", "export").
 */
export async function writeOutFile(
  what: string,
  out: string,
  text: string,
  ws: LoadedWorkspace,
  host: CliHost,
): Promise<void> {
  const file = path.resolve(host.cwd, out);
  if (ws.service.index.files.has(host.toUri(file))) {
    throw new CommandFailure(
      `refusing to write the ${what} to ${quote(out)}: it is a spec file of the workspace`,
    );
  }
  if (fileKind(file) !== undefined || path.basename(file) === configFileName) {
    throw new CommandFailure(
      `refusing to write the ${what} to ${quote(out)}: its name is a spec file's name, and ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} never replaces one`,
    );
  }
  try {
    await host.writeText(file, text);
  } catch (err) {
    throw new CommandFailure(`cannot write ${quote(out)}: ${describeWriteError(err, host.cwd)}`);
  }
}
