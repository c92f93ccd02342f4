/**
 * Soak test: the real language server (dist/server.js over stdio) on a copy
 * of examples/ plus generated files, driven for N minutes with random edits
 * (typing, pasting, breaking and fixing YAML, adding items, reverting), disk
 * changes (edits, creates, deletes, moves) announced by watched-file events,
 * opens and closes, and requests — hover, completion, definition, references,
 * rename (applied), codeAction (applied), codeLens (resolved), documentSymbol,
 * folding, highlights, workspace symbols — a fifth of them cancelled.
 *
 * At the end it checks: the server never crashed; no request failed other
 * than by cancellation (RequestCancelled -32800, ServerCancelled -32802); no
 * internal-error finding and no guard failure was logged; every versioned
 * edit the server sent named the version the client held; every file's
 * published diagnostics equal a fresh `specwright check --format json` of
 * the final texts; the server's RSS, measured right after forced full
 * collections (gcProbe.ts), grew less than 10 % from after warm-up to the end
 * (medians of the probes of a window at each end). Creates and deletes keep
 * the workspace at the same size throughout.
 * It prints the figures and exits 1 on any violation.
 *
 *   npm run soak -- --minutes 1 [--seed 42]
 *
 * Compiled by tsc into out/test/soak/ (outside the mocha spec globs).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { parseArgs } from 'util';
import {
  CancellationTokenSource,
  type CodeAction,
  type CodeLens,
  type Diagnostic,
  type DocumentSymbol,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { LspClient, messageOf, repoRoot } from '../protocol/lspClient';

// ---- options and randomness ------------------------------------------------------

const { values: argv } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: { minutes: { type: 'string' }, seed: { type: 'string' } },
});
function option(name: 'minutes' | 'seed', fallback: number): number {
  const text = argv[name];
  const v = text === undefined ? fallback : Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}
const minutes = option('minutes', 1);
const seed = option('seed', Math.floor(Math.random() * 2 ** 31) + 1);

/** mulberry32: a small seeded generator, so a failing run can be replayed with --seed. */
let state = seed >>> 0;
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(list: readonly T[]): T => list[int(list.length)];
const chance = (p: number): boolean => random() < p;
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

// ---- the workspace ---------------------------------------------------------------

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const statuses = ['draft', 'review', 'approved', 'in-progress', 'done', 'cancelled'];
const knownIds = [
  'REQ-101',
  'REQ-102',
  'REQ-201',
  'REQ-301',
  'REQ-401',
  'EPIC-1',
  'EPIC-2',
  'EPIC-3',
  'R-2026.1',
  'R-2026.2',
  'G-CONV',
  'G-ONTIME',
  'P-PARENT',
  'ST-101',
  'ST-201',
  'REQ-999',
];

/** Generated files next to the examples: more items, more links between files. */
function generated(): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < 10; i++) {
    out.set(
      `gen/epics/g${i}.epic.yaml`,
      lines(
        `id: EPIC-G${i}`,
        `title: Generated epic ${i}`,
        `status: ${pick(statuses)}`,
        `release: ${pick(['R-2026.1', 'R-2026.2', 'R-2026.3'])}`,
        'goals: [G-CONV]',
        ...(i > 0 ? [`depends_on: [EPIC-G${i - 1}]`] : []),
      ),
    );
    out.set(
      `gen/prds/g${i}.prd.yaml`,
      lines(
        `id: PRD-G${i}`,
        `title: Generated PRD ${i}`,
        `epic: EPIC-G${i}`,
        'personas: [P-PARENT]',
        'requirements:',
        ...Array.from({ length: 5 }, (_, k) =>
          [
            `  - id: REQ-G${i}${k}`,
            `    title: Requirement ${k}`,
            '    statement: The shopper can do it.',
            `    priority: ${pick(['must', 'should', 'could'])}`,
            `    status: ${pick(statuses)}`,
            '    acceptance_criteria:',
            '      - It works',
            ...(k > 0 ? [`    depends_on: [REQ-G${i}${k - 1}]`] : []),
          ].join('\n'),
        ),
      ),
    );
  }
  for (let i = 0; i < 20; i++) {
    out.set(
      `gen/iterations/g${i}.stories.yaml`,
      lines(
        `id: IT-G${i}`,
        `title: Generated sprint ${i}`,
        'release: R-2026.2',
        'stories:',
        ...Array.from({ length: 4 }, (_, k) =>
          [
            `  - id: ST-G${i}${k}`,
            `    title: Story ${k}`,
            '    as_a: P-PARENT',
            `    implements: [REQ-G${i % 10}${k}]`,
            `    status: ${pick(statuses)}`,
            `    estimate: ${int(8)}`,
          ].join('\n'),
        ),
      ),
    );
  }
  return out;
}

interface FileState {
  rel: string;
  uri: string;
  /** The editor's text while open; the disk's otherwise. */
  text: string;
  disk: string;
  original: string;
  open: boolean;
  version: number;
  exists: boolean;
}

const root = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'specwright-soak-'));
const files = new Map<string, FileState>();
/**
 * The review stamps file (examples/ keeps one): not edited at random, but the
 * target of the stamping quick fixes and of rename, which the soak applies
 * like any other edit; the final `specwright check` reads it too.
 */
let stampsFile: FileState | undefined;
/**
 * The other files of examples/ (.specwright.yaml, notes, and the code, tests
 * and results that trace: names), never edited at random: the final
 * `specwright check` reads them too, and a rename of an ID that code
 * references edits the code file, so they are known by URI like the stamps.
 */
const copiedAsIs = new Map<string, FileState>();
const uriOf = (rel: string): string => pathToFileURL(path.join(root, rel)).href;

function writeDisk(f: FileState, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, f.rel)), { recursive: true });
  fs.writeFileSync(path.join(root, f.rel), text);
  f.disk = text;
  f.exists = true;
  if (!f.open) f.text = text;
}

function copyExamples(): void {
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const rel = path.relative(path.join(repoRoot, 'examples'), full).split(path.sep).join('/');
      if (e.isDirectory()) walk(full);
      else if (/\.(vision|roadmap|epic|prd|stories)\.ya?ml$/.test(e.name))
        add(rel, fs.readFileSync(full, 'utf8'));
      else if (rel === 'specwright.reviews') {
        stampsFile = closedFile(rel, fs.readFileSync(full, 'utf8'));
      } else {
        const f = closedFile(rel, fs.readFileSync(full, 'utf8'));
        copiedAsIs.set(f.uri, f);
      }
    }
  };
  walk(path.join(repoRoot, 'examples'));
  for (const [rel, text] of generated()) add(rel, text);
}

/** A file written to disk as it is in examples/, closed, that only the server's edits change. */
function closedFile(rel: string, text: string): FileState {
  const f: FileState = {
    rel,
    uri: uriOf(rel),
    text,
    disk: text,
    original: text,
    open: false,
    version: 0,
    exists: true,
  };
  writeDisk(f, text);
  return f;
}

function add(rel: string, text: string): FileState {
  const f = closedFile(rel, text);
  files.set(rel, f);
  return f;
}

// ---- text helpers ----------------------------------------------------------------

function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

function offsetAt(text: string, pos: { line: number; character: number }): number {
  let at = 0;
  for (let l = 0; l < pos.line; l++) {
    const nl = text.indexOf('\n', at);
    if (nl === -1) return text.length;
    at = nl + 1;
  }
  const end = text.indexOf('\n', at);
  return Math.min(at + pos.character, end === -1 ? text.length : end);
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map(e => ({
      start: offsetAt(text, e.range.start),
      end: offsetAt(text, e.range.end),
      newText: e.newText,
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/**
 * A random edit of a text, as [start, end, newText] (offsets into it), never
 * splitting a surrogate pair: no editor puts its cursor inside one, and a
 * lone surrogate cannot be written as UTF-8, so the buffer and the file that
 * the final `specwright check` reads would differ (CI7: seed 1656809173,
 * ':' typed inside the emoji of an open file's key).
 */
function randomEdit(f: FileState, n: number): [number, number, string] {
  const [start, end, text] = anyEdit(f, n);
  const unit = (at: number): number => f.text.charCodeAt(at);
  const inPair = (at: number): boolean =>
    at > 0 && unit(at - 1) >= 0xd800 && unit(at - 1) <= 0xdbff && unit(at) >= 0xdc00 && unit(at) <= 0xdfff;
  const from = inPair(start) ? start - 1 : start;
  const to = end === start ? from : inPair(end) ? end + 1 : end;
  return [from, to, text];
}

function anyEdit(f: FileState, n: number): [number, number, string] {
  const t = f.text;
  const lineStarts = [0];
  for (let i = t.indexOf('\n'); i !== -1 && i + 1 < t.length; i = t.indexOf('\n', i + 1))
    lineStarts.push(i + 1);
  const line = int(lineStarts.length);
  const ls = lineStarts[line];
  const le = line + 1 < lineStarts.length ? lineStarts[line + 1] : t.length;
  const matchAt = (re: RegExp): RegExpExecArray | undefined => {
    const all = [...t.matchAll(re)];
    return all.length ? pick<RegExpExecArray>(all) : undefined;
  };
  switch (int(12)) {
    case 0:
    case 1: {
      // change a status
      const m = matchAt(/status: ([\w-]+)/g);
      if (m) return [m.index + 8, m.index + m[0].length, pick(statuses)];
      break;
    }
    case 2: {
      // change a link
      const m = matchAt(/\b(REQ|EPIC|ST|R|G|P)-[\w.]+/g);
      if (m) return [m.index, m.index + m[0].length, pick(knownIds)];
      break;
    }
    case 3:
    case 4: {
      // type a character
      const at = int(t.length + 1);
      return [at, at, pick(['a', 'e', ' ', ':', '-', '\n', '[', ']', '#', '"', '1', '😀', '\t'])];
    }
    case 5: {
      // delete a few characters
      const at = int(t.length + 1);
      return [at, Math.min(t.length, at + 1 + int(5)), ''];
    }
    case 6:
      return [ls, le, '']; // delete a line
    case 7:
      return [le, le, t.slice(ls, le) + (t.slice(ls, le).endsWith('\n') ? '' : '\n')]; // duplicate a line
    case 8: {
      // add an item at the end
      const item = f.rel.endsWith('.prd.yaml')
        ? `  - id: REQ-SK${n}\n    title: Soak ${n}\n    statement: s\n    priority: ${pick(['must', 'could'])}\n    depends_on: [${pick(knownIds)}]\n`
        : f.rel.endsWith('.stories.yaml')
          ? `  - id: ST-SK${n}\n    title: Soak ${n}\n    implements: [${pick(knownIds)}]\n    status: ${pick(statuses)}\n`
          : `x-soak-${n}: ${pick(knownIds)}\n`;
      return [t.length, t.length, (t.endsWith('\n') ? '' : '\n') + item];
    }
    case 9: {
      // indent or dedent a line
      return chance(0.5)
        ? [ls, ls, '  ']
        : [ls, Math.min(le, ls + (t.slice(ls, ls + 2) === '  ' ? 2 : 0)), ''];
    }
    case 10:
      if (chance(0.1)) return [ls, ls, '<<<<<<< HEAD\n'];
      break; // a stray conflict marker, now and then
    default:
      break;
  }
  return [0, t.length, f.original]; // revert to the original text
}

// ---- the run ---------------------------------------------------------------------

interface Figures {
  steps: number;
  edits: number;
  diskChanges: number;
  opens: number;
  closes: number;
  requests: Map<string, number[]>;
  cancelledSent: number;
  cancelledAnswered: number;
  renamesApplied: number;
  actionsApplied: number;
  publishLatency: number[];
  publishes: number;
}

async function main(): Promise<number> {
  copyExamples();
  const violations: string[] = [];
  const violation = (v: string): void => {
    if (violations.length < 200) violations.push(v);
  };
  const figures: Figures = {
    steps: 0,
    edits: 0,
    diskChanges: 0,
    opens: 0,
    closes: 0,
    requests: new Map(),
    cancelledSent: 0,
    cancelledAnswered: 0,
    renamesApplied: 0,
    actionsApplied: 0,
    publishLatency: [],
    publishes: 0,
  };
  console.log(`soak: ${minutes} min, seed ${seed}, ${files.size} spec files in ${root}`);
  let phase = 'waiting for the first scan';
  const live: { client?: LspClient } = {};
  // No phase may hang the run (CI has one time limit for everything): past the steps and 5 minutes
  // more, the soak fails, saying where it was and with which seed. The timer stays referenced: a run
  // whose awaits all stall with nothing else pending ends here too, not silently with exit code 0.
  setTimeout(
    () => {
      console.log(`soak: FAILED, still ${phase} ${minutes + 5} min after the start (seed ${seed})`);
      for (const line of live.client?.logs.slice(-20) ?? [])
        console.log(`  server log: ${line.split('\n')[0]}`);
      live.client?.dispose();
      process.exit(1);
    },
    (minutes + 5) * 60_000,
  );

  // The server runs with the GC probe (see gcProbe.ts): on SIGUSR2, a full collection, then its memory
  // figures appended to probeFile. Only the server's environment gets these options, not the CLI run at the end.
  const probeFile = `${root}-gc-probe.jsonl`; // next to the workspace, not in it
  const savedOptions = {
    NODE_OPTIONS: process.env.NODE_OPTIONS,
    SPECWRIGHT_SOAK_PROBE: process.env.SPECWRIGHT_SOAK_PROBE,
  };
  process.env.NODE_OPTIONS =
    `${savedOptions.NODE_OPTIONS ?? ''} --require ${JSON.stringify(path.join(__dirname, 'gcProbe.js'))}`.trim();
  process.env.SPECWRIGHT_SOAK_PROBE = probeFile;
  const starting = LspClient.start({ folders: [uriOf('')] }); // spawns before its first await
  for (const [name, value] of Object.entries(savedOptions))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  const client = await starting;
  live.client = client;
  const connection = client['connection'];
  const pid = client.process.pid!;
  await client.waitFor(
    'the first scan',
    () => ([...files.values()].every(f => client.history(f.uri).length > 0) ? true : undefined),
    60_000,
  );

  // Edit → publish latency: versions sent and not yet published, per open document. The client's
  // waitFor runs its check on every message the server sends; this one never finishes.
  const sent = new Map<string, Map<number, number>>();
  const seen = new Map<string, number>();
  const track = (): undefined => {
    for (const [uri, waiting] of sent) {
      const history = client.history(uri);
      for (let i = seen.get(uri) ?? 0; i < history.length; i++) {
        const version = history[i].version;
        if (version === undefined || version === null) continue;
        for (const [v, t] of waiting)
          if (v <= version) {
            figures.publishLatency.push(performance.now() - t);
            waiting.delete(v);
          }
      }
      seen.set(uri, history.length);
    }
    return undefined;
  };
  void client.waitFor('nothing (soak bookkeeping)', track, 2 ** 31 - 1).catch(() => undefined);

  const open = (f: FileState): void => {
    f.open = true;
    f.version += 1;
    client.open(f.uri, f.text, f.version);
    figures.opens++;
  };
  const change = (f: FileState, start: number, end: number, text: string): void => {
    const range = { start: positionAt(f.text, start), end: positionAt(f.text, end) };
    f.text = f.text.slice(0, start) + text + f.text.slice(end);
    f.version += 1;
    client.change(f.uri, f.version, { range, text });
    let waiting = sent.get(f.uri);
    if (!waiting) sent.set(f.uri, (waiting = new Map<number, number>()));
    waiting.set(f.version, performance.now());
    figures.edits++;
  };
  const diskEvent = (f: FileState, type: 1 | 2 | 3): void => {
    client.filesChanged({ uri: f.uri, type });
    figures.diskChanges++;
  };

  /** Apply a workspace edit the server sent, as an editor would: versioned edits only to the version it names. */
  const applyWorkspaceEdit = (edit: WorkspaceEdit | null | undefined, what: string): boolean => {
    const changes = (edit?.documentChanges ?? []) as TextDocumentEdit[];
    const known = (uri: string): FileState | undefined =>
      [...files.values()].find(x => x.uri === uri) ??
      copiedAsIs.get(uri) ??
      (stampsFile?.uri === uri ? stampsFile : undefined);
    for (const c of changes) {
      const f = known(c.textDocument.uri);
      if (!f) {
        violation(`${what}: an edit for an unknown file ${c.textDocument.uri}`);
        return false;
      }
      if (c.textDocument.version !== null && (!f.open || c.textDocument.version !== f.version)) {
        violation(
          `${what}: an edit for ${f.rel} version ${c.textDocument.version}, but the client holds ${f.open ? f.version : 'it closed'}`,
        );
        return false;
      }
      if (c.textDocument.version === null && f.open) {
        violation(`${what}: an unversioned edit for the open ${f.rel}`);
        return false;
      }
    }
    for (const c of changes) {
      const f = known(c.textDocument.uri)!;
      const next = applyEdits(f.text, c.edits as TextEdit[]);
      if (f.open) change(f, 0, f.text.length, next);
      else {
        writeDisk(f, next);
        diskEvent(f, 2);
      }
    }
    return changes.length > 0;
  };

  /** One request, maybe cancelled; its latency is recorded, its failure (other than cancellation) is a violation. */
  const request = async <R>(
    method: string,
    params: unknown,
    cancel = chance(0.2),
  ): Promise<R | undefined> => {
    const source = new CancellationTokenSource();
    const t0 = performance.now();
    const answer = connection.sendRequest<R>(method, params, source.token);
    if (cancel) {
      figures.cancelledSent++;
      if (chance(0.5)) source.cancel();
      else setTimeout(() => source.cancel(), int(5));
    }
    try {
      const r = await Promise.race([
        answer,
        sleep(30_000).then(() => {
          throw new Error('no answer within 30 s');
        }),
      ]);
      let list = figures.requests.get(method);
      if (!list) figures.requests.set(method, (list = []));
      list.push(performance.now() - t0);
      return cancel ? undefined : r;
    } catch (err) {
      const code = (err as { code?: number }).code;
      if (code === -32800 || code === -32802) {
        figures.cancelledAnswered++;
        return undefined;
      }
      violation(`${method} failed (${code}): ${(err as Error).message}`);
      return undefined;
    } finally {
      source.dispose();
    }
  };

  const openDocs = () => [...files.values()].filter(f => f.open);
  const existing = () => [...files.values()].filter(f => f.exists);
  const generatedFiles = existing().filter(f => f.rel.startsWith('gen/')).length;
  for (const f of existing()
    .sort(() => random() - 0.5)
    .slice(0, 8))
    open(f);

  phase = 'taking steps';
  const started = performance.now();
  const deadline = started + minutes * 60_000;
  const warmUpMs = Math.min(60_000, Math.max(10_000, minutes * 6_000));
  const rss: { at: number; kb: number }[] = [];
  const sampler = setInterval(() => {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
      if (kb) rss.push({ at: performance.now() - started, kb });
    } catch {
      /* the process is gone: reported below */
    }
  }, 500);
  // A full collection in the server every 5 s, and its RSS right after (what the RSS check compares).
  const startedAt = Date.now();
  const prober = setInterval(() => {
    try {
      process.kill(pid, 'SIGUSR2');
    } catch {
      /* gone: reported below */
    }
  }, 5_000);

  let n = 0;
  while (performance.now() < deadline) {
    n++;
    figures.steps++;
    if (!client.running) {
      violation('the server exited');
      break;
    }
    const docs = openDocs();
    const roll = random();
    if (roll < 0.45 && docs.length) {
      // A burst of typing in one document.
      const f = pick(docs);
      for (let k = 1 + int(4); k > 0; k--) {
        const [s, e, t] = randomEdit(f, n);
        change(f, s, e, t);
      }
    } else if (roll < 0.85) {
      const f = docs.length && chance(0.85) ? pick(docs) : pick(existing());
      const textDocument = { uri: f.uri };
      const position = positionAt(f.text, int(f.text.length + 1));
      switch (int(10)) {
        case 0:
          await request('textDocument/hover', { textDocument, position });
          break;
        case 1:
          await request('textDocument/completion', { textDocument, position });
          break;
        case 2:
          await request('textDocument/definition', { textDocument, position });
          break;
        case 3:
          await request('textDocument/references', {
            textDocument,
            position,
            context: { includeDeclaration: true },
          });
          break;
        case 4: {
          const lenses = await request<CodeLens[]>('textDocument/codeLens', { textDocument });
          for (const lens of (lenses ?? []).slice(0, 3)) await request('codeLens/resolve', lens);
          break;
        }
        case 5:
          await request('textDocument/documentSymbol', { textDocument });
          break;
        case 6: {
          // Quick fixes for what the server last published on this version, sometimes applied.
          const latest = client.latest(f.uri);
          if (!f.open || latest?.version !== f.version || !latest.diagnostics.length) {
            await request('textDocument/foldingRange', { textDocument });
            break;
          }
          const d = pick(latest.diagnostics);
          const actions = await request<CodeAction[]>(
            'textDocument/codeAction',
            { textDocument, range: d.range, context: { diagnostics: [d] } },
            false,
          );
          if (actions?.length && chance(0.5) && applyWorkspaceEdit(pick(actions).edit, 'codeAction'))
            figures.actionsApplied++;
          break;
        }
        case 7: {
          // Rename an ID the server names in its outline, to a fresh ID; applied, back and forth over the run.
          if (!f.open) {
            await request('textDocument/documentHighlight', { textDocument, position });
            break;
          }
          const symbols = await request<DocumentSymbol[]>(
            'textDocument/documentSymbol',
            { textDocument },
            false,
          );
          const all = (symbols ?? [])
            .flatMap(s => [s, ...(s.children ?? [])])
            .filter(s => /^[A-Z][A-Z0-9_]*-[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s.name));
          if (!all.length) break;
          const s = pick(all);
          const at = s.selectionRange.start;
          if (!/^[A-Z]/.test(f.text.slice(offsetAt(f.text, at), offsetAt(f.text, at) + 1))) break; // a quoted ID: start inside the quotes is not worth the fuss
          const prepared = await request('textDocument/prepareRename', { textDocument, position: at }, false);
          if (!prepared) break;
          const edit = await request<WorkspaceEdit>(
            'textDocument/rename',
            { textDocument, position: at, newName: `${s.name.split('-')[0]}-SOAK${n}` },
            chance(0.1),
          );
          if (edit && applyWorkspaceEdit(edit, 'rename')) figures.renamesApplied++;
          break;
        }
        case 8:
          await request('workspace/symbol', { query: pick(['REQ', 'ST-1', 'checkout', 'SOAK', '']) });
          break;
        default: {
          // Several at once, one of them cancelled.
          await Promise.all([
            request('textDocument/hover', { textDocument, position }, false),
            request('textDocument/completion', { textDocument, position }, true),
            request('textDocument/definition', { textDocument, position }, false),
          ]);
        }
      }
    } else if (roll < 0.93) {
      // The disk: a closed file edited, a generated file created, deleted or moved.
      const closed = existing().filter(f => !f.open);
      // Creates and deletes keep the number of generated files where it started, so the workspace neither
      // dwindles nor grows: the RSS check compares memory for the same amount of work. (A free random walk
      // of creates and deletes drifts by dozens of files a minute, and the memory with it.)
      const generatedNow = existing().filter(f => f.rel.startsWith('gen/')).length;
      const what =
        int(3) === 0
          ? 0
          : chance(0.5)
            ? 3
            : generatedNow < generatedFiles
              ? 1
              : generatedNow > generatedFiles
                ? 2
                : 1 + int(2);
      if (what === 0 && closed.length) {
        const f = pick(closed);
        const [s, e, t] = randomEdit(f, n);
        writeDisk(f, f.text.slice(0, s) + t + f.text.slice(e));
        diskEvent(f, 2);
      } else if (what === 1) {
        const f = add(
          `gen/new/n${n}.stories.yaml`,
          lines(
            `id: IT-N${n}`,
            'title: New',
            'stories:',
            `  - {id: ST-N${n}, title: t, implements: [${pick(knownIds)}]}`,
          ),
        );
        diskEvent(f, 1);
      } else {
        const gen = closed.filter(f => f.rel.startsWith('gen/'));
        if (!gen.length) continue;
        const f = pick(gen);
        fs.rmSync(path.join(root, f.rel));
        f.exists = false;
        diskEvent(f, 3);
        if (what === 3) {
          // moved
          const moved = add(`gen/moved/m${n}-${path.basename(f.rel)}`, f.disk);
          diskEvent(moved, 1);
        }
      }
    } else {
      // Open a closed file, or close an open one (saved first, or not).
      const closed = existing().filter(f => !f.open);
      if (docs.length > 3 && (chance(0.5) || !closed.length)) {
        const f = pick(docs);
        if (chance(0.5)) {
          writeDisk(f, f.text);
          diskEvent(f, 2);
        }
        f.open = false;
        f.text = f.disk;
        sent.delete(f.uri);
        client.close(f.uri);
        figures.closes++;
      } else if (closed.length) {
        open(pick(closed));
      }
    }
    await sleep(int(15));
  }
  clearInterval(sampler);
  clearInterval(prober);

  // ---- settle and compare ---------------------------------------------------------

  phase = 'settling after the last step';
  const settleStart = performance.now();
  await request('workspace/symbol', { query: '' }, false); // applies every pending edit
  try {
    await client.waitFor(
      'every open document published at its version',
      () => (openDocs().every(f => client.latest(f.uri)?.version === f.version) ? true : undefined),
      30_000,
    );
  } catch (err) {
    violation(`not settled: ${(err as Error).message.split('\n')[0]}`);
  }
  const publishCount = (): number =>
    [...files.values()].reduce((sum, f) => sum + client.history(f.uri).length, 0);
  // Settled: no publish for 1.5 s. A server that keeps publishing with nothing changing is a violation.
  let last = publishCount();
  for (let quiet = 0; quiet < 3;) {
    if (performance.now() - settleStart > 60_000) {
      violation(`still publishing 60 s after the last step (${publishCount()} publishes in all)`);
      break;
    }
    await sleep(500);
    const now = publishCount();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  const settleMs = performance.now() - settleStart;

  const finalDir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'specwright-soak-final-'));
  for (const f of [...copiedAsIs.values(), ...(stampsFile ? [stampsFile] : [])]) {
    fs.mkdirSync(path.dirname(path.join(finalDir, f.rel)), { recursive: true });
    fs.writeFileSync(path.join(finalDir, f.rel), f.disk);
  }
  for (const f of existing()) {
    fs.mkdirSync(path.dirname(path.join(finalDir, f.rel)), { recursive: true });
    fs.writeFileSync(path.join(finalDir, f.rel), f.text);
  }
  phase = 'running specwright check on the final texts';
  const cli = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'dist', 'cli.js'), 'check', '.', '--format', 'json'],
    { cwd: finalDir, encoding: 'utf8', maxBuffer: 1 << 28, timeout: 120_000, killSignal: 'SIGKILL' },
  );
  if (cli.error) violation(`specwright check: ${cli.error.message} (the final texts are in ${finalDir})`);
  else if (cli.status !== 0 && cli.status !== 1)
    violation(`specwright check exited ${cli.status}: ${cli.stderr}`);
  type CliDiagnostic = {
    file: string;
    range: Diagnostic['range'];
    severity: string;
    code: string;
    message: string;
  };
  const report = JSON.parse(cli.stdout || '{"diagnostics": []}') as { diagnostics: CliDiagnostic[] };
  const severities: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info' };
  const key = (d: { range: Diagnostic['range']; severity: string; code: string; message: string }) =>
    JSON.stringify([
      d.range.start.line,
      d.range.start.character,
      d.range.end.line,
      d.range.end.character,
      d.code,
      d.severity,
      d.message,
    ]);
  let compared = 0;
  let findingsCompared = 0;
  for (const f of files.values()) {
    const published = (client.latest(f.uri)?.diagnostics ?? [])
      .map(d =>
        key({
          range: d.range,
          severity: severities[d.severity ?? 1],
          code: String(d.code),
          message: messageOf(d),
        }),
      )
      .sort();
    if (!f.exists) {
      if (published.length)
        violation(`${f.rel} was deleted but still has ${published.length} published diagnostics`);
      continue;
    }
    const fresh = report.diagnostics
      .filter(d => d.file === f.rel)
      .map(key)
      .sort();
    compared++;
    findingsCompared += fresh.length;
    if (JSON.stringify(published) !== JSON.stringify(fresh)) {
      const missing = fresh.filter(k => !published.includes(k)).slice(0, 2);
      const extra = published.filter(k => !fresh.includes(k)).slice(0, 2);
      violation(
        `${f.rel}${f.open ? ` (open, v${f.version})` : ''}: published ≠ specwright check; only in check: ${missing.join(' ')}; only published: ${extra.join(' ')}`,
      );
    }
  }

  for (const f of files.values()) {
    for (const p of client.history(f.uri)) {
      figures.publishes++;
      const bad = p.diagnostics.find(d => d.code === 'internal-error');
      if (bad) violation(`internal-error published for ${f.rel}: ${messageOf(bad)}`);
    }
  }
  for (const line of client.logs)
    if (/failed|uncaught|unhandled/i.test(line)) violation(`server log: ${line.split('\n')[0]}`);
  if (!client.running) violation('the server is not running at the end');
  phase = 'shutting the server down';
  const exitCode = client.running
    ? await Promise.race([client.shutdown(), sleep(30_000).then(() => 'no answer to shutdown within 30 s')])
    : null;
  if (typeof exitCode === 'string') violation(`the server gave ${exitCode}`);
  else if (exitCode !== 0) violation(`the server exited with ${exitCode} after shutdown`);

  // RSS right after forced full collections (gcProbe.ts, every 5 s): the median of the probes in a window
  // after warm-up against the median of those in the last window of the run (windows of 20 s, or a tenth
  // of the run if longer). Even after a full collection RSS moves by a few per cent from one probe to the
  // next (V8 and malloc keep freed pages for a while), so single probes, or the lowest of a window, could
  // differ by 10 % with no leak; a leak moves the whole window. Passive samples (every 0.5 s), which swing
  // by a third between collections, are printed too.
  const median = (xs: number[]): number => {
    const s = [...xs].sort((a, b) => a - b);
    return !s.length
      ? NaN
      : s.length % 2
        ? s[(s.length - 1) / 2]
        : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  const runMs = deadline - started;
  type Probe = { at: number; rss: number; heapUsed: number };
  const probes: Probe[] = (fs.existsSync(probeFile) ? fs.readFileSync(probeFile, 'utf8') : '')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as Probe)
    .map(p => ({
      ...p,
      at: p.at - startedAt,
      rss: Math.round(p.rss / 1024),
      heapUsed: Math.round(p.heapUsed / 1024),
    }));
  const windowMs = Math.max(20_000, runMs / 10);
  const startProbes = probes.filter(p => p.at >= warmUpMs && p.at < warmUpMs + windowMs);
  const endProbes = probes.filter(p => p.at >= runMs - windowMs && p.at <= runMs + 1_000);
  const rssStart = Math.round(median(startProbes.map(p => p.rss)));
  const rssEnd = Math.round(median(endProbes.map(p => p.rss)));
  const growth = (rssEnd - rssStart) / rssStart;
  if (startProbes.length < 2 || endProbes.length < 2)
    violation(
      `the GC probe answered too seldom (${probes.length} probes; ${startProbes.length} after warm-up, ${endProbes.length} at the end)`,
    );
  else if (!(growth < 0.1))
    violation(
      `RSS after a full collection grew ${(growth * 100).toFixed(1)} % (median ${rssStart} kB after warm-up → ${rssEnd} kB at the end)`,
    );

  // ---- figures -----------------------------------------------------------------------
  const pct = (xs: number[], p: number): string => {
    if (!xs.length) return '-';
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(s.length * p))].toFixed(1);
  };
  const all = [...figures.requests.values()].flat();
  console.log(`soak: ${figures.steps} steps in ${(runMs / 1000).toFixed(0)} s (seed ${seed})`);
  console.log(
    `  edits ${figures.edits} (renames applied ${figures.renamesApplied}, quick fixes applied ${figures.actionsApplied}), disk changes ${figures.diskChanges}, opens ${figures.opens}, closes ${figures.closes}`,
  );
  console.log(
    `  requests ${all.length}: p50 ${pct(all, 0.5)} ms, p95 ${pct(all, 0.95)} ms; cancellations sent ${figures.cancelledSent}, answered RequestCancelled ${figures.cancelledAnswered}`,
  );
  for (const [method, xs] of [...figures.requests].sort())
    console.log(
      `    ${method.padEnd(28)} ${String(xs.length).padStart(6)}  p50 ${pct(xs, 0.5).padStart(6)} ms  p95 ${pct(xs, 0.95).padStart(7)} ms`,
    );
  console.log(
    `  publishes ${figures.publishes}; edit → publish p50 ${pct(figures.publishLatency, 0.5)} ms, p95 ${pct(figures.publishLatency, 0.95)} ms; settled ${settleMs.toFixed(0)} ms after the last step`,
  );
  console.log(
    `  final check: ${compared} files, ${findingsCompared} findings compared with specwright check --format json`,
  );
  const pctOf = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
  const heapStart = Math.round(median(startProbes.map(p => p.heapUsed)));
  const heapEnd = Math.round(median(endProbes.map(p => p.heapUsed)));
  console.log(
    `  RSS after a full collection (median of ${startProbes.length} probes in the ${(windowMs / 1000).toFixed(0)} s after warm-up at ${(warmUpMs / 1000).toFixed(0)} s, of ${endProbes.length} in the last ${(windowMs / 1000).toFixed(0)} s): ` +
      `${rssStart} kB → ${rssEnd} kB: ${pctOf(growth)}; JS heap in use ${heapStart} → ${heapEnd} kB (${pctOf((heapEnd - heapStart) / heapStart)}); ${probes.length} probes in all`,
  );
  const window = (from: number, to: number): number[] =>
    rss.filter(s => s.at >= from && s.at < to).map(s => s.kb);
  console.log(
    `  RSS sampled every 0.5 s: whole run ${Math.min(...rss.map(s => s.kb))}–${Math.max(...rss.map(s => s.kb))} kB; medians of the 10 s after warm-up and of the last 10 s ${median(window(warmUpMs, warmUpMs + 10_000))} → ${median(window(runMs - 10_000, Infinity))} kB`,
  );
  const tenths = Array.from({ length: 10 }, (_, i) =>
    probes.filter(p => p.at >= (runMs * i) / 10 && p.at < (runMs * (i + 1)) / 10).map(p => p.rss),
  );
  console.log(
    `  RSS after a full collection, median by tenth of the run: ${tenths.map(t => (t.length ? `${Math.round(median(t) / 1024)}` : '-')).join(' ')} MB`,
  );
  const heapTenths = Array.from({ length: 10 }, (_, i) =>
    probes.filter(p => p.at >= (runMs * i) / 10 && p.at < (runMs * (i + 1)) / 10).map(p => p.heapUsed),
  );
  console.log(
    `  JS heap in use after a full collection, median by tenth of the run: ${heapTenths.map(t => (t.length ? `${(median(t) / 1024).toFixed(1)}` : '-')).join(' ')} MB`,
  );
  if (violations.length) {
    console.log(`soak: FAILED, ${violations.length} violation(s):`);
    for (const v of violations) console.log(`  - ${v}`);
  } else {
    console.log(
      'soak: passed (no crash, no request error, published == specwright check, RSS growth under 10 %)',
    );
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(finalDir, { recursive: true, force: true });
    fs.rmSync(probeFile, { force: true });
  }
  client.dispose();
  return violations.length ? 1 : 0;
}

main().then(
  code => process.exit(code),
  err => {
    console.error(err);
    process.exit(1);
  },
);
