// Builds the bench (out/bench/run.js, out/bench/summarize.js) and its own copy
// of the language server and CLI (out/bench/dist/server.js, cli.js) with the
// same esbuild options as esbuild.js's development build (bundled, node20,
// source maps, not minified). A private copy keeps measurements and CPU
// profiles stable while dist/ is rebuilt by others (a --production build is
// minified and its source map would not match); pass --dist to run.js to
// measure dist/ itself instead.
const esbuild = require('esbuild');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

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
      ...common,
      entryPoints: ['server/src/node/serverMain.ts'],
      outfile: 'out/bench/dist/server.js',
    }),
    esbuild.build({
      ...common,
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
