// Bundles the three entry points. Type checking is tsc's job (npm run typecheck);
// esbuild only transpiles, so a build stays fast enough for --watch.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const entries = [
  // The client runs inside VS Code's extension host, which provides `vscode`.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/node/serverMain.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/node/cliMain.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

async function main() {
  const fs = require('fs');
  const contexts = [];
  for (const e of entries) {
    if (!fs.existsSync(e.entryPoints[0])) continue; // lets the tree build while an entry is being written
    contexts.push(await esbuild.context({ ...common, ...e }));
  }
  if (watch) {
    await Promise.all(contexts.map(c => c.watch()));
    return;
  }
  await Promise.all(contexts.map(c => c.rebuild()));
  await Promise.all(contexts.map(c => c.dispose()));
}

main().catch(err => { console.error(err); process.exit(1); });
