// Bundles the three entry points. Type checking is tsc's job (npm run typecheck);
// esbuild only transpiles, so a build stays fast enough for --watch.
const esbuild = require('esbuild');
const { parseArgs } = require('node:util');

const { production, watch } = parseArgs({
  options: { production: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false } },
}).values;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

// The CLI and the server are the package's two bins (specwright, specwright-language-server).
const shebang = { js: '#!/usr/bin/env node' };
const entries = [
  // The client runs inside VS Code's extension host, which provides `vscode`.
  // jsonc-parser's `main` is a UMD build whose factory requires its own modules at run
  // time, which a bundle does not carry: take its ES module build instead.
  {
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  },
  { entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server.js', banner: shebang },
  { entryPoints: ['server/src/node/cliMain.ts'], outfile: 'dist/cli.js', banner: shebang },
];

/**
 * In --watch, one line per rebuild of an entry, so a terminal shows that a
 * save was picked up and whether it built (esbuild prints the errors
 * themselves at logLevel warning).
 */
function reportRebuilds(outfile) {
  return {
    name: 'report-rebuilds',
    setup(build) {
      let started = 0;
      build.onStart(() => {
        started = Date.now();
      });
      build.onEnd(result => {
        const time = new Date().toTimeString().slice(0, 8);
        const errors = result.errors.length;
        console.log(
          errors
            ? `[watch] ${time} ${outfile}: ${errors} error${errors === 1 ? '' : 's'} (above)`
            : `[watch] ${time} ${outfile} built in ${Date.now() - started} ms`,
        );
      });
    },
  };
}

async function main() {
  const fs = require('fs');
  const contexts = [];
  for (const e of entries) {
    if (!fs.existsSync(e.entryPoints[0])) continue; // lets the tree build while an entry is being written
    const plugins = watch ? [reportRebuilds(e.outfile)] : [];
    contexts.push(await esbuild.context({ ...common, ...e, plugins }));
  }
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    console.log('[watch] watching client/src and server/src; Ctrl+C stops');
    return;
  }
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
