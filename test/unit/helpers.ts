/**
 * Shared helpers for the core's unit tests: build a SpecService from
 * in-memory files and read its diagnostics in a compact, comparable shape.
 */
import { SpecService, type FileChange } from '../../server/src/core/service';
import type { Diagnostic, Range } from '../../server/src/core/types';

/** Join lines with "\n" and end with a newline. */
export function lines(...ls: string[]): string {
  return ls.join('\n') + '\n';
}

export type FileContent = string | Uint8Array;

/** The change that sets a file to `content` (text or bytes). */
export function changeOf(uri: string, content: FileContent): FileChange {
  return typeof content === 'string' ? { uri, text: content } : { uri, bytes: content };
}

/**
 * A SpecService with every file applied in one batch. `config` maps root URIs
 * to the text of their `.specwright.yaml`.
 */
export function workspace(
  files: Record<string, FileContent>,
  config: Record<string, string> = {},
): SpecService {
  const service = new SpecService();
  for (const [root, text] of Object.entries(config)) service.setConfig(root, text);
  service.apply(Object.entries(files).map(([uri, content]) => changeOf(uri, content)));
  return service;
}

/** A range as [line, character, endLine, endCharacter]. */
export type Span = [number, number, number, number];

export function span(r: Range): Span {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

export interface Flat {
  code: string;
  severity: string;
  range: Span;
  message: string;
}

export interface FlatRelated {
  uri: string;
  range: Span;
  message: string;
}

export function flatten(d: Diagnostic): Flat {
  return { code: d.code, severity: d.severity, range: span(d.range), message: d.message };
}

/** A file's diagnostics (optionally of one code only) as {code, severity, range, message}. */
export function findings(service: SpecService, uri: string, code?: string): Flat[] {
  return diagnostics(service, uri, code).map(flatten);
}

/** A file's diagnostics (optionally of one code only), unflattened. */
export function diagnostics(service: SpecService, uri: string, code?: string): Diagnostic[] {
  return service.diagnostics(uri).filter(d => code === undefined || d.code === code);
}

/** The related information of a file's diagnostics of one code, one list per diagnostic. */
export function related(service: SpecService, uri: string, code: string): FlatRelated[][] {
  return diagnostics(service, uri, code).map(d =>
    (d.related ?? []).map(r => ({ uri: r.uri, range: span(r.range), message: r.message })),
  );
}
