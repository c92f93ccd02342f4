import type { Position, Range } from '../types';

/**
 * Offset <-> position conversion for one text. Offsets and characters are
 * UTF-16 code units, which is what JavaScript strings index and what LSP
 * counts by default, so emoji and BOMs need no special case here.
 */
export class LineMap {
  private lineStarts: number[] | undefined;
  private lastLine = 0;

  /** Cheap: the line starts are found on first use (a refused 50 MB document may never need them). */
  constructor(readonly text: string) {}

  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    if (!text.includes('\r')) {
      // The common case, found by indexOf rather than a loop over every character.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      return (this.lineStarts = starts);
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    return (this.lineStarts = starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    // Callers mostly ask in source order (reading items top to bottom): try the last line found first.
    const last = this.lastLine;
    if (starts[last] <= o && (last + 1 === starts.length || o < starts[last + 1]))
      return { line: last, character: o - starts[last] };
    let lo = 0,
      hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo, character: o - starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line];
    const next = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}
