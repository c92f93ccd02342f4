import { DiagnosticCode } from '../codes';
import { decodeText } from '../parse/decode';
import type { Finding } from '../types';
import { latestRuns, testKey, type TestRun } from './latestResults';
import { readJUnit, type TestCase } from './readJUnit';
import { scanReferences, type CodeReference, type SourceRole } from './scanReferences';

/** An editor buffer longer than this (UTF-16 units) is not scanned, as a file over 2 MB is not read. */
export const maxSourceChars = 2 * 1024 * 1024;

/** A code reference with the file it is written in. */
export interface PlacedReference extends CodeReference {
  uri: string;
}

/** A file a `trace:` glob names, as read: source or test text, or JUnit results. */
export type TraceFileChange =
  | { uri: string; role: SourceRole; bytes: Uint8Array }
  /** An open code or test file: the editor's text. */
  | { uri: string; role: SourceRole; text: string }
  | { uri: string; role: 'results'; bytes: Uint8Array; mtime: number }
  | { uri: string; deleted: true };

interface SourceFile {
  refs: CodeReference[];
}

interface ResultsFile {
  mtime: number;
  cases: TestCase[];
  problems: Finding[];
}

/**
 * The references and test results of the files that `trace:` globs name,
 * kept per file: a changed file is read again on its own (`set`), and what
 * is asked across files (who references an ID, the latest run of each test)
 * is derived from the per-file state, so an update equals a full rebuild.
 */
/** What features and reports read of the trace store: nothing that changes it. */
export interface TraceIndex {
  files(): string[];
  has(uri: string): boolean;
  referencesIn(uri: string): readonly CodeReference[];
  referencesTo(id: string): readonly PlacedReference[];
  latest(): readonly TestRun[];
  testsOf(id: string): readonly TestRun[];
  isTested(id: string): boolean;
}

export class TraceStore implements TraceIndex {
  private readonly sources = new Map<string, SourceFile>();
  private readonly results = new Map<string, ResultsFile>();
  /** Matched files that were not read, and why (binary, not UTF-8, too large, unreadable). */
  private readonly skippedFiles = new Map<string, string>();
  private runs: TestRun[] | undefined;
  private runsById: Map<string, TestRun[]> | undefined;
  private byId: Map<string, PlacedReference[]> | undefined;

  /**
   * Read (or forget) files. Returns the IDs the changed files named before
   * or name now: the items whose trace findings may have changed.
   */
  set(changes: readonly TraceFileChange[]): Set<string> {
    const ids = new Set<string>();
    /** The test cases (classname, name) of changed results files, before and after: their latest runs may now come from another file. */
    const tests = new Set<string>();
    const noteTests = (uri: string): void => {
      for (const c of this.results.get(uri)?.cases ?? []) tests.add(testKey(c));
    };
    for (const change of changes) {
      for (const id of this.idsOf(change.uri)) ids.add(id);
      noteTests(change.uri);
      this.sources.delete(change.uri);
      this.results.delete(change.uri);
      this.skippedFiles.delete(change.uri);
      if ('deleted' in change) continue;
      if ('text' in change) {
        // As on disk (node/nodeWorkspace.ts maxTraceFileBytes): a bundle or a data file, not source.
        if (change.text.length > maxSourceChars) this.skippedFiles.set(change.uri, 'larger than 2 MB');
        else this.sources.set(change.uri, { refs: scanReferences(change.text, change.role) });
        for (const id of this.idsOf(change.uri)) ids.add(id);
        continue;
      }
      const decoded = decodeText(change.bytes);
      if (!decoded.ok) {
        // decode.ts words its reasons for spec files; a source file is binary or not UTF-8.
        this.skippedFiles.set(
          change.uri,
          change.bytes.includes(0) ? 'binary (it contains NUL bytes)' : 'not UTF-8 text',
        );
      } else if (change.role === 'results') {
        const { cases, problems } = readJUnit(decoded.text);
        this.results.set(change.uri, { mtime: change.mtime, cases, problems });
      } else {
        this.sources.set(change.uri, { refs: scanReferences(decoded.text, change.role) });
      }
      for (const id of this.idsOf(change.uri)) ids.add(id);
      noteTests(change.uri);
    }
    // Runs of those tests in other files (older, newer or tied) name IDs whose latest outcome may change too.
    if (tests.size)
      for (const r of this.results.values())
        for (const c of r.cases) if (tests.has(testKey(c))) for (const t of c.targets) ids.add(t.id);
    this.runs = undefined;
    this.runsById = undefined;
    this.byId = undefined;
    return ids;
  }

  /**
   * Everything findings read of the store, as one string: each file's
   * references, each results file's time, cases and problems, the files
   * skipped and why. Part of a scan's inputs key.
   */
  inputsKey(): string {
    const sorted = <T>(m: Map<string, T>): Array<[string, T]> =>
      [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return JSON.stringify([sorted(this.sources), sorted(this.results), sorted(this.skippedFiles)]);
  }

  /** Note a matched file that the workspace did not read (too large, unreadable), and why. */
  skip(uri: string, reason: string): Set<string> {
    const ids = this.set([{ uri, deleted: true }]);
    this.skippedFiles.set(uri, reason);
    return ids;
  }

  /** Forget every file under a folder (a root removed, or listed again). */
  forgetUnder(isUnderRoot: (uri: string) => boolean): Set<string> {
    const gone = [...this.sources.keys(), ...this.results.keys(), ...this.skippedFiles.keys()].filter(
      isUnderRoot,
    );
    for (const uri of gone) this.skippedFiles.delete(uri);
    return this.set(gone.map(uri => ({ uri, deleted: true as const })));
  }

  /** Every file read, sources and results, sorted. */
  files(): string[] {
    return [...this.sources.keys(), ...this.results.keys()].sort();
  }

  isEmpty(): boolean {
    return !this.sources.size && !this.results.size;
  }

  has(uri: string): boolean {
    return this.sources.has(uri) || this.results.has(uri);
  }

  /** True when the file was read, or found and skipped. */
  knows(uri: string): boolean {
    return this.has(uri) || this.skippedFiles.has(uri);
  }

  /** Matched files not read, and why, sorted by URI. */
  skipped(): { uri: string; reason: string }[] {
    return [...this.skippedFiles]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([uri, reason]) => ({ uri, reason }));
  }

  /** The references of one source or test file. */
  referencesIn(uri: string): readonly CodeReference[] {
    return this.sources.get(uri)?.refs ?? [];
  }

  /** The code and test references to an ID (any of its acceptance criteria too), by file and position. */
  referencesTo(id: string): readonly PlacedReference[] {
    if (!this.byId) {
      this.byId = new Map();
      for (const uri of [...this.sources.keys()].sort())
        for (const r of this.sources.get(uri)!.refs) {
          const list = this.byId.get(r.id) ?? [];
          list.push({ ...r, uri });
          this.byId.set(r.id, list);
        }
    }
    return this.byId.get(id) ?? [];
  }

  /** The latest run of every test case (see latestRuns). */
  latest(): readonly TestRun[] {
    // In URI order, not the order files were read in: an update must give what a full rebuild gives.
    this.runs ??= latestRuns(
      [...this.results].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([uri, r]) => ({ uri, ...r })),
    );
    return this.runs;
  }

  /** The latest runs of the tests that name an ID (or one of its acceptance criteria). */
  testsOf(id: string): readonly TestRun[] {
    if (!this.runsById) {
      this.runsById = new Map();
      for (const run of this.latest())
        for (const target of new Set(run.test.targets.map(t => t.id))) {
          const list = this.runsById.get(target) ?? [];
          list.push(run);
          this.runsById.set(target, list);
        }
    }
    return this.runsById.get(id) ?? [];
  }

  /**
   * True when a test verifies the ID: a `@verifies` reference (or any
   * reference in a test file), or a test case in the results that names it
   * and was not skipped.
   */
  isTested(id: string): boolean {
    return (
      this.referencesTo(id).some(r => r.relation === 'verifies') ||
      this.testsOf(id).some(r => r.test.outcome !== 'skipped')
    );
  }

  /**
   * The findings of a trace file: an unknown ID in a code or test file
   * (`unresolved-link`, at the ID), a results file that is not JUnit XML.
   */
  findingsOf(
    uri: string,
    ids: { isDefined(id: string): boolean; closest(id: string): string | undefined },
  ): Finding[] {
    const results = this.results.get(uri);
    if (results) return results.problems;
    const out: Finding[] = [];
    for (const r of this.sources.get(uri)?.refs ?? [])
      if (!ids.isDefined(r.id)) {
        const near = ids.closest(r.id);
        out.push({
          code: DiagnosticCode.unresolvedLink,
          range: r.range,
          message: `${r.id} is not defined in this workspace${near ? ` (did you mean ${near}?)` : ''}`,
          data: { target: r.id, field: r.relation },
        });
      }
    return out;
  }

  /** The files that reference any of these IDs (their unresolved-link findings may change). */
  filesNaming(ids: ReadonlySet<string>): Set<string> {
    const out = new Set<string>();
    if (!ids.size) return out;
    for (const [uri, f] of this.sources) if (f.refs.some(r => ids.has(r.id))) out.add(uri);
    return out;
  }

  /** The files that reference an ID not defined (their unresolved-link messages suggest the closest ID, which any new or gone ID may change). */
  filesNamingUnknown(isDefined: (id: string) => boolean): Set<string> {
    const out = new Set<string>();
    for (const [uri, f] of this.sources) if (f.refs.some(r => !isDefined(r.id))) out.add(uri);
    return out;
  }

  private idsOf(uri: string): string[] {
    const source = this.sources.get(uri);
    if (source) return source.refs.map(r => r.id);
    return (this.results.get(uri)?.cases ?? []).flatMap(c => c.targets.map(t => t.id));
  }
}
