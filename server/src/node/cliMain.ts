/**
 * `specwright` on Node: binds the CLI to the file system and the process's
 * streams, runs it, and sets the exit code. Everything else is in ../cli.
 */
import { promises as fs } from 'fs';
import { runCli } from '../cli/cli';
import type { CliHost } from '../cli/host';
import { watchFolder } from './folderWatcher';
import { describeReadError, NodeWorkspace, pathToUri, uriToPath } from './nodeWorkspace';
import { GitRevisions } from './git';
import { cacheFileIn, NodeIndexCache, nodeAnalyserVersion } from './indexCache';
import { toolVersion } from '../cli/toolInfo';
import { writeFileSafely } from './safeWrite';

const host: CliHost = {
  cwd: process.cwd(),
  workspace: new NodeWorkspace(),
  async stat(p) {
    try {
      const st = await fs.stat(p);
      return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' ? undefined : { error: describeReadError(err) };
    }
  },
  async readText(p) {
    try {
      return await fs.readFile(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  writeText: writeFileSafely,
  openCache: async (folder, roots, log) => {
    if (await new GitRevisions(roots[0]).tracksFilesUnder(folder)) {
      log(`cache: not used: git tracks files in ${folder}, and no cache is read from a repository`);
      return undefined;
    }
    return NodeIndexCache.open(cacheFileIn(folder, roots), nodeAnalyserVersion(toolVersion), log);
  },
  revisions: root => new GitRevisions(root),
  toUri: pathToUri,
  toPath: uriToPath,
  color: !!process.stdout.isTTY && !process.env.NO_COLOR,
  stdout: text => {
    process.stdout.write(text);
  },
  stderr: text => {
    process.stderr.write(text);
  },
  async mcpTransport() {
    const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
    const transport = new StdioServerTransport();
    // The client going away ends the input: close, so that `specwright mcp` exits 0.
    process.stdin.once('end', () => void transport.close());
    return transport;
  },
  watch: watchFolder,
};

// `specwright check | head` closes the pipe early; that is not a crash.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli(process.argv.slice(2), host).then(
  code => {
    process.exitCode = code;
  },
  () => {
    // runCli answers every failure itself (status 2); only a failing stderr write ends up here.
    process.exitCode = 2;
  },
);
