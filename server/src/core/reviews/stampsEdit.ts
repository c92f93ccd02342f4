import type { Range } from '../types';
import type { ParsedStamps } from './stamps';

/**
 * The edit that gives a stamps file the text `text` (made by
 * `serializeStamps`, so the editor writes what `specwright review` would):
 * one edit over the whole file. Undefined where the file has a line that is
 * neither a stamp nor a conflict marker: rewriting would lose it, and that
 * line is a finding of its own to fix first (as `specwright review` refuses).
 */
export function stampsFileEdit(
  parsed: ParsedStamps,
  text: string,
): { range: Range; newText: string } | undefined {
  if (!parsed.end || parsed.problems.some(p => !p.data?.conflictMarker)) return undefined;
  return { range: { start: { line: 0, character: 0 }, end: parsed.end }, newText: text };
}
