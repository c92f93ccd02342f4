import * as path from 'path';
import { performance } from 'perf_hooks';
import { pathToFileURL } from 'url';
import type { GeneratedWorkspace } from './generate';
import { LspSession } from './lsp';
import { latency, live, loadTimeoutMs, message, uriOf } from './common';
import type { Options } from './options';
import type { PeerRun } from './results';
import { localEditLatencies, measureFeatures } from './specwrightRun';

/** The peer: yaml-language-server (schema checks only) on the same workspace, with every file open. */

export const peerBin = path.join('node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');

function peerSettings(): Record<string, unknown> {
  const schemas: Record<string, string[]> = {};
  for (const kind of ['vision', 'roadmap', 'epic', 'prd', 'stories']) {
    schemas[pathToFileURL(path.resolve('schemas', `${kind}.schema.json`)).href] = [
      `**/*.${kind}.yaml`,
      `**/*.${kind}.yml`,
    ];
  }
  return {
    schemas,
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    yamlVersion: '1.2',
    maxItemsComputed: 5000,
    disableDefaultProperties: false,
    keyOrdering: false,
  };
}

export async function peerSession(
  opts: Options,
  ws: GeneratedWorkspace,
  texts: Map<string, string>,
  run: PeerRun,
): Promise<void> {
  const yaml = peerSettings();
  let yamlAnswered = 0;
  const s = LspSession.start({
    name: 'yaml-language-server',
    command: process.execPath,
    args: [peerBin, '--stdio'],
    cwd: process.cwd(),
    verbose: opts.verbose,
    configuration: section => {
      switch (section) {
        case 'yaml':
          yamlAnswered = performance.now();
          return yaml;
        case 'http':
          return { proxy: '', proxyStrictSSL: false };
        case '[yaml]':
          return {};
        case 'editor':
          return { detectIndentation: false, tabSize: 2 };
        default:
          return null;
      }
    },
  });
  live.add(s);
  const rootUri = pathToFileURL(ws.root).href;
  // The injected faults a JSON Schema can see: schema findings and `kind` (an enum in the schema).
  const faults = new Map<string, Set<number>>();
  for (const f of ws.expected) {
    if (f.code !== 'schema' && f.code !== 'kind-mismatch') continue;
    const uri = uriOf(ws.root, f.file);
    if (!faults.has(uri)) faults.set(uri, new Set());
    faults.get(uri)!.add(f.line);
  }
  try {
    const published = new Set<string>();
    let openedAt = Infinity;
    s.onPublish((uri, p) => {
      if (p.at > openedAt && p.at > yamlAnswered && texts.has(uri)) published.add(uri);
    });
    const t0 = performance.now();
    await s.initialize(rootUri);
    await s.notify('workspace/didChangeConfiguration', {
      settings: { yaml, http: { proxy: '', proxyStrictSSL: false } },
    });
    for (const [uri, text] of texts) s.open(uri, 'yaml', text);
    openedAt = performance.now();
    try {
      const t1 = await s.waitFor(
        () => published.size === texts.size,
        loadTimeoutMs(ws.files.length) * 2,
        'diagnostics for every file (all open)',
      );
      run.openAllMs = t1 - t0;
      run.cpuMs = s.cpuMs();
      const idle = await s.waitIdle(loadTimeoutMs(ws.files.length));
      run.idleMs = idle.at - t0;
      run.latePublishes = idle.publishes;
    } catch (err) {
      run.failures.push(`all files open: ${message(err)} (${published.size}/${texts.size} published)`);
      return;
    }
    let found = 0,
      total = 0,
      onFaultLines = 0,
      all = 0;
    for (const [uri, lines] of faults) {
      const diags = s.diagnostics.get(uri)?.diagnostics ?? [];
      for (const line of lines) {
        total++;
        if (diags.some(d => d.range.start.line === line)) found++;
      }
    }
    for (const [uri, p] of s.diagnostics) {
      all += p.diagnostics.length;
      const lines = faults.get(uri);
      if (lines) onFaultLines += p.diagnostics.filter(d => lines.has(d.range.start.line)).length;
    }
    Object.assign(run, {
      faultsFound: found,
      faultsTotal: total,
      diagnostics: all,
      diagnosticsOnFaultLines: onFaultLines,
    });
    try {
      run.editLocal = latency(await localEditLatencies(s, ws, opts.editSamples, false));
    } catch (err) {
      run.failures.push(`edits: ${message(err)}`);
    }
    await s.waitIdle(60_000);
    run.features = await measureFeatures(s, ws, ['hover', 'completion'], opts.featureSamples);
    run.rss = s.peakRss();
  } finally {
    await s.stop();
    live.delete(s);
  }
}
