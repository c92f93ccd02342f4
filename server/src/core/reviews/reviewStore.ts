import { reviewFindings } from '../checks/suspectLink';
import { DiagnosticCode } from '../codes';
import type { ReadonlyIndex } from '../graph/workspaceIndex';
import { internalError } from '../parse/analyzeFile';
import { checkText, decodeText } from '../parse/decode';
import type { FileIndex, Finding, Item } from '../types';
import { isUnder, joinUri } from '../workspace';
import type { ExtraContentFields } from './contentFields';
import { contentPrintOf, type ContentPrint } from './fingerprint';
import { parseStamps, reviewsFileName, StampIndex, type ParsedStamps } from './stamps';

/** A root's review stamps: as read, and by link. */
interface ReviewStamps {
  parsed: ParsedStamps;
  index: StampIndex;
}

/**
 * The review stamps of each root that has a `specwright.reviews` file, and
 * the content prints of upstream items they are compared with (cached by
 * item: a re-parsed file has new items).
 */
export class ReviewStore {
  private readonly roots = new Map<string, ReviewStamps>();
  private readonly prints = new WeakMap<
    Item,
    { extra: ExtraContentFields | undefined; print: ContentPrint }
  >();

  /** Whether any root keeps stamps (without them no finding reads an item's content). */
  get size(): number {
    return this.roots.size;
  }

  /**
   * Set (or with undefined, clear) a root's stamps from the content of its
   * `specwright.reviews`. False when there was nothing to clear.
   */
  set(rootUri: string, content: string | Uint8Array | undefined): boolean {
    if (content === undefined) return this.roots.delete(rootUri);
    const decoded =
      typeof content === 'string' ? { text: content, problem: checkText(content) } : fromBytes(content);
    const parsed: ParsedStamps =
      decoded.problem === undefined
        ? parseStamps(decoded.text)
        : {
            stamps: [],
            problems: [
              {
                code: DiagnosticCode.schema,
                range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
                message: `${reviewsFileName} is not read: ${decoded.problem}`,
              },
            ],
          };
    this.roots.set(rootUri, { parsed, index: new StampIndex(parsed.stamps) });
    return true;
  }

  /** A root's stamps as read (undefined: it has no `specwright.reviews`). */
  stamps(rootUri: string): ParsedStamps | undefined {
    return this.roots.get(rootUri)?.parsed;
  }

  /** The roots that keep stamps. */
  rootUris(): IterableIterator<string> {
    return this.roots.keys();
  }

  /** The root whose stamps apply to a file: the innermost root that keeps stamps (undefined: none). */
  rootOf(uri: string): string | undefined {
    let root: string | undefined;
    for (const r of this.roots.keys())
      if (isUnder(uri, r) && (root === undefined || r.length > root.length)) root = r;
    return root;
  }

  /** The root whose stamps file is at `uri`, if it is one. */
  rootOfStampsFile(uri: string): string | undefined {
    for (const r of this.roots.keys()) if (uri === joinUri(r, reviewsFileName)) return r;
    return undefined;
  }

  /** An item's content print under a configuration's `reviews.content`. */
  contentPrint(item: Item, extra: ExtraContentFields | undefined): ContentPrint {
    const cached = this.prints.get(item);
    if (cached && cached.extra === extra) return cached.print;
    const print = contentPrintOf(item, extra);
    this.prints.set(item, { extra, print });
    return print;
  }

  /** suspect-link and unreviewed-link of a file, where its root keeps review stamps (the innermost such root). */
  findings(
    file: FileIndex,
    index: ReadonlyIndex,
    print: (item: Item, root: string) => ContentPrint,
  ): Finding[] {
    const root = this.rootOf(file.uri);
    if (root === undefined) return [];
    const stamps = this.roots.get(root)!.index;
    const at = root;
    try {
      return reviewFindings(file.items, {
        stamps,
        definitions: id => index.definitions(id),
        print: item => print(item, at),
      });
    } catch (err) {
      return [internalError('the suspect-link check', err)];
    }
  }
}

/** Bytes of a stamps file as text, or why they cannot be read (binary, too large, not UTF-8). */
function fromBytes(bytes: Uint8Array): { text: string; problem?: string } {
  const d = decodeText(bytes);
  return d.ok ? { text: d.text, problem: checkText(d.text) } : { text: '', problem: d.reason };
}
