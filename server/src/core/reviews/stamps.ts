import { clipMessage } from '../checks/check';
import { DiagnosticCode } from '../codes';
import { idPattern } from '../model';
import { compareIds } from '../text/compareIds';
import type { Finding, Position, Range } from '../types';
import { isFingerprint } from './fingerprint';
import { reviewedLinkFields } from './reviewedLinks';

/**
 * The review stamps file, `specwright.reviews` at the workspace root
 * (docs/format.md, "Review stamps"): one line per reviewed link,
 * `DOWNSTREAM-ID field UPSTREAM-ID fingerprint`, sorted, so that two
 * branches that review different links merge line by line. Blank lines and
 * `#` comments are allowed. Only `specwright review` writes it.
 */
export const reviewsFileName = 'specwright.reviews';

/** One reviewed link and the upstream item's fingerprint when it was reviewed. */
export interface Stamp {
  downstream: string;
  field: string;
  upstream: string;
  fingerprint: string;
}

/** A stamp read from the file, with its 0-based line. */
export interface StampLine extends Stamp {
  line: number;
}

export interface ParsedStamps {
  /** The well-formed stamps, in file order. */
  stamps: StampLine[];
  /**
   * Malformed lines and merge conflict markers (code `schema`), at most
   * maxProblems and one that counts the rest. A conflict marker's finding
   * has `data.conflictMarker`: `specwright review` removes those lines, and
   * refuses to run over any other problem.
   */
  problems: Finding[];
  /** Where the text ends: an edit that replaces the whole file spans from the start to here. */
  end?: Position;
}

/** Problems reported one by one; past this, one more finding counts the rest (a binary file renamed is not 10,000 findings). */
export const maxProblems = 100;

const header = [
  '# Specwright review stamps: one reviewed link a line, DOWNSTREAM-ID field UPSTREAM-ID fingerprint.',
  '# Written by "specwright review". Recommended in .gitattributes: specwright.reviews merge=union',
];

/** Read a stamps file. Never throws; every line that is not a stamp, a comment or blank is a problem, and the rest still count. */
export function parseStamps(text: string): ParsedStamps {
  const stamps: StampLine[] = [];
  const problems: Finding[] = [];
  let more = 0;
  const lines = text.split('\n');
  const fields = [...reviewedLinkFields].sort();
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].endsWith('\r') ? lines[n].slice(0, -1) : lines[n];
    const start = line.length - line.trimStart().length;
    const body = line.trim();
    if (body === '' || body.startsWith('#')) continue;
    const problem = (from: number, to: number, message: string, data?: Finding['data']): void => {
      if (problems.length >= maxProblems) {
        more++;
        return;
      }
      problems.push({
        code: DiagnosticCode.schema,
        range: lineRange(n, from, to),
        message: clipMessage(message),
        ...(data ? { data } : {}),
      });
    };
    if (/^(?:<{7,}|>{7,}|\|{7,})(?:\s|$)/.test(body) || /^={7,}$/.test(body)) {
      problem(
        start,
        start + body.length,
        'merge conflict marker in the review stamps: the stamps on both sides count (where a link has two, the one that matches the current content wins); delete the marker lines, or run "specwright review", which removes them',
        { conflictMarker: true },
      );
      continue;
    }
    const parts: { text: string; from: number }[] = [];
    for (const m of body.matchAll(/\S+/g)) parts.push({ text: m[0], from: start + m.index });
    if (parts.length !== 4) {
      problem(
        start,
        start + body.length,
        `a review stamp is "DOWNSTREAM-ID field UPSTREAM-ID fingerprint" (4 parts separated by spaces); this line has ${parts.length}`,
      );
      continue;
    }
    const [down, field, up, print] = parts;
    const at = (p: { text: string; from: number }, message: string): void =>
      problem(p.from, p.from + p.text.length, message);
    if (!idPattern.test(down.text)) {
      at(down, `review stamp: "${down.text}" is not an ID (IDs look like ST-301)`);
      continue;
    }
    if (!reviewedLinkFields.has(field.text)) {
      at(field, `review stamp: "${field.text}" is not a link field (use ${fields.join(', ')})`);
      continue;
    }
    if (!idPattern.test(up.text)) {
      at(up, `review stamp: "${up.text}" is not an ID (IDs look like REQ-101)`);
      continue;
    }
    if (!isFingerprint(print.text)) {
      at(
        print,
        `review stamp: "${print.text}" is not a fingerprint (segments of 8 hex digits or "-", joined by "."); delete the line, then run "specwright review ${down.text}" to stamp the link again`,
      );
      continue;
    }
    stamps.push({
      downstream: down.text,
      field: field.text,
      upstream: up.text,
      fingerprint: print.text,
      line: n,
    });
  }
  if (more) {
    problems.push({
      code: DiagnosticCode.schema,
      range: problems[problems.length - 1].range,
      message: `${more} more lines of the review stamps are not stamps (only the first ${maxProblems} are reported)`,
    });
  }
  const last = lines.length - 1;
  return { stamps, problems, end: { line: last, character: lines[last].length } };
}

function lineRange(line: number, from: number, to: number): Range {
  return { start: { line, character: from }, end: { line, character: to } };
}

/** The text of a stamps file: the header, then one line per stamp, sorted (IDs with their numbers as numbers), without duplicates. */
export function serializeStamps(stamps: Iterable<Stamp>): string {
  const unique = new Map<string, Stamp>();
  for (const s of stamps) unique.set(`${linkKey(s.downstream, s.field, s.upstream)}\0${s.fingerprint}`, s);
  const sorted = [...unique.values()].sort(compareStamps);
  return (
    [...header, ...sorted.map(s => `${s.downstream} ${s.field} ${s.upstream} ${s.fingerprint}`)].join('\n') +
    '\n'
  );
}

export function compareStamps(a: Stamp, b: Stamp): number {
  return (
    compareIds(a.downstream, b.downstream) ||
    (a.field < b.field ? -1 : a.field > b.field ? 1 : 0) ||
    compareIds(a.upstream, b.upstream) ||
    (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0)
  );
}

/** What identifies a link among stamps. */
export function linkKey(downstream: string, field: string, upstream: string): string {
  return `${downstream} ${field} ${upstream}`;
}

/**
 * The stamps of a workspace by link. A link can have several (two branches
 * reviewed it against different content and a union merge kept both lines):
 * `stampFor` chooses.
 */
export class StampIndex {
  private readonly byLink = new Map<string, string[]>();

  constructor(stamps: Iterable<Stamp>) {
    for (const s of stamps) {
      const key = linkKey(s.downstream, s.field, s.upstream);
      const list = this.byLink.get(key);
      if (!list) this.byLink.set(key, [s.fingerprint]);
      else if (!list.includes(s.fingerprint)) list.push(s.fingerprint);
    }
  }

  /** The fingerprints a link was stamped with, in file order; undefined when it has no stamp. */
  get(downstream: string, field: string, upstream: string): readonly string[] | undefined {
    return this.byLink.get(linkKey(downstream, field, upstream));
  }

  get size(): number {
    return this.byLink.size;
  }
}

/**
 * Of a link's stamps, the one that counts against the current fingerprint:
 * the one equal to it when there is one (after a merge, the branch that
 * reviewed the current content wins), else the one with the fewest changed
 * segments (the first of those in file order).
 */
export function stampFor(candidates: readonly string[], current: string): string {
  if (candidates.includes(current)) return current;
  const now = current.split('.');
  let best = candidates[0];
  let bestScore = Infinity;
  for (const c of candidates) {
    const was = c.split('.');
    let score = Math.abs(was.length - now.length) * 1000;
    for (let i = 0; i < Math.min(was.length, now.length); i++) if (was[i] !== now[i]) score++;
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
