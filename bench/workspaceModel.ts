/**
 * The product model the generator builds before writing it (releases, epics,
 * PRDs, requirements, iterations, stories), what it hands back to the bench,
 * and the small helpers both sides use.
 */

export type Status = 'draft' | 'review' | 'approved' | 'in-progress' | 'done' | 'cancelled';
export type Priority = 'must' | 'should' | 'could' | 'wont';

export interface ExpectedFinding {
  /** Relative to the workspace root, `/` separators. */
  file: string;
  code: string;
  /** 0-based. */
  line: number;
}

/** A position in a file, for hover/definition/references/rename/completion. */
export interface Spot {
  file: string;
  line: number;
  character: number;
  id?: string;
}

/** A local edit: replace a requirement's priority value (in a PRD) by an invalid one and back. */
export interface LocalEdit {
  file: string;
  line: number;
  character: number;
  original: string;
  invalid: string;
}

/**
 * A cross-file edit: appending `insertText` to the PRD `prdFile` defines
 * `missingId`, which clears the unresolved-link at `storyFile:storyLine`;
 * deleting it brings the finding back.
 */
export interface CrossEdit {
  prdFile: string;
  insertText: string;
  missingId: string;
  storyFile: string;
  storyLine: number;
}

export interface GeneratedWorkspace {
  root: string;
  seed: number;
  requirements: number;
  files: string[];
  bytes: number;
  items: number;
  counts: Record<string, number>;
  expected: ExpectedFinding[];
  /** Positions of IDs in link fields (story implements, requirement depends_on, prd epic, ...). */
  links: Spot[];
  /** Positions of requirement IDs where they are defined. */
  definitions: Spot[];
  /** Positions right after `priority: ` / `status: ` of a requirement (enum completions), and of link values. */
  completions: Spot[];
  /** Positions on keys (hover: schema documentation). */
  keys: Spot[];
  localEdits: LocalEdit[];
  crossEdits: CrossEdit[];
}

export interface Release {
  id: string;
  title: string;
  horizon: 'now' | 'next' | 'later';
  start: string;
  end: string;
  status: Status;
  goals: string[];
  phase: Phase;
  index: number;
}
export type Phase = 'done' | 'active' | 'next' | 'later';
export interface Epic {
  id: string;
  index: number;
  release: Release;
  status: Status;
  priority: Priority;
  deps: Epic[];
  prds: Prd[];
  goals: string[];
  file: string;
  kindLine?: string;
}
export interface Prd {
  id: string;
  epic: Epic;
  status: Status;
  reqs: Req[];
  file: string;
  personas: string[];
  goals: string[];
  kindOverride?: string;
}
export interface Req {
  id: string;
  index: number;
  prd: Prd;
  /** A priority, or a deliberately invalid value (an injected schema finding). */
  priority: string;
  status: Status;
  deps: Req[];
  hasAC: boolean;
  stories: Story[];
  noStory?: boolean;
  noStatement?: boolean;
  dependents: number;
  duplicateOf?: Req;
}
export interface Story {
  id: string;
  req: Req;
  extraImplements: string[];
  status: Status;
  deps: Story[];
  persona: string;
  estimate: string;
  hasAC: boolean;
  iteration?: Iteration;
  estimateKey: string;
  index: number;
}
export interface Iteration {
  id: string;
  index: number;
  release: Release;
  stories: Story[];
  status: Status;
  start: string;
  end: string;
  file: string;
}

export const committed = (s: Status) => s === 'approved' || s === 'in-progress' || s === 'done';
export const closed = (s: Status) => s === 'done' || s === 'cancelled';

export function isoDate(base: Date, plusDays: number): string {
  const d = new Date(base.getTime() + plusDays * 86400000);
  return d.toISOString().slice(0, 10);
}

/** Parse "1k", "10k", "50k", "2500" into a requirement count. */
export function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(k?)$/i.exec(s.trim());
  if (!m) throw new Error(`bad size ${JSON.stringify(s)} (use e.g. 1k, 10k, 50k)`);
  return Math.round(Number(m[1]) * (m[2] ? 1000 : 1));
}

export function compareExpected(a: ExpectedFinding, b: ExpectedFinding): number {
  return a.file < b.file
    ? -1
    : a.file > b.file
      ? 1
      : a.line - b.line || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function expectedKey(f: ExpectedFinding): string {
  return `${f.file}:${f.line}:${f.code}`;
}
