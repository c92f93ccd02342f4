// Builds the bench (out/bench/run.js, out/bench/summarize.js) and its own copy
// of the language server and CLI (out/bench/dist/server.js, cli.js) as the
// package ships them: esbuild.js's --production options (bundled, node20,
// minified), plus a source map beside each bundle for the CPU profiles (a
// map is never loaded at run time). Minified matters for start-up: the
// development bundle takes ~35 ms to read and ~40 ms to compile, the
// minified one ~8 and ~20. A private copy keeps measurements and profiles
// stable while dist/ is rebuilt by others; pass --dist to run.js to measure
// dist/ itself instead.
const esbuild = require('esbuild');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};
// The server and the CLI, as `node esbuild.js --production` builds them.
const shipped = { ...common, minify: true };

async function main() {
  await Promise.all([
    esbuild.build({
      ...common,
      entryPoints: [
        'bench/run.ts',
        'bench/hostile.ts',
        'bench/summarize.ts',
        'bench/drawChart.ts',
        'bench/parsers.ts',
        'bench/completion.ts',
        'bench/trace.ts',
        'bench/removedFiles.ts',
      ],
      outdir: 'out/bench',
      packages: 'external',
    }),
    esbuild.build({
      ...shipped,
      entryPoints: ['server/src/node/serverMain.ts'],
      outfile: 'out/bench/dist/server.js',
    }),
    esbuild.build({
      ...shipped,
      entryPoints: ['server/src/node/cliMain.ts'],
      outfile: 'out/bench/dist/cli.js',
      banner: { js: '#!/usr/bin/env node' },
    }),
  ]);
}

main().catch(err => {
  console.error(err);
  process.exit(1);
});
