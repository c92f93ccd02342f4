/**
 * Tabs used as indentation. YAML allows only spaces there, and the `yaml`
 * package, meeting a tab, reads the rest of the block as something else
 * entirely (a list becomes a mapping key, a file's later lists are lost), so
 * one tab used to give a dozen findings here and unresolved links in other
 * files. Instead the file is read as if each such tab were spaces, and the
 * tab is one `yaml-syntax` finding on its line.
 *
 * How wide a tab is depends on the editor that wrote it, so the width is
 * chosen by the file: each of a few tab stops (the file's own indentation
 * step first, then 2, 4 and 8) is tried, and the one whose reading has the
 * fewest YAML errors wins. A tab is a tab stop: `  \t` at width 4 is four
 * columns, not six.
 *
 * Offsets change when a tab becomes several spaces; `toOriginal` maps an
 * offset of the expanded text back, so every range points into the real text.
 */

/** The indentation of a line, and the `- ` indicators of lists opened on it: where a tab is indentation. */
export const tabInIndent = /(?:^|\n|\r)[ \t]*(?:-[ \t]+)*\t/;

/** Whether some line of the text uses a tab as (part of) its indentation. */
export function hasTabIndent(text: string): boolean {
  return text.includes('\t') && tabInIndent.test(text);
}

/** One line whose indentation holds a tab. */
export interface TabLine {
  /** Offset (in the real text) where the line starts. */
  start: number;
  /** Offset where the indentation (with its `- ` indicators) ends. */
  end: number;
  /** Whether the line holds only a comment (YAML lets those be indented anyhow: nothing to report). */
  comment: boolean;
}

/** The lines of a text whose indentation holds a tab (blank lines left out), in order. */
export function tabLines(text: string): TabLine[] {
  const out: TabLine[] = [];
  const prefix = /[ \t]*(?:-[ \t]+)*/y;
  for (let s = 0; s < text.length;) {
    let e = s;
    while (e < text.length && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
    prefix.lastIndex = s;
    prefix.exec(text);
    const end = Math.min(prefix.lastIndex, e);
    if (end < e && text.slice(s, end).includes('\t'))
      out.push({ start: s, end, comment: text.charCodeAt(end) === 35 /* # */ });
    s = e + (text.charCodeAt(e) === 13 && text.charCodeAt(e + 1) === 10 ? 2 : 1);
  }
  return out;
}

/** A text with the tabs of some lines' indentation made spaces, and the way back to the real offsets. */
export interface Expanded {
  source: string;
  width: number;
  /** The lines expanded, each with its tabs and the spaces they became. */
  lines: { line: TabLine; tabs: number; spaces: number }[];
  /** The offset in the real text of an offset in `source`. */
  toOriginal: (offset: number) => number;
}

/** `text` with the tabs in the indentation of `lines` replaced by spaces up to the next multiple of `width`. */
export function expandTabs(text: string, lines: readonly TabLine[], width: number): Expanded {
  const parts: string[] = [];
  // Per tab: where its spaces start in the expanded text, how many there are, and its offset in the real text.
  const tabsAt: number[] = [],
    spans: number[] = [],
    origins: number[] = [];
  const done: { line: TabLine; tabs: number; spaces: number }[] = [];
  let kept = 0,
    shift = 0;
  for (const line of lines) {
    let column = 0,
      tabs = 0,
      spaces = 0;
    let indent = '';
    for (let i = line.start; i < line.end; i++) {
      if (text.charCodeAt(i) === 9) {
        const n = width - (column % width);
        tabsAt.push(line.start + shift + indent.length);
        spans.push(n);
        origins.push(i);
        indent += ' '.repeat(n);
        column += n;
        tabs++;
        spaces += n;
      } else {
        indent += text[i];
        column++;
      }
    }
    parts.push(text.slice(kept, line.start), indent);
    kept = line.end;
    shift += indent.length - (line.end - line.start);
    done.push({ line, tabs, spaces });
  }
  parts.push(text.slice(kept));
  const toOriginal = (offset: number): number => {
    // The last tab whose spaces start at or before the offset.
    let lo = 0,
      hi = tabsAt.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tabsAt[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return offset;
    const t = lo - 1;
    // Inside a tab's spaces: the tab itself (its end, once past its first column).
    if (offset < tabsAt[t] + spans[t]) return origins[t] + (offset > tabsAt[t] ? 1 : 0);
    return origins[t] + 1 + (offset - tabsAt[t] - spans[t]);
  };
  return { source: parts.join(''), width, lines: done, toOriginal };
}

/**
 * The tab widths to try, best guess first: the file's own indentation step
 * (the smallest indentation of a line indented with spaces only, as an editor
 * detecting the file's indentation would take it), then 2, 4 and 8.
 */
export function tabWidths(text: string): number[] {
  let step = 0;
  const lead = /(?:^|\n)( +)[^ \t\r\n#]/g;
  for (let m = lead.exec(text); m; m = lead.exec(text)) {
    const n = m[1].length;
    if (n <= 8 && (step === 0 || n < step)) step = n;
  }
  return [...new Set([...(step > 1 ? [step] : []), 2, 4, 8])];
}

/** The finding's message for a line whose `tabs` tabs are read as `spaces` spaces. */
export function tabMessage(tabs: number, spaces: number): string {
  const what = tabs === 1 ? 'a tab' : `${tabs} tabs`;
  return `${what} used as indentation (YAML allows only spaces there): read as ${spaces} space${spaces === 1 ? '' : 's'}`;
}
