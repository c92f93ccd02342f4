import type { ReadonlyIndex, IncomingLink } from '../graph/workspaceIndex';
import type { ParsedYaml } from '../parse/parseDocument';
import type { DocKind, Finding, Item, ItemKind, RelatedInfo } from '../types';
import { oneLine } from '../text/oneLine';

/** What a check that needs only its own file sees. */
export interface LocalInput {
  uri: string;
  kind: DocKind;
  items: readonly Item[];
  parsed: ParsedYaml;
}

/** A check that reads only its own file; run once per parse. */
export interface LocalCheck {
  code: string;
  run(input: LocalInput): Finding[];
}

/** A check that reads other files through the graph; run when what it read changes. */
export interface CrossCheck {
  code: string;
  run(items: readonly Item[], graph: GraphReader): Finding[];
}

/**
 * Read access to the workspace index that records what a check looked at.
 * Those are the check's inputs: when one of them changes anywhere, the
 * file's cross-file checks are run again; when none does, they are not.
 *
 * Two kinds of input are told apart, because hot IDs (personas, releases,
 * goals) are linked from almost every file: a new link to P-1 changes the
 * links *to* P-1, which only the few checks that list them read, not what
 * the thousands of files that link to P-1 see of P-1 itself.
 *
 * - `definitions(id)` reads the items defined as `id` — their facts, not
 *   their links: a check that needs an item's own links reads them from its
 *   own file or through `incoming` of the target.
 * - `incoming(id)` and `children(id)` read the links to `id` (and the items
 *   contained in it) with their holders' IDs, fields and kinds; the holders'
 *   other facts are read through `definitions` of each holder.
 */
export class GraphReader {
  /** IDs whose definitions were read. */
  readonly definitionReads = new Set<string>();
  /** IDs whose incoming links or contained items were read. */
  readonly linkReads = new Set<string>();
  /** Whether the set of IDs (with their kinds) was read. */
  idsRead = false;

  constructor(private readonly index: ReadonlyIndex) {}

  definitions(id: string): readonly Item[] {
    this.definitionReads.add(id);
    return this.index.definitions(id);
  }

  /** The first definition of an ID, if any. */
  item(id: string): Item | undefined {
    return this.definitions(id)[0];
  }

  incoming(id: string): readonly IncomingLink[] {
    this.linkReads.add(id);
    const links = this.index.incoming(id);
    for (const l of links) this.definitionReads.add(l.holder.id);
    return links;
  }

  /** The items contained in an item's file lists: a read of its links, like `children`. */
  containedIn(id: string): readonly Item[] {
    this.linkReads.add(id);
    const kids = this.index.containedIn(id);
    for (const k of kids) this.definitionReads.add(k.id);
    return kids;
  }

  children(id: string): Item[] {
    this.linkReads.add(id);
    const kids = this.index.children(id);
    for (const k of kids) this.definitionReads.add(k.id);
    return kids;
  }

  /** Whether a file with a syntax error may define the ID (a read of its definitions). */
  mayDefine(id: string): boolean {
    this.definitionReads.add(id);
    return this.index.mayDefine(id);
  }

  /** Whether a file with a syntax error may link to the ID (a read of its links). */
  mayLink(id: string): boolean {
    this.linkReads.add(id);
    return this.index.mayLink(id);
  }

  /**
   * The defined IDs of the given kinds closest to `id`, best first: a read
   * of the set of IDs, so the file is checked again when an ID is added,
   * removed or changes kind.
   */
  closestIds(id: string, kinds: readonly ItemKind[] | undefined): string[] {
    this.idsRead = true;
    return this.index.closestIds(id, kinds);
  }
}

/**
 * Related entries one finding lists at most. A finding's related information
 * points at other places of the same problem; an ID defined 20,000 times must
 * not make 20,000 findings of 20,000 entries each.
 */
export const maxRelated = 20;

/** The related information of the first maxRelated entries of `list` (that pass `keep`), in order. */
export function relatedList<T>(
  list: readonly T[],
  map: (v: T) => RelatedInfo,
  keep: (v: T) => boolean = () => true,
): RelatedInfo[] {
  const out: RelatedInfo[] = [];
  for (let i = 0; i < list.length && out.length < maxRelated; i++) if (keep(list[i])) out.push(map(list[i]));
  return out;
}

/**
 * Longest message a finding carries. Messages quote what the file says (an
 * ID, a key); a file can say a megabyte in one scalar, and the editor shows
 * every message on one line. Longer ones are cut, with "…".
 */
export const maxMessageLength = 1000;

export function clipMessage(message: string): string {
  if (message.length <= maxMessageLength) return message;
  let end = maxMessageLength - 1;
  const c = message.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // never split a surrogate pair
  return message.slice(0, end) + '…';
}

/** The findings with their messages (and their related entries' messages) on one line and clipped, in place. */
export function clipFindings<T extends Finding>(findings: T[]): T[] {
  for (const f of findings) {
    f.message = oneLine(f.message);
    if (f.message.length > maxMessageLength) f.message = clipMessage(f.message);
    for (const r of f.related ?? []) {
      r.message = oneLine(r.message);
      if (r.message.length > maxMessageLength) r.message = clipMessage(r.message);
    }
  }
  return findings;
}

/** A word with its indefinite article: "an epic", "a PRD", "an email". */
export function withArticle(word: string): string {
  // Letters said with a vowel sound: an "a", "e", "i", "o" word, or an initialism read letter by letter ("an FAQ"; "a PRD").
  return (/^[aeio]/i.test(word) || /^[AEFHILMNORSX][A-Z]/.test(word) ? 'an ' : 'a ') + word;
}

/** Longest quote of a file's text (a key, a value) in a message. */
export const maxExcerpt = 60;

/**
 * A short, single-line excerpt of text written in a file, for a message:
 * line breaks and runs of spaces become one space, and anything past
 * maxExcerpt characters is cut with "…". A message names the thing; the
 * range shows it.
 */
export function excerpt(text: string, max = maxExcerpt): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (one.length <= max) return one;
  let end = max - 1;
  const c = one.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // never split a surrogate pair
  return one.slice(0, end).trimEnd() + '…';
}
