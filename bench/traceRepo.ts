import * as fs from 'fs';
import * as path from 'path';
import type { ExpectedFinding, GeneratedWorkspace } from './generate';
import { LineFiles } from './lineFiles';
import { Rng } from './prng';

/**
 * A generated code repository next to a generated spec workspace (format
 * 1.1): source and test files with `@implements` / `@verifies` references,
 * some to IDs no item has, and JUnit results of test cases that name
 * requirements, a few failing. Deterministic for a seed. What it injects is
 * returned as findings (file, code, line), so the bench times an answer only
 * once it is exactly right.
 *
 * Every requirement is named by at least one test case that runs (not
 * skipped) when there are enough cases, so no `unverified` finding appears
 * and the expected set is exact; with fewer cases than requirements it is not
 * (`exact` false) and the bench says so.
 */

export interface TraceRepoOptions {
  /** Source files under src/ and test/ together (a tenth of them tests). */
  sourceFiles: number;
  /** Their total size, about. */
  bytes: number;
  /** `@implements` / `@verifies` references, about (a fifth of them in tests). */
  references: number;
  /** References to an ID no item has (each an `unresolved-link`). */
  unknown: number;
  /** JUnit test cases, over `resultFiles` files. */
  testCases: number;
  resultFiles: number;
  /** Test cases that fail (`<failure>`) and that end in an error (`<error>`); each names its own requirement. */
  failing: number;
  errors: number;
  /** Test cases skipped (their requirement is named by another case too). */
  skipped: number;
  seed: number;
}

export const defaultTraceRepo: Omit<TraceRepoOptions, 'seed'> = {
  sourceFiles: 10_000,
  bytes: 30_000_000,
  references: 3_000,
  unknown: 30,
  testCases: 2_000,
  resultFiles: 4,
  failing: 20,
  errors: 5,
  skipped: 20,
};

export interface TraceRepo {
  /** Code and test files, relative to the root. */
  sources: string[];
  /** JUnit files, relative to the root. */
  results: string[];
  sourceBytes: number;
  resultBytes: number;
  references: number;
  testCases: number;
  /** The spec workspace's injected findings plus the trace findings: what `check` must report. */
  expected: ExpectedFinding[];
  /** False when the test cases could not name every requirement (then `unverified` findings are not predicted). */
  exact: boolean;
  /** Code files the edit measurements change (each holds a reference already). */
  editFiles: string[];
  /** A results file and one passing case in it whose requirement has no other failing case (the results edit). */
  resultsEdit: { file: string; passing: string; failing: string; id: string; idFile: string; idLine: number };
}

const codeLines = [
  'export function total(items: readonly Line[]): number {',
  '  return items.reduce((sum, l) => sum + l.price * l.quantity, 0);',
  '}',
  'const cache = new Map<string, Promise<Response>>();',
  'if (!order.slot) throw new Error(`order ${order.id} has no delivery slot`);',
  '  for (const item of basket.items) if (item.outOfStock) flagged.push(item.sku);',
  'export interface Line { sku: string; price: number; quantity: number }',
  '  const retries = options.retries ?? 3; // the payment provider is flaky at peak hours',
  'export async function load(id: string): Promise<Order | undefined> {',
  '  const row = await db.query("select * from orders where id = $1", [id]);',
  '  return row ? toOrder(row) : undefined;',
  '/** Slots fill up while the shopper looks at them: re-read before holding one. */',
  '  logger.info({ order: order.id, slot: slot.id }, "slot held for 15 minutes");',
  '  emails.send(template("confirmation", { order, locale: shopper.locale }));',
  'type Preference = { kind: "none" } | { kind: "pickers-choice" } | { kind: "product"; sku: string };',
  '  return weighed > ordered * 1.2 ? "confirm-again" : "ok";',
];

const testLines = [
  "describe('checkout', () => {",
  "  it('charges the saved card without asking for the number', async () => {",
  '    const result = await pay(basketOf(3), savedCard);',
  "    assert.deepEqual(result, { paid: true, by: 'card' });",
  '  });',
  "  it('keeps the basket when the wallet declines', async () => {",
  '    assert.equal((await basket.reload()).items.length, 3);',
  '});',
];

/** Write the repository into `ws.root` (next to its spec files), with the `.specwright.yaml` that names it. */
export function generateTraceRepo(ws: GeneratedWorkspace, options: TraceRepoOptions): TraceRepo {
  const rng = new Rng(options.seed * 104729 + options.sourceFiles);
  const root = ws.root;
  // Requirement IDs with their one definition (an ID defined twice is a duplicate-id the spec
  // workspace injects; a PRD of the wrong kind holds no requirements): code refers only to these.
  const defs = new Map<string, { file: string; line: number; n: number }>();
  for (const d of ws.definitions) {
    if (!d.id) continue;
    const seen = defs.get(d.id);
    defs.set(d.id, { file: d.file, line: d.line, n: (seen?.n ?? 0) + 1 });
  }
  const wrongKind = new Set(ws.expected.filter(e => e.code === 'kind-mismatch').map(e => e.file));
  const allIds = [...defs.keys()];
  const safeIds = allIds.filter(id => defs.get(id)!.n === 1 && !wrongKind.has(defs.get(id)!.file));

  fs.writeFileSync(
    path.join(root, '.specwright.yaml'),
    [
      '# Generated by bench/traceRepo.ts: the code, tests and results of format 1.1.',
      'trace:',
      '  code: ["src/**/*.ts"]',
      '  tests: ["test/**/*.ts"]',
      '  results: ["reports/*.xml"]',
      '',
    ].join('\n'),
  );

  // ---- source and test files ---------------------------------------------------------
  const nTests = Math.round(options.sourceFiles / 10);
  const nCode = options.sourceFiles - nTests;
  const perFile = options.bytes / options.sourceFiles;
  const sources: string[] = [];
  const expected: ExpectedFinding[] = [...ws.expected];
  // Which files get a reference line, and whether it names an unknown ID.
  const refFiles = rng.sample(
    Array.from({ length: options.sourceFiles }, (_, i) => i),
    Math.round(options.references / 1.5),
  );
  const refAt = new Set(refFiles);
  const unknownAt = new Set(rng.sample(refFiles, options.unknown));
  let references = 0;
  const writer = new LineFiles(root);
  const editFiles: string[] = [];
  for (let i = 0; i < options.sourceFiles; i++) {
    const isTest = i >= nCode;
    const rel = isTest
      ? `test/suite${String(Math.floor((i - nCode) / 50)).padStart(3, '0')}/case${i - nCode}.test.ts`
      : `src/module${String(Math.floor(i / 100)).padStart(3, '0')}/part${i}.ts`;
    const pool = isTest ? testLines : codeLines;
    const lines: string[] = [`// ${rel}: generated for the Specwright benchmark`];
    let size = lines[0].length + 1;
    let refLine = -1;
    if (refAt.has(i)) refLine = rng.int(1, 20);
    while (size < perFile || lines.length <= refLine) {
      if (lines.length === refLine) {
        const tag = isTest ? '@verifies' : '@implements';
        // One ID, or two (a comma list), now and then an acceptance criterion: ~1.5 per line.
        const ids: string[] = [];
        const count = rng.chance(0.5) ? 2 : 1;
        for (let k = 0; k < count; k++) {
          const id = rng.pick(safeIds);
          ids.push(rng.chance(0.1) ? `${id}#1` : id);
        }
        let text = `  // ${tag} ${ids.join(', ')}`;
        if (unknownAt.has(i)) {
          text = `  // ${tag} GONE-${i}`;
          expected.push({ file: rel, code: 'unresolved-link', line: lines.length });
          references += 1;
        } else references += ids.length;
        lines.push(text);
        if (!isTest && !unknownAt.has(i) && editFiles.length < 200) editFiles.push(rel);
      } else lines.push(rng.pick(pool));
      size += lines[lines.length - 1].length + 1;
    }
    writer.write(rel, lines);
    sources.push(rel);
  }

  // ---- JUnit results -----------------------------------------------------------------
  // Case k names allIds[k % n]: every requirement is named once before any is named twice.
  const exact = options.testCases >= allIds.length + options.skipped;
  const failingIds = new Set(rng.sample(safeIds, options.failing + options.errors));
  const failingList = [...failingIds];
  const outcomeOf = new Map<number, 'failure' | 'error' | 'skipped'>();
  // The first case that names each failing ID fails (or ends in an error).
  failingList.forEach((id, j) => {
    const k = allIds.indexOf(id);
    if (k >= 0 && k < options.testCases) outcomeOf.set(k, j < options.failing ? 'failure' : 'error');
  });
  // Skipped: cases past the first round, whose requirement a first-round case already names.
  for (let k = allIds.length, s = 0; k < options.testCases && s < options.skipped; k += 7, s++)
    if (!outcomeOf.has(k)) outcomeOf.set(k, 'skipped');
  for (const id of failingIds) {
    const k = allIds.indexOf(id);
    if (k < 0 || k >= options.testCases) continue;
    const d = defs.get(id)!;
    expected.push({ file: d.file, code: 'failing-test', line: d.line });
  }
  fs.mkdirSync(path.join(root, 'reports'), { recursive: true });
  const results: string[] = [];
  let resultBytes = 0;
  const perResults = Math.ceil(options.testCases / options.resultFiles);
  let resultsEdit: TraceRepo['resultsEdit'] | undefined;
  for (let r = 0; r < options.resultFiles; r++) {
    const rel = `reports/junit-${r + 1}.xml`;
    const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="bench">'];
    for (let k = r * perResults; k < Math.min(options.testCases, (r + 1) * perResults); k++) {
      if (k % 25 === 0 || k === r * perResults) {
        if (k !== r * perResults) out.push('  </testsuite>');
        out.push(`  <testsuite name="suite ${Math.floor(k / 25)}" tests="25">`);
      }
      const id = allIds[k % allIds.length];
      const name = `[${id}] behaves as its acceptance criteria say (case ${k})`;
      const outcome = outcomeOf.get(k);
      const open = `    <testcase classname="bench.suite${Math.floor(k / 25)}" name="${name}" time="0.004"`;
      if (!outcome) out.push(`${open}/>`);
      else if (outcome === 'skipped') out.push(`${open}><skipped/></testcase>`);
      else
        out.push(
          `${open}><${outcome} message="expected 3, got 2">AssertionError at case ${k}</${outcome}></testcase>`,
        );
      if (!resultsEdit && !outcome && k < allIds.length && safeIds.includes(id) && !failingIds.has(id)) {
        const d = defs.get(id)!;
        resultsEdit = {
          file: rel,
          passing: `${open}/>`,
          failing: `${open}><failure message="edited">edited</failure></testcase>`,
          id,
          idFile: d.file,
          idLine: d.line,
        };
      }
    }
    out.push('  </testsuite>', '</testsuites>', '');
    const text = out.join('\n');
    resultBytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(root, rel), text);
    results.push(rel);
  }
  if (!resultsEdit) throw new Error('no passing test case to edit in the generated results');
  return {
    sources,
    results,
    sourceBytes: writer.bytes,
    resultBytes,
    references,
    testCases: options.testCases,
    expected,
    exact,
    editFiles,
    resultsEdit,
  };
}
