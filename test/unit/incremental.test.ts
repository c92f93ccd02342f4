/**
 * Incremental updates give exactly what a full rebuild gives. A random small
 * workspace (every kind of file, IDs from a small pool so links sometimes
 * resolve and sometimes not, with duplicates, cycles, statuses, priorities
 * and dates) goes through a random sequence of edits, deletes, creates,
 * renames, batches and open/close (one document or several at once, with the
 * text the service holds or another), and with a `trace:` configuration code,
 * test and JUnit results files edited, opened, closed, created and deleted;
 * after every step each file's diagnostics
 * must deep-equal those of a fresh SpecService given the same files at once,
 * and `apply` must have returned every URI whose diagnostics changed.
 */
import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { planReview } from '../../server/src/core/reviews/review';
import { SpecService, type FileChange } from '../../server/src/core/service';
import type { TraceFileChange } from '../../server/src/core/refs/traceStore';
import type { Diagnostic } from '../../server/src/core/types';
import type { IWorkspace } from '../../server/src/core/workspace';
import { lines, workspace } from './helpers';

// ---- the pools ----------------------------------------------------------------

const ids = {
  vision: ['V-1', 'V-2'],
  goal: ['G-1', 'G-2'],
  persona: ['P-1', 'P-2'],
  roadmap: ['RM-1'],
  release: ['R-1', 'R-2'],
  epic: ['EPIC-1', 'EPIC-2'],
  prd: ['PRD-1', 'PRD-2'],
  requirement: ['REQ-1', 'REQ-2', 'REQ-3'],
  iteration: ['IT-1', 'IT-2'],
  story: ['ST-1', 'ST-2', 'ST-3'],
};
const everyId = [...Object.values(ids).flat(), 'X-404'];

const uris = {
  vision: ['file:///w/product.vision.yaml', 'file:///w/old/product.vision.yml'],
  roadmap: ['file:///w/product.roadmap.yaml', 'file:///w/plan/next.roadmap.yaml'],
  epic: [
    'file:///w/epics/a.epic.yaml',
    'file:///w/epics/b.epic.yaml',
    'file:///w/epics/c.epic.yml',
    'file:///w/d.epic.yaml',
  ],
  prd: [
    'file:///w/prds/a.prd.yaml',
    'file:///w/prds/b.prd.yaml',
    'file:///w/prds/c.prd.yaml',
    'file:///w/e.prd.yaml',
  ],
  stories: [
    'file:///w/it/1.stories.yaml',
    'file:///w/it/2.stories.yaml',
    'file:///w/it/3.stories.yaml',
    'file:///w/backlog.stories.yaml',
  ],
};
type Kind = keyof typeof uris;
const kinds = Object.keys(uris) as Kind[];
const everyUri = kinds.flatMap(k => uris[k]);
const kindOf = (uri: string): Kind => kinds.find(k => uris[k].includes(uri))!;

// ---- documents -------------------------------------------------------------------

/** Present three times out of four. */
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 4 });
// Weighted towards the values that make checks fire (done parents, must requirements, dates).
const status = maybe(
  fc.constantFrom('done', 'done', 'in-progress', 'approved', 'draft', 'review', 'cancelled'),
);
const priority = maybe(fc.constantFrom('must', 'must', 'wont', 'could', 'should'));
const date = fc.option(fc.constantFrom('2025-01-01', '2025-03-31', '2025-06-30', '2025-12-31'), {
  nil: undefined,
  freq: 5,
});
const title = fc.constantFrom('Alpha', 'Beta', 'Gamma');
/** A link: usually an ID of the right kind, sometimes any ID (wrong kind or unknown). */
const link = (pool: string[]) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pool) },
    { weight: 1, arbitrary: fc.constantFrom(...everyId) },
  );
const linkList = (pool: string[]) => maybe(fc.array(link(pool), { maxLength: 2, size: 'max' }));
const criteria = maybe(fc.constantFrom<string[]>([], ['It works']));

type Fields = Record<string, string | string[] | undefined>;

/** Render `key: value` lines; lists in flow style, undefined fields left out. */
function render(fields: Fields, indent: string, first: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const text = Array.isArray(v) ? `[${v.join(', ')}]` : v;
    out.push(`${out.length === 0 ? first : indent}${k}: ${text}`);
  }
  return out;
}
const renderList = (key: string, items: Fields[]) =>
  items.length === 0 ? [`${key}: []`] : [`${key}:`, ...items.flatMap(i => render(i, '    ', '  - '))];

const vision = fc
  .record({
    id: fc.constantFrom(...ids.vision),
    product: title,
    statement: title,
    status,
    goals: fc.array(fc.record({ id: fc.constantFrom(...ids.goal), title }), { maxLength: 2, size: 'max' }),
    personas: fc.array(fc.record({ id: fc.constantFrom(...ids.persona), name: title }), {
      maxLength: 2,
      size: 'max',
    }),
  })
  .map(({ goals, personas, ...top }) => [
    ...render(top, '', ''),
    ...renderList('goals', goals),
    ...renderList('personas', personas),
  ]);

const roadmap = fc
  .record({
    id: fc.constantFrom(...ids.roadmap),
    title,
    status,
    releases: fc.array(
      fc.record({
        id: fc.constantFrom(...ids.release),
        title,
        horizon: fc.constantFrom('now', 'next', 'later'),
        status,
        start: date,
        end: date,
        goals: linkList(ids.goal),
      }),
      { maxLength: 3, size: 'max' },
    ),
  })
  .map(({ releases, ...top }) => [...render(top, '', ''), ...renderList('releases', releases)]);

const epic = fc
  .record({
    id: fc.constantFrom(...ids.epic),
    title,
    status,
    priority,
    release: maybe(link(ids.release)),
    goals: linkList(ids.goal),
    depends_on: linkList(ids.epic),
  })
  .map(top => render(top, '', ''));

const prd = fc
  .record({
    id: fc.constantFrom(...ids.prd),
    title,
    status,
    epic: maybe(link(ids.epic)),
    personas: linkList(ids.persona),
    requirements: fc.array(
      fc.record({
        id: fc.constantFrom(...ids.requirement),
        title,
        statement: title,
        priority,
        status,
        acceptance_criteria: criteria,
        depends_on: linkList(ids.requirement),
        related: linkList(everyId),
      }),
      { maxLength: 3, size: 'max' },
    ),
  })
  .map(({ requirements, ...top }) => [...render(top, '', ''), ...renderList('requirements', requirements)]);

const stories = fc
  .record({
    id: fc.constantFrom(...ids.iteration),
    title,
    status,
    start: date,
    end: date,
    release: maybe(link(ids.release)),
    stories: fc.array(
      fc.record({
        id: fc.constantFrom(...ids.story),
        title,
        as_a: maybe(link(ids.persona)),
        implements: linkList(ids.requirement),
        status,
        acceptance_criteria: criteria,
        depends_on: linkList(ids.story),
      }),
      { maxLength: 3, size: 'max' },
    ),
  })
  .map(({ stories: list, ...top }) => [...render(top, '', ''), ...renderList('stories', list)]);

const bodies: Record<Kind, fc.Arbitrary<string[]>> = { vision, roadmap, epic, prd, stories };

/** A document of a kind, sometimes damaged: a syntax error, a wrong `kind:`, or not a mapping at all. */
const documentOf = (kind: Kind): fc.Arbitrary<string> =>
  fc
    .tuple(
      bodies[kind],
      fc.constantFrom(...Array<'ok'>(12).fill('ok'), 'syntax', 'syntax', 'kind', 'list', 'empty'),
    )
    .map(([body, damage]) => {
      switch (damage) {
        case 'syntax':
          return lines(...body.slice(0, 2), 'broken: [', ...body.slice(2));
        case 'kind':
          return lines('kind: epic', ...body);
        case 'list':
          return lines('- id: EPIC-1');
        case 'empty':
          return '';
        default:
          return lines(...body);
      }
    });

const uriAndDoc = fc
  .constantFrom(...everyUri)
  .chain(uri => documentOf(kindOf(uri)).map(text => ({ uri, text })));
/** A document for the URI, or of any kind at all (the suffix decides what it means). */
const textFor = (uri: string) =>
  fc.oneof(
    { weight: 4, arbitrary: documentOf(kindOf(uri)) },
    { weight: 1, arbitrary: fc.constantFrom(...kinds).chain(documentOf) },
  );

/** 5–15 files; the main roadmap is always there at first (without releases little else can fire). */
const initialFiles = fc
  .tuple(roadmap, fc.uniqueArray(uriAndDoc, { minLength: 4, maxLength: 14, selector: f => f.uri }))
  .map(([main, rest]) => [
    { uri: uris.roadmap[0], text: lines(...main) },
    ...rest.filter(f => f.uri !== uris.roadmap[0]),
  ]);

/**
 * A denser workspace for the cross-file checks a random one rarely triggers
 * (schedule-conflict, priority-inversion, roll-ups across files): a roadmap
 * with both releases, epics in releases depending on each other, PRDs whose
 * requirements depend on each other across files, and stories implementing them.
 */
const pick = <T>(pool: T[]) => fc.constantFrom(...pool);
const some = (pool: string[]) => fc.subarray(pool, { maxLength: 2 });
const denseFiles = fc
  .record({
    releases: fc.tuple(date, date, status, status),
    epics: fc.array(
      fc.record({
        id: pick(ids.epic.concat('EPIC-3')),
        title,
        status,
        release: pick(ids.release),
        depends_on: some(ids.epic.concat('EPIC-3')),
      }),
      { minLength: 2, maxLength: 4 },
    ),
    prds: fc.array(
      fc.record({
        id: pick(ids.prd),
        title,
        status,
        epic: pick(ids.epic),
        requirements: fc.array(
          fc.record({
            id: pick(ids.requirement.concat('REQ-4')),
            title,
            statement: title,
            priority: pick(['must', 'must', 'could', 'wont', 'should']),
            status,
            acceptance_criteria: criteria,
            depends_on: some(ids.requirement.concat('REQ-4')),
          }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    stories: fc.array(
      fc.record({ id: pick(ids.story), title, implements: some(ids.requirement.concat('REQ-4')), status }),
      { maxLength: 3 },
    ),
  })
  .map(({ releases: [end1, end2, s1, s2], epics, prds, stories: st }) => {
    const out = [
      {
        uri: uris.roadmap[0],
        text: lines(
          'id: RM-1',
          'title: R',
          'releases:',
          ...render({ id: 'R-1', title: 'One', horizon: 'now', status: s1, end: end1 }, '    ', '  - '),
          ...render({ id: 'R-2', title: 'Two', horizon: 'next', status: s2, end: end2 }, '    ', '  - '),
        ),
      },
    ];
    epics.forEach((e, i) => out.push({ uri: uris.epic[i], text: lines(...render(e, '', '')) }));
    prds.forEach(({ requirements, ...top }, i) =>
      out.push({
        uri: uris.prd[i],
        text: lines(...render(top, '', ''), ...renderList('requirements', requirements)),
      }),
    );
    out.push({ uri: uris.stories[0], text: lines('id: IT-1', 'title: S', ...renderList('stories', st)) });
    return out;
  });

// ---- operations --------------------------------------------------------------------

type Op =
  | { op: 'edit'; uri: string; text: string }
  | { op: 'delete'; uri: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'batch'; changes: ({ uri: string; text: string } | { uri: string; deleted: true })[] }
  | { op: 'tweak'; file: number; what: keyof typeof tweaks; n: number; pick: number }
  | { op: 'open'; uri: string; text?: string }
  | { op: 'openMany'; docs: { uri: string; text?: string }[]; version: number }
  | { op: 'close'; uri: string }
  | { op: 'openSource'; uri: string; text: string }
  | { op: 'closeSource'; uri: string }
  | { op: 'stamps'; mode: 'all' | 'half' | 'stale' | 'broken' | 'none' };

const anyUri = fc.constantFrom(...everyUri);
const edit = anyUri.chain(uri => textFor(uri).map((text): Op => ({ op: 'edit', uri, text })));
const del = anyUri.map((uri): Op => ({ op: 'delete', uri }));
const rename = fc.tuple(anyUri, anyUri).map(([from, to]): Op => ({ op: 'rename', from, to }));
const batch = fc
  .array(
    fc.oneof(
      anyUri.chain(uri => textFor(uri).map(text => ({ uri, text }))),
      anyUri.map(uri => ({ uri, deleted: true as const })),
    ),
    { minLength: 2, maxLength: 4 },
  )
  .map((changes): Op => ({ op: 'batch', changes }));
/**
 * Small edits: one value changed in place, or a line inserted after a title or
 * status (which moves the ranges of the fields below it but not the item's id). Whole
 * regenerated documents almost always change many facts at once; these change
 * exactly one, which is what catches a fact the invalidation forgets.
 */
const tweaks = {
  status: {
    find: /(status: )([\w-]+)/g,
    values: ['draft', 'review', 'approved', 'in-progress', 'done', 'cancelled'],
  },
  // must ↔ wont keeps the value's range: only the value itself tells the change.
  priority: { find: /(priority: )(\w+)/g, values: ['must', 'wont', 'must', 'wont', 'should', 'could'] },
  date: {
    find: /((?:start|end): )([\d-]+)/g,
    values: ['2025-01-01', '2025-03-31', '2025-06-30', '2025-12-31'],
  },
  id: { find: /([\s[,]|id: )([A-Z]+-\d+)/g, values: everyId },
  title: { find: /(title: )(\w+)/g, values: ['Alpha', 'Beta', 'Gamma'] },
  pad: {
    find: /^([ ]*)((?:title|status): [\w-]+)$/gm,
    values: ['owner: Bob', 'x-note: 1', 'description: Text'],
  },
};
function tweak(text: string, what: keyof typeof tweaks, n: number, pick: number): string {
  const { find, values } = tweaks[what];
  const matches = [...text.matchAll(find)];
  if (matches.length === 0) return text;
  const m = matches[n % matches.length];
  const value = values[pick % values.length];
  const replacement =
    what === 'pad' ? `${m[1]}${m[2]}\n${m[1].replace('- ', '  ')}${value}` : `${m[1]}${value}`;
  return text.slice(0, m.index) + replacement + text.slice(m.index + m[0].length);
}
type TweakKind = keyof typeof tweaks;
/** A tweak of the file-th existing file (in URI order). */
const tweakOf = (...what: TweakKind[]) =>
  fc.record({
    op: fc.constant('tweak' as const),
    file: fc.nat(30),
    what: fc.constantFrom(...what),
    n: fc.nat(20),
    pick: fc.nat(20),
  });
const tweakOp = tweakOf(...(Object.keys(tweaks) as TweakKind[]));
const open = fc
  .tuple(anyUri, fc.boolean())
  .chain(([uri, same]) =>
    same ? fc.constant<Op>({ op: 'open', uri }) : textFor(uri).map((text): Op => ({ op: 'open', uri, text })),
  );
/** Several documents opened in one batch (an editor restoring its tabs), mostly with the text the service holds. */
const openMany = fc
  .record({
    docs: fc.uniqueArray(
      fc
        .tuple(anyUri, fc.nat(3))
        .chain(([uri, n]) => (n > 0 ? fc.constant({ uri }) : textFor(uri).map(text => ({ uri, text })))),
      { minLength: 2, maxLength: 6, selector: d => d.uri },
    ),
    version: fc.nat(3),
  })
  .map((o): Op => ({ op: 'openMany', ...o }));
const close = anyUri.map((uri): Op => ({ op: 'close', uri }));
const operation = fc.oneof(
  { weight: 4, arbitrary: edit },
  { weight: 6, arbitrary: tweakOp },
  { weight: 2, arbitrary: del },
  { weight: 2, arbitrary: rename },
  { weight: 2, arbitrary: batch },
  { weight: 1, arbitrary: open },
  { weight: 2, arbitrary: openMany },
  { weight: 1, arbitrary: close },
);
/** Mostly one-fact tweaks, for the dense workspace. */
const smallOperation = fc.oneof(
  { weight: 10, arbitrary: tweakOf('date', 'date', 'status', 'status', 'priority', 'priority', 'id', 'pad') },
  { weight: 1, arbitrary: del },
  { weight: 1, arbitrary: rename },
  { weight: 1, arbitrary: batch },
  { weight: 1, arbitrary: openMany },
);

/**
 * The review stamps file (the model keeps its text under its URI, which the
 * service's `apply` ignores: it is set with `setReviews`). Stamps of every
 * link, of every other link, of content that has changed since, with lines
 * that are not stamps, or no file at all.
 */
const ROOT = 'file:///w';
const REVIEWS = 'file:///w/specwright.reviews';
const stampsOp = fc
  .constantFrom('all', 'half', 'stale', 'broken', 'none')
  .map((mode): Op => ({ op: 'stamps', mode }));
const withStamps = fc.oneof({ weight: 8, arbitrary: operation }, { weight: 2, arbitrary: stampsOp });

/** The text of the stamps file that the `stamps` operation writes, from what the service holds now. */
function stampsText(s: SpecService, mode: 'all' | 'half' | 'stale' | 'broken'): string {
  const text = planReview(s.reviewableLinks(ROOT), [], { all: true }, item =>
    s.contentPrint(item, ROOT),
  ).text;
  const stamps = text.split('\n').filter(l => l && !l.startsWith('#'));
  switch (mode) {
    case 'all':
      return text;
    case 'half':
      return stamps.filter((_, i) => i % 2 === 0).join('\n');
    // Every other stamp of other content: a title that differs.
    case 'stale':
      return stamps.map((l, i) => (i % 2 ? l.replace(/ [0-9a-f]{8}/, ' 00000000') : l)).join('\n');
    case 'broken':
      return ['<<<<<<< HEAD', ...stamps, '=======', 'ST-1 implements', '>>>>>>> b'].join('\n');
  }
}

// ---- code, test and results files (format 1.1) -----------------------------------------

/**
 * A workspace whose `.specwright.yaml` names code (src/), tests (test/) and
 * JUnit results (reports/): references to IDs of the pools (unknown ones,
 * acceptance criteria among them), and results that name the same tests in
 * two files at times that sometimes tie, each outcome possible.
 */
const CONFIG = 'file:///w/.specwright.yaml';
const configText = lines('trace:', '  code: [src/**]', '  tests: [test/**]', '  results: [reports/*.xml]');
const traceUris = {
  code: ['file:///w/src/a.ts', 'file:///w/src/b.py'],
  tests: ['file:///w/test/t.ts'],
  results: ['file:///w/reports/a.xml', 'file:///w/reports/b.xml'],
};
const everyTraceUri = [...traceUris.code, ...traceUris.tests, ...traceUris.results];
const roleOf = (uri: string): 'code' | 'tests' | 'results' | undefined =>
  uri.includes('/reports/')
    ? 'results'
    : uri.includes('/test/')
      ? 'tests'
      : uri.includes('/src/')
        ? 'code'
        : undefined;
/** What the service needs of a workspace to tell an opened file's role. */
const traceWorkspace: IWorkspace = {
  listSpecFiles: () => Promise.resolve([]),
  readFile: () => Promise.resolve(undefined),
  traceMatcher: () => rel => roleOf(`file:///w/${rel}`),
};

const refId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ids.requirement, ...ids.story) },
  { weight: 1, arbitrary: fc.constantFrom(...everyId) },
);
const refText = fc
  .tuple(refId, fc.option(fc.constantFrom(1, 2), { nil: undefined, freq: 3 }))
  .map(([id, ac]) => (ac === undefined ? id : `${id}#${ac}`));
const sourceText = fc
  .array(
    fc.tuple(
      fc.constantFrom('// @implements', '# @verifies', ' * @implements:', 'no tag'),
      fc.array(refText, { minLength: 1, maxLength: 3 }),
    ),
    { maxLength: 4 },
  )
  .map(refs => lines(...refs.map(([tag, list]) => `${tag} ${list.join(', ')}`), 'code();'));
const testCaseText = fc
  .record({
    name: fc.constantFrom('a', 'b', 'c'),
    ids: fc.array(refText, { maxLength: 2 }),
    property: fc.boolean(),
    outcome: fc.constantFrom('', '', '<failure/>', '<error message="x"/>', '<skipped/>'),
  })
  .map(({ name, ids: named, property, outcome }) =>
    property && named.length
      ? `<testcase classname="k" name="${name}"><properties><property name="verifies" value="${named.join(', ')}"/></properties>${outcome}</testcase>`
      : `<testcase classname="k" name="${name} [${named.join(', ')}]">${outcome}</testcase>`,
  );
const resultsText = fc
  .tuple(
    fc.constantFrom(1, 2, 2, 3),
    fc.array(testCaseText, { maxLength: 3 }),
    fc.constantFrom(...Array<boolean>(6).fill(false), true),
  )
  .map(([time, cases, broken]) =>
    broken
      ? `<testsuite name="s" timestamp="${time}">${cases.join('')}`
      : `<testsuites><testsuite name="s" timestamp="${time}">${cases.join('')}</testsuite></testsuites>`,
  );
/** The results file's time, as the disk would give it: written into the file, so the model needs no other state. */
const mtimeOf = (text: string): number => Number(/timestamp="(\d+)"/.exec(text)?.[1] ?? 0);
const traceTextFor = (uri: string) => (roleOf(uri) === 'results' ? resultsText : sourceText);

/** A trace file's change as the server hands it to the core (read from disk). */
function traceChange(uri: string, text: string | undefined): TraceFileChange {
  const role = roleOf(uri)!;
  if (text === undefined) return { uri, deleted: true };
  const bytes = new TextEncoder().encode(text);
  return role === 'results' ? { uri, role, bytes, mtime: mtimeOf(text) } : { uri, role, bytes };
}

const anyTraceUri = fc.constantFrom(...everyTraceUri);
const anySourceUri = fc.constantFrom(...traceUris.code, ...traceUris.tests);
const traceEdit = anyTraceUri.chain(uri => traceTextFor(uri).map((text): Op => ({ op: 'edit', uri, text })));
const traceDelete = anyTraceUri.map((uri): Op => ({ op: 'delete', uri }));
const traceBatch = fc
  .array(
    fc.oneof(
      anyTraceUri.chain(uri => traceTextFor(uri).map(text => ({ uri, text }))),
      anyTraceUri.map(uri => ({ uri, deleted: true as const })),
      anyUri.map(uri => ({ uri, deleted: true as const })),
    ),
    { minLength: 2, maxLength: 4 },
  )
  .map((changes): Op => ({ op: 'batch', changes }));
const sourceOpen = anySourceUri.chain(uri => sourceText.map((text): Op => ({ op: 'openSource', uri, text })));
const sourceClose = anySourceUri.map((uri): Op => ({ op: 'closeSource', uri }));
const traceOperation = fc.oneof(
  { weight: 4, arbitrary: operation },
  { weight: 4, arbitrary: traceEdit },
  { weight: 1, arbitrary: traceDelete },
  { weight: 1, arbitrary: traceBatch },
  { weight: 2, arbitrary: sourceOpen },
  { weight: 1, arbitrary: sourceClose },
  // An ID changed in place in a code or results file (the tweak picks among every file).
  { weight: 2, arbitrary: tweakOf('id') },
);
const traceFiles = fc
  .tuple(initialFiles, fc.uniqueArray(anyTraceUri, { minLength: 1, maxLength: 5 }))
  .chain(([specs, uris]) =>
    fc
      .tuple(...uris.map(uri => traceTextFor(uri).map(text => ({ uri, text }))))
      .map(traces => [...specs, { uri: CONFIG, text: configText }, ...traces]),
  );
/** The codes the trace runs' rebuilds reported. */
const traceCodesSeen = new Set<string>();

// ---- the model -----------------------------------------------------------------------

function fresh(files: ReadonlyMap<string, string>, reverse = false): SpecService {
  const s = new SpecService(traceWorkspace);
  const entries = [...files]
    .filter(([uri]) => uri !== REVIEWS && uri !== CONFIG && !roleOf(uri))
    .sort(([a], [b]) => (a < b ? -1 : 1));
  if (reverse) entries.reverse();
  if (files.has(CONFIG)) s.setConfig(ROOT, files.get(CONFIG));
  if (files.has(REVIEWS)) s.setReviews(ROOT, files.get(REVIEWS));
  s.apply(entries.map(([uri, text]) => ({ uri, text })));
  const traces = [...files].filter(([uri]) => roleOf(uri)).map(([uri, text]) => traceChange(uri, text));
  if (traces.length) s.applyTrace(traces);
  return s;
}

/** The codes the rebuilds reported (to show that the stamps runs reach suspect-link and unreviewed-link). */
const reviewCodesSeen = new Set<string>();

/** Every spec file, the stamps file, and the code, test and results files. */
const checkedUris = [...everyUri, REVIEWS, ...everyTraceUri];

function snapshot(s: SpecService): Map<string, Diagnostic[]> {
  return new Map(checkedUris.map(uri => [uri, s.diagnostics(uri)]));
}

/** Apply one operation to the service and to the model; returns what the service said it affected. */
function perform(s: SpecService, files: Map<string, string>, op: Op): Set<string> | undefined {
  const applyBoth = (changes: FileChange[]) => {
    for (const c of changes) {
      if ('deleted' in c) files.delete(c.uri);
      else if ('text' in c) files.set(c.uri, c.text);
    }
    // A tweak can pick the stamps file (an ID in it changes): that is the service's setReviews.
    const stamps = changes.filter(c => c.uri === REVIEWS);
    // Code, test and results files go to applyTrace, as the server's disk events do.
    const traces = changes.filter(c => roleOf(c.uri));
    const affected = s.apply(changes.filter(c => c.uri !== REVIEWS && !roleOf(c.uri)));
    for (const c of stamps)
      for (const uri of s.setReviews(ROOT, 'text' in c ? c.text : undefined)) affected.add(uri);
    // An open code or test file: a new text is typed into its buffer; deleted, its tab is closed too.
    for (const c of traces) {
      const open = roleOf(c.uri) !== 'results' && s.sourceText(c.uri) !== undefined;
      const next =
        open && 'text' in c
          ? s.openSourceDocuments([{ uri: c.uri, text: c.text, version: 2 }])
          : (open && s.closeSourceDocument(c.uri),
            s.applyTrace([traceChange(c.uri, 'text' in c ? c.text : undefined)]));
      for (const uri of next) affected.add(uri);
    }
    return affected;
  };
  switch (op.op) {
    case 'edit':
      return applyBoth([{ uri: op.uri, text: op.text }]);
    case 'delete':
      return applyBoth([{ uri: op.uri, deleted: true }]);
    case 'rename': {
      const text = files.get(op.from);
      if (text === undefined || op.from === op.to) return applyBoth([{ uri: op.to, deleted: true }]);
      return applyBoth([
        { uri: op.from, deleted: true },
        { uri: op.to, text },
      ]);
    }
    case 'batch':
      return applyBoth(op.changes);
    case 'tweak': {
      // Among the files that have something to tweak.
      const existing = [...files.keys()].sort().filter(uri => files.get(uri)!.match(tweaks[op.what].find));
      if (existing.length === 0) return applyBoth([]);
      const uri = existing[op.file % existing.length];
      return applyBoth([{ uri, text: tweak(files.get(uri)!, op.what, op.n, op.pick) }]);
    }
    case 'open': {
      const text = op.text ?? files.get(op.uri) ?? '';
      files.set(op.uri, text);
      return s.openDocument(op.uri, text, 1);
    }
    case 'openMany': {
      const docs = op.docs.map(d => ({
        uri: d.uri,
        text: d.text ?? files.get(d.uri) ?? '',
        version: op.version,
      }));
      for (const d of docs) files.set(d.uri, d.text);
      return s.openDocuments(docs);
    }
    case 'close':
      s.closeDocument(op.uri);
      return undefined;
    case 'openSource':
      // The buffer is the truth while open; the model's text is the buffer's.
      files.set(op.uri, op.text);
      return s.openSourceDocuments([{ uri: op.uri, text: op.text, version: 1 }]);
    case 'closeSource': {
      // Closed: the disk counts again, read as the server does after a close (here the disk holds what the buffer had).
      const open = s.sourceText(op.uri) !== undefined;
      s.closeSourceDocument(op.uri);
      return open ? s.applyTrace([traceChange(op.uri, files.get(op.uri))]) : undefined;
    }
    case 'stamps': {
      const text = op.mode === 'none' ? undefined : stampsText(s, op.mode);
      if (text === undefined) files.delete(REVIEWS);
      else files.set(REVIEWS, text);
      return s.setReviews(ROOT, text);
    }
  }
}

function checkAgainstRebuild(s: SpecService, files: ReadonlyMap<string, string>, step: string): void {
  const rebuilt = fresh(files);
  for (const uri of checkedUris) for (const d of rebuilt.diagnostics(uri)) reviewCodesSeen.add(d.code);
  if (files.has(CONFIG))
    for (const uri of checkedUris)
      for (const d of rebuilt.diagnostics(uri))
        traceCodesSeen.add(roleOf(uri) ? `${d.code} in a trace file` : d.code);
  for (const uri of checkedUris) {
    assert.deepStrictEqual(
      s.diagnostics(uri),
      rebuilt.diagnostics(uri),
      `${step}: diagnostics of ${uri} differ from a full rebuild`,
    );
  }
  assert.deepStrictEqual(s.uris(), rebuilt.uris(), `${step}: uris() differ`);
}

/** Build the workspace, run the operations, and check the service against a rebuild after each. */
function run(initial: { uri: string; text: string }[], ops: Op[]): void {
  const files = new Map(initial.map(f => [f.uri, f.text]));
  const s = fresh(files);
  checkAgainstRebuild(s, files, 'initial');
  let after = snapshot(s);
  ops.forEach((op, i) => {
    const before = after;
    const affected = perform(s, files, op);
    after = snapshot(s);
    const step = `step ${i} (${op.op})`;
    checkAgainstRebuild(s, files, step);
    for (const uri of checkedUris) {
      if (isDeepStrictEqual(before.get(uri), after.get(uri))) continue;
      assert.ok(affected, `${step}: ${op.op} changed the diagnostics of ${uri} but returns nothing`);
      assert.ok(affected.has(uri), `${step}: diagnostics of ${uri} changed but apply did not return it`);
    }
  });
}

describe('incremental updates', () => {
  it('match a full rebuild after every random operation, and report every changed URI', function () {
    this.timeout(60_000);
    fc.assert(fc.property(initialFiles, fc.array(operation, { minLength: 1, maxLength: 6 }), run), {
      numRuns: 200,
    });
  });

  it('match a full rebuild after one-fact edits in a densely linked workspace', function () {
    this.timeout(60_000);
    fc.assert(fc.property(denseFiles, fc.array(smallOperation, { minLength: 1, maxLength: 8 }), run), {
      numRuns: 150,
    });
  });

  it('match a full rebuild with review stamps, suspect and unreviewed links among the findings', function () {
    this.timeout(120_000);
    reviewCodesSeen.clear();
    // Stamps of every link first, so that edits have stamps to make suspect; then any operation, stamps ones among them.
    const start: Op = { op: 'stamps', mode: 'all' };
    fc.assert(
      fc.property(initialFiles, fc.array(withStamps, { minLength: 1, maxLength: 8 }), (files, ops) =>
        run(files, [start, ...ops]),
      ),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(
        denseFiles,
        fc.array(fc.oneof({ weight: 8, arbitrary: smallOperation }, { weight: 1, arbitrary: stampsOp }), {
          minLength: 1,
          maxLength: 8,
        }),
        (files, ops) => run(files, [start, ...ops]),
      ),
      { numRuns: 100 },
    );
    for (const code of ['suspect-link', 'unreviewed-link'])
      assert.ok(reviewCodesSeen.has(code), `no run reached ${code}`);
  });

  it('match a full rebuild with code, test and results files: references, JUnit outcomes, files appearing and disappearing', function () {
    this.timeout(120_000);
    traceCodesSeen.clear();
    fc.assert(fc.property(traceFiles, fc.array(traceOperation, { minLength: 1, maxLength: 8 }), run), {
      numRuns: 150,
    });
    fc.assert(
      fc.property(
        denseFiles.chain(specs =>
          fc
            .array(fc.tuple(anyTraceUri, fc.nat()), { minLength: 2, maxLength: 5 })
            .chain(picks => fc.tuple(...picks.map(([uri]) => traceTextFor(uri).map(text => ({ uri, text })))))
            .map(traces => [
              ...specs,
              { uri: CONFIG, text: configText },
              ...new Map(traces.map(t => [t.uri, t])).values(),
            ]),
        ),
        fc.array(fc.oneof(smallOperation, traceEdit, traceDelete, sourceOpen, sourceClose), {
          minLength: 1,
          maxLength: 8,
        }),
        run,
      ),
      { numRuns: 100 },
    );
    for (const code of [
      'unverified',
      'failing-test',
      'unresolved-link in a trace file',
      'schema in a trace file',
    ])
      assert.ok(traceCodesSeen.has(code), `no run reached ${code}: ${[...traceCodesSeen].join(', ')}`);
  });

  it('give the same diagnostics whatever order the files are applied in', () => {
    fc.assert(
      fc.property(initialFiles, files => {
        const map = new Map(files.map(f => [f.uri, f.text]));
        const a = fresh(map);
        const b = fresh(map, true);
        for (const uri of everyUri) assert.deepStrictEqual(a.diagnostics(uri), b.diagnostics(uri), uri);
      }),
      { numRuns: 200 },
    );
  });

  describe('which files a change re-checks', () => {
    const files = {
      'file:///w/product.roadmap.yaml': lines(
        'id: RM-1',
        'title: R',
        'releases:',
        '  - {id: R-1, title: A, horizon: now, status: done, end: 2025-03-31}',
      ),
      'file:///w/epics/a.epic.yaml': lines(
        'id: EPIC-1',
        'title: Checkout',
        'release: R-1',
        'status: in-progress',
        'depends_on: [EPIC-2]',
      ),
      'file:///w/epics/b.epic.yaml': lines(
        'id: EPIC-2',
        'title: Search',
        'release: R-1',
        'depends_on: [EPIC-1]',
      ),
      'file:///w/prds/a.prd.yaml': lines(
        'id: PRD-1',
        'title: T',
        'epic: EPIC-1',
        'requirements:',
        '  - {id: REQ-1, title: Pay, statement: s, priority: must, status: done, depends_on: [REQ-2]}',
        '  - {id: REQ-2, title: Pay, statement: s, priority: could}',
      ),
      'file:///w/it/1.stories.yaml': lines(
        'id: IT-1',
        'title: Sprint',
        'stories:',
        '  - {id: ST-1, title: One, implements: [REQ-1, REQ-404]}',
      ),
    };

    it('re-checks only that file when a title changes', () => {
      for (const [uri, text] of Object.entries(files)) {
        const s = workspace(files);
        const before = snapshot(s);
        const edited = text.replace(/title: (\w+)/, 'title: Renamed $1');
        assert.notEqual(edited, text);
        const affected = s.apply([{ uri, text: edited }]);
        assert.deepEqual([...affected], [uri], `editing the title of ${uri}`);
        assert.deepStrictEqual(snapshot(s), before);
      }
    });

    it('re-checks only that file when a description or an unknown field is added', () => {
      const uri = 'file:///w/epics/a.epic.yaml';
      const s = workspace(files);
      const affected = s.apply([
        { uri, text: files[uri] + lines('description: |', '  Longer text.', 'x-jira: SHOP-1') },
      ]);
      assert.deepEqual([...affected], [uri]);
    });

    it("re-checks a duplicate's file when a requirement is added under the other definition of its PRD", () => {
      // Roll-up children are found by ID, so a done PRD-1 sees the requirements of every PRD-1.
      const A = 'file:///w/prds/a.prd.yaml';
      const B = 'file:///w/prds/b.prd.yaml';
      const req1 =
        '  - {id: REQ-1, title: t, statement: s, priority: must, status: done, acceptance_criteria: [a]}';
      const before = new Map([
        [A, lines('id: PRD-1', 'title: T', 'epic: EPIC-1', 'requirements:', req1)],
        [
          B,
          lines(
            'id: PRD-1',
            'title: T',
            'epic: EPIC-1',
            'status: done',
            'requirements:',
            req1.replace('REQ-1', 'REQ-2'),
          ),
        ],
      ]);
      const after = new Map(before).set(
        A,
        before.get(A)! + lines('  - {id: REQ-3, title: t, statement: s, priority: must}'),
      );
      const s = fresh(before);
      assert.deepEqual(
        s.diagnostics(B).filter(d => d.code === 'status-rollup'),
        [],
      );
      const affected = s.apply([{ uri: A, text: after.get(A)! }]);
      assert.ok(affected.has(B));
      assert.deepStrictEqual(s.diagnostics(B), fresh(after).diagnostics(B));
      assert.equal(s.diagnostics(B).filter(d => d.code === 'status-rollup').length, 1);
    });

    it('re-checks a file whose related information points at a range that moved in another file', () => {
      const RM = 'file:///w/product.roadmap.yaml';
      const E1 = 'file:///w/epics/a.epic.yaml';
      const release = (pad: string[]) =>
        lines(
          'id: RM-1',
          'title: R',
          'releases:',
          '  - {id: R-1, title: A, horizon: now, end: 2025-03-31}',
          '  - id: R-2',
          '    title: B',
          '    horizon: next',
          '    status: draft',
          ...pad,
          '    end: 2025-06-30',
        );
      const files = new Map([
        [RM, release([])],
        [E1, lines('id: EPIC-1', 'title: A', 'release: R-1', 'depends_on: [EPIC-2]')],
        ['file:///w/epics/b.epic.yaml', lines('id: EPIC-2', 'title: B', 'release: R-2')],
      ]);
      const s = fresh(files);
      assert.equal(s.diagnostics(E1).filter(d => d.code === 'schedule-conflict').length, 1);
      files.set(RM, release(['    owner: Bob']));
      const affected = s.apply([{ uri: RM, text: files.get(RM)! }]);
      assert.ok(affected.has(E1));
      assert.deepStrictEqual(s.diagnostics(E1), fresh(files).diagnostics(E1));
      assert.equal(
        s.diagnostics(E1).find(d => d.code === 'schedule-conflict')?.related?.[0].range.start.line,
        9,
      );
    });

    it('re-checks the files that read a changed fact, not files that read none of it', () => {
      const s = workspace(files);
      // REQ-2's priority is read by REQ-1's priority-inversion check (same file) only.
      let affected = s.apply([
        {
          uri: 'file:///w/prds/a.prd.yaml',
          text: files['file:///w/prds/a.prd.yaml'].replace('priority: could', 'priority: must'),
        },
      ]);
      assert.deepEqual([...affected], ['file:///w/prds/a.prd.yaml']);
      // EPIC-1's status is read by the roadmap's roll-up check (files naming EPIC-1 or named by it
      // may be re-checked too); the iteration, which reads none of them, is not.
      const before = snapshot(s);
      affected = s.apply([
        {
          uri: 'file:///w/epics/a.epic.yaml',
          text: files['file:///w/epics/a.epic.yaml'].replace('in-progress', 'done'),
        },
      ]);
      assert.ok(
        affected.has('file:///w/epics/a.epic.yaml') && affected.has('file:///w/product.roadmap.yaml'),
      );
      assert.ok(!affected.has('file:///w/it/1.stories.yaml'));
      assert.notDeepStrictEqual(
        s.diagnostics('file:///w/product.roadmap.yaml'),
        before.get('file:///w/product.roadmap.yaml'),
      );
    });
  });

  describe('which files a link re-checks', () => {
    // Every iteration links to the same persona, release and requirement: hot IDs, as in a real workspace.
    const VISION = 'file:///w/product.vision.yaml';
    const PRD = 'file:///w/prds/a.prd.yaml';
    const iteration = (i: number) => `file:///w/it/${i}.stories.yaml`;
    const hot = (iterations: number): Map<string, string> => {
      const out = new Map<string, string>([
        [VISION, lines('id: V-1', 'product: Shop', 'statement: s', 'personas:', '  - {id: P-1, name: Pat}')],
        [
          'file:///w/product.roadmap.yaml',
          lines(
            'id: RM-1',
            'title: R',
            'releases:',
            '  - {id: R-1, title: One, horizon: now, status: in-progress, end: 2025-03-31}',
          ),
        ],
        [
          PRD,
          lines(
            'id: PRD-1',
            'title: T',
            'epic: EPIC-404',
            'requirements:',
            '  - {id: REQ-1, title: Pay, statement: s, priority: must, status: approved}',
          ),
        ],
      ]);
      for (let i = 1; i <= iterations; i++) {
        out.set(
          iteration(i),
          lines(
            `id: IT-${i}`,
            'title: Sprint',
            'release: R-1',
            'stories:',
            `  - {id: ST-${i}, title: t, as_a: P-1, implements: [REQ-1]}`,
          ),
        );
      }
      return out;
    };
    const rebuiltEquals = (s: SpecService, files: ReadonlyMap<string, string>) => {
      const rebuilt = fresh(files);
      for (const uri of files.keys())
        assert.deepStrictEqual(s.diagnostics(uri), rebuilt.diagnostics(uri), uri);
    };

    it('a new link to a hot ID re-checks the files that read the links to it, not those that only read its definition', () => {
      const files = hot(8);
      const s = fresh(files);
      // REQ-1 gains a link, and the PRD's uncovered check reads REQ-1's links; the other iterations
      // read only the definitions of P-1, R-1 and REQ-1 (and the roadmap's R-1 is not done: no roll-up).
      const uri = iteration(9);
      const text = files.get(iteration(1))!.replace(/IT-1/g, 'IT-9').replace(/ST-1/g, 'ST-9');
      files.set(uri, text);
      const affected = s.apply([{ uri, text }]);
      rebuiltEquals(s, files);
      assert.deepEqual([...affected].sort(), [uri, PRD].sort());
    });

    it('a changed definition of a hot ID re-checks every file that reads it', () => {
      const files = hot(8);
      const s = fresh(files);
      const vision = files.get(VISION)!.replace('{id: P-1, name: Pat}', '{id: P-2, name: Pat}');
      files.set(VISION, vision);
      const affected = s.apply([{ uri: VISION, text: vision }]);
      rebuiltEquals(s, files);
      for (let i = 1; i <= 8; i++) {
        assert.ok(affected.has(iteration(i)), `iteration ${i} is re-checked`);
        assert.deepEqual(
          s.diagnostics(iteration(i)).map(d => d.code),
          ['unresolved-link'],
        );
      }
    });

    it('a story that stops implementing a requirement re-checks the PRD (uncovered reads its links), not the other iterations', () => {
      const files = hot(4);
      const s = fresh(files);
      for (let i = 1; i <= 4; i++) {
        const text = files.get(iteration(i))!.replace(', implements: [REQ-1]', '');
        files.set(iteration(i), text);
        const affected = s.apply([{ uri: iteration(i), text }]);
        assert.deepEqual([...affected].sort(), [PRD, iteration(i)].sort(), `after iteration ${i}`);
      }
      rebuiltEquals(s, files);
      assert.deepEqual(
        s
          .diagnostics(PRD)
          .filter(d => d.code === 'uncovered')
          .map(d => d.message),
        ['REQ-1 is approved but no story implements it'],
      );
    });
  });
});
