import type { GeneratedWorkspace } from './generate';

/** What one size of the benchmark measures, as the report reads it. */

export interface Latency {
  p50?: number;
  p95?: number;
  n: number;
  /** Every sample, in order (ms), for the JSON. */ samples: number[];
}
export interface FeatureResult {
  available: boolean;
  reason?: string;
  p50?: number;
  p95?: number;
  n: number;
  errors: number;
  empty: number;
  /** Largest answer: JSON characters, and list length (completion items, locations, edited files). */
  maxChars?: number;
  maxItems?: number;
}

export interface SpecwrightRun {
  closedAllMs?: number;
  closedRss?: number;
  closedLatePublishes?: number;
  /** From initialize until the server's CPU went quiet (all work of the load done, not only the publishes). */
  closedIdleMs?: number;
  openIdleMs?: number;
  /** CPU time (user + system) the server had used when every file's diagnostics were in. */
  closedCpuMs?: number;
  openCpuMs?: number;
  /** Peak RSS right after the first complete set of diagnostics. */
  closedLoadRss?: number;
  openLoadRss?: number;
  editLocalFew?: Latency;
  editCrossFew?: Latency;
  /** Measured with a few files open (the session that started with none open). */
  features: Record<string, FeatureResult>;
  openAllMs?: number;
  openRss?: number;
  /** Set when the all-open load did not finish within --open-budget. */
  openTimedOut?: { budgetMs: number; published: number; exact: number; total: number };
  /** The all-open session was not run (it was too slow in an earlier run of this size). */
  openSkipped?: boolean;
  editLocal?: Latency;
  editCross?: Latency;
  /**
   * Warm start (docs/performance.md, "Warm start"): a first session with a
   * storage folder fills the index cache, a second one is measured, no file open.
   */
  warmAllMs?: number;
  warmCpuMs?: number;
  warmRss?: number;
  /** The measured warm session's log line: how many files came from the cache. */
  warmCacheLine?: string;
  featuresAllOpen: Record<string, FeatureResult>;
  /**
   * Every file open: the first hover in each of 50 files no request or edit
   * touched before, on a key (which needs the file's syntax tree, built on
   * first use) and, in another 50, on an ID.
   */
  firstHoverKeys?: Latency;
  firstHoverIds?: Latency;
  failures: string[];
}
export interface PeerRun {
  openAllMs?: number;
  idleMs?: number;
  cpuMs?: number;
  rss?: number;
  editLocal?: Latency;
  features: Record<string, FeatureResult>;
  faultsFound?: number;
  faultsTotal?: number;
  diagnostics?: number;
  diagnosticsOnFaultLines?: number;
  latePublishes?: number;
  failures: string[];
}
export interface CliRun {
  wallMs: number;
  cpuMs?: number;
  rss?: number;
  exact: boolean;
  problems: string[];
}

export interface SizeResult {
  size: string;
  ws: Omit<
    GeneratedWorkspace,
    'links' | 'definitions' | 'completions' | 'keys' | 'localEdits' | 'crossEdits'
  >;
  generateMs: number;
  /** 1-minute load averages when this size started and ended (the machine is shared). */
  load: [number, number];
  cli: CliRun[];
  /** `specwright check --cache=DIR` with the cache filled by a run before it. */
  cliCached: CliRun[];
  sw: SpecwrightRun[];
  peer: PeerRun[];
  profiles: string[];
}

export const featureNames = ['hover', 'completion', 'definition', 'references', 'rename'] as const;
export type FeatureName = (typeof featureNames)[number];
export const providerOf: Record<FeatureName, string> = {
  hover: 'hoverProvider',
  completion: 'completionProvider',
  definition: 'definitionProvider',
  references: 'referencesProvider',
  rename: 'renameProvider',
};
